package org.newsletter.store;

/**
 * A new person's subscriber row as PostgreSQL's COPY reads it, all but the id, which the writing
 * thread puts in front once the sequence has given it. Made on the reading thread: formatting the
 * rows on the writing thread kept the server waiting for it, batch after batch.
 */
final class SubscriberCopyRow {

    static final String TABLE = "subscriber (id, email, email_key, name, tags, attributes, consent_source, consent_at, created_at, updated_at)";

    private final String how;
    private final long now;

    /** @param how the consent source of people the file gives none for; {@code now} the import's time */
    SubscriberCopyRow(String how, long now) {
        this.how = how;
        this.now = now;
    }

    /** {@code ,email,key,…,updated_at} and the line break, for a person whose details are sealed. */
    String afterId(ImportedPerson person) {
        StringBuilder row = new StringBuilder(64 + person.address.length() * 2 + person.tagsJson.length() + person.attributesJson.length());
        for (String text : new String[] {person.address, person.key, person.name == null ? "" : person.name, person.tagsJson,
                person.attributesJson, person.consentSource == null ? how : person.consentSource}) {
            row.append(',');
            PostgresCopy.appendQuoted(row, text);
        }
        return row.append(',').append(person.consentAt == null ? now : person.consentAt)
                .append(',').append(now).append(',').append(now).append('\n').toString();
    }
}
