package org.newsletter.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line each new person came from, by id: consecutive ids (SQLite) and ids with gaps (a PostgreSQL sequence other sessions use too). */
class FirstLinesTest {

    @Test
    void findsTheLineOfEveryIdAddedAndNoneForOthers() {
        FirstLines lines = new FirstLines();
        Map<Long, Long> expected = new HashMap<>();
        Random random = new Random(15);
        long id = 1_000;
        long line = 2;
        for (int i = 0; i < 50_000; i++) {
            id += random.nextInt(20) == 0 ? 2 + random.nextInt(5) : 1; // now and then a gap
            line += 1 + random.nextInt(3); // skipped and duplicate rows take lines too
            lines.add(id, line);
            expected.put(id, line);
        }
        for (long probe = 990; probe <= id + 10; probe++) {
            assertThat(lines.lineOf(probe)).as("id %d", probe).isEqualTo(expected.getOrDefault(probe, 0L));
        }
    }

    @Test
    void idsMustIncrease() {
        FirstLines lines = new FirstLines();
        lines.add(5, 2);
        assertThatThrownBy(() -> lines.add(5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FirstLines().lineOf(1)).isZero();
    }
}
