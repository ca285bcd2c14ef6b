package com.autograph.document.mermaid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code erDiagram}: entities are rectangles (attributes in the extension), relationships
 * lines with crow's-foot arrowheads, dashed when non-identifying ({@code ..}).
 */
final class ErParser extends KindParser {

    private static final String NAME = "(?:\"[^\"]+\"|[\\p{L}\\p{N}_-]+?)";

    /** {@code :::className} after an entity name. */
    private static final String CLASS = "(?::::([\\w-]+))?";

    /**
     * One end of a relationship: crow's-foot symbols (read on either side, as Mermaid
     * does) or the words Mermaid reads for them, which stand apart from what is around
     * them.
     */
    private static final String CARDINALITY = "(\\|o|\\|\\||\\}o|\\}\\||o\\||o\\{|\\|\\{|(?<=\\s)(?:one or zero|one or more|one or many"
            + "|zero or one|zero or more|zero or many|only one|many\\(0\\)|many\\(1\\)|many|one|1\\+|0\\+|1)(?=\\s))";

    /**
     * The line between the ends: {@code --} or {@code to} identifying, {@code ..},
     * {@code .-}, {@code -.} or {@code optionally to} not.
     */
    private static final String LINE = "(--|\\.\\.|\\.-|-\\.|(?<=\\s)(?:optionally to|to)(?=\\s))";

    private static final Pattern RELATION = Pattern.compile("^(" + NAME + ")" + CLASS + "\\s*" + CARDINALITY + "\\s*"
            + LINE + "\\s*" + CARDINALITY + "\\s*(" + NAME + ")" + CLASS + "\\s*(?::\\s*(.*))?$");

    private static final Pattern ENTITY = Pattern
        .compile("^(" + NAME + ")" + CLASS + "\\s*(?:\\[\"?([^\"\\]]*)\"?])?" + CLASS + "\\s*(?:(\\{)(.*))?$");

