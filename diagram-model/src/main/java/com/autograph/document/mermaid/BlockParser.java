package com.autograph.document.mermaid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.Arrowhead;
import com.autograph.document.DocumentValidator;
import com.autograph.document.ShapeType;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.node.ArrayNode;

/**
 * {@code block} / {@code block-beta}: blocks are rectangles, ellipses or diamonds (the
 * Mermaid shape in the extension, block arrows with their directions), composite blocks
 * ({@code block:id … end}) frames, {@code space} cells empty groups, each with the
 * columns it spans; edges are arrows or lines as in flowcharts. The column grid is the
 * layout: each scope's blocks fill rows of its {@code columns} in order.
 */
final class BlockParser extends KindParser {

    /** The most columns a grid or a block may have. */
    static final int MAX_COLUMNS = 1000;

    static final List<String> DIRECTIONS = List.of("right", "left", "up", "down", "x", "y");

    /**
     * Openers longest first, with their closers and the Mermaid shape names they make.
     */
    static final String[][] SHAPES = { { "(((", ")))", "doublecircle" }, { "((", "))", "circle" },
            { "([", "])", "stadium" }, { "[[", "]]", "subroutine" }, { "[(", ")]", "cylinder" },
            { "{{", "}}", "hexagon" }, { "[/", "/]", "lean_right", "\\]", "trapezoid" },
            { "[\\", "\\]", "lean_left", "/]", "inv_trapezoid" }, { "<[", "]>", "block_arrow" }, { "[", "]", "rect" },
            { "(", ")", "round" }, { "{", "}", "diamond" }, { ">", "]", "odd" } };

    private static final List<String> KEYWORDS = List.of("block", "end", "columns", "space", "classDef", "class",
            "style");

    /**
     * One block or space as written: id (null for a space), Mermaid shape and label (null
     * when the block has no brackets), block arrow directions, columns spanned (0 when
     * not written), where it starts.
     */
    record Item(String id, String shape, String label, List<String> directions, int width, int start) {
    }

    private record Open(Draft frame, Line line) {
    }

    private record Deferred(Line line, int index, String id, String what, String value) {
    }

    private static final class Fail extends RuntimeException {

        final int index;

        final String suggestion;

        Fail(int index, String message, String suggestion) {
            super(message, null, false, false);
            this.index = index;
            this.suggestion = suggestion;
        }

    }

    private final Deque<Open> open = new ArrayDeque<>();

    private final Map<String, String> classDefs = new LinkedHashMap<>();

    /** Where each block was placed (a block only mentioned by an edge is not yet). */
    private final Map<String, Line> placed = new HashMap<>();

    private final List<Deferred> deferred = new ArrayList<>();

    private int anonymous;

    private int spaces;

