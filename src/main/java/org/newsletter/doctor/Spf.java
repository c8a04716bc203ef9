package org.newsletter.doctor;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SPF (RFC 7208) as doctor needs it: the one {@code v=spf1} record of a domain, how many DNS-querying
 * terms its evaluation can take (section 4.6.4 allows 10: {@code include}, {@code a}, {@code mx},
 * {@code ptr}, {@code exists}, {@code redirect}, counted through every include), and {@code check_host()}
 * for an address (section 4). Macros (section 7) are expanded for the common letters only; a record
 * that needs more is reported as not evaluated.
 */
final class Spf {

    static final int LOOKUP_LIMIT = 10;

    /** What {@code check_host()} gives (RFC 7208 section 2.6). */
    enum Result { PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The result and why. */
    record Outcome(Result result, String why) {
    }

    private final Dns dns;

    Spf(Dns dns) {
        this.dns = dns;
    }

    /** The {@code v=spf1} records at {@code domain} (there should be exactly one, section 4.5). */
    List<String> records(String domain) {
        List<String> records = new ArrayList<>();
        for (String text : dns.txt(domain)) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("v=spf1") || lower.startsWith("v=spf1 ")) {
                records.add(text);
            }
        }
        return records;
    }

    /**
     * The DNS-querying terms of {@code domain}'s record and everything it includes or redirects to,
     * whether or not an evaluation would reach them: a receiver testing another address may.
     */
    int lookups(String domain) {
        return lookups(domain, 0);
    }

    private int lookups(String domain, int depth) {
        List<String> records = records(domain);
        if (records.size() != 1 || depth > LOOKUP_LIMIT) {
            return 0;
        }
        int count = 0;
        for (String term : terms(records.get(0))) {
            String name = mechanism(term);
            String argument = argument(term);
            switch (name) {
                case "a", "mx", "ptr", "exists" -> count++;
                case "include", "redirect" -> {
                    count++;
                    if (argument != null && !argument.contains("%")) {
                        count += lookups(argument, depth + 1);
                    }
                }
                default -> {
                    // ip4, ip6, all and unknown modifiers ask nothing
                }
            }
            if (count > LOOKUP_LIMIT) {
                return count;
            }
        }
        return count;
    }

    /** {@code check_host(ip, domain, sender)} of RFC 7208 section 4. */
    Outcome check(InetAddress ip, String domain, String sender) {
        return check(ip, domain, sender, new int[1]);
    }

    private Outcome check(InetAddress ip, String domain, String sender, int[] lookups) {
        List<String> records = records(domain);
        if (records.isEmpty()) {
            return new Outcome(Result.NONE, "no SPF record at " + domain);
        }
        if (records.size() > 1) {
            return new Outcome(Result.PERMERROR, records.size() + " SPF records at " + domain);
        }
        String redirect = null;
        for (String term : terms(records.get(0))) {
            String name = mechanism(term);
            if (term.contains("=") && !term.contains(":")) {
                if (name.equals("redirect")) {
                    redirect = argument(term);
                }
                continue;
            }
            char qualifier = "+-~?".indexOf(term.charAt(0)) >= 0 ? term.charAt(0) : '+';
            String argument = argument(term);
            if (argument != null && argument.contains("%")) {
                argument = expand(argument, ip, domain, sender);
                if (argument == null) {
                    return new Outcome(Result.TEMPERROR, "the record at " + domain + " uses macros doctor does not evaluate: " + term);
                }
            }
            Boolean matched = switch (name) {
                case "all" -> true;
                case "ip4", "ip6" -> argument != null && inRange(ip, argument);
                case "a" -> counted(lookups) && anyInRange(ip, dns.addresses(host(argument, domain)), cidr(term));
                case "mx" -> counted(lookups) && mxMatches(ip, host(argument, domain), cidr(term));
                case "exists" -> counted(lookups) && argument != null && !dns.addresses(argument).isEmpty();
                case "ptr" -> counted(lookups) && ptrMatches(ip, argument == null ? domain : argument);
                case "include" -> {
                    counted(lookups);
                    Outcome inner = argument == null ? new Outcome(Result.PERMERROR, "include without a domain")
                            : check(ip, argument, sender, lookups);
                    yield switch (inner.result()) {
                        case PASS -> true;
                        case FAIL, SOFTFAIL, NEUTRAL -> false;
                        default -> null;
                    };
                }
                default -> null;
            };
            if (lookups[0] > LOOKUP_LIMIT) {
                return new Outcome(Result.PERMERROR, "more than " + LOOKUP_LIMIT + " DNS-querying terms");
            }
            if (matched == null) {
                return new Outcome(Result.PERMERROR, "cannot evaluate \"" + term + "\" in the record at " + domain);
            }
            if (matched) {
                return new Outcome(switch (qualifier) {
                    case '-' -> Result.FAIL;
                    case '~' -> Result.SOFTFAIL;
                    case '?' -> Result.NEUTRAL;
                    default -> Result.PASS;
                }, "\"" + term + "\" at " + domain + " matches " + ip.getHostAddress());
            }
        }
        if (redirect != null) {
            counted(lookups);
            Outcome target = check(ip, redirect, sender, lookups);
            return target.result() == Result.NONE ? new Outcome(Result.PERMERROR, "redirect to " + redirect + ", which has no SPF record") : target;
        }
        return new Outcome(Result.NEUTRAL, "nothing in the record at " + domain + " matches " + ip.getHostAddress());
    }

    private static boolean counted(int[] lookups) {
        lookups[0]++;
        return true;
    }

    private boolean mxMatches(InetAddress ip, String domain, int[] cidr) {
        for (Dns.MailExchanger mx : dns.mx(domain)) {
            if (!mx.host().isEmpty() && anyInRange(ip, dns.addresses(mx.host()), cidr)) {
                return true;
            }
        }
        return false;
    }

    /** The deprecated {@code ptr} mechanism (section 5.5): a validated reverse name at or under {@code domain}. */
    private boolean ptrMatches(InetAddress ip, String domain) {
        for (String name : dns.ptr(ip)) {
            String lower = name.toLowerCase(Locale.ROOT);
            String target = domain.toLowerCase(Locale.ROOT);
            if ((lower.equals(target) || lower.endsWith("." + target)) && dns.addresses(name).contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> terms(String record) {
        List<String> terms = new ArrayList<>();
        String[] words = record.strip().split("\\s+");
        for (int i = 1; i < words.length; i++) {
            terms.add(words[i]);
        }
        return terms;
    }

    /** The mechanism's or modifier's name, lower case, without qualifier, argument or prefix length. */
    private static String mechanism(String term) {
        String t = "+-~?".indexOf(term.charAt(0)) >= 0 ? term.substring(1) : term;
        int end = t.length();
        for (char c : new char[] {':', '=', '/'}) {
            int i = t.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return t.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** What follows {@code :} or {@code =}, without the prefix lengths of a and mx; null when nothing does. */
    private static String argument(String term) {
        int colon = term.indexOf(':');
        int equals = term.indexOf('=');
        int start = colon >= 0 && (equals < 0 || colon < equals) ? colon : equals;
        if (start < 0) {
            return null;
        }
        String argument = term.substring(start + 1);
        String name = mechanism(term);
        if ((name.equals("a") || name.equals("mx")) && argument.indexOf('/') >= 0) {
            argument = argument.substring(0, argument.indexOf('/'));
        }
        return argument.isEmpty() ? null : argument;
    }

    private static String host(String argument, String domain) {
        return argument == null ? domain : argument;
    }

    /** The ip4 and ip6 prefix lengths of an a or mx term ({@code a/24//64}); 32 and 128 when absent. */
    private static int[] cidr(String term) {
        int slash = term.indexOf('/');
        if (slash < 0) {
            return new int[] {32, 128};
        }
        String spec = term.substring(slash + 1);
        try {
            if (spec.startsWith("/")) {
                return new int[] {32, Integer.parseInt(spec.substring(1))};
            }
            String[] parts = spec.split("//", -1);
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 128};
        } catch (NumberFormatException e) {
            return new int[] {-1, -1};
        }
    }

    private static boolean anyInRange(InetAddress ip, List<InetAddress> addresses, int[] cidr) {
        for (InetAddress address : addresses) {
            int bits = address instanceof Inet4Address ? cidr[0] : cidr[1];
            if (bits >= 0 && sameNetwork(ip, address, bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(InetAddress ip, String range) {
        int slash = range.indexOf('/');
        try {
            InetAddress network = InetAddress.getByName(slash < 0 ? range : range.substring(0, slash));
            int bits = slash < 0 ? network.getAddress().length * 8 : Integer.parseInt(range.substring(slash + 1));
            return sameNetwork(ip, network, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean sameNetwork(InetAddress a, InetAddress b, int bits) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return false;
        }
        int shift = x.length * 8 - Math.min(bits, x.length * 8);
        return new BigInteger(1, x).shiftRight(shift).equals(new BigInteger(1, y).shiftRight(shift));
    }

    /** Section 7 macros with the common letters and no transformers; null for anything else. */
    private static String expand(String text, InetAddress ip, String domain, String sender) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                return null;
            }
            char next = text.charAt(++i);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = text.indexOf('}', i);
                    if (close != i + 2) {
                        return null;
                    }
                    char letter = Character.toLowerCase(text.charAt(i + 1));
                    String value = switch (letter) {
                        case 'd' -> domain;
                        case 'i' -> ip.getHostAddress();
                        case 's' -> sender;
                        case 'l' -> sender.substring(0, sender.lastIndexOf('@'));
                        case 'o', 'h' -> sender.substring(sender.lastIndexOf('@') + 1);
                        default -> null;
                    };
                    if (value == null) {
                        return null;
                    }
                    out.append(value);
                    i = close;
                }
                default -> {
                    return null;
                }
            }
        }
        return out.toString();
    }
}
