package org.newsletter.store.segment;

import org.newsletter.model.SubscriptionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Random segment trees for the property tests, drawing names and values from a given vocabulary. */
final class RandomSegments {

    private final Random random;
    private final Function<Random, String> tags;
    private final Function<Random, String> names;
    private final Function<Random, String> values;
    private final Function<Random, String> patterns;

    RandomSegments(Random random, Function<Random, String> tags, Function<Random, String> names,
            Function<Random, String> values, Function<Random, String> patterns) {
        this.random = random;
        this.tags = tags;
        this.names = names;
        this.values = values;
        this.patterns = patterns;
    }

    /** Picks one of the given strings. */
    static Function<Random, String> oneOf(String... choices) {
        return r -> choices[r.nextInt(choices.length)];
    }

    Segment next(int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return term();
        }
        switch (random.nextInt(3)) {
            case 0:
                return new Segment.Not(next(depth - 1));
            case 1:
                return new Segment.And(operands(depth - 1));
            default:
                return new Segment.Or(operands(depth - 1));
        }
    }

    private List<Segment> operands(int depth) {
        List<Segment> operands = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            operands.add(next(depth));
        }
        return operands;
    }

    private Segment term() {
        switch (random.nextInt(5)) {
            case 0:
                return new Segment.HasTag(tags.apply(random));
            case 1:
                SubscriptionStatus[] statuses = SubscriptionStatus.values();
                return new Segment.HasStatus(statuses[random.nextInt(statuses.length)]);
            case 2:
                return new Segment.AttributeEquals(names.apply(random), values.apply(random));
            case 3:
                return new Segment.AttributeNotEquals(names.apply(random), values.apply(random));
            default:
                return new Segment.EmailMatches(patterns.apply(random));
        }
    }
}
