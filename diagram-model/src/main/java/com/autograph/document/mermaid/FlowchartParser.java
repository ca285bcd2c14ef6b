package com.autograph.document.mermaid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code flowchart} / {@code graph}: nodes, links, subgraphs, classes and styles. */
final class FlowchartParser extends KindParser {

    static final List<String> DIRECTIONS = List.of("TB", "TD", "BT", "RL", "LR");

    private static final Pattern SUBGRAPH_WITH_TITLE = Pattern.compile("([\\p{L}\\p{N}_-]+)\\s*\\[(.*)]",
            Pattern.DOTALL);

    /**
     * A statement may run over at most this many lines (a quoted label or an {@code @{
     * ... }} with line breaks); a string still open after them is reported, and the lines
     * after its first are read again as statements of their own.
     */
    static final int MAX_STATEMENT_LINES = 50;

    /** ... and at most this many characters. */
    static final int MAX_STATEMENT_CHARS = 64 * 1024;

    private static final Set<String> KEYWORDS = Set.of("subgraph", "end", "direction", "classDef", "class", "style",
            "linkStyle", "click");

    private record Open(Draft frame, Line line) {
    }

    private record LinkStyle(Line line, List<String> indices, String css) {
    }

    private final Deque<Open> open = new ArrayDeque<>();

    private final Map<String, String> classDefs = new LinkedHashMap<>();

    private final List<Draft> edges = new ArrayList<>();

    private final List<LinkStyle> linkStyles = new ArrayList<>();

    private int subgraphs;

    /**
     * The last statement of the previous line when it ended inside a string or an
     * {@code @{ ... }}: the next line continues it.
     */
    private Line pending;

    /** The lines read into {@link #pending} after its first. */
    private final List<Line> continuation = new ArrayList<>();

    /**
     * Set while the lines of a statement that never closed are read again: they are read
     * one by one, so no line is read more than twice (the cost stays linear).
     */
    private boolean rereading;

    /**
     * Whether the statement being read may continue on the next line (it is the last on
     * its line).
     */
    private boolean mayContinue;

    /**
     * The lines of the statement being read when it runs over several: for each, its
     * offset in the joined text, its line number and its first column. Errors in the
     * joined text are placed back on the line they come from.
     */
    private final List<int[]> joined = new ArrayList<>();

    @Override
    void header(Line rest) {
        String dir = rest.text().replace(";", "").strip();
        if (dir.isEmpty()) {
            return;
        }
        if (DIRECTIONS.contains(dir)) {
            root.put("direction", dir);
        }
        else {
            String near = Mermaid.closest(dir.toUpperCase(java.util.Locale.ROOT), DIRECTIONS);
            error(rest, 0, "`" + dir + "` is not a direction; use TB, TD, BT, RL or LR",
                    near == null ? null : "did you mean `" + near + "`?");
        }
    }

    @Override
    void statement(Line line) {
        Line whole = line;
        if (pending != null) {
            continuation.add(line);
            if (continuation.size() >= MAX_STATEMENT_LINES
                    || pending.text().length() + line.text().length() >= MAX_STATEMENT_CHARS) {
                flush();
                return;
            }
            int base = joined.getFirst()[2];
            joined
                .add(new int[] { pending.column() - base + pending.text().length() + 1, line.number(), line.column() });
            whole = new Line(pending.number(), pending.column(), pending.text() + "\n" + line.text());
            pending = null;
            if (line.text().chars().noneMatch(c -> c == '"' || c == '\'' || c == '}')) {
                // nothing on this line can close the string or `@{`: still open
                pending = whole;
                return;
            }
        }
        else {
            joined.clear();
            joined.add(new int[] { 0, line.number(), line.column() });
        }
        List<Line> parts = splitStatements(whole);
        for (int k = 0; k < parts.size(); k++) {
            if (!parts.get(k).isBlank()) {
                mayContinue = k == parts.size() - 1 && !rereading;
                one(parts.get(k));
            }
        }
        mayContinue = false;
        if (pending == null) {
            continuation.clear();
        }
    }

