package com.autograph.document.formats.d2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.Colors;
import com.autograph.document.formats.Suggestions;
import com.autograph.document.formats.d2.Scanner.Pos;
import com.autograph.document.formats.d2.Scanner.Text;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recursive descent over D2 statements; collects every error, skips the statement it is
 * in and goes on. Blocks nest at most as deep as the limits' depth (checked before the
 * recursion, so the stack is bounded), shapes and connections count against the shape
 * limit as they are made.
 */
final class Parser {

    /** D2 shape kinds to document types; the kind itself is kept in the extension. */
    static final Map<String, ShapeType> SHAPES = new LinkedHashMap<>();

    static {
        for (String box : List.of("rectangle", "square", "page", "parallelogram", "document", "cylinder", "queue",
                "package", "step", "callout", "stored_data", "person", "c4-person", "hexagon", "cloud")) {
            SHAPES.put(box, ShapeType.RECTANGLE);
        }
        SHAPES.put("oval", ShapeType.ELLIPSE);
        SHAPES.put("circle", ShapeType.ELLIPSE);
        SHAPES.put("diamond", ShapeType.DIAMOND);
        SHAPES.put("text", ShapeType.TEXT);
        SHAPES.put("code", ShapeType.TEXT);
        SHAPES.put("image", ShapeType.ICON);
    }

    /** Shape kinds D2 draws as tables, classes or sequences: not boxes and arrows. */
    private static final Set<String> SPECIAL_SHAPES = Set.of("sql_table", "class", "sequence_diagram");

    /** Fields read into the shape (or kept as written). */
    static final List<String> FIELDS = List.of("label", "shape", "icon", "style", "direction", "tooltip", "link",
            "near", "width", "height");

    /** D2 keywords this import does not read. */
    static final Set<String> UNSUPPORTED_WORDS = Set.of("constraint", "class", "classes", "vars", "grid-rows",
            "grid-columns", "grid-gap", "vertical-gap", "horizontal-gap", "top", "left", "source-arrowhead",
            "target-arrowhead", "layers", "scenarios", "steps", "filled", "imports");

    static final List<String> STYLES = List.of("fill", "stroke", "stroke-width", "stroke-dash", "border-radius",
            "opacity", "font-color", "font-size", "bold", "italic", "underline", "shadow", "3d", "multiple",
            "double-border", "animated", "font", "text-transform", "fill-pattern");

    /** A shape or container as the code describes it; turned into a shape at the end. */
    static final class Node {

        final String id;

        final String key;

        final Node parent;

        final List<Node> children = new ArrayList<>();

        String label;

        String shape;

        String icon;

        String direction;

        final Map<String, String> style = new LinkedHashMap<>();

        final Map<String, String> extras = new LinkedHashMap<>();

        Node(String id, String key, Node parent) {
            this.id = id;
            this.key = key;
            this.parent = parent;
        }

    }

    private static final class Edge {

        String id;

        final Node from;

        final Node to;

        final String op;

        String label;

        final Map<String, String> style = new LinkedHashMap<>();

        Edge(Node from, Node to, String op) {
            this.from = from;
            this.to = to;
            this.op = op;
        }

    }

    private final Scanner sc;

    private final ModelLimits limits;

    private final List<CodeError> errors = new ArrayList<>();

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private final List<Node> top = new ArrayList<>();

    private final List<Edge> edges = new ArrayList<>();

    private String direction;

    Parser(String code, ModelLimits limits) {
        this.sc = new Scanner(code);
        this.limits = limits;
    }

    ParseResult parse() {
        block(null, null, 0);
        errors.sort(java.util.Comparator.comparingInt(CodeError::line).thenComparingInt(CodeError::column));
        return new ParseResult(build(), List.copyOf(errors));
    }

    // ---- statements
    // -----------------------------------------------------------------------

    private void block(Node scope, Pos open, int depth) {
        while (true) {
            sc.separators();
            if (sc.atEnd()) {
                if (open != null) {
                    error(open, "this `{` is never closed",
                            "add `}` after the last line of `" + (scope != null ? scope.key : "the block") + "`");
                }
                return;
            }
            if (sc.peek() == '}') {
                Pos at = sc.at();
                sc.next();
                if (open != null) {
                    return;
                }
                error(at, "there is no `{` for this `}`", "remove it, or open a block with `name: {`");
                continue;
            }
            statement(scope, depth);
        }
    }

