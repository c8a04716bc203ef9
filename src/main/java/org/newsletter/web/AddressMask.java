package org.newsletter.web;

/**
 * An address shown partly hidden ({@code j•••e@example.org}): enough for the owner to recognise it,
 * not enough to harvest from a forwarded link.
 */
final class AddressMask {

    private AddressMask() {
    }

    static String mask(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "•••";
        }
        String local = address.substring(0, at);
        int first = local.offsetByCodePoints(0, 1);
        String shown = local.codePointCount(0, local.length()) > 2
                ? local.substring(0, first) + "•••" + local.substring(local.offsetByCodePoints(local.length(), -1))
                : local.substring(0, first) + "•••";
        return shown + address.substring(at);
    }
}
