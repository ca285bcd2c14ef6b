package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.ShapeType;
import com.autograph.document.Style;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code quadrantChart}: the four quadrants are rectangles ({@code quadrant-1} top right
 * to {@code quadrant-4} bottom right, as Mermaid numbers them) with their text, every
 * point {@code Name: [0.3, 0.6]} a circle at its place with its coordinates and styles,
 * as written, in the extension. Axis labels and the title are text shapes made from the
 * diagram's extension (derived).
 */
final class QuadrantParser extends KindParser {

    /** Side of the square the quadrants fill, and where it starts. */
    static final double SIDE = 400;

    static final double LEFT = 40;

    static final double TOP = 40;

    static final List<String> STYLES = List.of("color", "radius", "stroke-color", "stroke-width");

    private static final Pattern POINT = Pattern.compile(
            "(?<name>\"[^\"]*\"|[^:\"\\[]+?)\\s*(?::::(?<cls>[\\p{L}\\p{N}_-]+))?\\s*:\\s*\\[(?<x>[^,\\]]*),(?<y>[^\\]]*)\\](?<styles>.*)");

    private static final List<String> STATEMENTS = List.of("title", "x-axis", "y-axis", "quadrant-1", "quadrant-2",
            "quadrant-3", "quadrant-4", "classDef");

    private record Point(Draft draft, Line line) {
    }

    private final List<Point> points = new ArrayList<>();

    private final Draft[] quadrants = new Draft[4];

    private final ObjectNode classes = Mermaid.NODES.objectNode();

