package org.newsletter.store;

/** A person already in the database. */
record KnownSubscriber(long id, String name) {
}
