package com.autograph.document.mermaid;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code classDiagram}: classes are rectangles (name as text; members, annotation and
 * generic in the extension), relations arrows or lines with UML heads, namespaces frames,
 * notes sticky notes.
 */
final class ClassParser extends KindParser {

    /** Relation operators, longest first. */
    static final List<String> RELATIONS = List.of("<|--", "--|>", "<|..", "..|>", "*--", "--*", "o--", "--o", "<--",
            "-->", "<..", "..>", "--", "..");

    private static final String NAME = "[\\p{L}\\p{N}_]+";

    private static final Pattern CLASS = Pattern.compile(
            "^class\\s+(" + NAME + ")(?:~([^~]+)~)?(?:\\[\"?([^\"\\]]*)\"?])?(?::::([\\w-]+))?\\s*(\\{)?\\s*(})?$");

    private static final Pattern RELATION = Pattern.compile("^(" + NAME + ")(?:~[^~]+~)?\\s*(?:\"([^\"]*)\"\\s*)?"
            + "(<\\|--|--\\|>|<\\|\\.\\.|\\.\\.\\|>|\\*--|--\\*|o--|--o|<--|-->|<\\.\\.|\\.\\.>|--|\\.\\.)"
            + "\\s*(?:\"([^\"]*)\"\\s*)?(" + NAME + ")(?:~[^~]+~)?\\s*(?::\\s*(.*))?$");

    private static final Pattern MEMBER = Pattern.compile("^(" + NAME + ")\\s*:\\s*(.+)$");

    private static final Pattern ANNOTATION = Pattern.compile("^<<\\s*([^>]+?)\\s*>>\\s*(" + NAME + ")?$");

    private static final Pattern NOTE = Pattern.compile("^note\\s+(?:for\\s+(" + NAME + ")\\s+)?\"(.*)\"$");

    private record Open(Draft frame, Line line) {
    }

    private final Deque<Open> namespaces = new ArrayDeque<>();

    private final Map<String, String> classDefs = new LinkedHashMap<>();

    private Draft body;

    private Line bodyLine;

    private int relations;

