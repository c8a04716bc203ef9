package org.newsletter.cli;

/**
 * Gmail's rule for bulk senders (Email sender guidelines, 2024): keep the spam complaint rate below
 * 0.1 % and never let it reach 0.3 %, above which delivery suffers.
 */
final class GmailLimits {

    static final double KEEP_UNDER = 0.1;
    static final double NEVER = 0.3;

    private GmailLimits() {
    }

    static String verdict(long complaints, long delivered) {
        double rate = 100.0 * complaints / Math.max(1, delivered);
        if (rate >= NEVER) {
            return "at or above Gmail's 0.3 % limit: expect Gmail to send this sender's mail to spam or refuse it";
        }
        if (rate >= KEEP_UNDER) {
            return "above the 0.1 % Gmail asks senders to stay under (never 0.3 %)";
        }
        return "under Gmail's 0.1 % (never 0.3 %)";
    }
}
