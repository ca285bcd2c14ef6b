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
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code C4Context}, {@code C4Container}, {@code C4Component}, {@code C4Dynamic},
 * {@code C4Deployment}: people, systems, containers and components are rectangles in the
 * C4 colours (label as text, the macro and its other arguments in the extension),
 * boundaries and deployment nodes frames, relationships arrows. The {@code Update…Style}
 * and {@code UpdateLayoutConfig} statements are kept as data and applied to the shapes'
 * styles and the layout.
 */
final class C4Parser extends KindParser {

    /**
     * Every macro with the names of its arguments after the alias and label (after from,
     * to and label for relationships), in the order C4 writes them.
     */
    static final Map<String, List<String>> MACROS = new LinkedHashMap<>();

    /** Boundaries and deployment nodes: the macros that open a frame. */
    static final List<String> FRAMES = List.of("Boundary", "Enterprise_Boundary", "System_Boundary",
            "Container_Boundary", "Deployment_Node", "Node", "Node_L", "Node_R");

    static final List<String> RELATIONS = List.of("Rel", "BiRel", "Rel_U", "Rel_Up", "Rel_D", "Rel_Down", "Rel_L",
            "Rel_Left", "Rel_R", "Rel_Right", "Rel_Back", "Rel_Neighbor", "Rel_Back_Neighbor", "RelIndex");

    static final List<String> UPDATES = List.of("UpdateElementStyle", "UpdateRelStyle", "UpdateLayoutConfig");

    static {
        List<String> person = List.of("descr", "sprite", "tags", "link");
        List<String> technical = List.of("techn", "descr", "sprite", "tags", "link");
        for (String base : List.of("Person", "System", "SystemDb", "SystemQueue")) {
            MACROS.put(base, person);
            MACROS.put(base + "_Ext", person);
        }
        for (String base : List.of("Container", "ContainerDb", "ContainerQueue", "Component", "ComponentDb",
                "ComponentQueue")) {
            MACROS.put(base, technical);
            MACROS.put(base + "_Ext", technical);
        }
        MACROS.put("Boundary", List.of("type", "tags", "link"));
        for (String b : List.of("Enterprise_Boundary", "System_Boundary", "Container_Boundary")) {
            MACROS.put(b, List.of("tags", "link"));
        }
        for (String n : List.of("Deployment_Node", "Node", "Node_L", "Node_R")) {
            MACROS.put(n, List.of("type", "descr", "sprite", "tags", "link"));
        }
        RELATIONS.forEach(r -> MACROS.put(r, technical));
    }

    /** An alias C4 code can name an element by. */
    static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern
        .compile("[\\p{L}\\p{N}_.-]{1," + DocumentValidator.MAX_ID_LENGTH + "}");

    /** How many shapes a row holds, and boundaries a row, unless the code says. */
    static final int SHAPES_IN_ROW = 4;

    static final int BOUNDARIES_IN_ROW = 2;

    /**
     * One argument: its text (unquoted, entities resolved), where it starts, and its
     * {@code $name} if named.
     */
    record Arg(String name, String value, int index) {
    }

    private record Open(Draft frame, Line line) {
    }

    private record Update(Line line, String macro, List<Arg> args) {
    }

    private final Deque<Open> open = new ArrayDeque<>();

    private final Map<String, Line> declared = new HashMap<>();

    private final List<Draft> relations = new ArrayList<>();

    /**
     * Where a relationship's two aliases are written, to point at the one that names
     * nothing.
     */
    private record Ends(Line line, int from, int to) {
    }

    private final Map<Draft, Ends> relationLines = new HashMap<>();

