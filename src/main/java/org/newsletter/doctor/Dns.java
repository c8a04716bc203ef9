package org.newsletter.doctor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS look-ups doctor makes, through dnsjava: the system's resolvers, or the one server that
 * {@value #SERVER_VARIABLE}{@code =HOST:PORT} names (tests, split-horizon networks). Every query has a
 * timeout, and answers (negative ones too, RFC 2308) are kept for the run, so the SPF walk and the
 * other checks ask for each name once.
 *
 * <p>"No such name" and "no record of that type" are answers and give an empty list; a server that
 * does not answer or fails gives a {@link DnsUnavailableException}.
 */
public final class Dns {

    public static final String SERVER_VARIABLE = "NEWSLETTER_DNS";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);
    private final String describe;

    private Dns(Resolver resolver, String describe) {
        this.resolver = resolver;
        this.describe = describe;
    }

    /** The server in {@value #SERVER_VARIABLE} when set, else the system's resolvers. */
    public static Dns fromEnvironment(Map<String, String> environment, Duration timeout) {
        String server = environment.get(SERVER_VARIABLE);
        if (server == null || server.isBlank()) {
            ExtendedResolver resolver = new ExtendedResolver();
            resolver.setTimeout(timeout);
            resolver.setRetries(1);
            return new Dns(resolver, "the system's DNS resolvers");
        }
        return at(server.strip(), timeout);
    }

    /** One server, {@code HOST:PORT} (an IPv6 address in brackets: {@code [::1]:53}). */
    public static Dns at(String hostAndPort, Duration timeout) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || !hostAndPort.substring(colon + 1).matches("\\d{1,5}")
                || Integer.parseInt(hostAndPort.substring(colon + 1)) < 1 || Integer.parseInt(hostAndPort.substring(colon + 1)) > 65535) {
            throw new IllegalArgumentException(SERVER_VARIABLE + "=" + hostAndPort + " must be HOST:PORT, e.g. 127.0.0.1:53");
        }
        String host = hostAndPort.substring(0, colon).replace("[", "").replace("]", "");
        try {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host),
                    Integer.parseInt(hostAndPort.substring(colon + 1))));
            resolver.setTimeout(timeout);
            return new Dns(resolver, hostAndPort + " (" + SERVER_VARIABLE + ")");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(SERVER_VARIABLE + "=" + hostAndPort + ": unknown host " + host, e);
        }
    }

    /** Which servers answer, for messages. */
    public String describe() {
        return describe;
    }

    /** Each TXT record at {@code name}, its strings joined as RFC 7208 section 3.3 and RFC 6376 section 3.6.2.2 say. */
    public List<String> txt(String name) {
        List<String> texts = new ArrayList<>();
        for (Record record : lookup(name, Type.TXT)) {
            if (record instanceof TXTRecord txt) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        return texts;
    }

    /** The A and AAAA addresses of {@code name}. */
    public List<InetAddress> addresses(String name) {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record record : lookup(name, Type.A)) {
            if (record instanceof ARecord a) {
                addresses.add(a.getAddress());
            }
        }
        for (Record record : lookup(name, Type.AAAA)) {
            if (record instanceof AAAARecord aaaa) {
                addresses.add(aaaa.getAddress());
            }
        }
        return addresses;
    }

    /** A mail exchanger: its preference and host name (without the final dot; "" for a null MX, RFC 7505). */
    public record MailExchanger(int preference, String host) {
    }

    /** The MX records of {@code name}, most preferred first. */
    public List<MailExchanger> mx(String name) {
        List<MailExchanger> exchangers = new ArrayList<>();
        for (Record record : lookup(name, Type.MX)) {
            if (record instanceof MXRecord mx) {
                exchangers.add(new MailExchanger(mx.getPriority(), plain(mx.getTarget())));
            }
        }
        exchangers.sort(Comparator.comparingInt(MailExchanger::preference));
        return exchangers;
    }

    /** The names in the PTR records of {@code address} (RFC 1035 section 3.5, RFC 3596 section 2.5). */
    public List<String> ptr(InetAddress address) {
        List<String> names = new ArrayList<>();
        for (Record record : lookup(ReverseMap.fromAddress(address), Type.PTR)) {
            if (record instanceof PTRRecord ptr) {
                names.add(plain(ptr.getTarget()));
            }
        }
        return names;
    }

    private List<Record> lookup(String name, int type) {
        try {
            return lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a DNS name: " + e.getMessage(), e);
        }
    }

    private List<Record> lookup(Name name, int type) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> records == null ? List.of() : List.of(records);
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> List.of();
            default -> throw new DnsUnavailableException("no answer from " + describe + " for " + Type.string(type) + " " + plain(name)
                    + " (" + lookup.getErrorString() + ")");
        };
    }

    private static String plain(Name name) {
        String text = name.toString(true);
        return text.equals(".") ? "" : text;
    }
}
