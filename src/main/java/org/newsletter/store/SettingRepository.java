package org.newsletter.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.UserInputException;
import org.newsletter.store.internal.Sql;

/** Small values the tool keeps for itself, such as the secret that signs subscribers' links. */
public final class SettingRepository {

    static final String TOKEN_SECRET = "token-secret";
    /** Where a secret shared with other systems (or set by hand) is given; it wins over the one kept in the database. */
    public static final String SECRET_VARIABLE = "NEWSLETTER_SECRET";

    private final Handle handle;
    private final Sql sql;

    SettingRepository(Handle handle, Sql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    public Optional<String> get(String name) {
        return handle.createQuery(sql.get("setting-select")).bind("name", name).mapTo(String.class).findOne();
    }

    /**
     * The secret that signs and checks tokens, for every part of the tool that does (links and VERP
     * addresses in {@code send}, their checks in {@code bounces}): {@value #SECRET_VARIABLE} when set,
     * else the one kept in the database.
     */
    public String tokenSecret(Map<String, String> environment) {
        String fromEnvironment = environment.get(SECRET_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            if (fromEnvironment.length() < 32) {
                throw new UserInputException(SECRET_VARIABLE + " must be at least 32 characters (e.g. from 'openssl rand -base64 32')");
            }
            return fromEnvironment;
        }
        return tokenSecret();
    }

    /**
     * The secret for HMAC tokens in unsubscribe and confirmation links, generated (256 random bits) on
     * first use and kept in the database, so every process that shares the database (send, serve, on
     * several machines with PostgreSQL) signs and checks the same way. "Insert unless present, then
     * read" makes two processes starting at once agree on one secret.
     */
    public String tokenSecret() {
        return generatedSecret();
    }

    private String generatedSecret() {
        return handle.inTransaction(h -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            h.createUpdate(sql.get("setting-insert-absent")).bind("name", TOKEN_SECRET)
                    .bind("value", Base64.getUrlEncoder().withoutPadding().encodeToString(random)).execute();
            return get(TOKEN_SECRET).orElseThrow();
        });
    }
}
