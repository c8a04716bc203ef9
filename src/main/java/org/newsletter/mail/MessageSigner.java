package org.newsletter.mail;

/** Adds a signature to finished message bytes (DKIM), or leaves them as they are. */
@FunctionalInterface
public interface MessageSigner {

    MessageSigner NONE = bytes -> bytes;

    byte[] sign(byte[] message);
}
