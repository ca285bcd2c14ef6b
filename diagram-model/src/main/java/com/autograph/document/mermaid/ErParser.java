package com.autograph.document.mermaid;

import java.util.List;
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

    private static final Pattern RELATION = Pattern
        .compile("^(" + NAME + ")\\s*(\\|o|\\|\\||\\}o|\\}\\|)(--|\\.\\.)(o\\||\\|\\||o\\{|\\|\\{)\\s*(" + NAME
                + ")\\s*(?::\\s*(.*))?$");

    private static final Pattern ENTITY = Pattern
        .compile("^(" + NAME + ")\\s*(?:\\[\"?([^\"\\]]*)\"?])?\\s*(\\{)?\\s*(})?$");

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "^([\\p{L}\\p{N}_\\-()\\[\\],.*~]+)\\s+([\\p{L}\\p{N}_\\-()\\[\\].*]+)((?:\\s+(?:PK|FK|UK)\\s*,?)*)\\s*(?:\"([^\"]*)\")?$");

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
        if (body != null) {
            if (t.equals("}")) {
                body = null;
                return;
            }
            Matcher a = ATTRIBUTE.matcher(t);
            if (!a.matches()) {
                error(line, 0, "an attribute is written `type name [PK|FK|UK] [\"comment\"]`");
                return;
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
            return;
        }
        Matcher m;
        if (title(line)) {
            return;
        }
        if (t.startsWith("direction ")) {
            String d = direction(line, 10);
            if (d != null) {
                root.put("direction", d);
            }
        }
        else if ((m = RELATION.matcher(t)).matches()) {
            if (m.group(6) == null || m.group(6).isBlank()) {
                error(line, t.length(), "a relationship needs a label", "add `: label` at the end");
                return;
            }
            String label = m.group(6).strip();
            if (label.startsWith("\"") && (label.length() < 2 || !label.endsWith("\""))) {
                error(line, m.start(6), "the quoted label is never closed", "end it with `\"`");
                return;
            }
            Draft a = entity(m.group(1));
            Draft b = entity(m.group(5));
            Draft r = add(Draft.connector("rel:" + (++relations), ShapeType.LINE, a.id, b.id));
            r.startHead = cardinality(m.group(2));
            r.endHead = cardinality(m.group(4));
            if (m.group(3).equals("..")) {
                r.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
            }
            r.text = Mermaid.unescape(unquote(label));
        }
        else if ((m = ENTITY.matcher(t)).matches()) {
            Draft e = entity(m.group(1));
            if (m.group(2) != null) {
                e.text = m.group(2);
            }
            if (m.group(3) != null && m.group(4) == null) {
                body = e;
                bodyLine = line;
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

    /**
     * Crow's foot ends, read from either side ({@code |o} and {@code o|} mean the same).
     */
    static Arrowhead cardinality(String token) {
        return switch (token) {
            case "||" -> Arrowhead.ONE;
            case "|o", "o|" -> Arrowhead.ZERO_OR_ONE;
            case "}|", "|{" -> Arrowhead.ONE_OR_MANY;
            case "}o", "o{" -> Arrowhead.ZERO_OR_MANY;
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
