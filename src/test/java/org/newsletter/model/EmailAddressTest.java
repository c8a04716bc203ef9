package org.newsletter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Practical RFC 5321/5322: what real providers accept and our ASCII-only SMTP path can deliver to. */
class EmailAddressTest {

    private static final String LOCAL_64 = "a".repeat(64);
    /** 63 + 1 + 63 + 1 + 57 + 4 = 189 characters: with a 64-character local part and the @, exactly 254. */
    private static final String DOMAIN_189 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".org";

    static Stream<Arguments> valid() {
        return Stream.of(
                valid("plain", "john@example.org", "john@example.org"),
                valid("plus addressing", "john+news@example.org", "john+news@example.org"),
                valid("plus with tag and dots", "john.smith+tag.2024@example.org", "john.smith+tag.2024@example.org"),
                valid("gmail-style dots", "j.o.h.n@gmail.com", "j.o.h.n@gmail.com"),
                valid("dot-separated names", "first.middle.last@example.org", "first.middle.last@example.org"),
                valid("single character local part", "a@example.org", "a@example.org"),
                valid("single character labels", "a@b.co", "a@b.co"),
                valid("digits only local part", "12345@example.org", "12345@example.org"),
                valid("digits in domain", "x@123.example.org", "x@123.example.org"),
                valid("digits around the tld", "x@mail2.example4.org", "x@mail2.example4.org"),
                valid("subdomain", "x@mail.example.co.uk", "x@mail.example.co.uk"),
                valid("deep subdomains", "x@a.b.c.d.e.example.org", "x@a.b.c.d.e.example.org"),
                valid("hyphen in domain", "x@my-company.example.org", "x@my-company.example.org"),
                valid("double hyphen inside a label", "x@a--b.example.org", "x@a--b.example.org"),
                valid("hyphen in local part", "first-last@example.org", "first-last@example.org"),
                valid("underscore in local part", "first_last@example.org", "first_last@example.org"),
                valid("local part starting with a hyphen", "-x@example.org", "-x@example.org"),
                valid("uppercase domain is lower-cased", "john@EXAMPLE.ORG", "john@example.org"),
                valid("mixed-case domain is lower-cased", "john@Mail.Example.Org", "john@mail.example.org"),
                valid("local part case is kept", "John.Smith@Example.org", "John.Smith@example.org"),
                valid("all upper case", "JOHN@EXAMPLE.ORG", "JOHN@example.org"),
                valid("surrounding spaces trimmed", "  john@example.org  ", "john@example.org"),
                valid("surrounding tab and CRLF trimmed", "\tjohn@example.org\r\n", "john@example.org"),
                valid("surrounding no-break space and BOM trimmed", "\uFEFF\u00A0john@example.org\u00A0", "john@example.org"),
                valid("every atext special", "!#$%&'*+/=?^_`{|}~-@example.org", "!#$%&'*+/=?^_`{|}~-@example.org"),
                valid("apostrophe", "o'brien@example.ie", "o'brien@example.ie"),
                valid("exclamation", "wow!@example.org", "wow!@example.org"),
                valid("hash", "#channel@example.org", "#channel@example.org"),
                valid("dollar and percent", "$100%@example.org", "$100%@example.org"),
                valid("ampersand", "tom&jerry@example.org", "tom&jerry@example.org"),
                valid("slash and equals", "a/b=c@example.org", "a/b=c@example.org"),
                valid("question mark and caret", "what?^@example.org", "what?^@example.org"),
                valid("backtick and braces", "`{x}`@example.org", "`{x}`@example.org"),
                valid("pipe and tilde", "a|b~c@example.org", "a|b~c@example.org"),
                valid("star", "*@example.org", "*@example.org"),
                valid("local part of exactly 64", LOCAL_64 + "@example.org", LOCAL_64 + "@example.org"),
                valid("label of exactly 63", "x@" + "d".repeat(63) + ".org", "x@" + "d".repeat(63) + ".org"),
                valid("address of exactly 254", LOCAL_64 + "@" + DOMAIN_189, LOCAL_64 + "@" + DOMAIN_189),
                valid("long tld", "x@example.photography", "x@example.photography"),
                valid("tld with a digit", "x@example.a1", "x@example.a1"),
                valid("punycode tld as written", "x@example.xn--p1ai", "x@example.xn--p1ai"),
                valid("IDN domain", "info@bücher.example", "info@xn--bcher-kva.example"),
                valid("IDN upper case", "info@BÜCHER.example", "info@xn--bcher-kva.example"),
                valid("IDN Japanese", "info@例え.jp", "info@xn--r8jz45g.jp"),
                valid("IDN with ideographic full stop", "info@例え\u3002jp", "info@xn--r8jz45g.jp"),
                valid("IDN Cyrillic tld", "info@пример.рф", "info@xn--e1afmkfd.xn--p1ai"),
                valid("IDN Greek", "info@παράδειγμα.δοκιμή", "info@xn--hxajbheg2az3al.xn--jxalpdlp"),
                valid("IDN subdomain", "x@mail.münchen.de", "x@mail.xn--mnchen-3ya.de"),
                valid("IDN already punycode", "info@xn--bcher-kva.example", "info@xn--bcher-kva.example"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                invalid("empty string", "", "empty address"),
                invalid("only spaces", "   ", "empty address"),
                invalid("no @", "john.example.org", "no @"),
                invalid("full-width @", "john\uFF20example.org", "no @ (found the full-width"),
                invalid("two @", "john@doe@example.org", "more than one @"),
                invalid("two @ in a row", "john@@example.org", "more than one @"),
                invalid("nothing before the @", "@example.org", "nothing before the @"),
                invalid("nothing after the @", "john@", "nothing after the @"),
                invalid("only @", "@", "nothing before the @"),
                invalid("space in local part", "john doe@example.org", "spaces are not allowed"),
                invalid("space in domain", "john@exa mple.org", "spaces are not allowed"),
                invalid("space around @", "john @ example.org", "spaces are not allowed"),
                invalid("no-break space inside", "john\u00A0doe@example.org", "spaces are not allowed"),
                invalid("tab inside", "john\tdoe@example.org", "tabs are not allowed"),
                invalid("CR inside", "john@example.org\rBcc: x@evil.example", "line break in address"),
                invalid("LF inside", "john@example.org\nBcc: x@evil.example", "line break in address"),
                invalid("CRLF in local part", "jo\r\nhn@example.org", "line break in address"),
                invalid("NUL", "john\0@example.org", "control character U+0000"),
                invalid("escape", "john\u001B@example.org", "control character U+001B"),
                invalid("DEL", "john\u007F@example.org", "control character U+007F"),
                invalid("zero-width space", "jo\u200Bhn@example.org", "invisible character U+200B"),
                invalid("soft hyphen in domain", "john@exam\u00ADple.org", "invisible character U+00AD"),
                invalid("consecutive dots", "john..doe@example.org", "consecutive dots in the local part"),
                invalid("leading dot", ".john@example.org", "local part starts with a dot"),
                invalid("trailing dot in local part", "john.@example.org", "local part ends with a dot"),
                invalid("only a dot", ".@example.org", "local part starts with a dot"),
                invalid("parenthesis (comment)", "john(work)@example.org", "character '(' is not allowed in the local part"),
                invalid("comma in local part", "a,b@example.org", "character ',' is not allowed in the local part"),
                invalid("colon in local part", "a:b@example.org", "character ':' is not allowed in the local part"),
                invalid("backslash", "a\\b@example.org", "character '\\' is not allowed in the local part"),
                invalid("square bracket in local part", "a[b]@example.org", "character '[' is not allowed in the local part"),
                invalid("local part of 65", "a".repeat(65) + "@example.org", "local part is longer than 64 characters (65)"),
                invalid("quoted local part", "\"john doe\"@example.org", "quoted local parts are not supported"),
                invalid("quoted local part with @", "\"john@home\"@example.org", "quoted local parts are not supported"),
                invalid("partly quoted local part", "john.\"doe\"@example.org", "quoted local parts are not supported"),
                invalid("non-ASCII local part", "josé@example.org", "non-ASCII local part needs SMTPUTF8, which we do not use"),
                invalid("non-ASCII local part (Chinese)", "用户@例子.广告", "needs SMTPUTF8"),
                invalid("comma-separated pair", "a@example.org,b@example.org", "a list of addresses"),
                invalid("comma-separated pair with space", "a@example.org, b@example.org", "a list of addresses"),
                invalid("semicolon-separated pair", "a@example.org;b@example.org", "a list of addresses"),
                invalid("space-separated pair", "a@example.org b@example.org", "spaces are not allowed"),
                invalid("name and angle brackets", "John Doe <john@example.org>", "write the bare address, without a name or <>"),
                invalid("quoted name and angle brackets", "\"Doe, John\" <john@example.org>", "without a name or <>"),
                invalid("angle brackets only", "<john@example.org>", "without a name or <>"),
                invalid("single label domain", "john@localhost", "domain needs a dot, e.g. example.org"),
                invalid("bare tld", "john@example", "domain needs a dot"),
                invalid("trailing dot in domain", "john@example.org.", "domain ends with a dot"),
                invalid("leading dot in domain", "john@.example.org", "domain starts with a dot"),
                invalid("empty label", "john@example..org", "consecutive dots in the domain"),
                invalid("empty label via ideographic dot", "john@example\u3002.org", "consecutive dots in the domain"),
                invalid("label starting with a hyphen", "john@-example.org", "domain label '-example' starts with a hyphen"),
                invalid("label ending with a hyphen", "john@example-.org", "domain label 'example-' ends with a hyphen"),
                invalid("tld ending with a hyphen", "john@example.org-", "domain label 'org-' ends with a hyphen"),
                invalid("IDN label starting with a hyphen", "john@-bücher.example", "starts with a hyphen"),
                invalid("underscore in domain", "john@a_b.example.org", "domain label 'a_b' has an invalid character '_'"),
                invalid("plus in domain", "john@a+b.org", "domain label 'a+b' has an invalid character '+'"),
                invalid("comma instead of dot", "john@example,org", "domain label 'example,org' has an invalid character ','"),
                invalid("label of 64", "john@" + "d".repeat(64) + ".org", "is longer than 63 characters"),
                invalid("IDN label too long", "john@" + "ü".repeat(64) + ".org", "not a valid international name"),
                invalid("address of 255", LOCAL_64 + "@" + DOMAIN_189.replace(".org", "c.org"), "address is longer than 254 characters (255)"),
                invalid("numeric tld", "john@example.123", "top-level domain '123' is all digits"),
                invalid("IP address without brackets", "john@192.0.2.1", "IP addresses are not accepted"),
                invalid("IP literal", "john@[192.0.2.1]", "IP address literals are not accepted"),
                invalid("IPv6 literal", "john@[IPv6:2001:db8::1]", "IP address literals are not accepted"),
                invalid("emoji domain (unassigned in IDNA 2003)", "john@\uD83D\uDE00.example", "not a valid international name"),
                invalid("sharp s in domain", "john@faß.de", "write the domain in its xn-- form"),
                invalid("URL instead of address", "mailto:john@example.org", "character ':' is not allowed in the local part"),
                invalid("domain with a path", "john@example.org/x", "domain label 'org/x' has an invalid character '/'"),
                invalid("domain with a port", "john@example.org:25", "has an invalid character ':'"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsAndNormalises(String raw, String expected) {
        EmailAddress address = EmailAddress.parse(raw);
        assertThat(address.toString()).isEqualTo(expected);
        assertThat(address.localPart() + "@" + address.domain()).isEqualTo(expected);
        assertThat(EmailAddress.parse(address.toString())).as("normalised form parses to itself").isEqualTo(address);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithAReason(String raw, String reason) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOf(InvalidAddressException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void nullIsAnEmptyAddress() {
        assertThatThrownBy(() -> EmailAddress.parse(null))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessage("empty address");
    }

    @Test
    void keyLowerCasesTheWholeAddressWhileToStringKeepsTheLocalPart() {
        EmailAddress address = EmailAddress.parse("John.Smith+News@Example.ORG");
        assertThat(address.toString()).isEqualTo("John.Smith+News@example.org");
        assertThat(address.key()).isEqualTo("john.smith+news@example.org");
        assertThat(address.localPart()).isEqualTo("John.Smith+News");
        assertThat(address.domain()).isEqualTo("example.org");
    }

    @Test
    void keyIsLocaleIndependent() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertThat(EmailAddress.parse("INFO@EXAMPLE.ORG").key()).isEqualTo("info@example.org");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void equalityIsByTheRecordComponents() {
        EmailAddress a = EmailAddress.parse("john@EXAMPLE.org");
        EmailAddress b = EmailAddress.parse(" john@example.ORG ");
        EmailAddress c = EmailAddress.parse("John@example.org");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isEqualTo(new EmailAddress("john", "example.org"));
        assertThat(a).as("local part case differs").isNotEqualTo(c);
        assertThat(a.key()).isEqualTo(c.key());
    }

    @Test
    void theConstructorValidatesAndNormalisesToo() {
        assertThat(new EmailAddress("Info", "BÜCHER.example")).isEqualTo(EmailAddress.parse("Info@xn--bcher-kva.example"));
        assertThatThrownBy(() -> new EmailAddress("john doe", "example.org")).hasMessage("spaces are not allowed");
        assertThatThrownBy(() -> new EmailAddress("john", "localhost")).hasMessageContaining("domain needs a dot");
        assertThatThrownBy(() -> new EmailAddress("a@b", "example.org"))
                .isInstanceOf(InvalidAddressException.class).hasMessageContaining("'@'");
        assertThatThrownBy(() -> new EmailAddress("", "example.org")).hasMessage("nothing before the @");
        assertThatThrownBy(() -> new EmailAddress("john", "example.org\r\nBcc: x@y.z")).hasMessage("line break in address");
    }

    @Test
    void theReasonIsTheMessage() {
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> EmailAddress.parse("john"));
        assertThat(e.reason()).isEqualTo("no @").isEqualTo(e.getMessage());
    }

    @Test
    void theTableIsWide() {
        assertThat(valid().count()).isGreaterThanOrEqualTo(40);
        assertThat(invalid().count()).isGreaterThanOrEqualTo(40);
    }

    private static Arguments valid(String name, String raw, String expected) {
        return argumentSet(name + ": " + visible(raw), raw, expected);
    }

    private static Arguments invalid(String name, String raw, String reason) {
        return argumentSet(name + ": " + visible(raw), raw, reason);
    }

    /** Test names stay on one line and show the characters that matter. */
    private static String visible(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F || Character.getType(c) == Character.FORMAT || c == 0xA0) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        String shown = out.toString();
        return shown.length() > 60 ? shown.substring(0, 40) + "…(" + s.length() + ")" : shown;
    }
}
