package org.newsletter.message;

import java.util.List;
import java.util.function.BiFunction;
import org.newsletter.mail.HeaderValues;
import org.newsletter.mail.LeadingDots;
import org.newsletter.mail.QuotedPrintable;
import org.newsletter.model.Recipient;
import org.newsletter.render.Slot;
import org.newsletter.render.Stencil;

/**
 * A rendered body ({@link Stencil}) as a quoted-printable MIME body, encoded once with gaps where the
 * personal slots go. Each literal is a {@link QuotedPrintable} piece, so a recipient costs the encoding
 * of a few short values and one copy of the encoded literals.
 */
final class QuotedPrintableStencil {

    private static final Slot[] SLOTS = Slot.values();

    private final byte[][] literals;
    private final Slot[] slots;
    private final boolean[] used = new boolean[SLOTS.length];
    private final int literalBytes;
    /** Whether no line of the literals starts with "." (each piece starts a line). */
    private final boolean literalsDotSafe;
    private final BiFunction<Slot, Recipient, String> values;

    /**
     * @param values a slot's value in this body's format: {@link Slot#valueFor} for text,
     *               {@link Slot#htmlValueFor} for HTML
     */
    QuotedPrintableStencil(Stencil stencil, BiFunction<Slot, Recipient, String> values) {
        List<String> texts = stencil.literals();
        this.literals = new byte[texts.size()][];
        int total = 0;
        boolean dotSafe = true;
        for (int i = 0; i < texts.size(); i++) {
            literals[i] = i == texts.size() - 1 ? QuotedPrintable.lastPiece(texts.get(i)) : QuotedPrintable.piece(texts.get(i));
            total += literals[i].length;
            dotSafe &= LeadingDots.none(literals[i]);
        }
        this.literalBytes = total;
        this.literalsDotSafe = dotSafe;
        this.slots = stencil.slots().toArray(Slot[]::new);
        for (Slot slot : slots) {
            used[slot.ordinal()] = true;
        }
        this.values = values;
    }

    /** This body for one recipient: each slot's value encoded once, however often the slot occurs. */
    Filled fill(Recipient recipient) {
        byte[][] encoded = new byte[SLOTS.length][];
        boolean dotSafe = literalsDotSafe;
        for (Slot slot : SLOTS) {
            if (used[slot.ordinal()]) {
                // A line break in a value would also let it join a CR or LF of the text around it.
                String value = HeaderValues.requireSingleLine(slot.name(), values.apply(slot, recipient));
                encoded[slot.ordinal()] = QuotedPrintable.piece(value);
                dotSafe &= LeadingDots.none(encoded[slot.ordinal()]);
            }
        }
        int length = literalBytes;
        for (Slot slot : slots) {
            length += encoded[slot.ordinal()].length;
        }
        return new Filled(encoded, length, dotSafe);
    }

    /** One recipient's encoded body, ready to be copied into the message. */
    final class Filled {
        private final byte[][] encoded;
        private final int length;
        private final boolean dotSafe;

        private Filled(byte[][] encoded, int length, boolean dotSafe) {
            this.encoded = encoded;
            this.length = length;
            this.dotSafe = dotSafe;
        }

        int length() {
            return length;
        }

        /** Whether no line of this body starts with "." ({@link LeadingDots}). */
        boolean dotSafe() {
            return dotSafe;
        }

        /** Copies the body into {@code target} at {@code at}; returns where it ends. */
        int writeTo(byte[] target, int at) {
            int o = at;
            for (int i = 0; i < slots.length; i++) {
                System.arraycopy(literals[i], 0, target, o, literals[i].length);
                o += literals[i].length;
                byte[] value = encoded[slots[i].ordinal()];
                System.arraycopy(value, 0, target, o, value.length);
                o += value.length;
            }
            byte[] tail = literals[slots.length];
            System.arraycopy(tail, 0, target, o, tail.length);
            return o + tail.length;
        }
    }
}
