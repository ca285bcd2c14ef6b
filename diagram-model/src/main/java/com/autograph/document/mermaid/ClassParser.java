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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code classDiagram}: classes are rectangles (name as text; members, annotation and
 * generic in the extension), relations arrows or lines with UML heads, namespaces frames,
 * notes sticky notes.
 */
final class ClassParser extends KindParser {

    /**
     * A class name: letters, digits and underscores, or any text but backticks between
     * backticks ({@code `Animal Class!`}).
     */
    private static final String NAME = "(?:[\\p{L}\\p{N}_]+|`[^`]+`)";

    private static final Pattern CLASS = Pattern.compile("^class\\s+(" + NAME
            + ")(?:~([^~]+)~)?(?:\\[\"?([^\"\\]]*)\"?])?(?::::([\\w-]+))?(?:\\s*<<\\s*([^<>]+?)\\s*>>)?\\s*(\\{)?\\s*(})?$");

    /**
     * The end of a relation: {@code <|}, {@code *}, {@code o}, {@code <} or the lollipop
     * {@code ()} before the line; {@code |>}, {@code *}, {@code o}, {@code >} or
     * {@code ()} after it. Both ends may have one ({@code <|--|>}, {@code <-->}).
     */
    private static final Pattern RELATION = Pattern.compile("^(" + NAME + ")(?:~[^~]+~)?\\s*(?:\"([^\"]*)\"\\s*)?"
            + "((?:<\\||\\*|o|<|\\(\\))?(?:--|\\.\\.)(?:\\|>|\\*|o|>|\\(\\))?)" + "\\s*(?:\"([^\"]*)\"\\s*)?(" + NAME
            + ")(?:~[^~]+~)?\\s*(?::\\s*(.*))?$");

    private static final Pattern MEMBER = Pattern.compile("^(" + NAME + ")\\s*:\\s*(.+)$");

    private static final Pattern ANNOTATION = Pattern.compile("^<<\\s*([^>]+?)\\s*>>\\s*(" + NAME + ")?$");

    private static final Pattern NOTE = Pattern.compile("^note\\s+(?:for\\s+(" + NAME + ")\\s+)?\"(.*)\"$");

    /** A note whose text goes on over the next lines: its closing quote is not here. */
    private static final Pattern NOTE_START = Pattern.compile("^note\\s+(?:for\\s+(" + NAME + ")\\s+)?\"([^\"]*)$");

    private static final Pattern NAMESPACE = Pattern
        .compile("^namespace\\s+([^\\[{]+?)\\s*(?:\\[\"?([^\"\\]]*)\"?])?\\s*\\{$");

    /** {@code link A "url" "tooltip" _blank}, {@code callback A "fn" "tooltip"}. */
    private static final Pattern LINK = Pattern.compile("^(link|callback)\\s+(" + NAME
            + ")\\s+\"([^\"]*)\"(?:\\s+\"([^\"]*)\")?(?:\\s+(_self|_blank|_parent|_top))?$");

    /**
     * {@code click A href "url" "tooltip" _blank},
     * {@code click A call fn(args) "tooltip"}.
     */
    private static final Pattern CLICK = Pattern.compile("^click\\s+(" + NAME + ")\\s+(?:href\\s+\"([^\"]*)\""
            + "|call\\s+([^(\\s\"]+)\\s*(?:\\(([^)]*)\\))?)(?:\\s+\"([^\"]*)\")?(?:\\s+(_self|_blank|_parent|_top))?$");

    private record Open(Draft frame, Line line) {
    }

    private final Deque<Open> namespaces = new ArrayDeque<>();

    private final Map<String, String> classDefs = new LinkedHashMap<>();

    private Draft body;

    /** A note whose text goes on over several lines, until its closing quote. */
    private Draft note;

    private StringBuilder noteText;

