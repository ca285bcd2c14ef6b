package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code requirementDiagram}: requirements and elements are rectangles whose text is what
 * Mermaid shows ({@code <<Requirement>>}, the name, then {@code Id:}, {@code Text:},
 * {@code Risk:}, {@code Verification:} or {@code Type:}, {@code Doc Ref:}); the fields as
 * written are in {@code mermaid.fields}, the keyword in {@code mermaid.kind}. Relations
 * are arrows ({@code rel:N}) labelled {@code <<satisfies>>}: {@code contains} solid with
 * a circle at the container, the others dashed. {@code style}, {@code classDef},
 * {@code class} and {@code :::} work as in flowcharts.
 */
final class RequirementParser extends KindParser {

    /** The requirement keywords, and what Mermaid calls each in its box. */
    static final Map<String, String> KINDS = new LinkedHashMap<>();

    static final List<String> RELATIONS = List.of("contains", "copies", "derives", "satisfies", "verifies", "refines",
            "traces");

    static final List<String> REQUIREMENT_FIELDS = List.of("id", "text", "risk", "verifymethod");

    static final List<String> ELEMENT_FIELDS = List.of("type", "docref");

    private static final List<String> RISKS = List.of("low", "medium", "high");

    private static final List<String> METHODS = List.of("analysis", "inspection", "test", "demonstration");

    static {
        KINDS.put("requirement", "Requirement");
        KINDS.put("functionalRequirement", "Functional Requirement");
        KINDS.put("interfaceRequirement", "Interface Requirement");
        KINDS.put("performanceRequirement", "Performance Requirement");
        KINDS.put("physicalRequirement", "Physical Requirement");
        KINDS.put("designConstraint", "Design Constraint");
        KINDS.put("element", "Element");
    }

    static final String NAME = "(\"[^\"]*\"|[\\p{L}\\p{N}_.]+)";

    private static final Pattern DECLARATION = Pattern
        .compile("^([A-Za-z]+)\\s+" + NAME + "((?::::[\\w-]+)*)\\s*\\{\\s*(})?\\s*$");

    private static final Pattern FORWARD = Pattern.compile("^" + NAME + "\\s*-\\s*([A-Za-z]+)\\s*->\\s*" + NAME + "$");

    private static final Pattern BACKWARD = Pattern.compile("^" + NAME + "\\s*<-\\s*([A-Za-z]+)\\s*-\\s*" + NAME + "$");

    /** A use of a name, resolved at the end (names may be declared after their use). */
    private record Use(Line line, int at, String name, Consumer<Draft> then) {
    }

    private final Map<String, Draft> byName = new HashMap<>();

    private final List<Use> uses = new ArrayList<>();

    private final Map<String, String> classDefs = new LinkedHashMap<>();

    private Draft open;

    private Line openLine;

    private int declared;

