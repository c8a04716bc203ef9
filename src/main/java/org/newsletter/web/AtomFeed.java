package org.newsletter.web;

import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.newsletter.model.Site;
import org.newsletter.render.MessageBundle;

/**
 * {@code /archive/feed.xml}: an RFC 4287 Atom feed of the sent issues, so readers can follow the
 * newsletter without subscribing by email. Every URL is absolute under the base URL (feed readers
 * resolve nothing), ids are the issues' permanent addresses, and the JDK's XML writer does the
 * escaping; characters XML 1.0 cannot carry at all are dropped first.
 */
final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final Site site;
    private final MessageBundle words;

    AtomFeed(Site site, MessageBundle words) {
        this.site = site;
        this.words = words;
    }

    /** @param now the feed's updated time when there is no entry to take it from */
    String write(List<ArchivedIssue> issues, Instant now) {
        String archive = site.baseUrl().resolve("archive/").toString();
        StringWriter out = new StringWriter();
        try {
            // A factory per feed: StAX does not promise that one may be shared between threads.
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml", javax.xml.XMLConstants.XML_NS_URI, "lang", site.language().toLanguageTag());
            element(xml, "id", archive);
            element(xml, "title", words.text("feed.title", site.organisation()));
            // RFC 4287 section 4.2.15: the last time the feed changed in a way that matters, i.e. the newest issue went out.
            element(xml, "updated", time(issues.stream().map(ArchivedIssue::firstSent).max(Instant::compareTo).orElse(now)));
            link(xml, "self", "application/atom+xml", archive + "feed.xml");
            link(xml, "alternate", "text/html", archive);
            xml.writeStartElement("author");
            element(xml, "name", site.organisation());
            xml.writeEndElement();
            for (ArchivedIssue issue : issues) {
                entry(xml, issue);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        return out.toString();
    }

    private void entry(XMLStreamWriter xml, ArchivedIssue archived) throws XMLStreamException {
        String url = site.issueUrl(archived.slug()).toString();
        xml.writeStartElement("entry");
        element(xml, "id", url);
        element(xml, "title", archived.issue().title());
        element(xml, "published", time(archived.firstSent()));
        element(xml, "updated", time(archived.firstSent()));
        // An entry without content must link to where it can be read (RFC 4287 section 4.1.2).
        link(xml, "alternate", "text/html", url);
        if (!archived.issue().preheader().isBlank()) {
            element(xml, "summary", archived.issue().preheader());
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlChars(text));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", xmlChars(href));
    }

    /** RFC 3339 date-time, as Atom requires (RFC 4287 section 3.3), to the second. */
    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Drops what XML 1.0 cannot contain even escaped (control characters, lone surrogates, U+FFFE/FFFF). */
    static String xmlChars(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(AtomFeed::allowedInXml).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