    private Line noteStart;

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
        if (note != null) {
            noteLine(line);
            return;
        }
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
            namespace(line);
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
            if (m.group(5) != null) {
                c.ext().put("annotation", m.group(5));
            }
            if (m.group(6) != null && m.group(7) == null) {
                body = c;
                bodyLine = line;
            }
        }
        else if (word.equals("class")) {
            int brace = t.indexOf('{');
            int tick = t.indexOf('`');
            if (tick > 0 && t.indexOf('`', tick + 1) < 0) {
                error(line, tick, "this name is never closed", "end it with a backtick: `` `My Class` ``");
            }
            else {
                error(line, brace > 0 ? brace : 0,
                        brace > 0 && !t.endsWith("{") ? "members go on their own lines after `{`"
                                : "a class is written `class Name` or `class Name {`",
                        null);
            }
        }
        else if ((m = ANNOTATION.matcher(t)).matches() && m.group(2) != null) {
            classOf(m.group(2)).ext().put("annotation", m.group(1));
        }
        else if ((m = RELATION.matcher(t)).matches()) {
            relation(m);
        }
        else if ((m = NOTE.matcher(t)).matches()) {
            note(m.group(1), m.group(2));
        }
        else if ((m = NOTE_START.matcher(t)).matches()) {
            note = note(m.group(1), null);
            noteText = new StringBuilder(m.group(2));
            noteStart = line;
        }
        else if (word.equals("link") || word.equals("callback") || word.equals("click")) {
            click(line, word);
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
            Matcher st = Pattern.compile("^style\\s+(" + NAME + ")\\s+(.+)$").matcher(t);
            if (!st.matches()) {
                error(line, 0, "`style` needs a class name and styles");
            }
            else {
                classOf(st.group(1)).ext().put("style", st.group(2));
            }
        }
        else if ((m = MEMBER.matcher(t)).matches()) {
            member(classOf(m.group(1)), m.group(2));
        }
        else if (!common(line)) {
            unknown(line, t);
        }
    }

    /**
     * {@code namespace Name {} or {@code namespace Name["Title"] {}: a frame titled with
     * the title, else the name.
     */
    private void namespace(Line line) {
        Matcher m = NAMESPACE.matcher(line.text());
        if (!m.matches()) {
            error(line, 0, "a namespace is written `namespace Name {`",
                    line.text().endsWith("{") ? "give the namespace a name" : "add `{` after the name");
            return;
        }
        if (tooDeep(line, namespaces.size())) {
            return;
        }
        String name = m.group(1);
        Draft frame = add(new Draft("namespace:" + name, ShapeType.FRAME));
        frame.text = m.group(2) == null ? name : Mermaid.unescape(m.group(2));
        if (!namespaces.isEmpty()) {
            frame.parent = namespaces.peek().frame().id;
        }
        namespaces.push(new Open(frame, line));
    }

    /** A note, for a class or for the diagram, with its text when known. */
    private Draft note(String forClass, String text) {
        Draft n = add(new Draft("note:" + (++notes), ShapeType.STICKY_NOTE));
        n.text = text == null ? null : Mermaid.unescape(text);
        if (forClass != null) {
            n.ext().put("for", classOf(forClass).id);
        }
        if (!namespaces.isEmpty()) {
            n.parent = namespaces.peek().frame().id;
        }
        return n;
    }

    /** One more line of a note's text, which may hold the closing quote. */
    private void noteLine(Line line) {
        String t = line.text();
        int quote = t.indexOf('"');
        noteText.append('\n').append(quote < 0 ? t : t.substring(0, quote));
        if (quote < 0) {
            return;
        }
        note.text = Mermaid.unescape(noteText.toString());
        note = null;
        noteText = null;
        if (quote < t.length() - 1) {
            error(line, quote + 1, "nothing may follow a note's closing quote");
        }
    }

    /**
     * {@code link}, {@code callback} and {@code click}: what a click on the class does,
     * kept as data ({@code mermaid.link}, {@code mermaid.callback}).
     */
    private void click(Line line, String word) {
        String t = line.text();
        Matcher m;
        if ((m = LINK.matcher(t)).matches()) {
            ObjectNode action = Mermaid.NODES.objectNode();
            boolean link = word.equals("link");
            action.put(link ? "href" : "function", m.group(3));
            putIfSet(action, "tooltip", m.group(4));
            if (m.group(5) != null && !link) {
                error(line, t.lastIndexOf(m.group(5)), "a callback has no link target");
                return;
            }
            putIfSet(action, "target", m.group(5));
            classOf(m.group(2)).ext().set(link ? "link" : "callback", action);
        }
        else if ((m = CLICK.matcher(t)).matches()) {
            ObjectNode action = Mermaid.NODES.objectNode();
            boolean link = m.group(2) != null;
            action.put(link ? "href" : "function", link ? m.group(2) : m.group(3));
            if (!link && m.group(4) != null && !m.group(4).isBlank()) {
                action.put("args", m.group(4).strip());
            }
            putIfSet(action, "tooltip", m.group(5));
            if (m.group(6) != null && !link) {
                error(line, t.lastIndexOf(m.group(6)), "a callback has no link target");
                return;
            }
            putIfSet(action, "target", m.group(6));
            classOf(m.group(1)).ext().set(link ? "link" : "callback", action);
        }
        else {
            error(line, 0, "`" + word + "` is written " + switch (word) {
                case "link" -> "`link Name \"https://example.org\" \"tooltip\"`";
                case "callback" -> "`callback Name \"function\" \"tooltip\"`";
                default -> "`click Name href \"https://example.org\"` or `click Name call function()`";
            });
        }
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private void unknown(Line line, String t) {
        if (t.chars().filter(c -> c == '`').count() % 2 == 1) {
            error(line, t.lastIndexOf('`'), "this name is never closed", "end it with a backtick: `` `My Class` ``");
            return;
        }
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
        String near = Mermaid.closest(word, List.of("class", "namespace", "note", "direction", "classDef", "cssClass",
                "style", "link", "callback", "click"));
        error(line, 0, "unknown statement `" + word + "`", near == null ? null : "did you mean `" + near + "`?");
    }

    private static ArrayNode classes(Draft d) {
        return d.ext().has("classes") ? (ArrayNode) d.ext().get("classes") : d.ext().putArray("classes");
    }

    /** The class named {@code written} (backticks removed), created at first mention. */
    private Draft classOf(String written) {
        String name = written.length() > 1 && written.startsWith("`") && written.endsWith("`")
                ? written.substring(1, written.length() - 1) : written;
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
            case "()" -> Arrowhead.CIRCLE;
            default -> Arrowhead.NONE;
        };
    }

    @Override
    void finish(int lastLine) {
        if (note != null) {
            errors.add(new com.autograph.document.code.CodeError(noteStart.number(), noteStart.column(),
                    "the text of this note is never closed", "end it with `\"`"));
        }
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
                orderFields(d.ext(),
                        List.of("generic", "annotation", "members", "classes", "style", "link", "callback"));
            }
        }
    }

    /**
     * Puts {@code fields} first in {@code ext}, in that order: the order the renderer
     * writes them in, whatever order the code gave them in ({@code <<x>> A} after A's
     * body), so that the JSON text of a document read back is the same too.
     */
    static void orderFields(ObjectNode ext, List<String> fields) {
        ObjectNode rest = ext.deepCopy();
        ext.removeAll();
        for (String field : fields) {
            JsonNode v = rest.remove(field);
            if (v != null) {
                ext.set(field, v);
            }
        }
        ext.setAll(rest);
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
