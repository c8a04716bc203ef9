package org.newsletter.web.preview;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The messages the outbox transport wrote, {@code .newsletter/outbox/CAMPAIGN-ISSUE/ID.eml}, read for
 * showing. Names from a request are taken only in the form the transport writes them (letters, digits,
 * {@code . _ -}, not starting with a dot) and must resolve to a regular file inside the outbox after
 * following links, so a request cannot read anything else.
 */
final class OutboxFolder {

    /** How many messages of a campaign the listing shows; a campaign can have a million. */
    static final int SHOWN = 100;
    /** How many names are read to pick the first {@link #SHOWN}: bounds the work of listing a huge folder. */
    static final int SCANNED = 20_000;
    /** Larger files are not opened: an outbox message is tens of kilobytes. */
    static final long MAX_MESSAGE_BYTES = 20L * 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}");

    private final Path root;

    OutboxFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One campaign's folder: its name, how many messages it holds (at least; see {@code more}), and the first few. */
    record Campaign(String folder, int count, boolean more, List<Entry> shown) {
    }

    /** One message in a listing. */
    record Entry(String file, String to, String subject) {
    }

    /** A message opened for reading: the header as written, and its decoded text and HTML parts (null when absent). */
    record Message(String folder, String file, String headers, String text, String html) {
    }

    /** Every campaign folder, most recently written first. */
    List<Campaign> campaigns() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> children = Files.list(root)) {
            folders = new ArrayList<>(children.filter(Files::isDirectory).filter(p -> NAME.matcher(p.getFileName().toString()).matches()).toList());
        }
        folders.sort(Comparator.comparing(OutboxFolder::modified).reversed());
        List<Campaign> campaigns = new ArrayList<>();
        for (Path folder : folders) {
            campaigns.add(campaign(folder));
        }
        return campaigns;
    }

    private Campaign campaign(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.eml")) {
            for (Path file : files) {
                if (count++ < SCANNED) {
                    names.add(file.getFileName().toString());
                } else {
                    break;
                }
            }
        }
        Collections.sort(names);
        List<Entry> shown = new ArrayList<>();
        for (String name : names.subList(0, Math.min(SHOWN, names.size()))) {
            shown.add(entry(folder.resolve(name)));
        }
        return new Campaign(folder.getFileName().toString(), Math.min(count, SCANNED), count > SCANNED, shown);
    }

    /** To and Subject, from the header alone: a listing does not read whole messages. */
    private static Entry entry(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            InternetHeaders headers = new InternetHeaders(in);
            return new Entry(file.getFileName().toString(), decoded(headers.getHeader("To", ", ")), decoded(headers.getHeader("Subject", " ")));
        } catch (MessagingException e) {
            return new Entry(file.getFileName().toString(), "", "(unreadable header: " + e.getMessage() + ")");
        }
    }

    /** The message {@code folder}/{@code file}, or empty when the names are not ones the outbox writes or there is no such file. */
    Optional<Message> read(String folder, String file) throws IOException {
        Optional<Path> path = resolve(folder, file);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (Files.size(path.get()) > MAX_MESSAGE_BYTES) {
            return Optional.of(new Message(folder, file, "(not shown: larger than " + MAX_MESSAGE_BYTES / (1024 * 1024) + " MB)", null, null));
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path.get()))) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            String headers = String.join("\n", Collections.list(message.getAllHeaderLines())).replace("\r\n", "\n");
            String[] parts = new String[2];
            collectParts(message, parts);
            return Optional.of(new Message(folder, file, headers, parts[0], parts[1]));
        } catch (MessagingException e) {
            return Optional.of(new Message(folder, file, "(cannot read this message: " + e.getMessage() + ")", null, null));
        }
    }

    Optional<Path> resolve(String folder, String file) throws IOException {
        if (!NAME.matcher(folder).matches() || !NAME.matcher(file).matches() || !file.endsWith(".eml")) {
            return Optional.empty();
        }
        Path path = root.resolve(folder).resolve(file).normalize();
        if (!path.startsWith(root) || !Files.isRegularFile(path)) {
            return Optional.empty();
        }
        // A symbolic link inside the outbox must not lead out of it.
        return path.toRealPath().startsWith(root.toRealPath()) ? Optional.of(path) : Optional.empty();
    }

    /** The first text/plain and text/html parts that are not attachments, into {@code parts[0]} and {@code parts[1]}. */
    private static void collectParts(Part part, String[] parts) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectParts(multipart.getBodyPart(i), parts);
            }
        } else if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = text(part);
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = text(part);
        }
    }

    /** A text part's content; Jakarta Mail gives a stream instead of a string when it does not know the charset. */
    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String string ? string : "(not shown: unknown character set in " + part.getContentType() + ")";
    }

    private static String decoded(String header) {
        if (header == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(header));
        } catch (UnsupportedEncodingException e) {
            return header; // an unknown charset: show the encoded words as they are
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + path, e);
        }
    }
}
