package com.autograph.document.formats.plantuml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.plantuml.PlantUmlLanguage.Kind;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Line-based reader for sequence, class and component diagrams; every skipped line is an
 * error.
 */
final class PlantUmlParser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String NAME = "\"[^\"]+\"|[\\p{L}_][\\p{L}\\p{N}_.$]*";

    private static final Pattern PARTICIPANT = Pattern
        .compile("^(participant|actor|boundary|control|entity|database|collections|queue)\\s+(" + NAME + ")"
                + "(?:\\s+as\\s+(" + NAME + "))?\\s*(#\\w+)?\\s*$");

    private static final Pattern MESSAGE = Pattern
        .compile("^(" + NAME + ")\\s*([<>\\-x\\\\/o]*-[<>\\-x\\\\/o]*)\\s*(" + NAME + ")\\s*(?::\\s*(.*))?$");

    private static final Pattern NOTE = Pattern
        .compile("^note\\s+(left|right|over|top|bottom)(?:\\s+of)?\\s+([^:]+?)\\s*(?::\\s*(.*))?$");

    private static final Pattern FRAGMENT = Pattern.compile("^(alt|opt|loop|par|break|critical|group)\\b\\s*(.*)$");

    private static final Pattern ELSE = Pattern.compile("^else\\b\\s*(.*)$");

    private static final Pattern CLASS = Pattern.compile(
            "^(abstract\\s+class|abstract|class|interface|enum|annotation|entity)\\s+(\"[^\"]+\"|[\\p{L}_][\\p{L}\\p{N}_.$]*(?:<[^>]*>)?)"
                    + "(?:\\s+as\\s+(" + NAME + "))?\\s*(<<[^>]+>>)?\\s*(#\\w+)?\\s*(\\{\\s*\\}?)?\\s*$");

    private static final Pattern RELATION = Pattern.compile("^(" + NAME + ")\\s*(?:\"([^\"]*)\"\\s*)?(" + Arrows.ARROW
            + ")\\s*(?:\"([^\"]*)\"\\s*)?(" + NAME + ")" + "\\s*(?::\\s*(.*))?$");

    private static final String REF = "\\[[^\\]]+\\]|\\(\\)\\s*(?:\"[^\"]+\"|[\\p{L}_][\\p{L}\\p{N}_.]*)|" + NAME;

    private static final Pattern LINK = Pattern
        .compile("^(" + REF + ")\\s*(" + Arrows.ARROW + ")\\s*(" + REF + ")\\s*(?::\\s*(.*))?$");

    private static final Pattern BRACKET = Pattern
        .compile("^\\[([^\\]]+)\\](?:\\s+as\\s+(" + NAME + "))?\\s*(<<[^>]+>>)?\\s*(#\\w+)?\\s*$");

    private static final Pattern INTERFACE = Pattern
        .compile("^(?:\\(\\)|interface)\\s+(" + NAME + ")(?:\\s+as\\s+(" + NAME + "))?\\s*(<<[^>]+>>)?\\s*$");

    private static final Pattern ELEMENT = Pattern.compile(
            "^(component|node|folder|frame|cloud|database|package|namespace|rectangle|storage|artifact|queue|stack|"
                    + "card|agent|file|actor|usecase|hexagon|person)\\s+(\\[[^\\]]+\\]|" + NAME + ")" + "(?:\\s+as\\s+("
                    + NAME + "))?\\s*(<<[^>]+>>)?\\s*(#\\w+)?\\s*(\\{)?\\s*$");

    /**
     * Keywords PlantUML has that the document can't hold; lines starting with them are
     * reported.
     */
    private static final Set<String> UNSUPPORTED = Set.of("activate", "deactivate", "destroy", "create", "return",
            "autonumber", "title", "skinparam", "hide", "show", "box", "ref", "newpage", "header", "footer", "legend",
            "caption", "scale", "left", "top", "skin", "mainframe", "!theme", "!include", "!define", "!pragma", "set",
            "remove", "together", "usecase", "state", "partition", "start", "stop", "rnote", "hnote", "end box",
            "endlegend", "allowmixing");

    private final String[] lines;

    private final List<CodeError> errors = new ArrayList<>();

    private final List<Shape> shapes = new ArrayList<>();

    private final Map<String, Integer> indexById = new HashMap<>();

    /**
     * Component display names ({@code [Web Server]}) to ids, for links that use the name.
     */
    private final Map<String, String> byName = new HashMap<>();

    private final Deque<Open> open = new ArrayDeque<>();

    private final Map<String, Integer> counters = new LinkedHashMap<>();

    private Kind kind;

    /** An open block: a fragment, package or container, and the line that opened it. */
    private record Open(String id, String keyword, int line, int column) {
    }

    private final ModelLimits limits;

    PlantUmlParser(String code, ModelLimits limits) {
        this.lines = code.split("\r?\n", -1);
        this.limits = limits;
    }

    ParseResult parse() {
        int start = -1;
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("@startuml") && start < 0) {
                start = i;
            }
            else if (t.startsWith("@enduml") && start >= 0) {
                end = i;
                break;
            }
        }
        if (start < 0) {
            error(1, 1, "the code does not start with `@startuml`",
                    "add `@startuml` as the first line and `@enduml` as the last");
        }
        else if (end == lines.length) {
            error(lines.length, 1, "`@enduml` is missing", "add `@enduml` as the last line");
        }
        kind = detect(start + 1, end);
        boolean blockComment = false;
        for (int i = start + 1; i < end && !stopped; i++) {
            String raw = lines[i];
            String t = raw.strip();
            int line = i + 1;
            int col = raw.indexOf(t.isEmpty() ? " " : t.substring(0, 1)) + 1;
            if (blockComment) {
                blockComment = !t.endsWith("'/");
                continue;
            }
            if (t.startsWith("/'")) {
                blockComment = !t.endsWith("'/") || t.length() < 4;
                continue;
            }
            if (t.isEmpty() || t.startsWith("'")) {
                continue;
            }
            if (t.startsWith("note ") && !t.contains(":") && !t.startsWith("note \"")) {
                // A note over several lines, up to "end note".
                StringBuilder body = new StringBuilder();
                int j = i + 1;
                while (j < end && !lines[j].strip().matches("end\\s?note")) {
                    body.append(body.isEmpty() ? "" : "\n").append(lines[j].strip());
                    j++;
                }
                if (j == end) {
                    error(line, col, "this note is never closed", "add `end note` after its text");
                }
                note(t, line, col, body.toString());
                i = j;
                continue;
            }
            if (t.startsWith("skinparam") && t.endsWith("{")) {
                unsupported(t, line, col);
                while (i + 1 < end && !lines[i + 1].strip().equals("}")) {
                    i++;
                }
                i++;
                continue;
            }
            currentLine = line;
            currentColumn = col;
            switch (kind) {
                case SEQUENCE -> sequence(t, line, col);
                case CLASS -> classLine(t, line, col, lines, i, end);
                case COMPONENT -> component(t, line, col);
            }
            if (kind == Kind.CLASS && pendingSkip > 0) {
                i += pendingSkip;
                pendingSkip = 0;
            }
        }
        while (!open.isEmpty()) {
            Open o = open.pop();
            if (!"else".equals(o.keyword())) {
                error(o.line(), o.column(), "`" + o.keyword() + "` is never closed",
                        kind == Kind.SEQUENCE ? "add `end` after its last line" : "add `}` after its last line");
            }
        }
        DiagramDocument doc = DiagramDocument.of(canonicalOrder())
            .withUnknownField(PlantUmlLanguage.FIELD,
                    NODES.objectNode().put("diagram", kind.name().toLowerCase(Locale.ROOT)));
        return new ParseResult(doc, List.copyOf(errors));
    }

    private int pendingSkip;

    private int currentLine;

    private int currentColumn;

    /**
     * The order rendering reproduces, so that parse → render → parse is stable: for
     * sequence diagrams participants first, then events as written; otherwise every
     * element as a tree (containers before their contents, siblings as first mentioned),
     * then the links.
     */
    private List<Shape> canonicalOrder() {
        List<Shape> out = new ArrayList<>();
        if (kind == Kind.SEQUENCE) {
            shapes.stream().filter(PlantUmlParser::isParticipant).forEach(out::add);
            shapes.stream().filter(s -> !isParticipant(s)).forEach(out::add);
            return out;
        }
        Map<String, List<Shape>> children = new LinkedHashMap<>();
        List<Shape> top = new ArrayList<>();
        for (Shape s : shapes) {
            if (s.type().isConnector()) {
                continue;
            }
            String p = s.parentId().orElse(null);
            (p == null ? top : children.computeIfAbsent(p, k -> new ArrayList<>())).add(s);
        }
        Deque<Shape> todo = new ArrayDeque<>();
        for (int i = top.size() - 1; i >= 0; i--) {
            todo.push(top.get(i));
        }
        while (!todo.isEmpty()) {
            Shape s = todo.pop();
            out.add(s);
            List<Shape> c = children.getOrDefault(s.id(), List.of());
            for (int i = c.size() - 1; i >= 0; i--) {
                todo.push(c.get(i));
            }
        }
        shapes.stream().filter(s -> s.type().isConnector()).forEach(out::add);
        return out;
    }

    private static boolean isParticipant(Shape s) {
        return s.type() == ShapeType.RECTANGLE;
    }

    private Kind detect(int from, int to) {
        boolean component = false;
        for (int i = Math.max(0, from); i < to; i++) {
            String t = lines[i].strip();
            if (t.matches("^(abstract\\s+class|abstract|class|enum|annotation)\\s.*")
                    || t.matches("^interface\\s.*\\{\\s*$")
                    || t.matches(".*(<\\|--|--\\|>|<\\|\\.\\.|\\.\\.\\|>|\\*--|--\\*|o--|--o)\\s.*")) {
                return Kind.CLASS;
            }
            if (t.matches("^\\[.*")
                    || t.matches("^(component|node|folder|frame|cloud|package|rectangle|storage|artifact|\\(\\))\\s.*")
                    || t.matches(".*\\]\\s*[-.]+.*") || t.matches("^interface\\s.*")) {
                component = true;
            }
        }
        return component ? Kind.COMPONENT : Kind.SEQUENCE;
    }

    // ---- sequence
    // ---------------------------------------------------------------------------

    private void sequence(String t, int line, int col) {
        Matcher m;
        if ((m = PARTICIPANT.matcher(t)).matches()) {
            String name = unquote(m.group(2));
            String alias = m.group(3) == null ? null : unquote(m.group(3));
            participant(alias != null ? alias : name, display(name), m.group(1), m.group(4));
        }
        else if ((m = FRAGMENT.matcher(t)).matches()) {
            openBlock(m.group(1), m.group(2), line, col);
        }
        else if ((m = ELSE.matcher(t)).matches()) {
            if (open.isEmpty()) {
                error(line, col, "`else` outside `alt`", "start the alternatives with `alt condition`");
                return;
            }
            if ("else".equals(open.peek().keyword())) {
                open.pop();
            }
            if (open.isEmpty()) {
                error(line, col, "`else` outside `alt`", "start the alternatives with `alt condition`");
                return;
            }
            openBlock("else", m.group(1), line, col);
        }
        else if (t.equals("end")) {
            if (!open.isEmpty() && "else".equals(open.peek().keyword())) {
                open.pop();
            }
            if (open.isEmpty()) {
                error(line, col, "`end` without an open `alt`, `loop`, `opt`, `par`, `break`, `critical` or `group`",
                        "remove it");
            }
            else {
                open.pop();
            }
        }
        else if (t.startsWith("note ")) {
            note(t, line, col, null);
        }
        else if ((m = MESSAGE.matcher(t)).matches()) {
            Arrows.Parsed a = Arrows.message(m.group(2));
            if (a == null) {
                error(line, col + m.start(2), "the arrow `" + m.group(2) + "` is not supported",
                        "use ->, -->, ->>, -->>, <-, <-- or <->");
                return;
            }
            String from = unquote(m.group(1));
            String to = unquote(m.group(3));
            participant(from, from, null, null);
            participant(to, to, null, null);
            Shape.Builder b = Shape.arrow(next("message"), from, to).text(emptyToNull(m.group(4))).parentId(parent());
            heads(b, a, true);
            add(b.build());
        }
        else {
            other(t, line, col, t.contains("=>") ? "did you mean `->`?" : null);
        }
    }

    private void participant(String id, String text, String keyword, String color) {
        Integer at = indexById.get(id);
        if (at != null && (keyword == null || shapes.get(at).type() != ShapeType.RECTANGLE)) {
            if (shapes.get(at).type() != ShapeType.RECTANGLE) {
                error(currentLine, currentColumn, "`" + id + "` is already used by a note or fragment",
                        "give the participant another name");
            }
            return;
        }
        ObjectNode bag = NODES.objectNode().put("element", keyword == null ? "participant" : keyword);
        Shape.Builder b = Shape.rectangle(id).text(text).unknownField(PlantUmlLanguage.FIELD, bag);
        color(b, bag, color);
        if (at != null) {
            shapes.set(at, b.build());
        }
        else {
            add(b.build());
        }
    }

    private void openBlock(String keyword, String label, int line, int col) {
        if (tooDeep(line, col)) {
            return;
        }
        String id = next("fragment");
        ObjectNode bag = NODES.objectNode().put("fragment", keyword);
        add(Shape.frame(id, emptyToNull(label)).parentId(parent()).unknownField(PlantUmlLanguage.FIELD, bag).build());
        open.push(new Open(id, keyword, line, col));
    }

    private void note(String t, int line, int col, String multiLine) {
        Matcher m = NOTE.matcher(t);
        if (!m.matches()) {
            other(t, line, col, "write notes as `note left of A : text`");
            return;
        }
        List<String> targets = new ArrayList<>();
        for (String target : m.group(2).split(",")) {
            String id = resolve(unquote(target.strip()));
            if (!indexById.containsKey(id)) {
                error(line, col, "the note refers to `" + target.strip() + "`, which is not declared",
                        "declare it before the note");
                return;
            }
            targets.add(id);
        }
        ObjectNode bag = NODES.objectNode().put("position", m.group(1));
        var of = bag.putArray("of");
        targets.forEach(of::add);
        String text = multiLine != null ? multiLine : m.group(3) == null ? "" : m.group(3).replace("\\n", "\n");
        add(Shape.stickyNote(next("note"))
            .text(text)
            .parentId(parent())
            .unknownField(PlantUmlLanguage.FIELD, bag)
            .build());
    }

    // ---- class
    // ------------------------------------------------------------------------------

    private void classLine(String t, int line, int col, String[] all, int index, int end) {
        Matcher m;
        if ((m = CLASS.matcher(t)).matches()) {
            String keyword = m.group(1).replaceAll("\\s+", " ");
            String name = unquote(m.group(2));
            String id = m.group(3) != null ? unquote(m.group(3)) : name;
            List<String> members = new ArrayList<>();
            String brace = m.group(6);
            if (brace != null && !brace.contains("}")) {
                int j = index + 1;
                while (j < end && !all[j].strip().equals("}")) {
                    String member = all[j].strip();
                    if (!member.isEmpty() && !member.startsWith("'")) {
                        members.add(member);
                    }
                    j++;
                }
                if (j == end) {
                    error(line, col + t.indexOf('{'), "the `{` of `" + name + "` is never closed",
                            "add `}` after its members");
                }
                pendingSkip = j - index;
            }
            ObjectNode bag = NODES.objectNode().put("element", keyword.equals("abstract") ? "abstract class" : keyword);
            if (m.group(4) != null) {
                bag.put("stereotype", m.group(4));
            }
            String text = members.isEmpty() ? name : name + "\n" + String.join("\n", members);
            Shape.Builder b = Shape.rectangle(id)
                .text(text)
                .parentId(parent())
                .unknownField(PlantUmlLanguage.FIELD, bag);
            color(b, bag, m.group(5));
            put(b.build());
        }
        else if ((m = RELATION.matcher(t)).matches()) {
            relation(unquote(m.group(1)), m.group(2), m.group(3), m.group(7), unquote(m.group(8)), m.group(9), line,
                    col + m.start(3), "class");
        }
        else if (container(t, line, col)) {
            return;
        }
        else if (t.equals("}")) {
            close(line, col);
        }
        else if (t.startsWith("note ")) {
            note(t, line, col, null);
        }
        else {
            other(t, line, col, null);
        }
    }

    private void relation(String from, String fromLabel, String arrow, String toLabel, String to, String label,
            int line, int col, String element) {
        Arrows.Parsed a = Arrows.parse(arrow);
        if (a == null) {
            error(line, col, "the arrow `" + arrow + "` is not supported", "use e.g. -->, ..>, <|--, *-- or o--");
            return;
        }
        String fromId = implicit(from, element);
        String toId = implicit(to, element);
        Endpoint start = Endpoint.boundTo(fromId);
        Endpoint end = Endpoint.boundTo(toId);
        if (fromLabel != null) {
            start = start.withUnknownField("label", NODES.stringNode(fromLabel));
        }
        if (toLabel != null) {
            end = end.withUnknownField("label", NODES.stringNode(toLabel));
        }
        boolean heads = a.start() != Arrowhead.NONE || a.end() != Arrowhead.NONE;
        Shape.Builder b = (heads ? Shape.arrow(next("link"), start, end) : Shape.line(next("link"), start, end))
            .text(emptyToNull(label))
            .parentId(parent())
            .unknownField(PlantUmlLanguage.FIELD, NODES.objectNode().put("arrow", arrow));
        heads(b, a, heads);
        add(b.build());
    }

    private String implicit(String name, String element) {
        String id = resolve(name);
        if (!indexById.containsKey(id)) {
            put(Shape.rectangle(id)
                .text(name)
                .parentId(parent())
                .unknownField(PlantUmlLanguage.FIELD, NODES.objectNode().put("element", element))
                .build());
        }
        return id;
    }

    // ---- component
    // ----------------------------------------------------------------------------

    private void component(String t, int line, int col) {
        Matcher m;
        if ((m = BRACKET.matcher(t)).matches()) {
            leaf("component", m.group(1).strip(), m.group(2), m.group(3), m.group(4), ShapeType.RECTANGLE);
        }
        else if ((m = INTERFACE.matcher(t)).matches()) {
            leaf("interface", unquote(m.group(1)), m.group(2), m.group(3), null, ShapeType.ELLIPSE);
        }
        else if (container(t, line, col)) {
            return;
        }
        else if (t.equals("}")) {
            close(line, col);
        }
        else if ((m = LINK.matcher(t)).matches()) {
            relation(ref(m.group(1)), null, m.group(2), null, ref(m.group(6)), m.group(7), line, col + m.start(2),
                    "component");
        }
        else if (t.startsWith("note ")) {
            note(t, line, col, null);
        }
        else {
            other(t, line, col, null);
        }
    }

    /**
     * {@code package X {}}, {@code node "Y" as N {}}, and in component diagrams leaf
     * elements.
     */
    private boolean container(String t, int line, int col) {
        Matcher m = ELEMENT.matcher(t);
        if (!m.matches()) {
            return false;
        }
        String keyword = m.group(1);
        String raw = m.group(2);
        String name = raw.startsWith("[") ? raw.substring(1, raw.length() - 1).strip() : unquote(raw);
        if (m.group(6) == null) {
            if (kind != Kind.COMPONENT) {
                return false;
            }
            leaf(keyword, name, m.group(3), m.group(4), m.group(5), ShapeType.RECTANGLE);
            return true;
        }
        String id = m.group(3) != null ? unquote(m.group(3)) : name;
        ObjectNode bag = NODES.objectNode().put("element", keyword);
        if (m.group(4) != null) {
            bag.put("stereotype", m.group(4));
        }
        if (tooDeep(line, col)) {
            return true;
        }
        Shape.Builder b = Shape.frame(id, name).parentId(parent()).unknownField(PlantUmlLanguage.FIELD, bag);
        color(b, bag, m.group(5));
        put(b.build());
        byName.put(name, id);
        open.push(new Open(id, keyword, line, col));
        return true;
    }

    private void leaf(String keyword, String name, String alias, String stereotype, String color, ShapeType type) {
        String id = alias != null ? unquote(alias) : name;
        ObjectNode bag = NODES.objectNode().put("element", keyword);
        if (stereotype != null) {
            bag.put("stereotype", stereotype);
        }
        Shape.Builder b = Shape.builder(type, id)
            .text(name)
            .parentId(parent())
            .unknownField(PlantUmlLanguage.FIELD, bag);
        color(b, bag, color);
        put(b.build());
        byName.put(name, id);
    }

    private String ref(String r) {
        if (r.startsWith("[")) {
            return r.substring(1, r.length() - 1).strip();
        }
        if (r.startsWith("()")) {
            String name = unquote(r.substring(2).strip());
            if (!indexById.containsKey(resolve(name))) {
                leaf("interface", name, null, null, null, ShapeType.ELLIPSE);
            }
            return name;
        }
        return unquote(r);
    }

    private void close(int line, int col) {
        if (open.isEmpty()) {
            error(line, col, "there is no `{` for this `}`", "remove it");
        }
        else {
            open.pop();
        }
    }

    // ---- shared
    // -----------------------------------------------------------------------------

    private void other(String t, int line, int col, String suggestion) {
        String word = t.split("[\\s:]", 2)[0].toLowerCase(Locale.ROOT);
        if (UNSUPPORTED.contains(word) || t.startsWith("...") || t.startsWith("|||") || t.startsWith("==")
                || t.equals("end box") || t.startsWith("!")) {
            unsupported(t, line, col);
            return;
        }
        error(line, col, "cannot read `" + t + "` as part of a " + kind.name().toLowerCase(Locale.ROOT) + " diagram",
                suggestion);
    }

    private void unsupported(String t, int line, int col) {
        String word = t.startsWith("...") ? "..."
                : t.startsWith("|||") ? "|||" : t.startsWith("==") ? "== separator ==" : t.split("[\\s:{]", 2)[0];
        error(line, col, "`" + word + "` is not supported by the importer; the line was skipped", null);
    }

    private static void heads(Shape.Builder b, Arrows.Parsed a, boolean arrow) {
        if (arrow) {
            b.startArrowhead(a.start()).endArrowhead(a.end());
        }
        if (a.dashed()) {
            b.style(Style.builder().strokeStyle(StrokeStyle.DASHED).build());
        }
    }

    /**
     * A PlantUML colour: hex and the common names become the fill; others are kept as
     * written.
     */
    private void color(Shape.Builder b, ObjectNode bag, String color) {
        if (color == null) {
            return;
        }
        String hex = color.substring(1);
        String c = hex.matches("[0-9a-fA-F]{3}|[0-9a-fA-F]{6}") ? "#" + hex.toLowerCase(Locale.ROOT)
                : com.autograph.document.formats.Colors.normalize(hex);
        if (c != null) {
            b.style(Style.builder().fillColor(c).build());
        }
        else {
            bag.put("color", color);
            b.unknownField(PlantUmlLanguage.FIELD, bag);
        }
    }

    private String resolve(String name) {
        return indexById.containsKey(name) ? name : byName.getOrDefault(name, name);
    }

    private String parent() {
        return open.isEmpty() ? null : open.peek().id();
    }

    private String next(String prefix) {
        String id;
        do {
            id = prefix + "#" + counters.merge(prefix, 1, Integer::sum);
        }
        while (indexById.containsKey(id));
        return id;
    }

    private void add(Shape s) {
        limits.checkShapes(shapes.size() + 1);
        indexById.put(s.id(), shapes.size());
        shapes.add(s);
    }

    /** Adds, or replaces an earlier declaration (e.g. an implicit one made by a link). */
    private void put(Shape s) {
        Integer at = indexById.get(s.id());
        if (at == null) {
            add(s);
        }
        else if (shapes.get(at).type().isContainer() != s.type().isContainer() || shapes.get(at).type().isConnector()) {
            error(currentLine, currentColumn, "`" + s.id() + "` is already declared as something else",
                    "give one of them another name or an alias with `as`");
        }
        else {
            shapes.set(at, s);
        }
    }

    private static String unquote(String s) {
        return s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1)
                : s;
    }

    /** Display names write a line break as {@code \\n}. */
    private static String display(String s) {
        return s.replace("\\n", "\n");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Blocks (packages, nodes, groups, alt/loop) nest at most this deep: 20,000 nested
     * groups took seconds.
     */
    static final int MAX_NESTING = 64;

    /** Set when a block nests too deep: the rest of the code is not read. */
    private boolean stopped;

    private boolean tooDeep(int line, int col) {
        if (open.size() < MAX_NESTING) {
            return false;
        }
        error(line, col, "blocks nest at most " + MAX_NESTING + " levels deep; the code from here on is not read",
                "move this block out of the ones around it");
        stopped = true;
        return true;
    }

    private void error(int line, int col, String message, String suggestion) {
        errors.add(new CodeError(line, Math.max(1, col), message, suggestion));
    }

}
