package org.newsletter.mail;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The default transport: every message becomes one {@code .eml} file in a folder, named by its
 * Message-ID, so a new user can run a whole campaign and open exactly what each subscriber would get.
 * Files are written to a temporary name and moved into place, so a crash never leaves half a message;
 * sending the same message again (a resumed campaign) replaces the file with identical bytes.
 * Each message holds an address and a working unsubscribe link, so folders are created 0700 and
 * files 0600, whatever the umask (on file systems with POSIX permissions).
 */
public final class OutboxTransport implements Transport {

    private final Path folder;
    private final FileAttribute<?>[] privateFolder;
    private final FileAttribute<?>[] privateFile;

    public OutboxTransport(Path folder) {
        this.folder = folder;
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.privateFolder = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        this.privateFile = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    public Path folder() {
        return folder;
    }

    @Override
    public String describe() {
        return "outbox " + folder;
    }

    @Override
    public Channel open() throws DeliveryException {
        try {
            Files.createDirectories(folder, privateFolder);
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Kind.TEMPORARY, null, true, "cannot create outbox " + folder + ": " + e.getMessage(), e);
        }
        return new OutboxChannel();
    }

    /** The file a message goes to: its Message-ID's local part is unique per campaign and recipient. */
    public Path fileFor(OutgoingMessage message) {
        String id = message.messageId();
        int at = id.indexOf('@');
        String local = (at > 0 ? id.substring(0, at) : id).replaceAll("[^A-Za-z0-9._-]", "_");
        return folder.resolve(local + ".eml");
    }

    private final class OutboxChannel implements Channel {
        @Override
        public SmtpReply send(OutgoingMessage message) throws DeliveryException {
            Path target = fileFor(message);
            Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
            try {
                Files.deleteIfExists(temporary); // left by a crash, perhaps with the permissions of an older version
                Files.createFile(temporary, privateFile);
                Files.write(temporary, message.bytes());
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new DeliveryException(DeliveryException.Kind.TEMPORARY, null, false, "cannot write " + target + ": " + e.getMessage(), e);
            }
            return new SmtpReply(250, null, "written to " + folder.getFileName() + "/" + target.getFileName());
        }

        @Override
        public void close() {
            // Nothing is held open between messages.
        }
    }
}
