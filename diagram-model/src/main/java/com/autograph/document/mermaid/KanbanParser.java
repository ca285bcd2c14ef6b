package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

/**
 * {@code kanban}: the least indented nodes are columns ({@code frame}s side by side), the
 * nodes under them items ({@code rectangle} cards stacked in their column). {@code @{
 * assigned: ..., ticket: ..., priority: ... }} after an item is kept in its extension; a
 * known priority colours the card's border.
 */
final class KanbanParser extends KindParser {

    /** The metadata fields an item may have, in the order they are written back. */
    static final List<String> FIELDS = List.of("ticket", "assigned", "priority", "icon");

    private static final Map<String, String> PRIORITY_COLORS = Map.of("very high", "#d32f2f", "high", "#f57c00", "low",
            "#1976d2", "very low", "#90caf9");

    static final double COLUMN_WIDTH = 220;

    static final double CARD_WIDTH = 190;

    private int columnIndent = -1;

    private Draft column;

    private int columns;

    private int items;

    /** A markdown label spanning lines. */
    private final NodeSyntax.MultiLineLabel pending = new NodeSyntax.MultiLineLabel();

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `kanban` on its line", "start the first column on the next line");
        }
    }

    @Override
    void statement(Line line) {
        if (pending.take(line, this::node)) {
            return;
        }
        if (NodeSyntax.opensMultiLine(line.text())) {
            pending.open(line);
            return;
        }
        node(line);
    }

    private void node(Line line) {
        String t = line.text();
        NodeSyntax.Node n = NodeSyntax.read(t, "@{");
        if (n.problem() != null) {
            error(line, n.at(), n.problem(), n.suggestion());
            return;
        }
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        String rest = t.substring(n.end()).strip();
        if (!rest.isEmpty()) {
            int at = t.indexOf(rest, n.end());
            if (!rest.startsWith("@{")) {
                error(line, at, "nothing may follow a node on its line except `@{ ... }`");
                return;
            }
            if (!rest.endsWith("}")) {
                error(line, at, "`@{` is never closed", "end the line with `}`");
                return;
            }
            if (!metadata(line, at, rest.substring(2, rest.length() - 1), meta)) {
                return;
            }
        }
        int indent = line.column() - 1;
        if (columnIndent < 0) {
            columnIndent = indent;
        }
        if (indent < columnIndent) {
            error(line, 0, "this line is less indented than the columns",
                    "indent it like the first column, or more for an item");
            return;
        }
        boolean isColumn = indent == columnIndent;
        String generated = isColumn ? "column:" + (++columns) : "item:" + (++items);
        String id = n.id() != null && n.id().length() <= 128 && n.id().indexOf(':') < 0 && draft(n.id()) == null
                ? n.id() : generated;
        Draft d = add(new Draft(id, isColumn ? ShapeType.FRAME : ShapeType.RECTANGLE));
        d.text = n.label();
        if (n.id() != null && !id.equals(n.id())) {
            d.ext().put("id", n.id());
        }
        if (n.markdown()) {
            d.ext().put("markdown", true);
        }
        meta.forEach(d.ext()::put);
        String color = PRIORITY_COLORS.get(meta.getOrDefault("priority", "").toLowerCase(Locale.ROOT));
        if (color != null) {
            d.style = Style.builder().strokeColor(color).build();
        }
        if (isColumn) {
            column = d;
        }
        else {
            d.parent = column.id;
        }
    }

    /** Reads {@code key: value, key: 'value'} into {@code meta}; false after an error. */
    private boolean metadata(Line line, int at, String body, Map<String, String> meta) {
        List<String> parts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>(List.of(0));
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
            }
            else if (c == ',') {
                parts.add(part.toString());
                starts.add(i + 1);
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        if (quote != 0) {
            error(line, at, "a string in `@{ ... }` is never closed", "add `" + quote + "` after it");
            return false;
        }
        parts.add(part.toString());
        for (int k = 0; k < parts.size(); k++) {
            String p = parts.get(k);
            if (p.isBlank()) {
                continue;
            }
            int keyAt = at + 2 + starts.get(k) + (p.length() - p.stripLeading().length());
            int colon = p.indexOf(':');
            String key = colon < 0 ? p.strip() : p.substring(0, colon).strip();
            if (!FIELDS.contains(key)) {
                String near = Mermaid.closest(key, FIELDS);
                error(line, keyAt, "unknown item field `" + key + "`", near != null ? "did you mean `" + near + "`?"
                        : "an item may have " + String.join(", ", FIELDS));
                return false;
            }
            if (colon < 0) {
                error(line, keyAt, "`" + key + "` needs a value", "write `" + key + ": value`");
                return false;
            }
            String value = p.substring(colon + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1);
            }
            meta.put(key, value);
        }
        return true;
    }

    @Override
    void finish(int lastLine) {
        pending.finish(errors);
        if (columns == 0 && errors.isEmpty()) {
            errors.add(new CodeError(lastLine, 1, "a kanban board needs a column", "write e.g. `todo[Todo]`"));
        }
    }

    @Override
    boolean fitsContainers() {
        return false;
    }

    /** Columns side by side, their cards stacked top to bottom. */
    @Override
    void layout(List<Draft> ordered) {
        Map<String, double[]> bottoms = new java.util.HashMap<>();
        int k = 0;
        for (Draft d : ordered) {
            if (d.type == ShapeType.FRAME) {
                d.x = (k++) * (COLUMN_WIDTH + 30);
                d.y = 0;
                d.width = COLUMN_WIDTH;
                bottoms.put(d.id, new double[] { 50 });
            }
            else if (!d.isConnector()) {
                double[] bottom = bottoms.get(d.parent);
                Draft col = draft(d.parent);
                d.width = CARD_WIDTH;
                d.height = wrappedHeight(d.text, CARD_WIDTH);
                d.x = col == null ? 0 : col.x + (COLUMN_WIDTH - CARD_WIDTH) / 2;
                d.y = bottom == null ? 0 : bottom[0];
                if (bottom != null) {
                    bottom[0] += d.height + 12;
                }
            }
        }
        for (Draft d : ordered) {
            if (d.type == ShapeType.FRAME) {
                d.height = Math.max(120, bottoms.get(d.id)[0] + 8);
            }
        }
    }

    /** The height of a label wrapped to {@code width}, at about 8 pixels a character. */
    static double wrappedHeight(String text, double width) {
        int perLine = Math.max(1, (int) ((width - 24) / 8));
        long lines = 0;
        for (String l : (text == null ? "" : text).split("\n", -1)) {
            lines += Math.max(1, (l.codePointCount(0, l.length()) + perLine - 1) / perLine);
        }
        return Math.min(100_000, Math.max(44, lines * 20 + 20));
    }

}
