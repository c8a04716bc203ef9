package org.newsletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.store.internal.Sql;
import org.newsletter.store.segment.SegmentParser;
import org.newsletter.store.segment.SegmentSql;

/** The campaign journal contract on an SQLite file. */
class SqliteCampaignJournalTest extends CampaignJournalContractTest {

    @TempDir
    Path dir;

    @Override
    DatabaseLocation freshDatabase() {
        return StoreBackend.sqlite(dir);
    }

    /**
     * A campaign's audience goes into the journal without SQLite sorting it: a sort of a million
     * recipients costs tens of MB of memory (temp_store is MEMORY) that the process keeps for the
     * whole send. See BENCHMARKS.md, "newsletter send".
     */
    @Test
    void theAudienceIsInsertedWithoutSortingIt() throws SQLException {
        for (String where : List.of("1 = 1", SegmentSql.toSql(SegmentParser.parse("tag:cuppa and not email:*@example.org"), "s", news.id(), SegmentSql.Json.SQLITE).sql())) {
            String insert = new Sql().get("campaign-audience-insert").replace("${where}", where);
            assertThat(queryPlan(insert)).as(insert).noneMatch(step -> step.contains("TEMP B-TREE"));
        }
    }

    private List<String> queryPlan(String statement) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl());
                Statement query = connection.createStatement();
                ResultSet plan = query.executeQuery("EXPLAIN QUERY PLAN " + statement)) {
            while (plan.next()) {
                steps.add(plan.getString("detail"));
            }
        }
        return steps;
    }
}
