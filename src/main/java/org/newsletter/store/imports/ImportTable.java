package org.newsletter.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.newsletter.store.internal.Dialect;
import org.newsletter.store.internal.Sql;

/** Rows for one statement, kept as columns until flushed. */
final class ImportTable implements AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final PreparedStatement statement;
    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();

    ImportTable(Connection connection, Sql sql, Dialect dialect, String name, String... types) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.types = types;
        String resource = dialect == Dialect.POSTGRESQL ? name + ".postgresql" : name;
        this.statement = connection.prepareStatement(sql.get(resource));
        for (int i = 0; i < types.length; i++) {
            columns.add(new ArrayList<>());
        }
    }

    void add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
        }
    }

    void flush() throws SQLException {
        int rows = columns.get(0).size();
        if (rows == 0) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            for (int i = 0; i < types.length; i++) {
                statement.setArray(i + 1, connection.createArrayOf(types[i], columns.get(i).toArray()));
            }
            statement.executeUpdate();
        } else {
            for (int row = 0; row < rows; row++) {
                for (int i = 0; i < types.length; i++) {
                    statement.setObject(i + 1, columns.get(i).get(row));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
        for (List<Object> column : columns) {
            column.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