    private final List<Update> updates = new ArrayList<>();

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `" + Mermaid.str(root, "keyword", "C4Context") + "` on its line");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (t.equals("}")) {
            if (open.isEmpty()) {
                error(line, 0, "`}` without an open boundary or deployment node");
            }
            else {
                open.pop();
            }
            return;
        }
        if (title(line) || common(line)) {
            return;
        }
        int paren = t.indexOf('(');
        String macro = (paren < 0 ? t.split("\\s+", 2)[0] : t.substring(0, paren)).strip();
        if (!MACROS.containsKey(macro) && !UPDATES.contains(macro)) {
            List<String> all = new ArrayList<>(MACROS.keySet());
            all.addAll(UPDATES);
            String near = Mermaid.closest(macro, all);
            error(line, 0, "unknown C4 statement `" + macro + "`", near != null ? "did you mean `" + near + "`?"
                    : "write an element such as `System(alias, \"Label\")`");
            return;
        }
        if (paren < 0) {
            error(line, macro.length(), "`" + macro + "` needs its arguments in parentheses", "write `" + macro + "("
                    + (RELATIONS.contains(macro) ? "from, to, \"Label\"" : "alias, \"Label\"") + ")`");
            return;
        }
        List<Arg> args = new ArrayList<>();
        int after = arguments(line, paren, args);
        if (after < 0) {
            return;
        }
        String rest = t.substring(after).strip();
        boolean opens = rest.equals("{");
        if (!rest.isEmpty() && !opens) {
            error(line, t.indexOf(rest, after), "unexpected `" + rest + "` after `" + macro + "(…)`");
            return;
        }
        if (opens && !FRAMES.contains(macro)) {
            error(line, t.indexOf('{', after), "only boundaries and deployment nodes hold other elements",
                    "remove the `{`");
            return;
        }
        if (UPDATES.contains(macro)) {
            updates.add(new Update(line, macro, args));
        }
        else if (RELATIONS.contains(macro)) {
            relation(line, macro, args);
        }
        else {
            element(line, macro, args, opens);
        }
    }

    /**
     * Reads the arguments from the {@code (} at {@code paren} to its {@code )}; the index
     * after it, or -1 after an error.
     */
    private int arguments(Line line, int paren, List<Arg> args) {
        String t = line.text();
        int i = paren + 1;
        while (true) {
            while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i >= t.length()) {
                error(line, paren, "`(` is never closed", "add `)` after the arguments");
                return -1;
            }
            if (t.charAt(i) == ')' && args.isEmpty()) {
                return i + 1;
            }
            int start = i;
            String name = null;
            if (t.charAt(i) == '$') {
                int eq = i;
                while (eq < t.length() && t.charAt(eq) != '=' && t.charAt(eq) != ',' && t.charAt(eq) != ')') {
                    eq++;
                }
                if (eq >= t.length() || t.charAt(eq) != '=') {
                    error(line, start, "a named argument is written `$name=\"value\"`");
                    return -1;
                }
                name = t.substring(i + 1, eq).strip();
                if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    error(line, start, "`$" + name + "` is not an argument name");
                    return -1;
                }
                i = eq + 1;
                while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                    i++;
                }
            }
            String value;
            if (i < t.length() && t.charAt(i) == '"') {
                int close = t.indexOf('"', i + 1);
                if (close < 0) {
                    error(line, i, "this string is never closed", "add `\"` at its end");
                    return -1;
                }
                value = t.substring(i + 1, close);
                i = close + 1;
            }
            else {
                int end = i;
                while (end < t.length() && t.charAt(end) != ',' && t.charAt(end) != ')') {
                    end++;
                }
                value = t.substring(i, end).strip();
                i = end;
            }
            args.add(new Arg(name, Mermaid.unescape(value), start));
            while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i >= t.length()) {
                error(line, paren, "`(` is never closed", "add `)` after the arguments");
                return -1;
            }
            if (t.charAt(i) == ')') {
                return i + 1;
            }
            if (t.charAt(i) != ',') {
                error(line, i, "expected `,` or `)` but found `" + t.charAt(i) + "`");
                return -1;
            }
            i++;
        }
    }

    /** The positional arguments, in order. */
    private static List<Arg> positional(List<Arg> args) {
        return args.stream().filter(a -> a.name() == null).toList();
    }

    private boolean alias(Line line, Arg a, String what) {
        String id = a.value();
        if (id.length() > DocumentValidator.MAX_ID_LENGTH) {
            error(line, a.index(), "an alias has at most " + DocumentValidator.MAX_ID_LENGTH + " characters");
            return false;
        }
        if (!ALIAS.matcher(id).matches()) {
            error(line, a.index(), "`" + id + "` is not " + what,
                    "use letters, digits, `_`, `.` and `-`, e.g. `web_app`");
            return false;
        }
        return true;
    }

    /** The innermost boundary or deployment node open here, or null at the top. */
    private String scope() {
        for (Open o : open) {
            if (o.frame() != null) {
                return o.frame().id;
            }
        }
        return null;
    }

    private void element(Line line, String macro, List<Arg> args, boolean opens) {
        if (opens && tooDeep(line, open.size())) {
            return;
        }
        Draft d = make(line, macro, args);
        if (opens) {
            // even when the boundary is in error its `}` closes it; what it holds goes to
            // the boundary around it
            open.push(new Open(d, line));
        }
    }

    private Draft make(Line line, String macro, List<Arg> args) {
        List<Arg> pos = positional(args);
        if (pos.isEmpty()) {
            error(line, 0, "`" + macro + "` needs an alias and a label", "write `" + macro + "(alias, \"Label\")`");
            return null;
        }
        if (!alias(line, pos.get(0), "an alias")) {
            return null;
        }
        String id = pos.get(0).value();
        Line before = declared.get(id);
        if (before != null) {
            error(line, pos.get(0).index(), "`" + id + "` is already defined on line " + before.number(),
                    "give this element another alias");
            return null;
        }
        declared.put(id, line);
        Draft d = add(new Draft(id, FRAMES.contains(macro) ? ShapeType.FRAME : ShapeType.RECTANGLE));
        d.parent = scope();
        d.ext().put("c4", macro);
        d.text = pos.size() > 1 && !pos.get(1).value().isEmpty() ? pos.get(1).value() : null;
        fields(line, d, MACROS.get(macro), pos.subList(Math.min(2, pos.size()), pos.size()), args);
        return d;
    }

    /**
     * Positional arguments by their names (empty ones are absent), then the
     * {@code $name=...} ones.
     */
    private void fields(Line line, Draft d, List<String> names, List<Arg> pos, List<Arg> args) {
        for (int k = 0; k < pos.size(); k++) {
            if (k >= names.size()) {
                error(line, pos.get(k).index(), "`" + Mermaid.str(d.ext(), "c4", "") + "` takes at most " + names.size()
                        + " arguments after its label");
                break;
            }
            if (!pos.get(k).value().isEmpty()) {
                d.ext().put(names.get(k), pos.get(k).value());
            }
        }
        for (Arg a : args) {
            if (a.name() == null) {
                continue;
            }
            if (names.contains(a.name())) {
                d.ext().put(a.name(), a.value());
            }
            else {
                ObjectNode named = d.ext().has("named") ? (ObjectNode) d.ext().get("named")
                        : d.ext().putObject("named");
                named.put(a.name(), a.value());
            }
        }
    }

    private void relation(Line line, String macro, List<Arg> args) {
        List<Arg> pos = positional(args);
        boolean indexed = macro.equals("RelIndex");
        int first = indexed ? 1 : 0;
        if (pos.size() < first + 2) {
            error(line, 0, "`" + macro + "` needs the two elements it joins",
                    "write `" + macro + "(" + (indexed ? "1, " : "") + "from, to, \"Label\")`");
            return;
        }
        if (!alias(line, pos.get(first), "an alias") || !alias(line, pos.get(first + 1), "an alias")) {
            return;
        }
        Draft r = add(Draft.connector("rel:" + (relations.size() + 1), ShapeType.ARROW, pos.get(first).value(),
                pos.get(first + 1).value()));
        r.parent = scope();
        r.ext().put("c4", macro);
        if (indexed) {
            r.ext().put("index", pos.get(0).value());
        }
        r.text = pos.size() > first + 2 && !pos.get(first + 2).value().isEmpty() ? pos.get(first + 2).value() : null;
        fields(line, r, MACROS.get(macro), pos.subList(Math.min(first + 3, pos.size()), pos.size()), args);
        if (macro.equals("BiRel")) {
            r.startHead = Arrowhead.ARROW;
        }
        else if (macro.startsWith("Rel_Back")) {
            r.startHead = Arrowhead.ARROW;
            r.endHead = Arrowhead.NONE;
        }
        relations.add(r);
        relationLines.put(r, new Ends(line, pos.get(first).index(), pos.get(first + 1).index()));
    }

    @Override
    void finish(int lastLine) {
        for (Open o : open) {
            String name = o.frame() == null ? "this boundary" : "`" + o.frame().id + "`";
            errors.add(new CodeError(o.line().number(), o.line().column(), name + " is never closed",
                    "add `}` after its last element"));
        }
        for (Draft r : relations) {
            for (boolean start : List.of(true, false)) {
                String end = start ? r.from : r.to;
                Draft d = draft(end);
                if (d == null || d.isConnector()) {
                    Ends at = relationLines.get(r);
                    String near = Mermaid.closest(end, declared.keySet());
                    errors.add(new CodeError(at.line().number(), at.line().col(start ? at.from() : at.to()),
                            "there is no element `" + end + "`", near != null ? "did you mean `" + near + "`?"
                                    : "define it first, e.g. `System(" + end + ", \"Label\")`"));
                    drafts.remove(r.id);
                    break;
                }
            }
        }
        List<Draft> ordered = Mermaid.treeOrder(drafts.values());
        for (Update u : updates) {
            update(u, ordered);
        }
        for (Draft d : drafts.values()) {
            d.style = styleOf(d);
        }
    }

    private void update(Update u, List<Draft> ordered) {
        List<Arg> pos = positional(u.args());
        List<Arg> named = u.args().stream().filter(a -> a.name() != null).toList();
        ObjectNode into;
        switch (u.macro()) {
            case "UpdateElementStyle" -> {
                if (pos.size() != 1) {
                    error(u.line(), 0, "`UpdateElementStyle` names one element, then `$name=\"value\"` pairs");
                    return;
                }
                Draft d = draft(pos.get(0).value());
                if (d == null || d.isConnector()) {
                    missing(u.line(), pos.get(0));
                    return;
                }
                into = d.ext().has("update_style") ? (ObjectNode) d.ext().get("update_style")
                        : d.ext().putObject("update_style");
            }
            case "UpdateRelStyle" -> {
                if (pos.size() != 2) {
                    error(u.line(), 0, "`UpdateRelStyle` names two elements, then `$name=\"value\"` pairs");
                    return;
                }
                Draft r = ordered.stream()
                    .filter(d -> d.isConnector() && d.from.equals(pos.get(0).value())
                            && d.to.equals(pos.get(1).value()))
                    .findFirst()
                    .orElse(null);
                if (r == null) {
                    error(u.line(), pos.get(0).index(), "there is no relationship from `" + pos.get(0).value()
                            + "` to `" + pos.get(1).value() + "`");
                    return;
                }
                into = r.ext().has("update_style") ? (ObjectNode) r.ext().get("update_style")
                        : r.ext().putObject("update_style");
            }
            default -> {
                if (!pos.isEmpty()) {
                    error(u.line(), pos.get(0).index(),
                            "`UpdateLayoutConfig` takes only `$c4ShapeInRow=\"n\"` and `$c4BoundaryInRow=\"n\"`");
                    return;
                }
                into = root.has("layout_config") ? (ObjectNode) root.get("layout_config")
                        : root.putObject("layout_config");
            }
        }
        for (Arg a : named) {
            into.put(a.name(), a.value());
        }
    }

    private void missing(Line line, Arg a) {
        String near = Mermaid.closest(a.value(), declared.keySet());
        error(line, a.index(), "there is no element `" + a.value() + "`",
                near != null ? "did you mean `" + near + "`?" : null);
    }

    /**
     * The C4 look of an element or relationship, with its {@code Update…Style} applied.
     */
    static Style styleOf(Draft d) {
        String macro = Mermaid.str(d.ext(), "c4", "");
        Style.Builder b = Style.builder();
        if (d.isConnector()) {
            b.strokeColor("#444444").textColor("#444444");
        }
        else if (FRAMES.contains(macro)) {
            b.strokeColor(macro.contains("Node") ? "#000000" : "#444444").textColor("#444444");
            if (macro.endsWith("Boundary")) {
                b.strokeStyle(StrokeStyle.DASHED);
            }
        }
        else {
            boolean external = macro.endsWith("_Ext");
            String base = external ? macro.substring(0, macro.length() - 4) : macro;
            String[] colours = switch (base) {
                case "Person" -> external ? new String[] { "#686868", "#8a8a8a", "#ffffff" }
                        : new String[] { "#08427b", "#073b6f", "#ffffff" };
                case "System", "SystemDb", "SystemQueue" -> external ? new String[] { "#999999", "#8a8a8a", "#ffffff" }
                        : new String[] { "#1168bd", "#3c7fc0", "#ffffff" };
                case "Container", "ContainerDb", "ContainerQueue" ->
                    external ? new String[] { "#b3b3b3", "#a6a6a6", "#ffffff" }
                            : new String[] { "#438dd5", "#3c7fc0", "#ffffff" };
                default -> external ? new String[] { "#cccccc", "#bfbfbf", "#000000" }
                        : new String[] { "#85bbf0", "#78a8d8", "#000000" };
            };
            b.fillColor(colours[0]).strokeColor(colours[1]).textColor(colours[2]);
            if (base.startsWith("Person")) {
                b.cornerRadius(20);
            }
        }
        if (d.ext().get("update_style") instanceof ObjectNode u) {
            colour(u, "bgColor").ifPresent(b::fillColor);
            colour(u, "borderColor").ifPresent(b::strokeColor);
            colour(u, "fontColor").ifPresent(b::textColor);
            colour(u, "lineColor").ifPresent(b::strokeColor);
            colour(u, "textColor").ifPresent(b::textColor);
        }
        return b.build();
    }

    private static java.util.Optional<String> colour(ObjectNode u, String name) {
        String v = Mermaid.str(u, name, null);
        return java.util.Optional.ofNullable(v == null ? null : Mermaid.color(v));
    }

    @Override
    String connectorPrefix() {
        return "rel:";
    }

    @Override
    boolean fitsContainers() {
        return false;
    }

    /**
     * C4's own arrangement: in each boundary its elements in rows of
     * {@code c4ShapeInRow}, then its boundaries below in rows of {@code c4BoundaryInRow},
     * each boundary sized around what it holds.
     */
    @Override
    void layout(List<Draft> ordered) {
        ObjectNode config = root.get("layout_config") instanceof ObjectNode o ? o : Mermaid.NODES.objectNode();
        int shapesInRow = count(config, "c4ShapeInRow", SHAPES_IN_ROW);
        int boundariesInRow = count(config, "c4BoundaryInRow", BOUNDARIES_IN_ROW);
        Map<String, List<Draft>> byParent = new HashMap<>();
        for (Draft d : ordered) {
            if (!d.isConnector()) {
                byParent.computeIfAbsent(d.parent, k -> new ArrayList<>()).add(d);
            }
        }
        place(null, 0, 0, byParent, shapesInRow, boundariesInRow);
    }

    private static int count(ObjectNode config, String name, int fallback) {
        String v = Mermaid.str(config, name, "");
        return v.matches("\\d{1,3}") && Integer.parseInt(v) > 0 ? Integer.parseInt(v) : fallback;
    }

    private static final double GAP = 40;

    private static final double PAD = 30;

    private static final double TITLE = 40;

    /** Places what {@code scope} holds from (x, y); its width and height. */
    private static double[] place(String scope, double x, double y, Map<String, List<Draft>> byParent, int shapesInRow,
            int boundariesInRow) {
        List<Draft> here = byParent.getOrDefault(scope, List.of());
        double width = 0;
        double cy = y;
        double rowHeight = 0;
        int k = 0;
        for (Draft d : here) {
            if (d.type.isContainer()) {
                continue;
            }
            double[] size = Mermaid.sizeFor(d.text, 216, 100);
            d.width = size[0];
            d.height = size[1];
            if (k > 0 && k % shapesInRow == 0) {
                cy += rowHeight + GAP;
                rowHeight = 0;
            }
            double cx = x + (k % shapesInRow) * (216 + GAP);
            d.x = cx;
            d.y = cy;
            width = Math.max(width, cx + d.width - x);
            rowHeight = Math.max(rowHeight, d.height);
            k++;
        }
        if (k > 0) {
            cy += rowHeight + GAP;
        }
        rowHeight = 0;
        double cx = x;
        int b = 0;
        for (Draft f : here) {
            if (!f.type.isContainer()) {
                continue;
            }
            if (b > 0 && b % boundariesInRow == 0) {
                cy += rowHeight + GAP;
                rowHeight = 0;
                cx = x;
            }
            double[] inner = place(f.id, cx + PAD, cy + TITLE, byParent, shapesInRow, boundariesInRow);
            f.x = cx;
            f.y = cy;
            f.width = Math.max(216, inner[0] + 2 * PAD);
            f.height = Math.max(100, inner[1] + TITLE + PAD);
            width = Math.max(width, cx + f.width - x);
            rowHeight = Math.max(rowHeight, f.height);
            cx += f.width + GAP;
            b++;
        }
        if (b > 0) {
            cy += rowHeight + GAP;
        }
        return new double[] { width, Math.max(0, cy - y - GAP) };
    }

}
