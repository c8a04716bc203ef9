package org.newsletter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A statement whose SQL has a list of {@code ?} whose length varies ({@code IN (${in})} or a
 * multi-row VALUES list), prepared once per length and reused: a bulk import asks the same question
 * thousands of times, and preparing a statement with thousands of parameters each time costs more
 * than answering it.
 */
final class PreparedByArity implements AutoCloseable {

    private final Connection connection;
    private final String template;
    private final String placeholder;
    private final Map<Integer, PreparedStatement> prepared = new HashMap<>();

    /** @param placeholder what one item contributes, e.g. "?" or "(?, ?, ?)" */
    PreparedByArity(Connection connection, String template, String placeholder) {
        this.connection = connection;
        this.template = template;
        this.placeholder = placeholder;
    }

    PreparedStatement forSize(int size) throws SQLException {
        PreparedStatement statement = prepared.get(size);
        if (statement == null) {
            statement = connection.prepareStatement(template.replace("${in}", String.join(", ", Collections.nCopies(size, placeholder))));
            prepared.put(size, statement);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : prepared.values()) {
            statement.close();
        }
    }
}