    private int notes;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `classDiagram` on its line");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (body != null) {
            if (t.equals("}")) {
                body = null;
                return;
            }
            Matcher a = ANNOTATION.matcher(t);
            if (a.matches() && a.group(2) == null) {
                body.ext().put("annotation", a.group(1));
            }
            else {
                member(body, t);
            }
            return;
        }
        String word = t.split("\\s+", 2)[0];
        Matcher m;
        if (title(line)) {
            return;
        }
        if (word.equals("direction")) {
            String d = direction(line, 9);
            if (d != null) {
                root.put("direction", d);
            }
        }
        else if (word.equals("namespace")) {
            String rest = t.substring(9).strip();
            if (!rest.endsWith("{")) {
                error(line, 0, "a namespace is written `namespace Name {`", "add `{` after the name");
                return;
            }
            if (tooDeep(line, namespaces.size())) {
                return;
            }
            String name = rest.substring(0, rest.length() - 1).strip();
            Draft frame = add(new Draft("namespace:" + name, ShapeType.FRAME));
            frame.text = name;
            if (!namespaces.isEmpty()) {
                frame.parent = namespaces.peek().frame().id;
            }
            namespaces.push(new Open(frame, line));
        }
        else if (t.equals("}")) {
            if (namespaces.isEmpty()) {
                error(line, 0, "`}` without an open namespace or class");
            }
            else {
                namespaces.pop();
            }
        }
        else if (word.equals("class") && (m = CLASS.matcher(t)).matches()) {
            Draft c = classOf(m.group(1));
            if (m.group(2) != null) {
                c.ext().put("generic", m.group(2));
            }
            if (m.group(3) != null) {
                c.text = Mermaid.unescape(m.group(3));
            }
            if (m.group(4) != null) {
                classes(c).add(m.group(4));
            }
            if (m.group(5) != null && m.group(6) == null) {
                body = c;
                bodyLine = line;
            }
        }
        else if (word.equals("class")) {
            int brace = t.indexOf('{');
            error(line, brace > 0 ? brace : 0, brace > 0 && !t.endsWith("{") ? "members go on their own lines after `{`"
                    : "a class is written `class Name` or `class Name {`", null);
        }
        else if ((m = ANNOTATION.matcher(t)).matches() && m.group(2) != null) {
            classOf(m.group(2)).ext().put("annotation", m.group(1));
        }
        else if ((m = RELATION.matcher(t)).matches()) {
            relation(m);
        }
        else if ((m = NOTE.matcher(t)).matches()) {
            Draft note = add(new Draft("note:" + (++notes), ShapeType.STICKY_NOTE));
            note.text = Mermaid.unescape(m.group(2));
            if (m.group(1) != null) {
                note.ext().put("for", classOf(m.group(1)).id);
            }
            if (!namespaces.isEmpty()) {
                note.parent = namespaces.peek().frame().id;
            }
        }
        else if (word.equals("classDef")) {
            String[] p = t.substring(8).strip().split("\\s+", 2);
            if (p.length < 2) {
                error(line, 0, "`classDef` needs a name and styles");
            }
            else {
                classDefs.put(p[0], p[1]);
            }
        }
        else if (word.equals("cssClass")) {
            Matcher c = Pattern.compile("^cssClass\\s+\"([^\"]+)\"\\s+([\\w-]+)$").matcher(t);
            if (!c.matches()) {
                error(line, 0, "`cssClass` is written `cssClass \"A,B\" className`");
            }
            else {
                for (String id : c.group(1).split(",")) {
                    classes(classOf(id.strip())).add(c.group(2));
                }
            }
        }
        else if (word.equals("style")) {
            String[] p = t.substring(5).strip().split("\\s+", 2);
            if (p.length < 2) {
                error(line, 0, "`style` needs a class name and styles");
            }
            else {
                classOf(p[0]).ext().put("style", p[1]);
            }
        }
        else if ((m = MEMBER.matcher(t)).matches()) {
            member(classOf(m.group(1)), m.group(2));
        }
        else if (!common(line)) {
            unknown(line, t);
        }
    }

    private void unknown(Line line, String t) {
        for (String bad : List.of("<|-", "-|>", "->", "<-", "==", "=>")) {
            int at = t.indexOf(bad);
            if (at > 0) {
                String near = bad.contains("|") ? (bad.startsWith("<") ? "<|--" : "--|>")
                        : bad.startsWith("<") ? "<--" : "-->";
                error(line, at, "unknown relation `" + t.substring(at).split("\\s+")[0] + "`",
                        "did you mean `" + near + "`?");
                return;
            }
        }
        String word = t.split("\\s+", 2)[0];
        String near = Mermaid.closest(word,
                List.of("class", "namespace", "note", "direction", "classDef", "cssClass", "style"));
        error(line, 0, "unknown statement `" + word + "`", near == null ? null : "did you mean `" + near + "`?");
    }

    private static ArrayNode classes(Draft d) {
        return d.ext().has("classes") ? (ArrayNode) d.ext().get("classes") : d.ext().putArray("classes");
    }

    private Draft classOf(String name) {
        Draft c = draft(name);
        if (c == null) {
            c = add(new Draft(name, ShapeType.RECTANGLE));
            c.text = name;
            if (!namespaces.isEmpty()) {
                c.parent = namespaces.peek().frame().id;
            }
        }
        return c;
    }

    /**
     * A member as written plus what it says: visibility, field or method, abstract or
     * static.
     */
    static void member(Draft c, String text) {
        ArrayNode members = c.ext().has("members") ? (ArrayNode) c.ext().get("members") : c.ext().putArray("members");
        String t = text.strip();
        ObjectNode m = members.addObject();
        m.put("text", t);
        String visibility = switch (t.isEmpty() ? ' ' : t.charAt(0)) {
            case '+' -> "public";
            case '-' -> "private";
            case '#' -> "protected";
            case '~' -> "package";
            default -> null;
        };
        if (visibility != null) {
            m.put("visibility", visibility);
        }
        m.put("kind", t.contains("(") ? "method" : "field");
        if (t.endsWith("*") || t.contains(")*")) {
            m.put("classifier", "abstract");
        }
        else if (t.endsWith("$") || t.contains(")$")) {
            m.put("classifier", "static");
        }
    }

    private void relation(Matcher m) {
        Draft a = classOf(m.group(1));
        Draft b = classOf(m.group(5));
        String op = m.group(3);
        Draft r = add(Draft.connector("rel:" + (++relations), ShapeType.LINE, a.id, b.id));
        r.ext().put("relation", op);
        if (m.group(2) != null) {
            r.ext().put("start_label", m.group(2));
        }
        if (m.group(4) != null) {
            r.ext().put("end_label", m.group(4));
        }
        r.text = m.group(6) == null || m.group(6).isBlank() ? null : Mermaid.unescape(m.group(6).strip());
        applyRelation(r, op);
        if (!namespaces.isEmpty()) {
            r.parent = namespaces.peek().frame().id;
        }
    }

    /** The relation's heads and dash in document terms. */
    static void applyRelation(Draft r, String op) {
        String line = op.contains("..") ? ".." : "--";
        int at = op.indexOf(line);
        r.startHead = head(op.substring(0, at));
        r.endHead = head(op.substring(at + 2));
        r.type = r.startHead != Arrowhead.NONE || r.endHead != Arrowhead.NONE ? ShapeType.ARROW : ShapeType.LINE;
        if (r.type == ShapeType.ARROW && r.endHead == Arrowhead.NONE) {
            r.endHead = Arrowhead.NONE;
        }
        if (line.equals("..")) {
            r.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
        }
    }

    private static Arrowhead head(String h) {
        return switch (h) {
            case "<|", "|>" -> Arrowhead.TRIANGLE;
            case "*", "o" -> Arrowhead.DIAMOND;
            case "<", ">" -> Arrowhead.ARROW;
            default -> Arrowhead.NONE;
        };
    }

    @Override
    void finish(int lastLine) {
        if (body != null) {
            errors.add(new com.autograph.document.code.CodeError(bodyLine.number(), bodyLine.column(),
                    "the members of class `" + body.id + "` are never closed", "add `}` after the last member"));
        }
        for (Open o : namespaces) {
            errors.add(new com.autograph.document.code.CodeError(o.line().number(), o.line().column(),
                    "namespace `" + o.frame().text + "` is never closed", "add `}` after its classes"));
        }
        if (!classDefs.isEmpty()) {
            ObjectNode defs = root.putObject("class_defs");
            classDefs.forEach(defs::put);
        }
        for (Draft d : drafts.values()) {
            if (!d.isConnector() && d.type == ShapeType.RECTANGLE) {
                d.style = FlowchartParser.styleOf(d, root);
            }
        }
    }

    @Override
    String connectorPrefix() {
        return "rel:";
    }

    @Override
    void layout(List<Draft> ordered) {
        int i = 0;
        for (Draft d : ordered) {
            if (d.isConnector() || d.type.isContainer()) {
                continue;
            }
            int members = d.ext().has("members") ? d.ext().get("members").size() : 0;
            double[] size = Mermaid.sizeFor(d.text, 160, 50);
            d.width = size[0];
            d.height = size[1] + members * 20;
            d.x = (i % 4) * 280;
            d.y = (i / 4) * 260;
            i++;
        }
    }

}
