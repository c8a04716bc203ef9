package org.newsletter.issue;

/**
 * The mail clients {@code check} holds an email to: most readers use one of them. Each is a family
 * and a platform as caniemail names them.
 */
enum MailClient {
    GMAIL_WEB("gmail", "desktop-webmail", "Gmail (web)"),
    GMAIL_ANDROID("gmail", "android", "Gmail (Android)"),
    GMAIL_IOS("gmail", "ios", "Gmail (iOS)"),
    OUTLOOK_WINDOWS("outlook", "windows", "Outlook (Windows)"),
    OUTLOOK_MACOS("outlook", "macos", "Outlook (macOS)"),
    OUTLOOK_WEB("outlook", "outlook-com", "Outlook (web)"),
    APPLE_MAIL_MACOS("apple-mail", "macos", "Apple Mail (macOS)"),
    APPLE_MAIL_IOS("apple-mail", "ios", "Apple Mail (iOS)"),
    YAHOO_WEB("yahoo", "desktop-webmail", "Yahoo (web)");

    private final String family;
    private final String platform;
    private final String label;

    MailClient(String family, String platform, String label) {
        this.family = family;
        this.platform = platform;
        this.label = label;
    }

    String family() {
        return family;
    }

    String platform() {
        return platform;
    }

    String label() {
        return label;
    }
}
