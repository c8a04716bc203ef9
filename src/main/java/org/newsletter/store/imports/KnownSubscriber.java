package org.newsletter.store.imports;

/** A person already in the database, with their tags and attributes as stored (JSON text). */
record KnownSubscriber(long id, String name, String tags, String attributes) {
}