    private void statement(Node scope, int depth) {
        List<Text> path = keyPath(depth);
        if (path == null) {
            return;
        }
        sc.blanks();
        if (sc.operator() != null) {
            connection(scope, path, depth);
            return;
        }
        int field = firstField(path);
        if (field >= 0) {
            field(scope, path, field, depth);
            return;
        }
        Node n = declare(scope, path);
        if (n == null) {
            skipStatement();
            return;
        }
        if (sc.peek() == ':') {
            sc.next();
            int before = errors.size();
            Text v = value();
            if (v == null && errors.size() > before) {
                skipStatement();
                return;
            }
            if (v != null) {
                if (!v.quoted() && v.text().equals("null")) {
                    error(v.at(), "`null` (deleting a shape) is not supported by this import",
                            "remove the line that declares the shape instead");
                }
                else {
                    n.label = limits.checkText(v.text());
                }
            }
            sc.blanks();
        }
        if (sc.peek() == '{') {
            Pos open = sc.at();
            sc.next();
            limits.checkDepth(depth + 1, "a block");
            block(n, open, depth + 1);
        }
        end();
    }

    /**
     * {@code a.b.c}: one or more key segments; null after reporting what was found
     * instead (the statement is skipped).
     */
    private List<Text> keyPath(int depth) {
        List<Text> path = new ArrayList<>();
        while (true) {
            Text k = sc.key();
            if (k == null) {
                unclosedOr(sc.at(), "expected a name");
                skipStatement();
                return null;
            }
            if (k.text().isBlank()) {
                error(k.at(), "a key can't be empty", "name the shape, e.g. `\"api\"`");
                skipStatement();
                return null;
            }
            if (k.quoted() && k.text().contains(".")) {
                error(k.at(), "a key can't contain `.` (it separates containers)",
                        "use a label instead: `name: \"" + k.text() + "\"`");
                skipStatement();
                return null;
            }
            if (!k.quoted() && (k.text().equals("*") || k.text().startsWith("...") || k.text().contains("*"))) {
                error(k.at(), "`" + k.text() + "` (globs, spreads and imports) is not supported by this import",
                        "name each shape");
                skipStatement();
                return null;
            }
            path.add(k);
            limits.checkDepth(depth + path.size(), "a key path");
            sc.blanks();
            if (sc.peek() != '.') {
                return path;
            }
            sc.next();
        }
    }

