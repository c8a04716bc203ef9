package org.newsletter.compose;

import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.AbstractBlockParser;
import com.vladsch.flexmark.parser.block.AbstractBlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockContinue;
import com.vladsch.flexmark.parser.block.BlockParser;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.MatchedBlockParser;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.BlockContent;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ::: NAME} … {@code :::} into a {@link ComponentBlock} holding the Markdown between the
 * two lines. Flexmark has no such block (its attributes extension cannot mark a whole blockquote), so
 * this is a container parser like the block quote's: every line until the closing {@code :::} belongs
 * to it. Components do not nest: a {@code ::: NAME} line inside one is an ordinary paragraph.
 */
final class ComponentBlockParser extends AbstractBlockParser {

    private static final Pattern OPENING = Pattern.compile(":{3,}[ \\t]*([A-Za-z][A-Za-z0-9-]*)[ \\t]*:*[ \\t]*");
    private static final Pattern CLOSING = Pattern.compile(":{3,}[ \\t]*");

    private final ComponentBlock block;
    private final BasedSequence opening;
    private BlockContent content = new BlockContent();

    private ComponentBlockParser(BasedSequence opening, String kind) {
        this.block = new ComponentBlock(opening, kind);
        this.opening = opening;
    }

    @Override
    public Block getBlock() {
        return block;
    }

    @Override
    public BlockContinue tryContinue(ParserState state) {
        if (block.closed()) {
            return BlockContinue.none();
        }
        BasedSequence rest = state.getLine().subSequence(state.getIndex());
        if (CLOSING.matcher(rest.trimEOL()).matches()) {
            // Consumes the closing line: what is left of it is blank, which ends an open paragraph inside.
            block.close();
            return BlockContinue.atIndex(state.getLineEndIndex());
        }
        return BlockContinue.atIndex(state.getIndex());
    }

    @Override
    public void addLine(ParserState state, BasedSequence line) {
        content.add(line, state.getIndent());
    }

    @Override
    public void closeBlock(ParserState state) {
        block.setContent(content);
        block.setCharsFromContent();
        // From the opening line on, so that findings point at the "::: NAME" an author wrote.
        int end = Math.max(opening.getEndOffset(), block.getChars().getEndOffset());
        block.setChars(opening.baseSubSequence(opening.getStartOffset(), end));
        content = null;
    }

    @Override
    public boolean isContainer() {
        return true;
    }

    @Override
    public boolean canContain(ParserState state, BlockParser blockParser, Block child) {
        return true;
    }

    /** Registers the parser with Flexmark. */
    static final class Extension implements Parser.ParserExtension {

        static Extension create() {
            return new Extension();
        }

        @Override
        public void parserOptions(MutableDataHolder options) {
            // no options
        }

        @Override
        public void extend(Parser.Builder builder) {
            builder.customBlockParserFactory(new Factory());
        }
    }

    static final class Factory implements CustomBlockParserFactory {
        @Override
        public BlockParserFactory apply(DataHolder options) {
            return new Starter(options);
        }

        @Override
        public Set<Class<?>> getAfterDependents() {
            return null;
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return null;
        }

        @Override
        public boolean affectsGlobalScope() {
            return false;
        }
    }

    private static final class Starter extends AbstractBlockParserFactory {
        Starter(DataHolder options) {
            super(options);
        }

        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
            if (state.getIndent() >= 4 || inComponent(state)) {
                return BlockStart.none();
            }
            BasedSequence line = state.getLine();
            BasedSequence rest = line.subSequence(state.getNextNonSpaceIndex()).trimEOL();
            Matcher opening = OPENING.matcher(rest);
            if (!opening.matches()) {
                return BlockStart.none();
            }
            return BlockStart.of(new ComponentBlockParser(rest, opening.group(1).toLowerCase(Locale.ROOT)))
                    .atIndex(state.getLineEndIndex());
        }

        private static boolean inComponent(ParserState state) {
            for (BlockParser parser : state.getActiveBlockParsers()) {
                if (parser instanceof ComponentBlockParser) {
                    return true;
                }
            }
            return false;
        }
    }
}