    private int relations;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `requirementDiagram` on its line");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (open != null) {
            if (t.equals("}")) {
                open.text = display(open);
                open = null;
            }
            else {
                field(line);
            }
            return;
        }
        String word = t.split("[\\s:]", 2)[0];
        Matcher m;
        if (common(line)) {
            return;
        }
        if (word.equals("direction")) {
            String d = direction(line, 9);
            if (d != null) {
                root.put("direction", d);
            }
        }
        else if ((m = DECLARATION.matcher(t)).matches() && kind(m.group(1)) != null) {
            declare(line, kind(m.group(1)), unquote(m.group(2)), m.group(3));
            if (m.group(4) != null && open != null) {
                open.text = display(open);
                open = null;
            }
        }
        else if ((m = FORWARD.matcher(t)).matches()) {
            relation(line, m.group(1), m.group(2), m.group(3), false);
        }
        else if ((m = BACKWARD.matcher(t)).matches()) {
            relation(line, m.group(3), m.group(2), m.group(1), true);
        }
        else if (word.equals("classDef") || word.equals("style") || word.equals("class")) {
            styling(line, word, t.substring(word.length()).strip());
        }
        else if (t.startsWith("}")) {
            error(line, 0, "`}` without an open requirement or element");
        }
        else {
            List<String> words = new ArrayList<>(KINDS.keySet());
            words.addAll(List.of("direction", "classDef", "class", "style"));
            String near = Mermaid.closest(word, words);
            if (near != null && !near.equals(word)) {
                error(line, 0, "unknown statement `" + word + "`", "did you mean `" + near + "`?");
            }
            else if (t.contains("->") || t.contains("<-")) {
                error(line, 0, "a relation is written `a - satisfies -> b` or `b <- satisfies - a`",
                        "relations: " + String.join(", ", RELATIONS));
            }
            else {
                error(line, 0, "unknown statement `" + word + "`",
                        "declare with `requirement name {` or `element name {`");
            }
        }
    }

    /** The keyword as this parser spells it (Mermaid reads keywords in any case). */
    private static String kind(String written) {
        for (String k : KINDS.keySet()) {
            if (k.equalsIgnoreCase(written)) {
                return k;
            }
        }
        return null;
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }

    private void declare(Line line, String kind, String name, String classes) {
        if (name.isBlank()) {
            error(line, kind.length(), "a " + kind + " needs a name");
            return;
        }
        if (byName.containsKey(name)) {
            error(line, line.text().indexOf(name), "`" + name + "` is declared twice");
            open = new Draft("", ShapeType.RECTANGLE);
            openLine = line;
            return;
        }
        declared++;
        String id = name.length() <= 128 && name.indexOf(':') < 0 ? name : "requirement:" + declared;
        Draft d = add(new Draft(id, ShapeType.RECTANGLE));
        if (!id.equals(name)) {
            d.ext().put("name", name);
        }
        d.ext().put("kind", kind);
        d.ext().putObject("fields");
        for (String c : classes.split(":::")) {
            if (!c.isBlank()) {
                addClass(d, c.strip());
            }
        }
        byName.put(name, d);
        open = d;
        openLine = line;
    }

    private void field(Line line) {
        String t = line.text();
        int colon = t.indexOf(':');
        String key = (colon < 0 ? t : t.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        boolean element = Mermaid.str(open.ext(), "kind", "").equals("element");
        List<String> allowed = element ? ELEMENT_FIELDS : REQUIREMENT_FIELDS;
        if (!allowed.contains(key)) {
            String near = Mermaid.closest(key, allowed);
            error(line, 0, "unknown " + (element ? "element" : "requirement") + " field `" + key + "`",
                    near != null ? "did you mean `" + near + "`?" : "fields: " + String.join(", ", allowed));
            return;
        }
        if (colon < 0) {
            error(line, 0, "`" + key + "` needs a value", "write `" + key + ": value`");
            return;
        }
        String value = t.substring(colon + 1).strip();
        int at = colon + 1;
        while (at < t.length() && Character.isWhitespace(t.charAt(at))) {
            at++;
        }
        if (value.startsWith("\"")) {
            if (value.length() < 2 || !value.endsWith("\"")) {
                error(line, t.indexOf('"'), "this string is never closed", "add `\"` at the end");
                return;
            }
            value = Mermaid.unescape(value.substring(1, value.length() - 1));
        }
        if (key.equals("risk") && !RISKS.contains(value.toLowerCase(Locale.ROOT))) {
            error(line, at, "the risk is low, medium or high");
            return;
        }
        if (key.equals("verifymethod") && !METHODS.contains(value.toLowerCase(Locale.ROOT))) {
            error(line, at, "the verify method is analysis, inspection, test or demonstration");
            return;
        }
        if (open.id.isEmpty()) {
            return; // the body of a duplicate, already reported
        }
        ((ObjectNode) open.ext().get("fields")).put(key, value);
    }

    /** What Mermaid shows in the box: the kind, the name, then each field given. */
    static String display(Draft d) {
        String kind = Mermaid.str(d.ext(), "kind", "requirement");
        StringBuilder sb = new StringBuilder("<<").append(KINDS.getOrDefault(kind, "Requirement")).append(">>\n");
        sb.append(Mermaid.str(d.ext(), "name", d.id));
        var fields = d.ext().get("fields");
        if (fields != null) {
            for (String[] f : new String[][] { { "id", "Id" }, { "text", "Text" }, { "risk", "Risk" },
                    { "verifymethod", "Verification" }, { "type", "Type" }, { "docref", "Doc Ref" } }) {
                String v = Mermaid.str(fields, f[0], null);
                if (v != null) {
                    sb.append('\n').append(f[1]).append(": ").append(v);
                }
            }
        }
        return sb.toString();
    }

    private void relation(Line line, String from, String type, String to, boolean backward) {
        String rel = type.toLowerCase(Locale.ROOT);
        if (!RELATIONS.contains(rel)) {
            String near = Mermaid.closest(rel, RELATIONS);
            error(line, line.text().indexOf(type), "unknown relation `" + type + "`",
                    near != null ? "did you mean `" + near + "`?" : "relations: " + String.join(", ", RELATIONS));
            return;
        }
        Draft r = add(Draft.connector("rel:" + (++relations), ShapeType.ARROW, null, null));
        r.text = "<<" + rel + ">>";
        r.ext().put("relation", rel);
        if (backward) {
            r.ext().put("backward", true);
        }
        if (rel.equals("contains")) {
            r.startHead = Arrowhead.CIRCLE;
            r.endHead = Arrowhead.NONE;
        }
        else {
            r.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
        }
        String a = unquote(from);
        String b = unquote(to);
        uses.add(new Use(line, line.text().indexOf(from), a, d -> r.from = d.id));
        uses.add(new Use(line, line.text().lastIndexOf(to), b, d -> r.to = d.id));
    }

    private void styling(Line line, String word, String rest) {
        String[] p = rest.split("\\s+", 2);
        if (p.length < 2 || p[0].isEmpty()) {
            error(line, 0,
                    "`" + word + "` needs " + (word.equals("class") ? "names and a class name" : "a name and styles"),
                    switch (word) {
                        case "classDef" -> "write `classDef important fill:#f96`";
                        case "class" -> "write `class a,b important`";
                        default -> "write `style a fill:#f9f`";
                    });
            return;
        }
        String css = p[1].strip();
        for (String raw : p[0].split(",")) {
            String name = unquote(raw.strip());
            if (name.isEmpty()) {
                continue;
            }
            switch (word) {
                case "classDef" -> classDefs.put(name, css);
                case "class" -> uses.add(new Use(line, line.text().indexOf(raw.strip()), name, d -> {
                    for (String c : css.split("[,\\s]+")) {
                        addClass(d, c);
                    }
                }));
                default -> uses.add(new Use(line, line.text().indexOf(raw.strip()), name, d -> {
                    String before = Mermaid.str(d.ext(), "style", null);
                    d.ext().put("style", before == null ? css : before + "," + css);
                }));
            }
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

    @Override
    void finish(int lastLine) {
        if (open != null) {
            if (!open.id.isEmpty()) {
                open.text = display(open);
            }
            errors.add(new CodeError(openLine.number(), openLine.column(),
                    "`" + Mermaid.str(open.ext(), "kind", "requirement") + "` is never closed",
                    "add `}` after its fields"));
        }
        for (Use u : uses) {
            Draft d = byName.get(u.name());
            if (d == null) {
                String near = Mermaid.closest(u.name(), byName.keySet());
                errors.add(new CodeError(u.line().number(), u.line().col(u.at()), "nothing is named `" + u.name() + "`",
                        near != null ? "did you mean `" + near + "`?"
                                : "declare it with `requirement " + u.name() + " {` or `element " + u.name() + " {`"));
                continue;
            }
            u.then().accept(d);
        }
        drafts.values().removeIf(d -> d.isConnector() && (d.from == null || d.to == null));
        if (!classDefs.isEmpty()) {
            ObjectNode defs = root.putObject("class_defs");
            classDefs.forEach(defs::put);
        }
        for (Draft d : drafts.values()) {
            if (!d.isConnector()) {
                d.style = FlowchartParser.styleOf(d, root);
            }
        }
        if (declared == 0 && errors.isEmpty()) {
            errors.add(new CodeError(lastLine, 1, "a requirement diagram needs a requirement or an element",
                    "write `requirement name {` with its fields and `}`"));
        }
    }

    @Override
    String connectorPrefix() {
        return "rel:";
    }

    @Override
    void layout(List<Draft> ordered) {
        String dir = Mermaid.str(root, "direction", "TB");
        boolean horizontal = dir.equals("LR") || dir.equals("RL");
        FlowchartParser.rank(ordered, horizontal, dir.equals("BT") || dir.equals("RL"));
        spread(ordered, horizontal);
    }

    /**
     * Re-spaces ranked boxes by their sizes (requirement boxes are larger than the fixed
     * rank spacing): each rank as deep as its largest box, boxes in a rank side by side
     * in the order the ranking gave them.
     */
    static void spread(List<Draft> ordered, boolean horizontal) {
        java.util.TreeMap<Double, List<Draft>> ranks = new java.util.TreeMap<>();
        for (Draft d : ordered) {
            if (!d.isConnector() && !d.type.isContainer()) {
                ranks.computeIfAbsent(horizontal ? d.x : d.y, k -> new ArrayList<>()).add(d);
            }
        }
        double along = 0;
        for (List<Draft> rank : ranks.values()) {
            rank.sort(java.util.Comparator.comparingDouble(d -> horizontal ? d.y : d.x));
            double depth = 0;
            double across = 0;
            for (Draft d : rank) {
                if (horizontal) {
                    d.x = along;
                    d.y = across;
                    across += d.height + 40;
                    depth = Math.max(depth, d.width);
                }
                else {
                    d.x = across;
                    d.y = along;
                    across += d.width + 40;
                    depth = Math.max(depth, d.height);
                }
            }
            along += depth + 80;
        }
    }

}
