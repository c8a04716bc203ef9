package org.newsletter.store.imports;

import java.util.Arrays;

/**
 * The line of the file that brought each person this import added, so that a later row with the same
 * address, found only in the database because it came in a later batch, can say which line it repeats.
 * Ids are given in increasing order and mostly one after another (consecutive on SQLite, from a sequence on
 * PostgreSQL), so they are kept as runs of consecutive ids: about four bytes per person.
 */
final class FirstLines {
    /** The first id of each run, increasing, and where its lines start in {@link #lines}. */
    private long[] runIds = new long[16];
    private int[] runStarts = new int[16];
    private int runs;
    private int[] lines = new int[1024];
    private int count;
    private long lastId = Long.MIN_VALUE;

    /** Notes that {@code id}, larger than every id noted before, came from {@code line}. */
    void add(long id, long line) {
        if (id <= lastId) {
            throw new IllegalArgumentException("ids must increase: " + id + " after " + lastId);
        }
        if (id != lastId + 1 || runs == 0) {
            if (runs == runIds.length) {
                runIds = Arrays.copyOf(runIds, runs * 2);
                runStarts = Arrays.copyOf(runStarts, runs * 2);
            }
            runIds[runs] = id;
            runStarts[runs] = count;
            runs++;
        }
        if (count == lines.length) {
            lines = Arrays.copyOf(lines, count * 2);
        }
        // A file of more than two thousand million lines is not expected; past that the line is unknown (0).
        lines[count++] = line <= Integer.MAX_VALUE ? (int) line : 0;
        lastId = id;
    }

    /** The line that brought {@code id}, or 0 when it is not known. */
    long lineOf(long id) {
        int run = Arrays.binarySearch(runIds, 0, runs, id);
        if (run < 0) {
            run = -run - 2; // the run starting before id
        }
        if (run < 0) {
            return 0;
        }
        int end = run + 1 < runs ? runStarts[run + 1] : count;
        long index = runStarts[run] + (id - runIds[run]);
        return index < end ? lines[(int) index] : 0;
    }
}
