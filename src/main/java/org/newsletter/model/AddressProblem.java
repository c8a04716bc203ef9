package org.newsletter.model;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * Why {@link EmailAddress} refuses an address. Each has its English wording, for staff (the command
 * line, imports, check), and a key under which reader pages find it in the message bundles
 * ({@code address.KEY} in {@code templates/messages_LANG.properties}, with the same {@code {0}},
 * {@code {1}} values), so a person on the subscribe form reads the reason in their own language.
 */
public enum AddressProblem {
    EMPTY("empty", "empty address"),
    TOO_LONG("tooLong", "address is longer than {0} characters ({1})"),
    DISPLAY_NAME("displayName", "write the bare address, without a name or <>"),
    QUOTED("quoted", "quoted local parts are not supported"),
    SEVERAL("several", "a list of addresses: give one address at a time"),
    NO_AT("noAt", "no @"),
    FULL_WIDTH_AT("fullWidthAt", "no @ (found the full-width \uFF20; type @ instead)"),
    MORE_THAN_ONE_AT("moreThanOneAt", "more than one @"),
    NOTHING_BEFORE_AT("nothingBeforeAt", "nothing before the @"),
    NOTHING_AFTER_AT("nothingAfterAt", "nothing after the @"),
    LINE_BREAK("lineBreak", "line break in address"),
    TAB("tab", "tabs are not allowed"),
    CONTROL_CHARACTER("controlCharacter", "control character {0} is not allowed"),
    INVISIBLE_CHARACTER("invisibleCharacter", "invisible character {0} is not allowed"),
    BROKEN_CHARACTER("brokenCharacter", "broken character {0} (half of a surrogate pair)"),
    SPACE("space", "spaces are not allowed"),
    NON_ASCII_LOCAL_PART("nonAsciiLocalPart", "non-ASCII local part needs SMTPUTF8, which we do not use"),
    LOCAL_PART_TOO_LONG("localPartTooLong", "local part is longer than {0} characters ({1})"),
    LOCAL_PART_CHARACTER("localPartCharacter", "character ''{0}'' is not allowed in the local part"),
    LOCAL_PART_STARTS_WITH_DOT("localPartStartsWithDot", "local part starts with a dot"),
    LOCAL_PART_ENDS_WITH_DOT("localPartEndsWithDot", "local part ends with a dot"),
    LOCAL_PART_DOTS("localPartDots", "consecutive dots in the local part"),
    ADDRESS_LITERAL("addressLiteral", "IP address literals are not accepted"),
    DOMAIN_STARTS_WITH_DOT("domainStartsWithDot", "domain starts with a dot"),
    DOMAIN_ENDS_WITH_DOT("domainEndsWithDot", "domain ends with a dot"),
    DOMAIN_DOTS("domainDots", "consecutive dots in the domain"),
    DOMAIN_NEEDS_DOT("domainNeedsDot", "domain needs a dot, e.g. example.org"),
    IP_ADDRESS("ipAddress", "IP addresses are not accepted, only domain names"),
    NUMERIC_TOP_LEVEL("numericTopLevel", "top-level domain ''{0}'' is all digits"),
    DOMAIN_TOO_LONG("domainTooLong", "domain is longer than {0} characters ({1})"),
    LABEL_CHARACTER("labelCharacter", "domain label ''{0}'' has an invalid character ''{1}''"),
    LABEL_STARTS_WITH_HYPHEN("labelStartsWithHyphen", "domain label ''{0}'' starts with a hyphen"),
    LABEL_ENDS_WITH_HYPHEN("labelEndsWithHyphen", "domain label ''{0}'' ends with a hyphen"),
    LABEL_TOO_LONG("labelTooLong", "domain label ''{0}'' is longer than {1} characters"),
    LABEL_IDN_DEVIATION("labelIdnDeviation",
            "domain label ''{0}'' contains ''{1}'', which IDN rules old and new convert differently; write the domain in its xn-- form"),
    LABEL_NOT_INTERNATIONAL("labelNotInternational", "domain label ''{0}'' is not a valid international name: {1}"),
    LABEL_DOES_NOT_CONVERT("labelDoesNotConvert", "domain label ''{0}'' does not convert to a valid name (''{1}'')");

    private final String key;
    private final String english;

    AddressProblem(String key, String english) {
        this.key = key;
        this.english = english;
    }

    /** The message bundles' key: {@code address.noAt}. */
    public String key() {
        return "address." + key;
    }

    /** The English wording with {@code values} put in (values are text: numbers are not grouped). */
    public String english(String... values) {
        return new MessageFormat(english, Locale.ROOT).format(values);
    }
}
