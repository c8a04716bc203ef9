package org.newsletter.store.csv;

import java.util.Set;

/**
 * Which column of a file holds what, found from its header; -1 where the file has no such column.
 *
 * @param notAttributes further columns that are read another way or deliberately left out (such as
 *                      our own export's created_at, which the store sets itself), so they do not
 *                      become attributes
 */
record ColumnMap(int email, int name, int firstName, int lastName, int tags, int status, int attributes, int consentSource,
        int consentAt, Set<Integer> notAttributes) {

    ColumnMap {
        notAttributes = Set.copyOf(notAttributes);
    }

    /** The columns that exist among {@code columns} (-1 for a missing one is left out). */
    static Set<Integer> existing(int... columns) {
        return java.util.Arrays.stream(columns).filter(c -> c >= 0).boxed().collect(java.util.stream.Collectors.toSet());
    }
}