    /**
     * Gives up on a statement whose string or {@code @{} is never closed: reports it on
     * its first line and reads the lines after that one by one, so one missing quote does
     * not hide the rest of the diagram.
     */
    private void flush() {
        Line head = pending;
        List<Line> rest = List.copyOf(continuation);
        pending = null;
        continuation.clear();
        int newline = head.text().indexOf('\n');
        Line first = newline < 0 ? head : new Line(head.number(), head.column(), head.text().substring(0, newline));
        joined.clear();
        joined.add(new int[] { 0, first.number(), first.column() });
        one(first);
        rereading = true;
        rest.forEach(this::statement);
        rereading = false;
    }

    /** Places an error in a statement that runs over several lines on its own line. */
    @Override
    void error(Line line, int index, String message, String suggestion) {
        if (joined.size() > 1 && line.number() == joined.getFirst()[1]) {
            int at = line.col(index) - joined.getFirst()[2];
            for (int k = joined.size() - 1; k >= 0; k--) {
                int[] seg = joined.get(k);
                if (at >= seg[0]) {
                    errors.add(new com.autograph.document.code.CodeError(seg[1], seg[2] + at - seg[0], message,
                            suggestion));
                    return;
                }
            }
        }
        super.error(line, index, message, suggestion);
    }

    /**
     * Statements on one line separated by {@code ;} (outside quotes, brackets and link
     * texts).
     */
    static List<Line> splitStatements(Line line) {
        String t = line.text();
        List<Line> parts = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        boolean pipe = false;
        int start = 0;
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == '"') {
                quoted = !quoted;
            }
            else if (!quoted) {
                if ("[({".indexOf(c) >= 0) {
                    depth++;
                }
                else if ("])}".indexOf(c) >= 0) {
                    depth = Math.max(0, depth - 1);
                }
                else if (c == '|') {
                    pipe = !pipe;
                }
                else if (c == ';' && depth == 0 && !pipe) {
                    parts.add(new Line(line.number(), line.col(start), t.substring(start, k)).sub(0));
                    start = k + 1;
                }
            }
        }
        parts.add(new Line(line.number(), line.col(start), t.substring(start)).sub(0));
        return parts;
    }

    private void one(Line line) {
        String t = line.text();
        String word = t.split("\\s+", 2)[0];
        String rest = t.substring(word.length()).strip();
        Line restLine = line.sub(word.length());
        switch (word) {
            case "end" -> {
                if (open.isEmpty()) {
                    error(line, 0, "`end` without an open `subgraph`");
                }
                else {
                    open.pop();
                }
                if (!rest.isEmpty()) {
                    error(restLine, 0, "nothing may follow `end` on its line");
                }
            }
            case "subgraph" -> subgraph(line, restLine);
            case "direction" -> {
                if (!DIRECTIONS.contains(rest)) {
                    String near = Mermaid.closest(rest.toUpperCase(java.util.Locale.ROOT), DIRECTIONS);
                    error(restLine, 0, "`" + rest + "` is not a direction; use TB, TD, BT, RL or LR",
                            near == null ? null : "did you mean `" + near + "`?");
                }
                else if (open.isEmpty()) {
                    root.put("direction", rest);
                }
                else {
                    open.peek().frame().ext().put("direction", rest);
                }
            }
            case "classDef" -> {
                String[] p = rest.split("\\s+", 2);
                if (p.length < 2 || p[0].isEmpty()) {
                    error(line, 0, "`classDef` needs a name and styles", "write `classDef name fill:#f9f,stroke:#333`");
                }
                else {
                    for (String name : p[0].split(",")) {
                        classDefs.put(name.strip(), p[1].strip());
                    }
                }
            }
            case "class" -> {
                String[] p = rest.split("\\s+");
                if (p.length < 2) {
                    error(line, 0, "`class` needs node ids and a class name", "write `class A,B className`");
                }
                else {
                    String cls = p[p.length - 1];
                    for (String id : String.join("", java.util.Arrays.copyOf(p, p.length - 1)).split(",")) {
                        if (!id.isBlank()) {
                            addClass(node(id.strip()), cls);
                        }
                    }
                }
            }
            case "style" -> {
                String[] p = rest.split("\\s+", 2);
                if (p.length < 2) {
                    error(line, 0, "`style` needs a node id and styles", "write `style A fill:#f9f`");
                }
                else {
                    addCss(node(p[0]), p[1].strip());
                }
            }
            case "linkStyle" -> {
                String[] p = rest.split("\\s+", 2);
                if (p.length < 2) {
                    error(line, 0, "`linkStyle` needs link numbers and styles", "write `linkStyle 0 stroke:#f00`");
                }
                else {
                    linkStyles.add(new LinkStyle(restLine, List.of(p[0].split(",")), p[1].strip()));
                }
            }
            case "click" -> {
                String[] p = rest.split("\\s+", 2);
                if (p.length < 2) {
                    error(line, 0, "`click` needs a node id and an action", "write `click A \"https://example.org\"`");
                }
                else {
                    node(p[0]).ext().put("click", p[1].strip());
                }
            }
            default -> {
                if (!common(line)) {
                    chain(line);
                }
            }
        }
    }

    private void subgraph(Line line, Line rest) {
        if (tooDeep(line, open.size())) {
            return;
        }
        String r = rest.text();
        if (r.isEmpty()) {
            error(line, 0, "`subgraph` needs a name", "write `subgraph id [Title]`");
            return;
        }
        if (r.chars().filter(c -> c == '"').count() % 2 == 1) {
            if (mayContinue) {
                pending = line;
                return;
            }
            error(rest, r.lastIndexOf('"'), "this string is never closed", "add `\"` at the end of the title");
            return;
        }
        String id;
        String title;
        Matcher m = SUBGRAPH_WITH_TITLE.matcher(r);
        if (m.matches()) {
            id = m.group(1);
            title = m.group(2).strip();
        }
        else if (Mermaid.isPlainId(r)) {
            id = r;
            title = r;
        }
        else {
            if (r.startsWith("\"") && (r.length() < 2 || !r.endsWith("\""))) {
                error(rest, 0, "this string is never closed", "add `\"` at the end of the title");
                return;
            }
            id = "subgraph:" + (subgraphs + 1);
            title = r;
        }
        String unquoted = unquote(title);
        boolean markdown = !unquoted.equals(title) && FlowLexer.isMarkdown(unquoted);
        title = Mermaid.unescape(markdown ? unquoted.substring(1, unquoted.length() - 1) : unquoted);
        subgraphs++;
        Draft frame = draft(id);
        if (frame != null && frame.type == ShapeType.FRAME) {
            error(rest, 0, "subgraph `" + id + "` is defined twice");
            return;
        }
        if (frame != null && frame.isConnector()) {
            error(rest, 0, "`" + id + "` is already the id of a link");
            return;
        }
        if (frame == null) {
            frame = add(new Draft(id, ShapeType.FRAME));
        }
        frame.type = ShapeType.FRAME;
        frame.text = title;
        markdown(frame, markdown);
        // a node that becomes a subgraph loses its node shape
        frame.ext().remove("shape");
        frame.ext().remove("meta");
        frame.icon = null;
        frame.src = null;
        adopt(frame);
        open.push(new Open(frame, line));
    }

    private static String unquote(String t) {
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /**
     * Puts a shape first mentioned inside a subgraph into it (never into itself or its
     * own descendants).
     */
    private void adopt(Draft d) {
        if (open.isEmpty() || d.parent != null) {
            return;
        }
        for (Open o : open) {
            if (o.frame() == d) {
                return;
            }
        }
        d.parent = open.peek().frame().id;
    }

    /**
     * The node with this id, created at first mention; for {@code class}, {@code style}
     * and {@code click} also a link named in the code ({@code A e1@--> B}).
     */
    private Draft node(String id) {
        Draft d = draft(id);
        if (d == null) {
            d = add(new Draft(id, ShapeType.RECTANGLE));
            d.text = id;
        }
        if (!d.isConnector()) {
            adopt(d);
        }
        return d;
    }

    private static void markdown(Draft d, boolean markdown) {
        if (markdown) {
            d.ext().put("markdown", true);
        }
        else {
            d.ext().remove("markdown");
        }
    }

    private static void addClass(Draft d, String cls) {
        ArrayNode classes = d.ext().has("classes") ? (ArrayNode) d.ext().get("classes") : d.ext().putArray("classes");
        for (var c : classes) {
            if (c.stringValue().equals(cls)) {
                return;
            }
        }
        classes.add(cls);
    }

    private static void addCss(Draft d, String css) {
        String before = Mermaid.str(d.ext(), "style", null);
        d.ext().put("style", before == null ? css : before + "," + css);
    }

    private void chain(Line line) {
        String word = line.text().split("[\\s\\[({>]", 2)[0];
        String near = Mermaid.closest(word, KEYWORDS);
        FlowLexer.Lexed lexed = FlowLexer.lex(line.text());
        if (lexed.problem() != null) {
            FlowLexer.Problem p = lexed.problem();
            if (p.unfinished() && mayContinue) {
                pending = line;
                return;
            }
            if (near != null && !near.equals(word) && word.length() > 3 && line.text().contains(" ")) {
                error(line, 0, "unknown statement `" + word + "`", "did you mean `" + near + "`?");
            }
            else {
                error(line, p.index(), p.message(), p.suggestion());
            }
            return;
        }
        List<List<Draft>> groups = new ArrayList<>();
        List<FlowLexer.LinkTok> links = new ArrayList<>();
        List<Draft> group = new ArrayList<>();
        boolean linked = lexed.toks().size() > 1;
        for (FlowLexer.Tok tok : lexed.toks()) {
            switch (tok) {
                case FlowLexer.NodeTok n -> {
                    Draft d = mention(line, n, linked);
                    if (d != null) {
                        group.add(d);
                    }
                }
                case FlowLexer.LinkTok l -> {
                    groups.add(group);
                    group = new ArrayList<>();
                    links.add(l);
                }
                case FlowLexer.AmpTok a -> {
                    // the next node joins the same group
                }
            }
        }
        groups.add(group);
        for (int k = 0; k < links.size(); k++) {
            FlowLexer.LinkTok l = links.get(k);
            if (l.id() != null && groups.get(k).size() * groups.get(k + 1).size() > 1) {
                error(line, l.start(), "the link id `" + l.id() + "` would name several links",
                        "give each link its own line and id");
                continue;
            }
            if (l.id() != null && draft(l.id()) != null) {
                error(line, l.start(), "`" + l.id() + "` is already used as an id", "give this link another id");
                continue;
            }
            for (Draft a : groups.get(k)) {
                for (Draft b : groups.get(k + 1)) {
                    edge(a, b, l);
                }
            }
        }
    }

    private Draft mention(Line line, FlowLexer.NodeTok n, boolean linked) {
        Draft existing = draft(n.id());
        if (existing != null && existing.isConnector()) {
            if (linked || n.shape() != null || !n.classes().isEmpty() || n.meta() == null) {
                error(line, n.start(), "`" + n.id() + "` is the id of a link, not of a node",
                        "a link's id only takes `" + n.id() + "@{ ... }`, `class` and `click`");
                return null;
            }
            merge(existing, n.meta());
            return existing;
        }
        Draft d = node(n.id());
        if (n.meta() != null && d.type != ShapeType.FRAME) {
            d.ext().remove("shape");
            ObjectNode meta = merge(d, n.meta());
            JsonNode label = meta.get("label");
            if (label != null) {
                // kept in the pairs (for their order) as the text it gives
                d.text = Mermaid.unescape(label.isString() ? label.stringValue() : label.toString());
                meta.put("label", d.text);
            }
            d.icon = null;
            d.src = null;
            if (meta.has("img")) {
                d.type = ShapeType.IMAGE;
                d.src = meta.get("img").asString();
            }
            else if (meta.has("icon")) {
                d.type = ShapeType.ICON;
                d.icon = meta.get("icon").asString();
            }
            else if (meta.has("shape")) {
                d.type = FlowShapes.type(meta.get("shape").asString());
            }
            else {
                d.type = ShapeType.RECTANGLE;
            }
            markdown(d, false);
        }
        if (n.shape() != null) {
            d.ext().remove("meta");
            d.icon = null;
            d.src = null;
            if (d.type != ShapeType.FRAME) {
                d.type = switch (n.shape()) {
                    case "stadium", "circle", "doublecircle" -> ShapeType.ELLIPSE;
                    case "diamond" -> ShapeType.DIAMOND;
                    default -> ShapeType.RECTANGLE;
                };
                String byDefault = switch (d.type) {
                    case ELLIPSE -> "circle";
                    case DIAMOND -> "diamond";
                    default -> "rect";
                };
                if (n.shape().equals(byDefault)) {
                    d.ext().remove("shape");
                }
                else {
                    d.ext().put("shape", n.shape());
                }
            }
            d.text = n.label();
            markdown(d, n.markdown());
        }
        n.classes().forEach(c -> addClass(d, c));
        return d;
    }

    /**
     * Adds {@code @{ ... }} pairs to what the shape already has (later pairs win), kept
     * as written in the extension's {@code meta}.
     */
    private static ObjectNode merge(Draft d, ObjectNode meta) {
        ObjectNode kept = d.ext().has("meta") ? (ObjectNode) d.ext().get("meta") : d.ext().putObject("meta");
        meta.properties().forEach(e -> kept.set(e.getKey(), e.getValue()));
        return kept;
    }

    private void edge(Draft a, Draft b, FlowLexer.LinkTok l) {
        boolean heads = l.startHead() != 0 || l.endHead() != 0;
        String id = l.id() != null ? l.id() : "edge:" + (edges.size() + 1);
        Draft e = add(Draft.connector(id, heads ? ShapeType.ARROW : ShapeType.LINE, a.id, b.id));
        e.startHead = head(l.startHead());
        e.endHead = head(l.endHead());
        e.text = l.text();
        markdown(e, l.markdown());
        if (!l.stroke().equals("normal")) {
            e.ext().put("link", l.stroke());
        }
        if (l.length() > 1) {
            e.ext().put("length", l.length());
        }
        if (!open.isEmpty()) {
            e.parent = open.peek().frame().id;
        }
        edges.add(e);
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
        while (pending != null) {
            // the input ended inside a string or `@{ ... }`
            flush();
        }
        for (Open o : open) {
            errors.add(new com.autograph.document.code.CodeError(o.line().number(), o.line().column(),
                    "subgraph `" + o.frame().text + "` is never closed", "add `end` after its last line"));
        }
        for (LinkStyle ls : linkStyles) {
            for (String index : ls.indices()) {
                String ix = index.strip();
                if (ix.equals("default")) {
                    root.put("link_style_default", ls.css());
                    continue;
                }
                int n;
                try {
                    n = Integer.parseInt(ix);
                }
                catch (NumberFormatException ex) {
                    error(ls.line(), 0, "`" + ix + "` is not a link number",
                            "links are counted from 0 in the order they are written");
                    continue;
                }
                if (n < 0 || n >= edges.size()) {
                    error(ls.line(), 0, "there is no link number " + n + " (links are counted from 0; this diagram has "
                            + edges.size() + ")");
                    continue;
                }
                addCss(edges.get(n), ls.css());
            }
        }
        if (!classDefs.isEmpty()) {
            ObjectNode defs = root.putObject("class_defs");
            classDefs.forEach(defs::put);
        }
        for (Draft d : drafts.values()) {
            d.style = styleOf(d, root);
        }
    }

    /**
     * The style a node or link gets from its link kind, the class definitions and its own
     * style statements. The renderer calls it too, to tell edits made outside the code.
     */
    static Style styleOf(Draft d, ObjectNode root) {
        Style.Builder b = Style.builder();
        if (d.isConnector()) {
            switch (Mermaid.str(d.ext(), "link", "normal")) {
                case "dotted" -> b.strokeStyle(StrokeStyle.DASHED);
                case "thick" -> b.strokeWidth(4);
                case "invisible" -> b.opacity(0);
                default -> {
                }
            }
            String all = Mermaid.str(root, "link_style_default", null);
            if (all != null) {
                Mermaid.applyCss(b, all);
            }
            // a link named in the code may have classes (`class e1 animate`)
            var defs = root.get("class_defs");
            var classes = d.ext().get("classes");
            if (defs != null && classes != null) {
                for (var c : classes) {
                    if (defs.has(c.stringValue())) {
                        Mermaid.applyCss(b, defs.get(c.stringValue()).stringValue());
                    }
                }
            }
        }
        else {
            var defs = root.get("class_defs");
            var classes = d.ext().get("classes");
            if (defs != null) {
                if ((classes == null || classes.isEmpty()) && defs.has("default")) {
                    Mermaid.applyCss(b, defs.get("default").stringValue());
                }
                if (classes != null) {
                    for (var c : classes) {
                        if (defs.has(c.stringValue())) {
                            Mermaid.applyCss(b, defs.get(c.stringValue()).stringValue());
                        }
                    }
                }
            }
        }
        String own = Mermaid.str(d.ext(), "style", null);
        if (own != null) {
            Mermaid.applyCss(b, own);
        }
        return b.build();
    }

    @Override
    String connectorPrefix() {
        return "edge:";
    }

    @Override
    void layout(List<Draft> ordered) {
        String dir = Mermaid.str(root, "direction", "TB");
        rank(ordered, dir.equals("LR") || dir.equals("RL"), dir.equals("BT") || dir.equals("RL"));
    }

    /**
     * Simple deterministic placement by rank (longest path from the sources, cycles
     * broken in order of appearance); linear in nodes and links. Real layout is ELK's
     * job.
     */
    static void rank(List<Draft> ordered, boolean horizontal, boolean reversed) {
        List<Draft> nodes = ordered.stream().filter(d -> !d.isConnector() && !d.type.isContainer()).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            index.put(nodes.get(k).id, k);
        }
        List<List<Integer>> out = new ArrayList<>();
        nodes.forEach(n -> out.add(new ArrayList<>()));
        int[] indegree = new int[nodes.size()];
        for (Draft e : ordered) {
            if (e.isConnector()) {
                Integer a = index.get(e.from);
                Integer b = index.get(e.to);
                if (a != null && b != null && !a.equals(b)) {
                    out.get(a).add(b);
                    indegree[b]++;
                }
            }
        }
        int[] rank = new int[nodes.size()];
        boolean[] done = new boolean[nodes.size()];
        Deque<Integer> ready = new ArrayDeque<>();
        for (int k = 0; k < nodes.size(); k++) {
            if (indegree[k] == 0) {
                ready.add(k);
            }
        }
        int next = 0;
        int placed = 0;
        while (placed < nodes.size()) {
            if (ready.isEmpty()) {
                while (done[next]) {
                    next++;
                }
                ready.add(next);
                indegree[next] = 0;
            }
            int v = ready.poll();
            if (done[v]) {
                continue;
            }
            done[v] = true;
            placed++;
            for (int w : out.get(v)) {
                if (!done[w]) {
                    rank[w] = Math.max(rank[w], rank[v] + 1);
                    if (--indegree[w] == 0) {
                        ready.add(w);
                    }
                }
            }
        }
        Map<Integer, Integer> slots = new HashMap<>();
        int maxRank = 0;
        for (int r : rank) {
            maxRank = Math.max(maxRank, r);
        }
        for (int k = 0; k < nodes.size(); k++) {
            Draft d = nodes.get(k);
            double[] size = Mermaid.sizeFor(d.text, d.type == ShapeType.DIAMOND ? 100 : 120,
                    d.type == ShapeType.DIAMOND ? 80 : 60);
            d.width = size[0];
            d.height = size[1];
            int r = reversed ? maxRank - rank[k] : rank[k];
            int slot = slots.merge(rank[k], 1, Integer::sum) - 1;
            if (horizontal) {
                d.x = r * 260;
                d.y = slot * 120;
            }
            else {
                d.x = slot * 240;
                d.y = r * 140;
            }
        }
    }

}
