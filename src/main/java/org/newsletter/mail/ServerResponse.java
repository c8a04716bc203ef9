package org.newsletter.mail;

/**
 * The text of a server reply as an {@link SmtpReply}: every line of a multi-line reply (RFC 5321
 * section 4.2.1), each with its code, separated by newlines, as {@link SmtpSession} reads them; the
 * reply becomes one code, the first enhanced status code (RFC 3463), and the lines' texts joined by
 * spaces.
 */
final class ServerResponse {

    private ServerResponse() {
    }

    /** The reply, or null when the text is not one. */
    static SmtpReply toReply(String response) {
        if (response == null || response.isBlank()) {
            return null;
        }
        String[] lines = response.strip().split("\r?\n");
        SmtpReply first = SmtpReply.parse(lines[0]);
        if (first == null) {
            return null;
        }
        if (lines.length == 1) {
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
