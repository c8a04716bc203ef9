package org.newsletter.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rendered output split at its {@link Slot} markers once, so filling it for a recipient is a single
 * pass of appends: the per-recipient work the send path repeats a million times.
 */
public final class Stencil {

    private final String[] literals;
    private final Slot[] slots;
    private final int literalLength;

    private Stencil(List<String> literals, List<Slot> slots) {
        this.literals = literals.toArray(String[]::new);
        this.slots = slots.toArray(Slot[]::new);
        this.literalLength = literals.stream().mapToInt(String::length).sum();
    }

    /** Text with no personal values: whatever it contains is taken as it is, markers included. */
    public static Stencil literal(String text) {
        return new Stencil(List.of(text), List.of());
    }

    public static Stencil compile(String text) {
        List<String> literals = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        int from = 0;
        while (true) {
            int next = -1;
            Slot found = null;
            for (Slot slot : Slot.values()) {
                int at = text.indexOf(slot.marker(), from);
                if (at >= 0 && (next < 0 || at < next)) {
                    next = at;
                    found = slot;
                }
            }
            if (found == null) {
                literals.add(text.substring(from));
                return new Stencil(literals, slots);
            }
            literals.add(text.substring(from, next));
            slots.add(found);
            from = next + found.marker().length();
        }
    }

    /** Fills every slot with {@code values.apply(slot)}, already escaped for this output's format. */
    public String fill(Function<Slot, String> values) {
        StringBuilder out = new StringBuilder(literalLength + 64 * slots.length);
        for (int i = 0; i < slots.length; i++) {
            out.append(literals[i]).append(values.apply(slots[i]));
        }
        return out.append(literals[slots.length]).toString();
    }

    /**
     * The text around the slots, in order: literal {@code i} comes before slot {@code i}, and the last one
     * follows the last slot, so there is always one more literal than slots. For senders that prepare
     * the fixed text once in their own format (quoted-printable bodies, say) and fill only the slots.
     */
    public List<String> literals() {
        return List.of(literals);
    }

    /** The slots in the order they occur; a slot used twice appears twice. */
    public List<Slot> slots() {
        return List.of(slots);
    }

    public boolean uses(Slot slot) {
        for (Slot s : slots) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }
}
