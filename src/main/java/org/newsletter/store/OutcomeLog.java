package org.newsletter.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.newsletter.model.DeliveryState;

/**
 * A sender's outcomes written ahead of the database (SQLite only): an append-only file beside the
 * sender's lock, {@code newsletter.db.senders/ID.outcomes}. A sender thread appends each message's
 * outcome the moment the server has answered, before its connection carries another message; the run's
 * thread then writes outcomes to the database in large batches. A process killed between the two
 * leaves the file, and the next run of any campaign reads it back before it queues that sender's
 * in-doubt rows again: a message the server accepted is never sent twice because its outcome had not
 * reached the database yet.
 *
 * <p>The file is written without fsync, which is what the database itself does (WAL with
 * {@code synchronous=NORMAL}): both survive the process being killed, neither a power cut.
 *
 * <p>Each record is {@code length, payload, CRC-32 of the payload}; reading stops at the first record
 * that is cut short or does not match its checksum (the write a kill interrupted).
 */
final class OutcomeLog implements AutoCloseable {

    private static final String SUFFIX = ".outcomes";
    /** Far above any real record (a reply is a few hundred bytes); a larger length means a damaged file. */
    private static final int MAX_RECORD = 1 << 20;

    private final Path file;
    private final FileChannel channel;

    private OutcomeLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates (or empties) sender {@code senderId}'s log in {@code folder}. */
    static OutcomeLog create(Path folder, long senderId) {
        Path file = fileOf(folder, senderId);
        try {
            PrivateFiles.createFolder(folder);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            try {
                // A left-over file of the same id can only be from a database that was replaced: nothing in it applies.
                channel.truncate(0);
                PrivateFiles.restrict(file);
                return new OutcomeLog(file, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outcome log " + file + ": " + e.getMessage(), e);
        }
    }

    static Path fileOf(Path folder, long senderId) {
        return folder.resolve(senderId + SUFFIX);
    }

    /** The sender ids that have a log in {@code folder}. */
    static List<Long> senders(Path folder) {
        List<Long> ids = new ArrayList<>();
        try (var files = Files.list(folder)) {
            files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length())).filter(id -> id.matches("\\d{1,18}"))
                    .forEach(id -> ids.add(Long.parseLong(id)));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the outcome logs in " + folder + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /**
     * Appends one outcome. Safe to call from several threads: each record goes out in one {@code write}
     * to a file opened for appending, so records never interleave.
     */
    void append(DeliveryOutcome outcome, long loggedAt) {
        ByteBuffer record = encode(outcome, loggedAt);
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outcome log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Its size in bytes. */
    long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Empties the log; only once every outcome in it is in the database. */
    void clear() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the outcome log " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** Closes and deletes the file; only once every outcome in it is in the database. */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the outcome log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The outcomes in a log, the latest per delivery (a delivery retried within one run has one record
     * per attempt), in the order they were written; a record cut short by a kill, and anything after
     * it, is left out. A missing file has none.
     */
    static List<Logged> read(Path file) {
        Map<Long, Logged> latest = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            for (Logged logged = next(in); logged != null; logged = next(in)) {
                latest.remove(logged.deliveryId());
                latest.put(logged.deliveryId(), logged);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outcome log " + file + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(latest.values());
    }

    /** Deletes the log of a sender whose outcomes have been read back. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the outcome log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * One logged outcome, enough to write it to the database later.
     *
     * @param attempt  the claim's attempt number: the row must still be in that attempt for the outcome to apply
     * @param loggedAt epoch millis of the write: a row claimed again after it is not this outcome's
     */
    record Logged(long deliveryId, int attempt, long loggedAt, DeliveryState state, String reply, String messageId, long retryAt,
            boolean suppress) {
    }

    private static ByteBuffer encode(DeliveryOutcome outcome, long loggedAt) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(payload)) {
            out.writeLong(outcome.claim().deliveryId());
            out.writeInt(outcome.claim().attempt());
            out.writeLong(loggedAt);
            writeText(out, outcome.state().word());
            writeText(out, outcome.reply());
            out.writeBoolean(outcome.messageId() != null);
            writeText(out, outcome.messageId() == null ? "" : outcome.messageId());
            out.writeLong(outcome.retryAt());
            out.writeBoolean(outcome.suppress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an outcome: " + e.getMessage(), e); // a byte array does not fail
        }
        byte[] bytes = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return ByteBuffer.allocate(bytes.length + 8).putInt(bytes.length).put(bytes).putInt((int) crc.getValue()).flip();
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The next whole record, or null at the end or at a damaged record. */
    private static Logged next(DataInputStream in) throws IOException {
        byte[] payload;
        int stored;
        try {
            int length = in.readInt();
            if (length < 0 || length > MAX_RECORD) {
                return null;
            }
            payload = in.readNBytes(length);
            if (payload.length < length) {
                return null;
            }
            stored = in.readInt();
        } catch (EOFException e) {
            return null; // the end, or a record the kill cut short
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        if ((int) crc.getValue() != stored) {
            return null;
        }
        return decode(new DataInputStream(new java.io.ByteArrayInputStream(payload)));
    }

    private static Logged decode(DataInputStream in) throws IOException {
        long deliveryId = in.readLong();
        int attempt = in.readInt();
        long loggedAt = in.readLong();
        DeliveryState state = DeliveryState.find(readText(in)).orElse(null);
        String reply = readText(in);
        boolean hasMessageId = in.readBoolean();
        String messageId = readText(in);
        long retryAt = in.readLong();
        boolean suppress = in.readBoolean();
        if (state == null) {
            return null;
        }
        return new Logged(deliveryId, attempt, loggedAt, state, reply, hasMessageId ? messageId : null, retryAt, suppress);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_RECORD) {
            throw new IOException("a text of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
