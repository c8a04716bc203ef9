package org.newsletter.compose;

import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCaption;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Renders a GFM table as text.
 *
 * <p>A table that fits the line is shown as aligned columns, which reads best. One that does not
 * fit would wrap into an unreadable mess in a mail client, so each body row is shown instead as a
 * small record of {@code Header: value} lines.
 */
final class TableRenderer {

    private static final String SEPARATOR = " | ";
    private static final String RULE_CROSSING = "-+-";
    private static final String RECORD_INDENT = "  ";

    private final InlineRenderer inline;

    TableRenderer(InlineRenderer inline) {
        this.inline = inline;
    }

    /**
     * One cell: its inline text as {@link TextWrapper} expects it (so a link reference stays glued
     * to its word when a record wraps) and its column alignment, null meaning the default.
     */
    private record Cell(String inlineText, TableCell.Alignment alignment) {

        /** The text as shown in a single-line column. */
        String text() {
            return TextWrapper.oneLine(inlineText);
        }
    }

    /** The table's rows as text; cells are rendered once so link numbers follow reading order. */
    private static final class Grid {
        final List<List<Cell>> head = new ArrayList<>();
        final List<List<Cell>> body = new ArrayList<>();
        final List<String> captions = new ArrayList<>();

        int columns() {
            int columns = 0;
            for (List<Cell> row : allRows()) {
                columns = Math.max(columns, row.size());
            }
            return columns;
        }

        List<List<Cell>> allRows() {
            List<List<Cell>> rows = new ArrayList<>(head);
            rows.addAll(body);
            return rows;
        }
    }

    List<String> render(TableBlock table, int width) {
        Grid grid = read(table);
        int[] widths = columnWidths(grid);
        int total = (widths.length - 1) * SEPARATOR.length();
        for (int columnWidth : widths) {
            total += columnWidth;
        }
        List<String> lines = total <= width || grid.body.isEmpty()
                ? columns(grid, widths)
                : records(grid, width);
        for (String caption : grid.captions) {
            lines.add("");
            lines.addAll(TextWrapper.wrap(caption, width));
        }
        return lines;
    }

    private Grid read(TableBlock table) {
        Grid grid = new Grid();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            if (section instanceof TableHead) {
                readRows(section, grid.head);
            } else if (section instanceof TableBody) {
                readRows(section, grid.body);
            } else if (section instanceof TableCaption) {
                grid.captions.add(inline.renderChildren(section));
            }
            // TableSeparator holds the |---|:--:| line: markup, not content.
        }
        return grid;
    }

    private void readRows(Node section, List<List<Cell>> rows) {
        for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
            if (!(row instanceof TableRow)) {
                continue;
            }
            List<Cell> cells = new ArrayList<>();
            for (Node node = row.getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof TableCell cell) {
                    cells.add(new Cell(inline.renderChildren(cell), cell.getAlignment()));
                    // A cell spanning columns keeps the later columns of the row aligned.
                    for (int extra = 1; extra < cell.getSpan(); extra++) {
                        cells.add(new Cell("", cell.getAlignment()));
                    }
                }
            }
            rows.add(cells);
        }
    }

    private static int[] columnWidths(Grid grid) {
        int[] widths = new int[grid.columns()];
        for (List<Cell> row : grid.allRows()) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], DisplayWidth.of(row.get(column).text()));
            }
        }
        return widths;
    }

    private static List<String> columns(Grid grid, int[] widths) {
        List<String> lines = new ArrayList<>();
        for (List<Cell> row : grid.head) {
            lines.add(formatRow(row, widths));
        }
        if (!grid.head.isEmpty()) {
            List<String> dashes = new ArrayList<>();
            for (int columnWidth : widths) {
                dashes.add("-".repeat(columnWidth));
            }
            lines.add(String.join(RULE_CROSSING, dashes));
        }
        for (List<Cell> row : grid.body) {
            lines.add(formatRow(row, widths));
        }
        return lines;
    }

    private static String formatRow(List<Cell> row, int[] widths) {
        List<String> texts = new ArrayList<>();
        for (int column = 0; column < widths.length; column++) {
            Cell cell = column < row.size() ? row.get(column) : new Cell("", null);
            texts.add(pad(cell, widths[column]));
        }
        return String.join(SEPARATOR, texts).stripTrailing();
    }

    private static String pad(Cell cell, int width) {
        int space = width - DisplayWidth.of(cell.text());
        if (cell.alignment() == TableCell.Alignment.RIGHT) {
            return " ".repeat(space) + cell.text();
        }
        if (cell.alignment() == TableCell.Alignment.CENTER) {
            return " ".repeat(space / 2) + cell.text() + " ".repeat(space - space / 2);
        }
        return cell.text() + " ".repeat(space);
    }

    private static List<String> records(Grid grid, int width) {
        List<Cell> header = grid.head.isEmpty() ? Collections.emptyList() : grid.head.get(0);
        List<String> lines = new ArrayList<>();
        for (List<Cell> row : grid.body) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            for (int column = 0; column < row.size(); column++) {
                String name = column < header.size() && !header.get(column).text().isEmpty()
                        ? header.get(column).text()
                        : "Column " + (column + 1);
                lines.addAll(record(name, row.get(column), width));
            }
        }
        return lines;
    }

    /** One {@code Header: value} line, wrapped with a hanging indent so the value stands out. */
    private static List<String> record(String name, Cell value, int width) {
        String text = name + ": " + value.inlineText().replace('\n', ' ');
        int restWidth = Math.max(1, width - RECORD_INDENT.length());
        List<String> wrapped = TextWrapper.wrap(text, width, restWidth);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < wrapped.size(); i++) {
            lines.add(i == 0 ? wrapped.get(i) : RECORD_INDENT + wrapped.get(i));
        }
        return lines;
    }
}
