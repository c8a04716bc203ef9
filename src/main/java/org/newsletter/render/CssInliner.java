package org.newsletter.render;

import com.helger.css.ECSSVersion;
import com.helger.css.ICSSWriteable;
import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSDeclarationList;
import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSSelectorAttribute;
import com.helger.css.decl.CSSSelectorMemberNot;
import com.helger.css.decl.CSSSelectorMemberPseudoHas;
import com.helger.css.decl.CSSSelectorMemberPseudoIs;
import com.helger.css.decl.CSSSelectorMemberPseudoWhere;
import com.helger.css.decl.CSSSelectorSimpleMember;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ECSSSelectorCombinator;
import com.helger.css.decl.ICSSSelectorMember;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.handler.ICSSParseExceptionCallback;
import com.helger.css.parser.ParseException;
import com.helger.css.parser.ParserCSS30Constants;
import com.helger.css.parser.Token;
import com.helger.css.reader.CSSReader;
import com.helger.css.reader.CSSReaderDeclarationList;
import com.helger.css.reader.CSSReaderSettings;
import com.helger.css.reader.errorhandler.ICSSInterpretErrorHandler;
import com.helger.css.reader.errorhandler.ICSSParseErrorHandler;
import com.helger.css.writer.CSSWriterSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/**
 * Moves the rules of a document's {@code <style>} elements into {@code style} attributes, the way
 * premailer does.
 *
 * <p>Why: Gmail, Outlook and other email clients drop or ignore much of {@code <style>} but honour
 * {@code style} attributes, and no maintained premailer exists for Java. What cannot live in a
 * {@code style} attribute is kept, re-serialised by ph-css, in one {@code <style>} element at the
 * end of {@code <head>} for the clients that do read it: at-rules such as {@code @media} and
 * {@code @font-face}, selectors with pseudo-classes that depend on user interaction such as
 * {@code a:hover}, and rules that match nothing yet, such as Outlook.com's
 * {@code [data-ogsc] .x} dark-mode rules whose attribute the client adds later.
 *
 * <p>A {@code <style data-inline="false">} element is left alone where it is, so a template can opt
 * a block out entirely.
 *
 * <p>Instances hold no mutable state and can be shared between threads.
 */
public final class CssInliner {

    static final ECSSVersion CSS_VERSION = ECSSVersion.CSS30;

    /**
     * Pseudo-classes that depend only on the document tree and that jsoup implements, so a selector
     * using them matches the same elements in the email client as here. Everything else
     * ({@code :hover}, {@code :visited}, {@code ::before}, {@code :lang()} ...) would be wrong or
     * meaningless in a {@code style} attribute. {@code :not()}, {@code :is()}, {@code :where()} and
     * {@code :has()} are separate ph-css members and are checked through their arguments.
     */
    private static final Set<String> STATIC_PSEUDO_CLASSES = Set.of(
            "first-child", "last-child", "only-child",
            "first-of-type", "last-of-type", "only-of-type",
            "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type",
            "empty", "root");

    /** Elements on which a style attribute means nothing, even when a selector such as {@code *} matches them. */
    private static final Set<String> UNSTYLED_ELEMENTS =
            Set.of("head", "title", "meta", "link", "base", "style", "script", "template");

    /**
     * Compact output: no comments, no indentation, one top-level rule per line. Per instance rather
     * than static because ph-css settings objects are mutable; this one is never changed after
     * construction, so sharing the instance between threads is safe.
     */
    private final CSSWriterSettings writerSettings = new CSSWriterSettings(CSS_VERSION, true);

    /**
     * Parses the HTML with jsoup, inlines its CSS and returns the whole document, doctype included.
     *
     * <p>Pretty-printing is switched off because it adds whitespace between inline elements, which
     * shows up in email clients as gaps between images and table cells.
     */
    public String inline(String html) {
        Document document = Jsoup.parse(Objects.requireNonNull(html, "html"));
        document.outputSettings().prettyPrint(false);
        inline(document);
        return document.outerHtml();
    }

