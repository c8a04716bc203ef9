package org.newsletter.bounce;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.newsletter.config.BounceSettings;

/**
 * One IMAP (RFC 3501) connection to the bounce mailbox, with its folder open for reading and writing
 * and the processed folder at hand (created when missing). Messages are read with BODY.PEEK, so those
 * left in place stay unread for the people who look at the mailbox; processed ones are moved with MOVE
 * (RFC 6851), or COPY and UID EXPUNGE of just those messages (RFC 4315) where MOVE is missing. Nothing
 * is ever deleted otherwise. {@link #waitForNewMail} uses IDLE (RFC 2177).
 */
final class ImapInbox implements AutoCloseable {

    private final BounceSettings settings;
    private final IMAPStore store;
    private final IMAPFolder folder;
    private final Folder processed;
    private final CountDownLatch woken = new CountDownLatch(1);

    private ImapInbox(BounceSettings settings, IMAPStore store, IMAPFolder folder, Folder processed) {
        this.settings = settings;
        this.store = store;
        this.folder = folder;
        this.processed = processed;
    }

    /** Connects, logs in, opens the folder and makes sure the processed folder exists. */
    static ImapInbox open(BounceSettings settings, String password) {
        BounceSettings.ImapMailbox mailbox = settings.mailbox();
        IMAPStore store;
        try {
            store = (IMAPStore) Session.getInstance(properties(mailbox)).getStore("imap");
            store.connect(mailbox.host(), mailbox.port(), mailbox.user(), password);
        } catch (AuthenticationFailedException e) {
            throw new BounceMailboxException("the IMAP server " + mailbox + " refused the login of " + mailbox.user() + " (" + e.getMessage()
                    + "); check " + BounceSettings.PASSWORD_VARIABLE, e, true);
        } catch (MessagingException e) {
            throw unavailable(mailbox, e);
        }
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(settings.folder());
            if (!folder.exists()) {
                throw new BounceMailboxException("there is no folder '" + settings.folder() + "' in the bounce mailbox " + mailbox
                        + "; check 'folder' under 'bounces' in newsletter.yaml", null, true);
            }
            Folder processed = store.getFolder(settings.processedFolder());
            if (!processed.exists() && !processed.create(Folder.HOLDS_MESSAGES)) {
                throw new BounceMailboxException("cannot create the folder '" + settings.processedFolder() + "' in the bounce mailbox " + mailbox
                        + "; create it by hand or change 'processed_folder' under 'bounces' in newsletter.yaml", null, true);
            }
            folder.open(Folder.READ_WRITE);
            return new ImapInbox(settings, store, folder, processed);
        } catch (BounceMailboxException e) {
            closeQuietlyAfter(store, e);
            throw e;
        } catch (MessagingException e) {
            closeQuietlyAfter(store, e);
            throw unavailable(mailbox, e);
        }
    }

    /**
     * The Jakarta Mail properties, each for a reason: every socket has a timeout; STARTTLS, when asked
     * for, is required, so a server or someone in between that hides it cannot get the password in clear;
     * a trusted self-signed certificate is accepted for its one host only; PEEK leaves messages unread.
     */
    private static Properties properties(BounceSettings.ImapMailbox mailbox) {
        Properties p = new Properties();
        String millis = Long.toString(mailbox.timeout().toMillis());
        p.setProperty("mail.imap.connectiontimeout", millis);
        p.setProperty("mail.imap.timeout", millis);
        p.setProperty("mail.imap.writetimeout", millis);
        p.setProperty("mail.imap.peek", "true");
        switch (mailbox.tls()) {
            case IMPLICIT -> p.setProperty("mail.imap.ssl.enable", "true");
            case STARTTLS -> {
                p.setProperty("mail.imap.starttls.enable", "true");
                p.setProperty("mail.imap.starttls.required", "true");
            }
            case NONE -> p.setProperty("mail.imap.ssl.enable", "false");
        }
        if (mailbox.trustedHost() != null) {
            p.setProperty("mail.imap.ssl.trust", mailbox.trustedHost());
            p.setProperty("mail.imap.ssl.checkserveridentity", "false");
        } else {
            p.setProperty("mail.imap.ssl.checkserveridentity", "true");
        }
        return p;
    }

    String folderName() {
        return settings.folder();
    }

    List<Message> messages() {
        try {
            return List.of(folder.getMessages());
        } catch (MessagingException e) {
            throw unavailable(settings.mailbox(), e);
        }
    }

    /**
     * The message exactly as stored. A connection lost on the way is an error for the whole run; a message
     * that cannot be fetched (expunged meanwhile by someone else) is a MessagingException about it alone.
     */
    byte[] raw(Message message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (FolderClosedException | StoreClosedException e) {
            throw unavailable(settings.mailbox(), e);
        } catch (IOException e) {
            throw new MessagingException("cannot read message " + message.getMessageNumber() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Moves the messages to the processed folder: MOVE where offered, else COPY then UID EXPUNGE of those alone. */
    void moveToProcessed(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Message[] batch = messages.toArray(Message[]::new);
        try {
            if (store.hasCapability("MOVE")) {
                folder.moveMessages(batch, processed);
            } else if (store.hasCapability("UIDPLUS")) {
                folder.copyMessages(batch, processed);
                folder.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
                folder.expunge(batch);
            } else {
                throw new BounceMailboxException("the IMAP server " + settings.mailbox() + " offers neither MOVE (RFC 6851) nor UIDPLUS (RFC 4315), so"
                        + " processed messages cannot be moved without touching others; use a server that does", null, true);
            }
        } catch (MessagingException e) {
            throw unavailable(settings.mailbox(), e);
        }
    }

    /**
     * Waits until the server reports a change in the folder, {@code max} has passed or {@link #wakeUp} was
     * called. With IDLE the server tells at once; a helper thread ends IDLE when {@code max} is up or on
     * {@link #wakeUp}, repeating its NOOP until IDLE has really ended, since a wake-up may come just before
     * IDLE begins. Without IDLE this is a plain wait, and the next pass polls. A dead connection shows in
     * the NOOP that follows. Mail that arrived since the last pass, before IDLE began, ends the wait at once.
     *
     * @param seen how many messages the folder held after the last pass (those it left there)
     */
    void waitForNewMail(Duration max, int seen) {
        if (woken.getCount() == 0) {
            return;
        }
        try {
            noop(); // the server reports what arrived during the pass (RFC 3501 section 7.3.1, EXISTS)
            if (folder.getMessageCount() > seen) {
                return;
            }
            if (store.hasCapability("IDLE")) {
                AtomicBoolean idleEnded = new AtomicBoolean();
                Thread waker = new Thread(() -> endIdleAfter(max, idleEnded), "bounce-mailbox-idle-waker");
                waker.setDaemon(true);
                waker.start();
                try {
                    folder.idle(true);
                } finally {
                    idleEnded.set(true);
                    waker.interrupt();
                }
            } else {
                woken.await(max.toMillis(), TimeUnit.MILLISECONDS);
            }
            noop();
        } catch (MessagingException e) {
            throw unavailable(settings.mailbox(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void endIdleAfter(Duration max, AtomicBoolean idleEnded) {
        try {
            woken.await(max.toMillis(), TimeUnit.MILLISECONDS);
            while (!idleEnded.get()) {
                noop();
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // IDLE ended by itself: nothing more to do
        } catch (MessagingException e) {
            // The connection broke; IDLE ends with it, and the waiting thread reports it from its own NOOP.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends a {@link #waitForNewMail} from another thread, and any later one at once: used to stop
     * {@code --watch}.
     */
    void wakeUp() {
        woken.countDown();
    }

    /**
     * A NOOP through the folder's connection. Sent while IDLE runs, it ends IDLE first (Angus sends DONE
     * and waits for the answer); {@code getMessageCount()} would not, within a second of the last command.
     */
    private void noop() throws MessagingException {
        folder.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
    }

    /** Closes folder and connection; the first failure is thrown, after both were tried. */
    @Override
    public void close() {
        MessagingException failure = null;
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException e) {
            failure = e;
        }
        try {
            store.close();
        } catch (MessagingException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw unavailable(settings.mailbox(), failure);
        }
    }

    /** Closes the connection after {@code earlier} went wrong while opening; a failure to close is added to it. */
    private static void closeQuietlyAfter(IMAPStore store, Exception earlier) {
        try {
            store.close();
        } catch (MessagingException e) {
            earlier.addSuppressed(e);
        }
    }

    static BounceMailboxException unavailable(BounceSettings.ImapMailbox mailbox, Exception e) {
        return MailboxProblem.of(mailbox, e);
    }

}
