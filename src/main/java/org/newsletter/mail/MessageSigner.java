package org.newsletter.mail;

/**
 * Adds a signature to finished message bytes (DKIM), or leaves them as they are. A signature is header
 * fields in front of the message and not one other byte changed ({@link OutgoingMessage#withFieldsAdded}).
 */
@FunctionalInterface
public interface MessageSigner {

    MessageSigner NONE = bytes -> bytes;

    byte[] sign(byte[] message);
}