    /**
     * Moves the rules of every {@code <style>} element into style attributes; keeps what cannot be
     * inlined in one {@code <style>} in {@code <head>}.
     *
     * <p>All style elements are parsed before the document is changed, so invalid CSS leaves it as
     * it was.
     *
     * @throws IllegalArgumentException if a style element does not contain valid CSS
     */
    public void inline(Document document) {
        List<Element> styleElements = new ArrayList<>();
        List<CascadingStyleSheet> sheets = new ArrayList<>();
        List<Element> all = document.select("style");
        for (int i = 0; i < all.size(); i++) {
            Element style = all.get(i);
            if (!"false".equalsIgnoreCase(style.attr("data-inline").strip())) {
                // Numbered among all <style> elements, so the author can count them in the template.
                sheets.add(parse(style.data(), "<style> element #" + (i + 1)));
                styleElements.add(style);
            }
        }
        if (styleElements.isEmpty()) {
            return;
        }

        Pass pass = new Pass(document);
        sheets.forEach(pass::add);
        pass.writeStyleAttributes();

        styleElements.forEach(Element::remove);
        String kept = pass.keptCss();
        if (!kept.isEmpty()) {
            document.head().appendElement("style").appendChild(new DataNode(kept));
        }
    }

    /**
     * Parses a style sheet, failing on the first problem ph-css reports.
     *
     * <p>Why strict: ph-css recovers from many errors by silently skipping text, which would inline
     * half a rule and leave the author wondering why a colour is missing in one client only.
     *
     * @param origin where the CSS came from, for the error message
     */
    static CascadingStyleSheet parse(String css, String origin) {
        ParseProblems problems = new ParseProblems();
        CascadingStyleSheet sheet = CSSReader.readFromStringReader(css, problems.settings());
        if (sheet == null || problems.found()) {
            throw new IllegalArgumentException(problems.describe(origin, css));
        }
        return sheet;
    }

    /** True if the selector can be matched once, here, with the same result as in the email client. */
    private static boolean isStatic(CSSSelector selector) {
        return selector.getAllMembers().stream().allMatch(CssInliner::isStatic);
    }

    private static boolean isStatic(ICSSSelectorMember member) {
        if (member instanceof CSSSelectorSimpleMember simple) {
            return !simple.isPseudo()
                    || (!Specificity.isPseudoElement(simple)
                            && STATIC_PSEUDO_CLASSES.contains(Specificity.pseudoName(simple)));
        }
        if (member instanceof ECSSSelectorCombinator || member instanceof CSSSelectorAttribute) {
            return true;
        }
        if (member instanceof CSSSelectorMemberNot not) {
            return not.getAllSelectors().stream().allMatch(CssInliner::isStatic);
        }
        if (member instanceof CSSSelectorMemberPseudoIs is) {
            return isStatic(is.getSelector());
        }
        if (member instanceof CSSSelectorMemberPseudoWhere where) {
            return isStatic(where.getSelector());
        }
        if (member instanceof CSSSelectorMemberPseudoHas has) {
            return has.getAllSelectors().stream().allMatch(CssInliner::isStatic);
        }
        if (member instanceof CSSSelector nested) {
            return isStatic(nested);
        }
        return false; // functional pseudo-classes such as :lang(), shadow-DOM selectors
    }

