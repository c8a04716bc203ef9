package org.newsletter.compose;

import org.newsletter.model.Diagnostics;

/** Warnings about how the issue will look in an inbox list: its subject and preview text. */
final class FrontMatterLint {

    /** Inbox previews show roughly this much; more is wasted, and none lets body text leak in. */
    static final int MAX_PREHEADER = 100;
    /** RFC 5322 section 2.1.1 line length; inbox lists cut longer subjects anyway. */
    static final int MAX_SUBJECT = 78;

    private FrontMatterLint() {
    }

    static void lint(FrontMatter front, Diagnostics problems) {
        String preheader = front.preheader() == null ? "" : front.preheader().strip();
        if (preheader.isEmpty()) {
            problems.warning(front.preheaderPosition(),
                    "no preheader: inboxes will show the first words of the email instead; add 'preheader:'");
        } else if (preheader.length() > MAX_PREHEADER) {
            problems.warning(front.preheaderPosition(),
                    "preheader is " + preheader.length() + " characters; inboxes show about " + MAX_PREHEADER);
        }
        String subject = front.subject() != null && !front.subject().isBlank() ? front.subject().strip()
                : front.title() == null ? "" : front.title().strip();
        if (subject.length() > MAX_SUBJECT) {
            problems.warning(front.subjectPosition(),
                    "subject is " + subject.length() + " characters; keep it under " + MAX_SUBJECT + " so it is not cut off");
        }
    }
}
