package org.newsletter.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A statement whose SQL has a list of {@code ?} whose length varies ({@code IN (${in})} or a
 * multi-row VALUES list), prepared once per length and reused: a bulk import asks the same question
 * thousands of times, and preparing a statement with thousands of parameters each time costs more
 * than answering it.
 */
public final class PreparedByArity implements AutoCloseable {

    private final Connection connection;
    private final String template;
    private final IntFunction<String> item;
    private final Map<Integer, PreparedStatement> prepared = new HashMap<>();

    /** @param placeholder what one item contributes, e.g. "?" or "(?, ?, ?)" */
    public PreparedByArity(Connection connection, String template, String placeholder) {
        this(connection, template, i -> placeholder);
    }

    /** @param item what the item at each index (from 0) contributes, e.g. numbered parameters */
    public PreparedByArity(Connection connection, String template, IntFunction<String> item) {
        this.connection = connection;
        this.template = template;
        this.item = item;
    }

    public PreparedStatement forSize(int size) throws SQLException {
        PreparedStatement statement = prepared.get(size);
        if (statement == null) {
            String items = IntStream.range(0, size).mapToObj(item).collect(Collectors.joining(", "));
            statement = connection.prepareStatement(template.replace("${in}", items));
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