    /** Whether a style attribute on this element would be rendered; nothing in {@code <head>} is. */
    private static boolean canCarryStyle(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (UNSTYLED_ELEMENTS.contains(e.normalName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The work of one {@link #inline(Document)} call: the declarations collected per element, the
     * CSS that stays in {@code <style>}, and the source-order counter. Created per call so the
     * inliner itself stays stateless.
     */
    private final class Pass {
        private final Document document;
        /** jsoup elements compare by identity anyway; the identity map makes that explicit. */
        private final Map<Element, List<Candidate>> candidates = new IdentityHashMap<>();
        private final CascadingStyleSheet kept = new CascadingStyleSheet();
        private int sequence;

        Pass(Document document) {
            this.document = document;
        }

        void add(CascadingStyleSheet sheet) {
            sheet.getAllImportRules().forEach(kept::addImportRule);
            sheet.getAllNamespaceRules().forEach(kept::addNamespaceRule);
            for (ICSSTopLevelRule rule : sheet.getAllRules()) {
                if (rule instanceof CSSStyleRule styleRule) {
                    addStyleRule(styleRule);
                } else {
                    kept.addRule(rule); // @media, @font-face, @supports, @keyframes, @page, unknown
                }
            }
        }

        /** Inlines each selector of the rule that can be; keeps the others, with the declarations. */
        private void addStyleRule(CSSStyleRule rule) {
            List<Declaration> declarations = rule.getAllDeclarations().stream()
                    .map(this::declaration)
                    .collect(Collectors.toList());
            int first = sequence;
            sequence += declarations.size();

            CSSStyleRule keptRule = new CSSStyleRule();
            for (CSSSelector selector : rule.getAllSelectors()) {
                List<Element> matches = staticMatches(selector);
                if (matches.isEmpty()) {
                    keptRule.addSelector(selector);
                    continue;
                }
                Specificity specificity = Specificity.of(selector);
                for (Element element : matches) {
                    List<Candidate> list = candidates.computeIfAbsent(element, e -> new ArrayList<>());
                    for (int i = 0; i < declarations.size(); i++) {
                        list.add(new Candidate(declarations.get(i), false, specificity, first + i));
                    }
                }
            }
            if (keptRule.hasSelectors()) {
                rule.getAllDeclarations().forEach(keptRule::addDeclaration);
                kept.addRule(keptRule);
            }
        }

        /** The elements the selector styles, or none if it cannot or need not be inlined. */
        private List<Element> staticMatches(CSSSelector selector) {
            if (!isStatic(selector)) {
                return List.of();
            }
            try {
                return document.select(selector.getAsCSSString(writerSettings)).stream()
                        .filter(CssInliner::canCarryStyle)
                        .collect(Collectors.toList());
            } catch (Selector.SelectorParseException e) {
                return List.of(); // valid CSS that jsoup does not know: leave it to the client
            }
        }

        void writeStyleAttributes() {
            candidates.forEach((element, fromSheets) -> {
                List<Candidate> all = new ArrayList<>(fromSheets);
                all.addAll(existingStyle(element.attr("style")));
                element.attr("style", cascade(all));
            });
        }

        /**
         * The element's own style attribute as cascade candidates. If ph-css cannot read it (for
         * example a template placeholder), it is carried over verbatim as one opaque entry at the
         * attribute's place in the cascade, rather than lost.
         */
        private List<Candidate> existingStyle(String style) {
            if (style.isBlank()) {
                return List.of();
            }
            ParseProblems problems = new ParseProblems();
            CSSDeclarationList list = CSSReaderDeclarationList.readFromString(style, problems.settings());
            // ph-css silently drops text from a '{' on ("{{ placeholder }}"), so also compare counts.
            if (list == null || problems.found() || list.getDeclarationCount() < countDeclarations(style)) {
                Declaration raw = new Declaration(null, style.strip().replaceAll("[;\\s]+$", ""), false);
                return List.of(new Candidate(raw, true, Specificity.ZERO, 0));
            }
            List<Candidate> result = new ArrayList<>();
            for (int i = 0; i < list.getDeclarationCount(); i++) {
                result.add(new Candidate(declaration(list.getDeclarationAtIndex(i)), true, Specificity.ZERO, i));
            }
            return result;
        }

        /** Non-blank ';'-separated parts, ignoring ';' inside quotes or parentheses (data: URLs). */
        private static int countDeclarations(String style) {
            int count = 0;
            int depth = 0;
            char quote = 0;
            boolean content = false;
            for (char c : (style + ";").toCharArray()) {
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '(' || c == ')') {
                    depth += c == '(' ? 1 : -1;
                } else if (c == ';' && depth <= 0) {
                    count += content ? 1 : 0;
                    content = false;
                    continue;
                }
                content |= !Character.isWhitespace(c);
            }
            return count;
        }

        private Declaration declaration(CSSDeclaration declaration) {
            return new Declaration(declaration.getProperty(),
                    declaration.getExpression().getAsCSSString(writerSettings, 0),
                    declaration.isImportant());
        }

        /** What stays in {@code <style>}: @import first, as CSS requires, then rules in source order. */
        String keptCss() {
            return Stream.<List<? extends ICSSWriteable>>of(
                            kept.getAllImportRules(), kept.getAllNamespaceRules(), kept.getAllRules())
                    .flatMap(List::stream)
                    .map(rule -> rule.getAsCSSString(writerSettings, 0).strip())
                    .collect(Collectors.joining("\n"));
        }
    }

    /**
     * Folds the candidates into the text of one style attribute.
     *
     * <p>Declarations are written lowest priority first and each property only once, at the place of
     * its winner. That keeps shorthand and longhand right without knowing which is which: for
     * {@code .x{padding-top:0} p{padding:10px}} the result is {@code padding:10px;padding-top:0}.
     */
    static String cascade(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Candidate.PRIORITY);
        Map<Object, Declaration> winners = new LinkedHashMap<>();
        for (Candidate candidate : sorted) {
            Declaration declaration = candidate.declaration();
            // Opaque entries have no property; each one is its own key (a fresh Object).
            Object key = declaration.property() == null ? new Object() : declaration.property();
            winners.remove(key); // re-insert so the winner sits at its own place in priority order
            winners.put(key, declaration);
        }
        return winners.values().stream().map(Declaration::css).collect(Collectors.joining(";"));
    }

    /** One declaration as written in the output; a null property marks verbatim text. */
    record Declaration(String property, String value, boolean important) {
        String css() {
            return property == null ? value : property + ":" + value + (important ? " !important" : "");
        }
    }

    /**
     * A declaration competing for an element's property. Priority follows CSS Cascade: sheet
     * declarations, then the element's own style attribute, then sheet {@code !important}, then
     * {@code !important} in the style attribute; within a level, specificity, then source order.
     */
    record Candidate(Declaration declaration, boolean fromStyleAttribute, Specificity specificity, int sequence) {
        static final Comparator<Candidate> PRIORITY = Comparator.comparingInt(Candidate::level)
                .thenComparing(Candidate::specificity)
                .thenComparingInt(Candidate::sequence);

        int level() {
            return (declaration.important() ? 2 : 0) + (fromStyleAttribute ? 1 : 0);
        }
    }

    /**
     * Remembers the first problem ph-css reports while reading one piece of CSS. A fresh instance per
     * read; passing it explicitly also keeps ph-css from using its global (static, mutable) default
     * handlers, which only log.
     */
    private static final class ParseProblems
            implements ICSSParseErrorHandler, ICSSParseExceptionCallback, ICSSInterpretErrorHandler {
        private String message;
        private int line;
        private int column;

        CSSReaderSettings settings() {
            return new CSSReaderSettings()
                    .setCSSVersion(CSS_VERSION)
                    .setCustomErrorHandler(this)
                    .setCustomExceptionHandler(this)
                    .setInterpretErrorHandler(this);
        }

        boolean found() {
            return message != null;
        }

        String describe(String origin, String css) {
            StringBuilder text = new StringBuilder("Invalid CSS in ").append(origin);
            if (line > 0) {
                text.append(" at line ").append(line).append(", column ").append(column);
            }
            text.append(": ").append(found() ? message : "ph-css could not read it");
            if (line > 0) {
                css.lines().skip(line - 1L).findFirst().map(String::strip).filter(s -> !s.isEmpty())
                        .ifPresent(source -> text.append(" (near \"").append(abbreviate(source)).append("\")"));
            }
            return text.toString();
        }

        private static String abbreviate(String source) {
            return source.length() <= 80 ? source : source.substring(0, 77) + "...";
        }

        private void record(Token token, String problem) {
            if (message == null) {
                message = problem;
                if (token != null) {
                    line = token.beginLine;
                    column = token.beginColumn;
                }
            }
        }

        /** ph-css messages list every expected token; the offending token is what helps. */
        private void record(ParseException e) {
            Token offending = e.currentToken == null ? null : e.currentToken.next;
            if (offending == null) {
                record(null, e.getMessage() == null ? "parse error" : e.getMessage().lines().findFirst().orElse(""));
            } else if (offending.kind == ParserCSS30Constants.EOF) {
                record(offending, "unexpected end of CSS (missing '}' or ';'?)");
            } else {
                record(offending, "unexpected '" + offending.image + "'");
            }
        }

        @Override
        public void onException(ParseException e) {
            record(e); // unrecoverable: ph-css returns no style sheet
        }

        @Override
        public void onCSSParseError(ParseException e, Token lastSkippedToken) {
            record(e); // recovered by skipping text
        }

        @Override
        public void onCSSUnexpectedRule(Token currentToken, String rule, String problem) {
            record(currentToken, "unexpected rule " + rule + ": " + problem);
        }

        @Override
        public void onCSSDeprecatedProperty(Token prefixToken, Token identifierToken) {
            // Old IE hacks ("_height"); ph-css drops them, which is what email needs anyway.
        }

        @Override
        public void onCSSBrowserCompliantSkip(ParseException e, Token fromToken, Token toToken) {
            record(e); // only called in browser-compliant mode, which is off; listed for completeness
        }

        @Override
        public void onIllegalCharacter(char c) {
            record(null, "illegal character '" + c + "'");
        }

        @Override
        public void onCSSInterpretationWarning(String warning) {
            // Warnings describe CSS ph-css still understood; nothing is lost.
        }

        @Override
        public void onCSSInterpretationError(String error) {
            record(null, error);
        }
    }
}