    /**
     * One attribute: type, name, keys, comment. Several may stand on one line, as in
     * {@code CAR { string make string model }}.
     */
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "\\G\\s*([\\p{L}\\p{N}_\\-()\\[\\],.*~]+)\\s+([\\p{L}\\p{N}_\\-()\\[\\].*]+)((?:\\s+(?:PK|FK|UK)\\s*,?)*)\\s*(?:\"([^\"]*)\")?");

    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+%%(?!\\{).*$");

    private final Map<String, String> classDefs = new LinkedHashMap<>();

    private Draft body;

    private Line bodyLine;

    private int relations;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `erDiagram` on its line");
        }
    }

    private static String unquote(String n) {
        return n.startsWith("\"") ? n.substring(1, n.length() - 1) : n;
    }

    private Draft entity(String name) {
        String id = unquote(name);
        Draft e = draft(id);
        if (e == null) {
            e = add(new Draft(id, ShapeType.RECTANGLE));
            e.text = id;
        }
        return e;
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        Matcher m = TRAILING_COMMENT.matcher(t);
        if (m.find()) {
            line = new Line(line.number(), line.column(), t.substring(0, m.start()));
            t = line.text();
        }
        if (body != null) {
            attributes(line, 0);
            return;
        }
        if (title(line)) {
            return;
        }
        String word = t.split("\\s+", 2)[0];
        if (t.startsWith("direction ")) {
            String d = direction(line, 10);
            if (d != null) {
                root.put("direction", d);
            }
        }
        else if ((m = RELATION.matcher(t)).matches()) {
            relation(line, m);
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
        else if (word.equals("class") || word.equals("style")) {
            classOrStyle(line, word);
        }
        else if ((m = ENTITY.matcher(t)).matches()) {
            Draft e = entity(m.group(1));
            for (int g : new int[] { 2, 4 }) {
                if (m.group(g) != null) {
                    addClass(e, m.group(g));
                }
            }
            if (m.group(3) != null) {
                e.text = m.group(3);
            }
            if (m.group(5) != null) {
                body = e;
                bodyLine = line;
                attributes(line, m.start(6));
            }
        }
        else if (!common(line)) {
            Matcher bad = Pattern.compile("[|}o][|o{}]?(-+|\\.+)[|o{}]*").matcher(t);
            if (bad.find()) {
                error(line, bad.start(), "unknown relationship `" + bad.group() + "`",
                        "write the two ends and `--` or `..`, e.g. `||--o{`");
            }
            else {
                error(line, 0, "unknown statement",
                        "write an entity (`CUSTOMER {`) or a relationship (`CUSTOMER ||--o{ ORDER : places`)");
            }
        }
    }

    private void relation(Line line, Matcher m) {
        if (m.group(8) == null || m.group(8).isBlank()) {
            error(line, line.text().length(), "a relationship needs a label", "add `: label` at the end");
            return;
        }
        String label = m.group(8).strip();
        if (label.startsWith("\"") && (label.length() < 2 || !label.endsWith("\""))) {
            error(line, m.start(8), "the quoted label is never closed", "end it with `\"`");
            return;
        }
        Draft a = entity(m.group(1));
        Draft b = entity(m.group(6));
        if (m.group(2) != null) {
            addClass(a, m.group(2));
        }
        if (m.group(7) != null) {
            addClass(b, m.group(7));
        }
        Draft r = add(Draft.connector("rel:" + (++relations), ShapeType.LINE, a.id, b.id));
        r.startHead = cardinality(m.group(3));
        r.endHead = cardinality(m.group(5));
        if (!m.group(4).equals("--") && !m.group(4).equals("to")) {
            r.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
        }
        r.text = Mermaid.unescape(unquote(label));
    }

    /** {@code class A,B name} or {@code style A,B css}. */
    private void classOrStyle(Line line, String word) {
        Matcher p = Pattern.compile("^\\w+\\s+(" + NAME + "(?:\\s*,\\s*" + NAME + ")*)\\s+(\\S.*)$")
            .matcher(line.text());
        if (!p.matches() || (word.equals("class") && p.group(2).contains(" "))) {
            error(line, 0, word.equals("class") ? "`class` is written `class A,B className`"
                    : "`style` is written `style A,B fill:#f9f,stroke:#333`");
            return;
        }
        for (String name : p.group(1).split("\\s*,\\s*")) {
            Draft e = entity(name);
            if (word.equals("class")) {
                addClass(e, p.group(2));
            }
            else {
                String before = Mermaid.str(e.ext(), "style", null);
                e.ext().put("style", before == null ? p.group(2) : before + "," + p.group(2));
            }
        }
    }

    /**
     * The attributes of the open body written on {@code line} from {@code from} on; a
     * {@code }} there closes the body.
     */
    private void attributes(Line line, int from) {
        String t = line.text();
        int close = t.lastIndexOf('}');
        boolean closes = close >= from && t.substring(close + 1).isBlank();
        String part = closes ? t.substring(from, close) : t.substring(from);
        Matcher a = ATTRIBUTE.matcher(part);
        int at = 0;
        while (at < part.length() && !part.substring(at).isBlank()) {
            if (!a.find(at) || a.start() != at || a.end() == at) {
                int bad = at;
                while (Character.isWhitespace(part.charAt(bad))) {
                    bad++;
                }
                error(line, from + bad, "an attribute is written `type name [PK|FK|UK] [\"comment\"]`");
                break;
            }
            ArrayNode attrs = body.ext().has("attributes") ? (ArrayNode) body.ext().get("attributes")
                    : body.ext().putArray("attributes");
            ObjectNode attr = attrs.addObject();
            attr.put("type", a.group(1));
            attr.put("name", a.group(2));
            String keys = a.group(3).replace(",", " ").strip();
            if (!keys.isEmpty()) {
                ArrayNode k = attr.putArray("keys");
                for (String key : keys.split("\\s+")) {
                    k.add(key);
                }
            }
            if (a.group(4) != null) {
                attr.put("comment", a.group(4));
            }
            at = a.end();
        }
        if (closes) {
            body = null;
        }
    }

    private static void addClass(Draft d, String name) {
        ArrayNode classes = d.ext().has("classes") ? (ArrayNode) d.ext().get("classes") : d.ext().putArray("classes");
        for (var c : classes) {
            if (c.asString().equals(name)) {
                return;
            }
        }
        classes.add(name);
    }

    /**
     * Crow's foot ends, read from either side ({@code |o} and {@code o|} mean the same).
     */
    static Arrowhead cardinality(String token) {
        return switch (token) {
            case "||", "one", "only one", "1" -> Arrowhead.ONE;
            case "|o", "o|", "one or zero", "zero or one" -> Arrowhead.ZERO_OR_ONE;
            case "}|", "|{", "one or more", "one or many", "many(1)", "1+" -> Arrowhead.ONE_OR_MANY;
            case "}o", "o{", "zero or more", "zero or many", "many(0)", "many", "0+" -> Arrowhead.ZERO_OR_MANY;
            default -> Arrowhead.NONE;
        };
    }

    static String token(Arrowhead h, boolean left) {
        return switch (h) {
            case ZERO_OR_ONE -> left ? "|o" : "o|";
            case ONE_OR_MANY -> left ? "}|" : "|{";
            case ZERO_OR_MANY, MANY -> left ? "}o" : "o{";
            default -> "||";
        };
    }

    @Override
    void finish(int lastLine) {
        if (body != null) {
            errors.add(new CodeError(bodyLine.number(), bodyLine.column(),
                    "the attributes of `" + body.id + "` are never closed", "add `}` after the last attribute"));
        }
        if (!classDefs.isEmpty()) {
            ObjectNode defs = root.putObject("class_defs");
            classDefs.forEach(defs::put);
        }
        for (Draft d : drafts.values()) {
            Mermaid.moveLast(d.ext(), "classes", "style");
            if (!d.isConnector()
                    && (d.ext().has("classes") || d.ext().has("style") || classDefs.containsKey("default"))) {
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
            if (d.isConnector()) {
                continue;
            }
            int attrs = d.ext().has("attributes") ? d.ext().get("attributes").size() : 0;
            double[] size = Mermaid.sizeFor(d.text, 160, 50);
            d.width = size[0];
            d.height = size[1] + attrs * 24;
            d.x = (i % 3) * 320;
            d.y = (i / 3) * 300;
            i++;
        }
    }

}