    /** The index of the first segment that is a D2 keyword, or -1. */
    private static int firstField(List<Text> path) {
        for (int i = 0; i < path.size(); i++) {
            Text t = path.get(i);
            if (!t.quoted() && (FIELDS.contains(t.text()) || UNSUPPORTED_WORDS.contains(t.text()))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code x.shape: circle}, {@code style.fill: red}, {@code x.style: { … }},
     * {@code direction: right}: a field of the shape before the keyword (or of the block
     * it is in).
     */
    private void field(Node scope, List<Text> path, int at, int depth) {
        Node owner = at == 0 ? scope : declare(scope, path.subList(0, at));
        if (at > 0 && owner == null) {
            skipStatement();
            return;
        }
        Text word = path.get(at);
        List<Text> rest = path.subList(at + 1, path.size());
        if (UNSUPPORTED_WORDS.contains(word.text())) {
            error(word.at(), "`" + word.text() + "` is not supported by this import",
                    "remove it; the fields read are " + String.join(", ", FIELDS));
            skipStatement();
            return;
        }
        if (owner == null && !word.text().equals("direction")) {
            error(word.at(), "`" + word.text() + "` at the top level belongs to no shape",
                    "name the shape: `x." + word.text() + ": …`");
            skipStatement();
            return;
        }
        if (word.text().equals("style")) {
            style(owner, rest, word, depth);
            return;
        }
        if (!rest.isEmpty()) {
            error(rest.get(0).at(), "`" + word.text() + "` has no field `" + rest.get(0).text() + "`",
                    "write `" + word.text() + ": value`");
            skipStatement();
            return;
        }
        Text v = colonValue(word);
        if (v == null) {
            return;
        }
        apply(owner, word, v);
        end();
    }

    /** {@code :} then a value; null after reporting a missing one (statement skipped). */
    private Text colonValue(Text word) {
        if (sc.peek() != ':') {
            error(sc.at(), "`" + word.text() + "` needs `:` and a value", "write `" + word.text() + ": value`");
            skipStatement();
            return null;
        }
        sc.next();
        int before = errors.size();
        Text v = value();
        if (v == null) {
            if (errors.size() == before) {
                error(sc.at(), "`" + word.text() + "` needs a value after `:`", "write `" + word.text() + ": value`");
            }
            skipStatement();
        }
        return v;
    }

    private void apply(Node owner, Text word, Text v) {
        String value = v.text();
        switch (word.text()) {
            case "label" -> owner.label = limits.checkText(value);
            case "shape" -> {
                String kind = value.toLowerCase(Locale.ROOT);
                if (SPECIAL_SHAPES.contains(kind)) {
                    error(v.at(), "`" + value + "` shapes are not supported by this import",
                            "use a box shape such as rectangle or cylinder");
                }
                else if (!SHAPES.containsKey(kind)) {
                    String near = Suggestions.closest(kind, SHAPES.keySet());
                    error(v.at(), "unknown shape `" + value + "`", near != null ? "did you mean `" + near + "`?"
                            : "the shapes are " + String.join(", ", SHAPES.keySet()));
                }
                else {
                    owner.shape = kind;
                }
            }
            case "icon" -> {
                if (value.isBlank()) {
                    error(v.at(), "the icon has no name or URL", "e.g. `icon: aws-lambda` or `icon: https://…/x.svg`");
                }
                else if (value.length() > DocumentValidator.MAX_NAME_LENGTH) {
                    error(v.at(), "the icon is longer than " + DocumentValidator.MAX_NAME_LENGTH + " characters",
                            "use a shorter URL or an icon name");
                }
                else {
                    owner.icon = value;
                }
            }
            case "direction" -> {
                String d = value.toLowerCase(Locale.ROOT);
                if (!List.of("up", "down", "left", "right").contains(d)) {
                    String near = Suggestions.closest(d, List.of("up", "down", "left", "right"));
                    error(v.at(), "`" + value + "` is not a direction",
                            near != null ? "did you mean `" + near + "`?" : "use up, down, left or right");
                }
                else if (owner == null) {
                    direction = d;
                }
                else {
                    owner.direction = d;
                }
            }
            default -> owner.extras.put(word.text(), limits.checkText(value));
        }
    }

    /**
     * {@code style.fill: red} ({@code rest} = [fill]) or {@code style: { fill: red }}.
     */
    private void style(Node owner, List<Text> rest, Text word, int depth) {
        if (rest.size() > 1) {
            error(rest.get(1).at(), "a style field has no fields of its own",
                    "write `style." + rest.get(0).text() + ": value`");
            skipStatement();
            return;
        }
        if (rest.size() == 1) {
            Text v = colonValue(rest.get(0));
            if (v != null && styleField(owner.style, rest.get(0), v)) {
                end();
            }
            return;
        }
        if (sc.peek() == ':') {
            sc.next();
            sc.blanks();
        }
        if (sc.peek() != '{') {
            error(sc.at(), "`style` needs a field or a block", "write `style.fill: red` or `style: { fill: red }`");
            skipStatement();
            return;
        }
        styleBlock(owner.style, depth);
        end();
    }

    /** {@code { fill: red; stroke: blue }}, the {@code {} being next. */
    private void styleBlock(Map<String, String> style, int depth) {
        Pos open = sc.at();
        sc.next();
        limits.checkDepth(depth + 1, "a block");
        while (true) {
            sc.separators();
            if (sc.atEnd()) {
                error(open, "this `{` is never closed", "add `}` after the last style");
                return;
            }
            if (sc.peek() == '}') {
                sc.next();
                return;
            }
            Text k = sc.key();
            if (k == null) {
                unclosedOr(sc.at(), "expected a style field");
                skipStatement();
                continue;
            }
            sc.blanks();
            Text v = colonValue(k);
            if (v != null && styleField(style, k, v)) {
                end();
            }
        }
    }

    /** Checks one style field and keeps it as written; false after an error. */
    private boolean styleField(Map<String, String> style, Text key, Text v) {
        String k = key.text();
        String value = v.text();
        if (!STYLES.contains(k)) {
            String near = Suggestions.closest(k, STYLES);
            error(key.at(), "unknown style `" + k + "`",
                    near != null ? "did you mean `" + near + "`?" : "the styles are " + String.join(", ", STYLES));
            skipStatement();
            return false;
        }
        String problem = switch (k) {
            case "fill", "stroke", "font-color" ->
                value.matches("#?[\\p{Alnum}-]+") ? null : "a colour such as `red` or `\"#ff0000\"`";
            case "stroke-width" -> range(value, 0, 15);
            case "stroke-dash" -> range(value, 0, 10);
            case "border-radius" -> range(value, 0, 1000);
            case "opacity" -> range(value, 0, 1);
            case "font-size" -> range(value, 8, 100);
            case "bold", "italic", "underline", "shadow", "3d", "multiple", "double-border", "animated" ->
                value.equals("true") || value.equals("false") ? null : "`true` or `false`";
            default -> null;
        };
        if (problem != null) {
            error(v.at(), "`" + value + "` is not a value for `" + k + "`", "write " + problem);
            skipStatement();
            return false;
        }
        style.put(k, value);
        return true;
    }

    private static String range(String value, double min, double max) {
        String expected = "a number from " + fmt(min) + " to " + fmt(max);
        if (!value.matches("\\d{1,6}(\\.\\d{1,6})?")) {
            return expected;
        }
        double d = Double.parseDouble(value);
        return d >= min && d <= max ? null : expected;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** {@code a -> b -> c: label { style.stroke: red }}, {@code path} being a. */
    private void connection(Node scope, List<Text> first, int depth) {
        List<List<Text>> hops = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        hops.add(first);
        String op;
        while ((op = sc.operator()) != null) {
            sc.skip(op.length());
            List<Text> next = keyPath(depth);
            if (next == null) {
                return;
            }
            ops.add(op);
            hops.add(next);
            sc.blanks();
        }
        for (List<Text> hop : hops) {
            int field = firstField(hop);
            if (field >= 0) {
                error(hop.get(field).at(), "`" + hop.get(field).text() + "` is a keyword, not a shape to connect",
                        "connect shapes, e.g. `a -> b`; write fields on their own line");
                skipStatement();
                return;
            }
        }
        List<Node> ends = new ArrayList<>();
        for (List<Text> hop : hops) {
            Node n = declare(scope, hop);
            if (n == null) {
                skipStatement();
                return;
            }
            ends.add(n);
        }
        List<Edge> made = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            limits.checkShapes(nodes.size() + edges.size() + 1);
            Edge e = new Edge(ends.get(i), ends.get(i + 1), ops.get(i));
            edges.add(e);
            made.add(e);
        }
        if (sc.peek() == ':') {
            sc.next();
            int before = errors.size();
            Text v = value();
            if (v != null) {
                String label = limits.checkText(v.text());
                made.forEach(e -> e.label = label);
            }
            else if (errors.size() > before) {
                skipStatement();
                return;
            }
            sc.blanks();
        }
        if (sc.peek() == '{') {
            connectionBlock(made, depth);
        }
        end();
    }

    /**
     * {@code { label: x; style.stroke: red }} of connections, the {@code {} being next.
     */
    private void connectionBlock(List<Edge> made, int depth) {
        Pos open = sc.at();
        sc.next();
        limits.checkDepth(depth + 1, "a block");
        while (true) {
            sc.separators();
            if (sc.atEnd()) {
                error(open, "this `{` is never closed", "add `}` after the connection's fields");
                return;
            }
            if (sc.peek() == '}') {
                sc.next();
                return;
            }
            List<Text> path = keyPath(depth + 1);
            if (path == null) {
                continue;
            }
            sc.blanks();
            Text word = path.get(0);
            if (word.quoted() || !(word.text().equals("label") || word.text().equals("style"))) {
                error(word.at(), "a connection's block holds `label` and `style`, not `" + word.text() + "`",
                        "write e.g. `label: reads` or `style.stroke: red`");
                skipStatement();
                continue;
            }
            if (word.text().equals("label")) {
                Text v = path.size() == 1 ? colonValue(word) : null;
                if (path.size() > 1) {
                    error(path.get(1).at(), "`label` has no field `" + path.get(1).text() + "`", "write `label: text`");
                    skipStatement();
                }
                if (v != null) {
                    String label = limits.checkText(v.text());
                    made.forEach(e -> e.label = label);
                    end();
                }
                continue;
            }
            Map<String, String> style = new LinkedHashMap<>();
            if (path.size() == 2) {
                Text v = colonValue(path.get(1));
                if (v != null && styleField(style, path.get(1), v)) {
                    end();
                }
            }
            else if (path.size() == 1) {
                if (sc.peek() == ':') {
                    sc.next();
                    sc.blanks();
                }
                if (sc.peek() == '{') {
                    styleBlock(style, depth + 1);
                    end();
                }
                else {
                    error(sc.at(), "`style` needs a field or a block", "write `style.stroke: red`");
                    skipStatement();
                }
            }
            else {
                error(path.get(2).at(), "a style field has no fields of its own", "write `style.stroke: red`");
                skipStatement();
            }
            made.forEach(e -> e.style.putAll(style));
        }
    }

    /**
     * The shape at {@code path} inside {@code scope}, made (with every container on the
     * way) when first named; null after an error.
     */
    private Node declare(Node scope, List<Text> path) {
        Node cur = scope;
        for (Text seg : path) {
            if (!seg.quoted() && seg.text().equals("_")) {
                if (cur == null) {
                    error(seg.at(), "`_` (the container around) used at the top level", "remove `_.`");
                    return null;
                }
                cur = cur.parent;
                continue;
            }
            String id = (cur == null ? "" : cur.id + ".") + seg.text().toLowerCase(Locale.ROOT);
            if (id.length() > DocumentValidator.MAX_ID_LENGTH) {
                error(seg.at(),
                        "the key path `" + id + "` is longer than " + DocumentValidator.MAX_ID_LENGTH + " characters",
                        "use shorter keys (a label can be long)");
                return null;
            }
            Node n = nodes.get(id);
            if (n == null) {
                limits.checkShapes(nodes.size() + edges.size() + 1);
                n = new Node(id, seg.text(), cur);
                nodes.put(id, n);
                (cur == null ? top : cur.children).add(n);
            }
            cur = n;
        }
        if (cur == scope) {
            error(path.getLast().at(), "this key names no shape", "name a shape after `_.`");
            return null;
        }
        return cur;
    }

    private Text value() {
        Text v = sc.value();
        if (v == null && sc.unclosed != null) {
            unclosedOr(sc.at(), "expected a value");
        }
        return v;
    }

    /**
     * After a statement: only a comment, {@code ;}, a line end or {@code }} may follow.
     */
    private void end() {
        sc.blanks();
        if (!sc.atStatementEnd()) {
            Pos at = sc.at();
            String found = String.valueOf(sc.peek());
            error(at, "unexpected `" + found + "` after the statement", found.equals("{")
                    ? "open a block right after the key: `name: label {`" : "put each statement on its own line");
            skipStatement();
        }
    }

    /** Reports an unclosed quote if the scanner saw one, else {@code expected}, found. */
    private void unclosedOr(Pos at, String expected) {
        Pos unclosed = sc.unclosed;
        if (unclosed != null) {
            sc.unclosed = null;
            error(unclosed, "this quote is never closed", "close it on the same line");
            return;
        }
        char c = sc.peek();
        String found = sc.atEnd() ? "the end of the code" : c == '\n' ? "the end of the line" : "`" + c + "`";
        error(at, expected + ", found " + found, "write a name, e.g. `api`, or quote it: `\"my api\"`");
    }

    /**
     * Skips to the end of the statement, over any block it opens (so a block of an unread
     * statement is not read as shapes).
     */
    private void skipStatement() {
        sc.unclosed = null;
        int open = 0;
        while (!sc.atEnd()) {
            char c = sc.peek();
            if (open == 0 && (c == '\n' || c == ';' || c == '}')) {
                return;
            }
            if (c == '{') {
                open++;
            }
            else if (c == '}') {
                open--;
            }
            sc.next();
        }
    }

    private void error(Pos at, String message, String suggestion) {
        errors.add(new CodeError(at.line(), at.column(), message, suggestion));
    }

    // ---- the document
    // ---------------------------------------------------------------------

    private DiagramDocument build() {
        List<Shape> shapes = new ArrayList<>();
        for (Node n : top) {
            emit(n, shapes);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Edge e : edges) {
            String base = "(" + e.from.id + " " + e.op + " " + e.to.id + ")";
            int index = seen.merge(base, 1, Integer::sum) - 1;
            String id = base + "[" + index + "]";
            e.id = id.length() <= DocumentValidator.MAX_ID_LENGTH ? id : "(edge)[" + edges.indexOf(e) + "]";
            Shape.Builder b = e.op.equals("--") ? Shape.line(e.id, e.from.id, e.to.id)
                    : Shape.arrow(e.id, e.from.id, e.to.id);
            switch (e.op) {
                case "<-" -> b.startArrowhead(Arrowhead.ARROW).endArrowhead(Arrowhead.NONE);
                case "<->" -> b.startArrowhead(Arrowhead.ARROW);
                default -> {
                }
            }
            b.text(e.label);
            Style style = style(e.style);
            if (!style.isEmpty()) {
                b.style(style);
            }
            if (!e.style.isEmpty()) {
                ObjectNode ext = JsonNodeFactory.instance.objectNode();
                e.style.forEach(ext.putObject("style")::put);
                b.unknownField(D2Language.EXT, ext);
            }
            shapes.add(b.build());
        }
        DiagramDocument doc = DiagramDocument.of(shapes);
        if (direction != null) {
            doc = doc.withUnknownField(D2Language.EXT,
                    JsonNodeFactory.instance.objectNode().put("direction", direction));
        }
        return doc;
    }

    /**
     * Pre-order: a container before what it holds, siblings in order of first mention.
     */
    private void emit(Node n, List<Shape> out) {
        ShapeType type = !n.children.isEmpty() ? ShapeType.FRAME
                : n.shape != null ? SHAPES.get(n.shape) : ShapeType.RECTANGLE;
        if (type == ShapeType.ICON && n.icon == null) {
            type = ShapeType.RECTANGLE; // `shape: image` without an icon has nothing to
                                        // show
        }
        Shape.Builder b = Shape.builder(type, n.id).text(n.label != null ? n.label : n.key).icon(n.icon);
        if (n.parent != null) {
            b.parentId(n.parent.id);
        }
        Style style = style(n.style);
        if (!style.isEmpty()) {
            b.style(style);
        }
        ObjectNode ext = JsonNodeFactory.instance.objectNode();
        if (!n.key.toLowerCase(Locale.ROOT).equals(n.key)) {
            ext.put("key", n.key);
        }
        if (n.label != null) {
            ext.put("label", true);
        }
        if (n.shape != null) {
            ext.put("shape", n.shape);
        }
        if (n.direction != null) {
            ext.put("direction", n.direction);
        }
        n.extras.forEach(ext::put);
        if (!n.style.isEmpty()) {
            n.style.forEach(ext.putObject("style")::put);
        }
        if (!ext.isEmpty()) {
            b.unknownField(D2Language.EXT, ext);
        }
        out.add(b.build());
        for (Node c : n.children) {
            emit(c, out);
        }
    }

    /** The style fields the document has, from D2's as written. */
    static Style style(Map<String, String> d2) {
        Style.Builder b = Style.builder();
        d2.forEach((k, v) -> {
            switch (k) {
                case "fill" -> color(v, b::fillColor);
                case "stroke" -> color(v, b::strokeColor);
                case "font-color" -> color(v, b::textColor);
                case "stroke-width" -> b.strokeWidth(Double.parseDouble(v));
                case "stroke-dash" -> {
                    if (Double.parseDouble(v) > 0) {
                        b.strokeStyle(StrokeStyle.DASHED);
                    }
                }
                case "opacity" -> b.opacity(Double.parseDouble(v));
                case "font-size" -> b.fontSize(Double.parseDouble(v));
                case "border-radius" -> b.cornerRadius(Double.parseDouble(v));
                case "bold" -> b.fontWeight(v.equals("true") ? 700 : 400);
                default -> {
                }
            }
        });
        return b.build();
    }

    private static void color(String value, java.util.function.Consumer<String> set) {
        String c = Colors.normalize(value);
        if (c != null) {
            set.accept(c);
        }
    }

}
