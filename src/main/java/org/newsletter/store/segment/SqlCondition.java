package org.newsletter.store.segment;

import java.util.List;
import java.util.Objects;

/**
 * A SQL boolean expression with {@code ?} placeholders and the values to bind to them, in order. Values are
 * never part of the SQL text, so a segment cannot inject SQL whatever it contains.
 */
public record SqlCondition(String sql, List<Object> parameters) {

    public SqlCondition {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
    }
}
