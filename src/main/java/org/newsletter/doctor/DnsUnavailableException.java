package org.newsletter.doctor;

/**
 * No answer about a name: the server did not reply in time, could not be reached, or failed (SERVFAIL).
 * Distinct from "no such record", which is an answer: doctor reports the item as not checked instead of failed.
 */
public final class DnsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DnsUnavailableException(String message) {
        super(message);
    }
}
