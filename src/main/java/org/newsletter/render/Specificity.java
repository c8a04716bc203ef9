package org.newsletter.render;

import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSSelectorAttribute;
import com.helger.css.decl.CSSSelectorMemberNot;
import com.helger.css.decl.CSSSelectorMemberPseudoHas;
import com.helger.css.decl.CSSSelectorMemberPseudoIs;
import com.helger.css.decl.CSSSelectorMemberPseudoWhere;
import com.helger.css.decl.CSSSelectorSimpleMember;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.ECSSSelectorCombinator;
import com.helger.css.decl.ICSSSelectorMember;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The specificity (a, b, c) of one selector, as defined by Selectors Level 3 section 9.
 *
 * <p>Why a type of its own: the inliner has to replay the browser's cascade when it folds several
 * rules into one {@code style} attribute, and specificity is the part of that cascade that is easy
 * to get subtly wrong; keeping it separate lets the tests check it against the specification's own
 * examples.
 *
 * @param ids     a: the number of ID selectors
 * @param classes b: the number of class selectors, attribute selectors and pseudo-classes
 * @param types   c: the number of type selectors and pseudo-elements
 */
public record Specificity(int ids, int classes, int types) implements Comparable<Specificity> {

    /** The specificity of {@code *}, and of declarations that come from no selector at all. */
    public static final Specificity ZERO = new Specificity(0, 0, 0);

    /** CSS 2 let these pseudo-elements be written with one colon; they still count as elements. */
    private static final Set<String> LEGACY_PSEUDO_ELEMENTS =
            Set.of("before", "after", "first-line", "first-letter");

    private static final Comparator<Specificity> ORDER = Comparator.comparingInt(Specificity::ids)
            .thenComparingInt(Specificity::classes)
            .thenComparingInt(Specificity::types);

    /** Computes the specificity of a selector parsed by ph-css. */
    public static Specificity of(CSSSelector selector) {
        Specificity sum = ZERO;
        for (ICSSSelectorMember member : selector.getAllMembers()) {
            sum = sum.plus(ofMember(member));
        }
        return sum;
    }

    /**
     * Parses one selector (no selector list) and computes its specificity.
     *
     * @throws IllegalArgumentException if the text is not exactly one valid selector
     */
    public static Specificity of(String selector) {
        List<CSSStyleRule> rules = CssInliner.parse(selector + "{}", "selector '" + selector + "'")
                .getAllStyleRules();
        if (rules.size() != 1 || rules.get(0).getSelectorCount() != 1) {
            throw new IllegalArgumentException("Expected exactly one selector, got '" + selector + "'");
        }
        return of(rules.get(0).getSelectorAtIndex(0));
    }

    /** Lower-cased name of a pseudo-class or pseudo-element without colons or arguments. */
    static String pseudoName(CSSSelectorSimpleMember member) {
        String name = member.getValue().replaceFirst("^::?", "");
        int paren = name.indexOf('(');
        return (paren < 0 ? name : name.substring(0, paren)).toLowerCase(Locale.ROOT);
    }

    /** True for {@code ::before} and for the legacy one-colon forms such as {@code :after}. */
    static boolean isPseudoElement(CSSSelectorSimpleMember member) {
        return member.getValue().startsWith("::") || LEGACY_PSEUDO_ELEMENTS.contains(pseudoName(member));
    }

    private static Specificity ofMember(ICSSSelectorMember member) {
        if (member instanceof CSSSelectorSimpleMember simple) {
            return ofSimple(simple);
        }
        if (member instanceof CSSSelectorAttribute) {
            return new Specificity(0, 1, 0);
        }
        if (member instanceof ECSSSelectorCombinator) {
            return ZERO;
        }
        // Selectors 3: ":not(x)" counts as its argument; Selectors 4 extends that to the most
        // specific argument of :not() / :is() / :has(), while :where() always counts zero.
        if (member instanceof CSSSelectorMemberNot not) {
            return mostSpecific(not.getAllSelectors());
        }
        if (member instanceof CSSSelectorMemberPseudoIs is) {
            return of(is.getSelector());
        }
        if (member instanceof CSSSelectorMemberPseudoHas has) {
            return mostSpecific(has.getAllSelectors());
        }
        if (member instanceof CSSSelectorMemberPseudoWhere) {
            return ZERO;
        }
        if (member instanceof CSSSelector nested) {
            return of(nested);
        }
        // Remaining members are functional pseudo-classes such as :lang(en) or :host(...).
        return new Specificity(0, 1, 0);
    }

    private static Specificity ofSimple(CSSSelectorSimpleMember simple) {
        if (simple.isHash()) {
            return new Specificity(1, 0, 0);
        }
        if (simple.isClass()) {
            return new Specificity(0, 1, 0);
        }
        if (simple.isPseudo()) {
            return isPseudoElement(simple) ? new Specificity(0, 0, 1) : new Specificity(0, 1, 0);
        }
        // ph-css splits "ns|p" into "ns|" and "p": the namespace prefix and "*" count nothing.
        String value = simple.getValue();
        return value.endsWith("*") || value.endsWith("|") ? ZERO : new Specificity(0, 0, 1);
    }

    private static Specificity mostSpecific(List<CSSSelector> selectors) {
        return selectors.stream().map(Specificity::of).max(ORDER).orElse(ZERO);
    }

    /** Component-wise sum, used to add up the simple selectors of a compound selector. */
    public Specificity plus(Specificity other) {
        return new Specificity(ids + other.ids, classes + other.classes, types + other.types);
    }

    @Override
    public int compareTo(Specificity other) {
        return ORDER.compare(this, other);
    }

    /** The notation of the specification's examples, e.g. {@code 0,1,3}. */
    @Override
    public String toString() {
        return ids + "," + classes + "," + types;
    }
}