    @Override
    void header(Line rest) {
        if (!rest.isBlank()) {
            error(rest, 0, "nothing may follow `quadrantChart` on its line");
        }
        for (int q = 1; q <= 4; q++) {
            quadrants[q - 1] = add(new Draft("quadrant-" + q, ShapeType.RECTANGLE));
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        String word = t.split("\\s+", 2)[0];
        if (title(line) || common(line)) {
            return;
        }
        switch (word) {
            case "x-axis", "y-axis" -> axis(line, word);
            case "quadrant-1", "quadrant-2", "quadrant-3", "quadrant-4" -> {
                String text = t.substring(word.length()).strip();
                if (text.isEmpty()) {
                    error(line, 0, "`" + word + "` needs its text", "write e.g. `" + word + " Plan`");
                    return;
                }
                quadrants[word.charAt(9) - '1'].text = Charts.unquote(text);
            }
            case "classDef" -> classDef(line);
            default -> point(line, word);
        }
    }

    private void axis(Line line, String word) {
        String rest = line.text().substring(word.length()).strip();
        int arrow = rest.indexOf("-->");
        String low = (arrow < 0 ? rest : rest.substring(0, arrow)).strip();
        String high = arrow < 0 ? null : rest.substring(arrow + 3).strip();
        if (low.isEmpty() || (high != null && high.isEmpty())) {
            error(line, 0, "`" + word + "` needs the label of its low end and, after `-->`, of its high end",
                    "write e.g. `" + word + " Low --> High`");
            return;
        }
        ObjectNode axis = root.putObject(word.equals("x-axis") ? "x_axis" : "y_axis");
        axis.put("low", Charts.unquote(low));
        if (high != null) {
            axis.put("high", Charts.unquote(high));
        }
    }

    private void classDef(Line line) {
        String[] parts = line.text().split("\\s+", 3);
        if (parts.length < 3 || !parts[1].matches("[\\p{L}\\p{N}_-]+")) {
            error(line, 0, "`classDef` needs a class name and its styles",
                    "write e.g. `classDef important color: #ff0000, radius: 10`");
            return;
        }
        ObjectNode styles = styles(line, line.text().indexOf(parts[2], parts[0].length() + parts[1].length()),
                parts[2]);
        if (styles != null) {
            classes.set(parts[1], styles);
        }
    }

    private void point(Line line, String word) {
        Matcher m = POINT.matcher(line.text());
        if (!m.matches()) {
            String near = Mermaid.closest(word, STATEMENTS);
            error(line, 0, near != null ? "unknown statement `" + word + "`" : "a point is written `Name: [x, y]`",
                    near != null ? "did you mean `" + near + "`?" : "write e.g. `Campaign A: [0.3, 0.6]`");
            return;
        }
        Double x = coordinate(line, m, "x");
        Double y = coordinate(line, m, "y");
        if (x == null || y == null) {
            return;
        }
        ObjectNode styles = m.group("styles").isBlank() ? null
                : styles(line, m.start("styles"), m.group("styles").strip());
        if (!m.group("styles").isBlank() && styles == null) {
            return;
        }
        Draft d = add(new Draft("point:" + (points.size() + 1), ShapeType.ELLIPSE));
        d.text = Charts.unquote(m.group("name"));
        d.ext().put("x", m.group("x").strip());
        d.ext().put("y", m.group("y").strip());
        if (m.group("cls") != null) {
            d.ext().put("class", m.group("cls"));
        }
        if (styles != null) {
            d.ext().set("styles", styles);
        }
        d.x = x;
        d.y = y;
        points.add(new Point(d, line));
    }

    private Double coordinate(Line line, Matcher m, String group) {
        String written = m.group(group).strip();
        Double v = Charts.number(written);
        if (v == null || v < 0 || v > 1) {
            error(line, m.start(group), "`" + written + "` is not a coordinate from 0 to 1",
                    "write the point's place as two numbers from 0 to 1, e.g. `[0.3, 0.6]`");
            return null;
        }
        return v;
    }

    /** {@code color: #ff3300, radius: 10} in order, or null after an error. */
    private ObjectNode styles(Line line, int at, String text) {
        ObjectNode styles = Mermaid.NODES.objectNode();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                error(line, at, "a style is missing between two commas (or after the last)",
                        "write the styles as `radius: 10, color: #ff0000`");
                return null;
            }
            int colon = p.indexOf(':');
            String key = colon < 0 ? p : p.substring(0, colon).strip();
            String value = colon < 0 ? "" : p.substring(colon + 1).strip();
            int where = at + Math.max(0, text.indexOf(part.strip()));
            if (!STYLES.contains(key)) {
                String near = Mermaid.closest(key, STYLES);
                error(line, where, "unknown point style `" + key + "`",
                        near != null ? "did you mean `" + near + "`?" : "the styles are " + String.join(", ", STYLES));
                return null;
            }
            boolean ok = switch (key) {
                case "color", "stroke-color" -> Mermaid.color(value) != null;
                case "radius" ->
                    Charts.number(value) != null && Charts.number(value) >= 0 && Charts.number(value) <= 1000;
                default -> value.matches("\\d{1,3}(\\.\\d+)?(px)?");
            };
            if (!ok) {
                error(line, where, "`" + value + "` is not a value for `" + key + "`", key.contains("color")
                        ? "write a colour such as `#ff3300`" : "write a number of pixels, e.g. `" + key + ": 10`");
                return null;
            }
            styles.put(key, value);
        }
        return styles;
    }

    @Override
    void finish(int lastLine) {
        if (!classes.isEmpty()) {
            root.set("classes", classes);
        }
        String title = Mermaid.str(root, "title", null);
        if (title != null) {
            Charts.label(this, "title", Charts.unquote(title), LEFT, 0, SIDE);
        }
        double half = SIDE / 2;
        double[][] corners = { { LEFT + half, TOP }, { LEFT, TOP }, { LEFT, TOP + half }, { LEFT + half, TOP + half } };
        for (int q = 0; q < 4; q++) {
            Draft d = quadrants[q];
            d.x = corners[q][0];
            d.y = corners[q][1];
            d.width = half;
            d.height = half;
            d.style = Style.builder().fillColor(Charts.PALETTE.get(q)).opacity(0.25).build();
        }
        axisLabels("x_axis", "x-axis", LEFT, TOP + SIDE + 8, LEFT + half, TOP + SIDE + 8);
        axisLabels("y_axis", "y-axis", 0, TOP + half + half / 2, 0, TOP + half / 2);
        for (Point p : points) {
            place(p);
        }
    }

    private void axisLabels(String field, String id, double lowX, double lowY, double highX, double highY) {
        ObjectNode axis = root.path(field) instanceof ObjectNode o ? o : null;
        if (axis == null) {
            return;
        }
        double width = field.equals("x_axis") ? SIDE / 2 : LEFT;
        Charts.label(this, id + ":low", Mermaid.str(axis, "low", ""), lowX, lowY, width);
        String high = Mermaid.str(axis, "high", null);
        if (high != null) {
            Charts.label(this, id + ":high", high, highX, highY, width);
        }
    }

    /** Sizes and colours a point from its class and its own styles, then places it. */
    private void place(Point p) {
        Draft d = p.draft();
        Map<String, String> styles = new LinkedHashMap<>();
        String cls = Mermaid.str(d.ext(), "class", null);
        if (cls != null) {
            ObjectNode byClass = classes.get(cls) instanceof ObjectNode o ? o : null;
            if (byClass == null) {
                int at = p.line().text().indexOf(":::") + 3;
                error(p.line(), at, "no `classDef` defines the class `" + cls + "`",
                        "add `classDef " + cls + " color: #ff0000` or remove `:::" + cls + "`");
            }
            else {
                byClass.properties().forEach(e -> styles.put(e.getKey(), e.getValue().asString()));
            }
        }
        d.ext().path("styles").properties().forEach(e -> styles.put(e.getKey(), e.getValue().asString()));
        double radius = styles.containsKey("radius") ? Charts.number(styles.get("radius")) : 5;
        Style.Builder style = Style.builder().fillColor(Mermaid.color(styles.getOrDefault("color", "#1f4e79")));
        if (styles.containsKey("stroke-color")) {
            style.strokeColor(Mermaid.color(styles.get("stroke-color")));
        }
        if (styles.containsKey("stroke-width")) {
            style.strokeWidth(Double.parseDouble(styles.get("stroke-width").replace("px", "")));
        }
        d.style = style.build();
        d.width = 2 * radius;
        d.height = 2 * radius;
        d.x = LEFT + d.x * SIDE - radius;
        d.y = TOP + (1 - d.y) * SIDE - radius;
    }

    @Override
    void layout(List<Draft> ordered) {
        // placed in finish(): the square is fixed, points sit at their coordinates
    }

}
