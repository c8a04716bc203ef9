package org.newsletter.web;

/**
 * Something a server runs beside its pages (the scheduler, retries, the bounce watch), as {@code /healthz}
 * reports it. The server owns this interface so that whoever runs the work need not be known here.
 */
public interface BackgroundWork {

    /** A short name, e.g. "scheduler". */
    String name();

    /** How it stands now. */
    Health health();

    /** @param detail one line: when it last ran, or what went wrong */
    record Health(boolean ok, String detail) {
    }
}
