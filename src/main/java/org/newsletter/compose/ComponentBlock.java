package org.newsletter.compose;

import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;

/**
 * A {@code ::: NAME} … {@code :::} block of the Markdown (the "fenced div" of Pandoc and
 * markdown-it-container): its content is ordinary Markdown that a component lays out, a
 * {@link #CALLOUT} box or {@link #COLUMNS} with an image beside text.
 */
final class ComponentBlock extends Block {

    static final String CALLOUT = "callout";
    static final String COLUMNS = "columns";
    static final Set<String> KINDS = Set.of(CALLOUT, COLUMNS);

    private final String kind;
    private boolean closed;

    ComponentBlock(BasedSequence chars, String kind) {
        super(chars);
        this.kind = kind;
    }

    /** The name after the colons, as written (lint reports a name that is not one of {@link #KINDS}). */
    String kind() {
        return kind;
    }

    boolean is(String name) {
        return kind.equals(name);
    }

    /** False when the document ended before a closing {@code :::} line. */
    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    @Override
    public BasedSequence[] getSegments() {
        return EMPTY_SEGMENTS;
    }
}