    private int edges;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `" + Mermaid.str(root, "keyword", "block") + "` on its line",
                    "write `columns` and the blocks on the next lines");
        }
    }

    private String scope() {
        for (Open o : open) {
            if (o.frame() != null) {
                return o.frame().id;
            }
        }
        return null;
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        String word = t.split("\\s+", 2)[0];
        Line rest = line.sub(word.length());
        switch (word) {
            case "end" -> {
                if (open.isEmpty()) {
                    error(line, 0, "`end` without an open `block`");
                }
                else {
                    open.pop();
                }
                if (!rest.isBlank()) {
                    error(rest, 0, "nothing may follow `end` on its line");
                }
            }
            case "columns" -> columns(line, rest);
            case "classDef" -> {
                String[] p = rest.text().split("\\s+", 2);
                if (p.length < 2 || p[0].isEmpty()) {
                    error(line, 0, "`classDef` needs a name and styles", "write `classDef name fill:#f9f,stroke:#333`");
                }
                else {
                    for (String name : p[0].split(",")) {
                        if (!name.isBlank()) {
                            classDefs.put(name.strip(), p[1].strip());
                        }
                    }
                }
            }
            case "class" -> {
                String[] p = rest.text().split("\\s+");
                if (p.length != 2) {
                    error(line, 0, "`class` needs block ids and a class name", "write `class A,B className`");
                }
                else {
                    int at = 0;
                    for (String id : p[0].split(",", -1)) {
                        deferred.add(new Deferred(rest, at, id.strip(), "class", p[1]));
                        at += id.length() + 1;
                    }
                }
            }
            case "style" -> {
                String[] p = rest.text().split("\\s+", 2);
                if (p.length < 2) {
                    error(line, 0, "`style` needs a block id and styles", "write `style A fill:#f9f`");
                }
                else {
                    deferred.add(new Deferred(rest, 0, p[0], "style", p[1].strip()));
                }
            }
            default -> {
                if (word.equals("block") || word.startsWith("block:")) {
                    composite(line);
                }
                else if (!common(line)) {
                    items(line);
                }
            }
        }
    }

    private void columns(Line line, Line rest) {
        String n = rest.text();
        Object value;
        if (n.equals("auto")) {
            value = n;
        }
        else if (n.matches("\\d{1,4}") && Integer.parseInt(n) >= 1 && Integer.parseInt(n) <= MAX_COLUMNS) {
            value = Integer.parseInt(n);
        }
        else {
            error(rest, 0, "`columns` takes a number from 1 to " + MAX_COLUMNS + " or `auto`", "write `columns 3`");
            return;
        }
        String here = scope();
        var ext = here == null ? root : draft(here).ext();
        if (value instanceof Integer i) {
            ext.put("columns", i);
        }
        else {
            ext.put("columns", "auto");
        }
    }

    /** {@code block}, {@code block:id}, {@code block:id:2}, {@code block:id["Label"]}. */
    private void composite(Line line) {
        if (tooDeep(line, open.size())) {
            return;
        }
        // even a block in error is closed by its `end`; what it holds goes to the scope
        // around it
        open.push(new Open(frame(line), line));
    }

    /** The frame a composite block's line opens, or null after an error. */
    private Draft frame(Line line) {
        String t = line.text();
        String around = scope();
        Draft frame;
        if (t.equals("block")) {
            frame = add(new Draft("block:" + (++anonymous), ShapeType.FRAME));
        }
        else {
            Item item;
            try {
                Scanner s = new Scanner(t, 6);
                item = s.item();
                s.skipBlanks();
                if (s.i < t.length()) {
                    throw new Fail(s.i, "nothing may follow the block's name on its line",
                            "put what the block holds on the next lines");
                }
            }
            catch (Fail f) {
                error(line, f.index, f.getMessage(), f.suggestion);
                return null;
            }
            if (item.id() == null || item.shape() != null && !item.shape().equals("rect")) {
                error(line, 6, "a composite block is written `block:id` or `block:id:columns`");
                return null;
            }
            if (!fresh(line, item)) {
                return null;
            }
            // an edge may have named it before: it is created here, where it is placed
            drafts.remove(item.id());
            frame = add(new Draft(item.id(), ShapeType.FRAME));
            frame.text = item.label();
            if (item.width() > 0) {
                frame.ext().put("width", item.width());
            }
            placed.put(item.id(), line);
        }
        frame.parent = around;
        return frame;
    }

    /** Whether an id may be placed here: not placed before and not too long. */
    private boolean fresh(Line line, Item item) {
        if (item.id().length() > DocumentValidator.MAX_ID_LENGTH) {
            error(line, item.start(), "an id has at most " + DocumentValidator.MAX_ID_LENGTH + " characters");
            return false;
        }
        Line before = placed.get(item.id());
        if (before != null) {
            error(line, item.start(), "block `" + item.id() + "` is already placed on line " + before.number(),
                    "give this block another id, or write an edge to link to it");
            return false;
        }
        Draft existing = draft(item.id());
        if (existing != null && existing.type == ShapeType.FRAME) {
            error(line, item.start(), "`" + item.id() + "` is a composite block");
            return false;
        }
        return true;
    }

    /**
     * A line of blocks, spaces and edges: a block joined by an edge is only mentioned
     * (and created where it is first mentioned), the others are placed in the grid.
     */
    private void items(Line line) {
        String t = line.text();
        List<Object> toks = new ArrayList<>();
        try {
            Scanner s = new Scanner(t, 0);
            while (true) {
                s.skipBlanks();
                if (s.i >= t.length()) {
                    break;
                }
                if (s.atLink()) {
                    if (toks.isEmpty() || !(toks.getLast() instanceof Item prev) || prev.id() == null) {
                        throw new Fail(s.i, "this link needs a block before it", null);
                    }
                    toks.add(s.link());
                }
                else {
                    Item item = s.item();
                    if (item.id() == null && !toks.isEmpty() && toks.getLast() instanceof FlowLexer.LinkTok) {
                        throw new Fail(item.start(), "a link can't end at a space", null);
                    }
                    toks.add(item);
                }
            }
            if (!toks.isEmpty() && toks.getLast() instanceof FlowLexer.LinkTok l) {
                throw new Fail(l.start(), "this link needs a block after it", null);
            }
        }
        catch (Fail f) {
            String word = t.split("[\\s:(\\[{<>-]", 2)[0];
            String near = Mermaid.closest(word, KEYWORDS);
            if (near != null && !near.equals(word) && word.length() > 3) {
                error(line, 0, "unknown statement `" + word + "`", "did you mean `" + near + "`?");
            }
            else {
                error(line, f.index, f.getMessage(), f.suggestion);
            }
            return;
        }
        for (Object tok : toks) {
            if (tok instanceof Item item && item.id() != null && item.id().length() > DocumentValidator.MAX_ID_LENGTH) {
                error(line, item.start(), "an id has at most " + DocumentValidator.MAX_ID_LENGTH + " characters");
                return;
            }
        }
        Draft previous = null;
        FlowLexer.LinkTok pending = null;
        for (int k = 0; k < toks.size(); k++) {
            Object tok = toks.get(k);
            if (tok instanceof FlowLexer.LinkTok l) {
                pending = l;
                continue;
            }
            Item item = (Item) tok;
            if (item.id() == null) {
                space(item);
                previous = null;
                continue;
            }
            boolean linked = pending != null || k + 1 < toks.size() && toks.get(k + 1) instanceof FlowLexer.LinkTok;
            Draft d = linked ? mention(item) : place(line, item);
            if (d == null) {
                previous = null;
                pending = null;
                continue;
            }
            if (pending != null && previous != null) {
                edge(previous, d, pending);
            }
            pending = null;
            previous = d;
        }
    }

    private void space(Item item) {
        Draft d = add(new Draft("space:" + (++spaces), ShapeType.GROUP));
        d.parent = scope();
        d.ext().put("block", "space");
        if (item.width() > 0) {
            d.ext().put("width", item.width());
        }
    }

    /** Shape, label and width from a mention, on a block that is not a composite. */
    private static void apply(Draft d, Item item) {
        if (item.width() > 0) {
            d.ext().put("width", item.width());
        }
        if (item.shape() == null || d.type == ShapeType.FRAME) {
            return;
        }
        d.type = switch (item.shape()) {
            case "stadium", "circle", "doublecircle" -> ShapeType.ELLIPSE;
            case "diamond" -> ShapeType.DIAMOND;
            default -> ShapeType.RECTANGLE;
        };
        String byDefault = switch (d.type) {
            case ELLIPSE -> "circle";
            case DIAMOND -> "diamond";
            default -> "rect";
        };
        if (item.shape().equals(byDefault)) {
            d.ext().remove("shape");
        }
        else {
            d.ext().put("shape", item.shape());
        }
        d.ext().remove("directions");
        if (item.directions() != null) {
            ArrayNode dirs = d.ext().putArray("directions");
            item.directions().forEach(dirs::add);
        }
        d.text = item.label();
    }

    private Draft mention(Item item) {
        Draft d = draft(item.id());
        if (d == null) {
            d = add(new Draft(item.id(), ShapeType.RECTANGLE));
            d.text = item.id();
            d.parent = scope();
        }
        apply(d, item);
        return d;
    }

    private Draft place(Line line, Item item) {
        if (!fresh(line, item)) {
            return null;
        }
        Draft d = drafts.remove(item.id());
        if (d == null) {
            d = new Draft(item.id(), ShapeType.RECTANGLE);
            d.text = item.id();
        }
        // placed here: it moves to this point of the grid even if an edge named it before
        add(d);
        d.parent = scope();
        placed.put(item.id(), line);
        apply(d, item);
        return d;
    }

    private void edge(Draft a, Draft b, FlowLexer.LinkTok l) {
        boolean heads = l.startHead() != 0 || l.endHead() != 0;
        Draft e = add(Draft.connector("edge:" + (++edges), heads ? ShapeType.ARROW : ShapeType.LINE, a.id, b.id));
        e.startHead = head(l.startHead());
        e.endHead = head(l.endHead());
        e.text = l.text();
        if (!l.stroke().equals("normal")) {
            e.ext().put("link", l.stroke());
        }
        if (l.length() > 1) {
            e.ext().put("length", l.length());
        }
    }

    private static Arrowhead head(char c) {
        return switch (c) {
            case '>' -> Arrowhead.ARROW;
            case 'o' -> Arrowhead.CIRCLE;
            case 'x' -> Arrowhead.BAR;
            default -> Arrowhead.NONE;
        };
    }

    @Override
    void finish(int lastLine) {
        for (Open o : open) {
            String name = o.frame() == null || o.frame().id.startsWith("block:") ? "this block"
                    : "block `" + o.frame().id + "`";
            errors.add(new CodeError(o.line().number(), o.line().column(), name + " is never closed",
                    "add `end` after its last line"));
        }
        for (Deferred d : deferred) {
            Draft target = draft(d.id());
            if (target == null || target.isConnector() || d.id().startsWith("space:")) {
                List<String> ids = drafts.values().stream().filter(x -> !x.isConnector()).map(x -> x.id).toList();
                String near = Mermaid.closest(d.id(), ids);
                error(d.line(), d.index(), "there is no block `" + d.id() + "`",
                        near != null ? "did you mean `" + near + "`?" : null);
                continue;
            }
            if (d.what().equals("class")) {
                ArrayNode classes = target.ext().has("classes") ? (ArrayNode) target.ext().get("classes")
                        : target.ext().putArray("classes");
                boolean known = false;
                for (var c : classes) {
                    known |= c.stringValue().equals(d.value());
                }
                if (!known) {
                    classes.add(d.value());
                }
            }
            else {
                String before = Mermaid.str(target.ext(), "style", null);
                target.ext().put("style", before == null ? d.value() : before + "," + d.value());
            }
        }
        if (!classDefs.isEmpty()) {
            var defs = root.putObject("class_defs");
            classDefs.forEach(defs::put);
        }
        for (Draft d : drafts.values()) {
            if (!d.ext().has("block")) {
                d.style = FlowchartParser.styleOf(d, root);
            }
        }
    }

    @Override
    String connectorPrefix() {
        return "edge:";
    }

    @Override
    boolean fitsContainers() {
        return false;
    }

    private static final double GAP = 16;

    private static final double PAD = 16;

    /**
     * The grid: in each scope, blocks fill rows of its columns (all in one row for
     * {@code auto}), a block spanning its width in columns; a column is as wide as the
     * widest block needs, a row as tall as its tallest block; composite blocks are laid
     * out inside first and sized around their grid.
     */
    @Override
    void layout(List<Draft> ordered) {
        Map<String, List<Draft>> byParent = new HashMap<>();
        for (Draft d : ordered) {
            if (!d.isConnector()) {
                byParent.computeIfAbsent(d.parent, k -> new ArrayList<>()).add(d);
            }
        }
        arrange(null, root, byParent);
        // positions were relative to the scope; parents come before children in tree
        // order
        Map<String, Draft> byId = new HashMap<>();
        for (Draft d : ordered) {
            byId.put(d.id, d);
            Draft p = d.parent == null ? null : byId.get(d.parent);
            if (p != null && !d.isConnector()) {
                d.x += p.x + PAD;
                d.y += p.y + PAD;
            }
        }
    }

    private static int span(Draft d, int columns) {
        var w = d.ext().get("width");
        int n = w != null && w.isInt() ? Math.max(1, w.asInt()) : 1;
        return Math.min(n, columns);
    }

    /** Lays out the scope's blocks relative to its origin; its content size. */
    private double[] arrange(String scope, tools.jackson.databind.node.ObjectNode ext,
            Map<String, List<Draft>> byParent) {
        List<Draft> here = byParent.getOrDefault(scope, List.of());
        var c = ext.get("columns");
        int total = 0;
        for (Draft d : here) {
            total += span(d, MAX_COLUMNS);
        }
        int columns = c != null && c.isInt() ? c.asInt() : Math.max(1, total);
        double unit = 0;
        for (Draft d : here) {
            double[] size;
            if (d.type == ShapeType.FRAME) {
                double[] inner = arrange(d.id, d.ext(), byParent);
                size = new double[] { inner[0] + 2 * PAD, inner[1] + 2 * PAD };
            }
            else if (d.ext().has("block")) {
                size = new double[] { 0, 0 };
            }
            else {
                size = Mermaid.sizeFor(d.text, 80, 50);
            }
            d.width = size[0];
            d.height = size[1];
            int n = span(d, columns);
            unit = Math.max(unit, (d.width - (n - 1) * GAP) / n);
        }
        double y = 0;
        double width = 0;
        double rowHeight = 0;
        int column = 0;
        List<Draft> row = new ArrayList<>();
        for (Draft d : here) {
            int n = span(d, columns);
            if (column > 0 && column + n > columns) {
                evenRow(row, rowHeight);
                y += rowHeight + GAP;
                rowHeight = 0;
                column = 0;
            }
            d.x = column * (unit + GAP);
            d.y = y;
            d.width = n * unit + (n - 1) * GAP;
            width = Math.max(width, d.x + d.width);
            rowHeight = Math.max(rowHeight, d.height);
            row.add(d);
            column += n;
        }
        evenRow(row, rowHeight);
        return new double[] { width, here.isEmpty() ? 0 : y + rowHeight };
    }

    /**
     * Gives the blocks and spaces of a finished row its height (composites keep theirs).
     */
    private static void evenRow(List<Draft> row, double height) {
        for (Draft r : row) {
            if (r.type != ShapeType.FRAME) {
                r.height = height;
            }
        }
        row.clear();
    }

    /** Reads blocks, spaces and links from one statement. */
    private static final class Scanner extends StatementCursor {

        Scanner(String s, int from) {
            super(s, from);
        }

        @Override
        RuntimeException fail(int index, String message, String suggestion, boolean unfinished) {
            return new Fail(index, message, suggestion);
        }

        boolean atLink() {
            char c = s.charAt(i);
            if (c == '<' && i + 1 < s.length()) {
                c = s.charAt(i + 1);
                return c == '-' || c == '=';
            }
            return c == '-' || c == '=' || c == '~';
        }

        Item item() {
            int start = i;
            while (i < s.length() && idChar(s.charAt(i))) {
                i++;
            }
            if (i == start && i >= s.length()) {
                throw new Fail(start, "expected a block id after `:`", "write `block:id`");
            }
            if (i == start) {
                char c = s.charAt(i);
                throw new Fail(i,
                        c == '"' ? "a block needs an id before its label" : "expected a block id but found `" + c + "`",
                        c == '"' ? "write `id[\"label\"]`" : null);
            }
            String id = s.substring(start, i);
            if (id.equals("space")) {
                return new Item(null, null, null, null, width(), start);
            }
            if (KEYWORDS.contains(id)) {
                throw new Fail(start, "`" + id + "` is a keyword and can't be a block id",
                        "use another id, e.g. `" + id + "1`");
            }
            String shape = null;
            String label = null;
            List<String> directions = null;
            int open = i;
            Bracketed bracketed = bracketed(SHAPES);
            if (bracketed != null) {
                shape = bracketed.shape();
                label = Mermaid.unescape(bracketed.label());
                if (shape.equals("block_arrow")) {
                    directions = directions(open);
                }
            }
            return new Item(id, shape, label, directions, width(), start);
        }

        /** {@code (right)}, {@code (x, down)} after a block arrow. */
        private List<String> directions(int arrow) {
            if (i >= s.length() || s.charAt(i) != '(') {
                throw new Fail(arrow, "a block arrow needs its direction after it", "write `<[\"label\"]>(right)`");
            }
            int close = s.indexOf(')', i);
            if (close < 0) {
                throw new Fail(i, "`(` is never closed", "add `)` after the direction");
            }
            List<String> out = new ArrayList<>();
            int at = i + 1;
            for (String d : s.substring(i + 1, close).split(",", -1)) {
                String dir = d.strip();
                if (!DIRECTIONS.contains(dir)) {
                    String near = Mermaid.closest(dir, DIRECTIONS);
                    throw new Fail(at + d.length() - d.stripLeading().length(),
                            "`" + dir + "` is not a block arrow direction; use right, left, up, down, x or y",
                            near != null ? "did you mean `" + near + "`?" : null);
                }
                out.add(dir);
                at += d.length() + 1;
            }
            i = close + 1;
            return out;
        }

        /** {@code :n} after a block: the columns it spans, or 0. */
        private int width() {
            if (i >= s.length() || s.charAt(i) != ':') {
                return 0;
            }
            int colon = i;
            i++;
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty() || n.length() > 4 || Integer.parseInt(n) < 1 || Integer.parseInt(n) > MAX_COLUMNS) {
                throw new Fail(colon, "a width is a number of columns from 1 to " + MAX_COLUMNS, "write e.g. `a:2`");
            }
            return Integer.parseInt(n);
        }

        private boolean blankNext() {
            return i >= s.length() || Character.isWhitespace(s.charAt(i));
        }

        FlowLexer.LinkTok link() {
            int start = i;
            char startHead = 0;
            if (s.charAt(i) == '<') {
                startHead = '>';
                i++;
            }
            char c = s.charAt(i);
            if (c == '~') {
                int n = count('~');
                if (n < 3) {
                    throw new Fail(start, "an invisible link is written `~~~`", "did you mean `~~~`?");
                }
                return finish(start, startHead, (char) 0, "invisible", n - 2, null);
            }
            if (c == '=') {
                int n = count('=');
                if (n < 2) {
                    throw new Fail(start, "`=` is not a link", "did you mean `==>`?");
                }
                char end = head();
                if (end == 0 && n == 2 && blankNext()) {
                    return text(start, startHead, "thick");
                }
                return finish(start, startHead, end, "thick", end != 0 ? n - 1 : n - 2, null);
            }
            int n = count('-');
            if (i < s.length() && s.charAt(i) == '.') {
                int dots = count('.');
                if (n == 1 && dots == 1 && blankNext()) {
                    return text(start, startHead, "dotted");
                }
                if (n != 1 || i >= s.length() || s.charAt(i) != '-') {
                    throw new Fail(start, "`" + s.substring(start, i) + "` is not a link", "did you mean `-.->`?");
                }
                i++;
                return finish(start, startHead, head(), "dotted", dots, null);
            }
            if (n < 2) {
                throw new Fail(start, "`" + s.substring(start, Math.min(s.length(), i + 1)).strip() + "` is not a link",
                        "did you mean `-->`?");
            }
            char end = head();
            if (end == 0 && n == 2 && blankNext()) {
                return text(start, startHead, "normal");
            }
            return finish(start, startHead, end, "normal", end != 0 ? n - 1 : n - 2, null);
        }

        /** {@code -- "text" -->}, {@code == text ==>}, {@code -. text .->}. */
        private FlowLexer.LinkTok text(int start, char startHead, String stroke) {
            String closer = switch (stroke) {
                case "thick" -> "={2,}[>ox]?";
                case "dotted" -> "\\.+-[>ox]?";
                default -> "-{2,}[>ox]?";
            };
            skipBlanks();
            String text;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(closer).matcher(s);
            if (i < s.length() && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    throw new Fail(i, "this string is never closed", "add `\"` at the end of the label");
                }
                text = s.substring(i + 1, close);
                i = close + 1;
                skipBlanks();
                if (!m.region(i, s.length()).lookingAt()) {
                    throw new Fail(i, "expected the rest of the link after its text",
                            "write `" + FlowLexer.link((char) 0, '>', stroke, 1) + "`");
                }
            }
            else {
                java.util.regex.Matcher gap = java.util.regex.Pattern.compile("\\s" + closer).matcher(s);
                if (!gap.find(i)) {
                    throw new Fail(start, "this link's text is never followed by the rest of the link",
                            "write `" + s.substring(start, i).strip() + " \"text\" "
                                    + FlowLexer.link((char) 0, '>', stroke, 1) + "`");
                }
                text = s.substring(i, gap.start()).strip();
                // the closer right after the blank the search found
                m.region(gap.start() + 1, s.length()).lookingAt();
            }
            String close = m.group();
            i = m.end();
            char end = 0;
            char last = close.charAt(close.length() - 1);
            int body = close.length();
            if (last == '>' || last == 'o' || last == 'x') {
                end = last;
                body--;
            }
            int length = stroke.equals("dotted") ? body - 1 : end != 0 ? body - 1 : body - 2;
            return new FlowLexer.LinkTok(start, i, startHead, end, stroke, Math.max(1, length), Mermaid.unescape(text),
                    null, false);
        }

        /** The link, with a {@code |text|} after it if there is one. */
        private FlowLexer.LinkTok finish(int start, char startHead, char end, String stroke, int length, String text) {
            int save = i;
            skipBlanks();
            if (i < s.length() && s.charAt(i) == '|') {
                int close = s.indexOf('|', i + 1);
                if (close < 0) {
                    throw new Fail(i, "the link text is never closed with `|`", "add `|` after the text");
                }
                String t = s.substring(i + 1, close).strip();
                if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                    t = t.substring(1, t.length() - 1);
                }
                i = close + 1;
                return new FlowLexer.LinkTok(start, i, startHead, end, stroke, Math.max(1, length), Mermaid.unescape(t),
                        null, false);
            }
            i = save;
            return new FlowLexer.LinkTok(start, i, startHead, end, stroke, Math.max(1, length), text, null, false);
        }

    }

}
