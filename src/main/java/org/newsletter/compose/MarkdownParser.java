package org.newsletter.compose;

import com.vladsch.flexmark.ext.attributes.AttributesExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;

/**
 * The one Flexmark configuration used everywhere: CommonMark plus tables, autolinks, strikethrough
 * and {@code {.attributes}}; raw HTML passes through (authors sometimes need it, and the output is
 * checked by {@code check}). Building a parser is costly, so one instance is shared per run.
 */
public final class MarkdownParser {

    private final DataHolder options;
    private final Parser parser;

    public MarkdownParser() {
        MutableDataSet set = new MutableDataSet();
        set.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), AutolinkExtension.create(),
                StrikethroughExtension.create(), AttributesExtension.create(), ComponentBlockParser.Extension.create()));
        set.set(TablesExtension.CLASS_NAME, "data-table");
        set.set(HtmlRenderer.SOFT_BREAK, "\n");
        this.options = set.toImmutable();
        this.parser = Parser.builder(options).build();
    }

    public Document parse(String markdown) {
        return parser.parse(markdown);
    }

    DataHolder options() {
        return options;
    }
}
