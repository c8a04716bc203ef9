package org.newsletter.mail;

/**
 * The lines of a server reply as an {@link SmtpReply}: every line of a multi-line reply (RFC 5321
 * section 4.2.1), each with its code, as {@link SmtpSession} reads them; the reply becomes one code, the
 * first enhanced status code (RFC 3463), and the lines' texts joined by spaces. Nearly every reply is
 * one line, which is simply parsed.
 */
final class ServerResponse {

    private ServerResponse() {
    }

    /** The reply, or null when the lines are not one. */
    static SmtpReply toReply(String[] lines) {
        if (lines.length == 0) {
            return null;
        }
        SmtpReply first = SmtpReply.parse(lines[0]);
        if (first == null || lines.length == 1) {
            return first;
        }
        StringBuilder text = new StringBuilder(first.text());
        for (int i = 1; i < lines.length; i++) {
            SmtpReply line = SmtpReply.parse(lines[i]);
            String more = line != null ? line.text() : lines[i].strip();
            if (!more.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(more);
            }
        }
        return new SmtpReply(first.code(), first.enhancedStatus(), text.toString());
    }
}
