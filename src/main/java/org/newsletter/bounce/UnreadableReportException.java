package org.newsletter.bounce;

/** A message in the bounce mailbox that cannot be parsed as MIME at all; it is left where it is and listed. */
final class UnreadableReportException extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
