package org.newsletter.store.imports;

/**
 * A new person's subscriber row as PostgreSQL's COPY reads it, all but the id, which the writing
 * thread puts in front once the sequence has given it. Made on the reading thread: formatting the
 * rows on the writing thread kept the server waiting for it, batch after batch.
 */
final class SubscriberCopyRow {

    static final String TABLE = "subscriber (id, email, email_key, name, tags, attributes, consent_source, consent_at, created_at, updated_at)";
    static final int FIELDS = 10;

    private final String how;
    private final long now;

    /** @param how the consent source of people the file gives none for; {@code now} the import's time */
    SubscriberCopyRow(String how, long now) {
        this.how = how;
        this.now = now;
    }

    /** The fields from email to updated_at, for a person whose details are sealed. */
    byte[] afterId(ImportedPerson person) {
        return new CopyFields(128 + 2 * (person.address.length() + person.tagsJson.length() + person.attributesJson.length()))
                .text(person.address)
                .text(person.key)
                .text(person.name == null ? "" : person.name)
                .jsonb(person.tagsJson)
                .jsonb(person.attributesJson)
                .text(person.consentSource == null ? how : person.consentSource)
                .int8(person.consentAt == null ? now : person.consentAt)
                .int8(now)
                .int8(now)
                .toByteArray();
    }
}
