package com.autograph.document.mermaid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.code.CodeError;

/**
 * {@code architecture-beta}: services are icon shapes (the icon key as written:
 * {@code database}, {@code logos:aws-s3}, …; services without an icon rectangles), groups
 * frames with the icon as a badge, junctions small ellipses, edges lines or arrows bound
 * to the shapes with the sides they leave and enter by in the extension.
 */
final class ArchitectureParser extends KindParser {

    static final String ID = "[\\p{L}\\p{N}_]+";

    /**
     * {@code (icon)} or {@code ("icon text")}, then {@code [title]}, then
     * {@code in group}.
     */
    private static final Pattern DECLARATION = Pattern.compile("^(group|service)\\s+(" + ID
            + ")\\s*(?:\\((?:\"([^\"]*)\"|([^)\"]*))\\))?\\s*(?:\\[([^\\]]*)])?\\s*(?:in\\s+(" + ID + "))?$");

    private static final Pattern JUNCTION = Pattern.compile("^junction\\s+(" + ID + ")\\s*(?:in\\s+(" + ID + "))?$");

    private static final Pattern EDGE = Pattern.compile("^(" + ID + ")(\\{group})?\\s*:\\s*([LRTB])\\s*(<)?"
            + "(--|-\\[([^\\]]*)]-)(>)?\\s*([LRTB])\\s*:\\s*(" + ID + ")(\\{group})?$");

    static final Pattern ICON = Pattern.compile("[\\p{L}\\p{N}_.:-]+");

    private static final List<String> KEYWORDS = List.of("group", "service", "junction", "title");

    private record Declared(Line line, String in, int inIndex) {
    }

    private final Map<String, Declared> declared = new LinkedHashMap<>();

    private final Map<String, String> icons = new HashMap<>();

    /** Where an edge's two ends are written, to point at the one that names nothing. */
    private record Ends(Line line, int from, int to) {
    }

    private final Map<Draft, Ends> edgeLines = new LinkedHashMap<>();

    private int edges;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `architecture-beta` on its line");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (title(line) || common(line)) {
            return;
        }
        String word = t.split("[\\s(\\[{:]", 2)[0];
        Matcher m;
        if ((m = DECLARATION.matcher(t)).matches()) {
            boolean group = m.group(1).equals("group");
            Draft d = declare(line, m.group(2), group ? ShapeType.FRAME : ShapeType.RECTANGLE, m.group(6), m.start(6));
            if (d == null) {
                return;
            }
            d.ext().put("kind", m.group(1));
            if (m.group(3) != null) {
                d.ext().put("icon_text", Mermaid.unescape(m.group(3)));
            }
            else if (m.group(4) != null) {
                String icon = m.group(4).strip();
                if (!ICON.matcher(icon).matches() || icon.length() > DocumentValidator.MAX_NAME_LENGTH) {
                    error(line, m.start(4), "`" + icon + "` is not an icon name",
                            "write a name such as `database` or `logos:aws-s3`");
                }
                else {
                    icons.put(d.id, icon);
                    if (!group) {
                        d.type = ShapeType.ICON;
                    }
                }
            }
            if (m.group(5) != null && !m.group(5).isBlank()) {
                d.text = Mermaid.unescape(unquote(m.group(5).strip()));
            }
        }
        else if ((m = JUNCTION.matcher(t)).matches()) {
            Draft d = declare(line, m.group(1), ShapeType.ELLIPSE, m.group(2), m.start(2));
            if (d != null) {
                d.ext().put("kind", "junction");
            }
        }
        else if ((m = EDGE.matcher(t)).matches()) {
            edge(line, m);
        }
        else if (word.equals("group") || word.equals("service")) {
            error(line, 0, "a " + word + " is written `" + word + " id(icon)[Title]` with an optional `in group`");
        }
        else if (word.equals("junction")) {
            error(line, 0, "a junction is written `junction id` with an optional `in group`");
        }
        else if (t.contains("--") || t.matches("^" + ID + "(\\{group})?\\s*:.*")) {
            edgeError(line);
        }
        else {
            String near = Mermaid.closest(word, KEYWORDS);
            error(line, 0, "unknown statement `" + word + "`",
                    near != null ? "did you mean `" + near + "`?" : "write a `group`, `service`, `junction` or edge");
        }
    }

    private static String unquote(String t) {
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private Draft declare(Line line, String id, ShapeType type, String in, int inIndex) {
        if (id.length() > DocumentValidator.MAX_ID_LENGTH) {
            error(line, 0, "an id has at most " + DocumentValidator.MAX_ID_LENGTH + " characters");
            return null;
        }
        Declared before = declared.get(id);
        if (before != null) {
            error(line, line.text().indexOf(id, line.text().indexOf(' ')),
                    "`" + id + "` is already declared on line " + before.line().number(), "give it another id");
            return null;
        }
        declared.put(id, new Declared(line, in, inIndex));
        Draft d = add(new Draft(id, type));
        d.parent = in;
        return d;
    }

    /** Points out what is wrong with a statement that looks like an edge. */
    private void edgeError(Line line) {
        String t = line.text();
        int dash = t.indexOf("--");
        if (dash < 0) {
            error(line, 0, "an edge is written `a:R -- L:b` (sides L, R, T or B)");
        }
        else if (!t.substring(0, dash).matches("\\s*" + ID + "(\\{group})?\\s*:\\s*[LRTB]\\s*<?\\s*")) {
            error(line, 0, "an edge starts with a service and the side it leaves by, e.g. `db:R --`",
                    "sides are L, R, T and B");
        }
        else {
            int at = dash + 2;
            while (at < t.length() && (t.charAt(at) == '>' || t.charAt(at) == ' ')) {
                at++;
            }
            error(line, at, "an edge ends with the side it enters by and a service, e.g. `-- L:server`",
                    "sides are L, R, T and B");
        }
    }

    private void edge(Line line, Matcher m) {
        boolean into = m.group(4) != null;
        boolean out = m.group(7) != null;
        Draft e = add(Draft.connector("edge:" + (++edges), into || out ? ShapeType.ARROW : ShapeType.LINE, m.group(1),
                m.group(9)));
        e.startHead = into ? Arrowhead.ARROW : Arrowhead.NONE;
        e.endHead = out ? Arrowhead.ARROW : Arrowhead.NONE;
        e.ext().put("from_side", m.group(3));
        e.ext().put("to_side", m.group(8));
        if (m.group(2) != null) {
            e.ext().put("from_group", true);
        }
        if (m.group(10) != null) {
            e.ext().put("to_group", true);
        }
        if (m.group(6) != null && !m.group(6).isBlank()) {
            e.text = Mermaid.unescape(unquote(m.group(6).strip()));
        }
        edgeLines.put(e, new Ends(line, m.start(1), m.start(9)));
    }

    @Override
    void finish(int lastLine) {
        // `in` may name a group declared later: check parents once everything is read.
        for (Map.Entry<String, Declared> e : declared.entrySet()) {
            Declared d = e.getValue();
            if (d.in() == null) {
                continue;
            }
            Draft parent = draft(d.in());
            if (parent == null || parent.type != ShapeType.FRAME) {
                String near = Mermaid.closest(d.in(), groups());
                error(d.line(), d.inIndex(),
                        parent == null ? "there is no group `" + d.in() + "`"
                                : "`" + d.in() + "` is not a group; only groups hold services",
                        near != null ? "did you mean `" + near + "`?" : null);
                draft(e.getKey()).parent = null;
            }
        }
        // Only groups hold others: cut `in` cycles and chains deeper than the nesting
        // limit.
        for (Map.Entry<String, Declared> e : declared.entrySet()) {
            Draft d = draft(e.getKey());
            if (d.type != ShapeType.FRAME) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            seen.add(d.id);
            int depth = 0;
            for (Draft p = d.parent == null ? null : draft(d.parent); p != null; p = p.parent == null ? null
                    : draft(p.parent)) {
                boolean cycle = !seen.add(p.id);
                if (cycle || ++depth >= MAX_NESTING) {
                    Declared at = e.getValue();
                    error(at.line(), at.inIndex(), cycle ? "group `" + d.id + "` ends up inside itself"
                            : "groups nest at most " + MAX_NESTING + " levels deep", "remove this `in`");
                    d.parent = null;
                    break;
                }
            }
        }
        for (Map.Entry<Draft, Ends> e : edgeLines.entrySet()) {
            Draft edge = e.getKey();
            for (boolean start : List.of(true, false)) {
                String end = start ? edge.from : edge.to;
                if (draft(end) == null || draft(end).isConnector()) {
                    Ends at = e.getValue();
                    String near = Mermaid.closest(end, declared.keySet());
                    errors.add(new CodeError(at.line().number(), at.line().col(start ? at.from() : at.to()),
                            "there is no service, junction or group `" + end + "`",
                            near != null ? "did you mean `" + near + "`?" : "declare it with `service " + end + "`"));
                    drafts.remove(edge.id);
                    break;
                }
            }
        }
    }

    private List<String> groups() {
        return drafts.values().stream().filter(d -> d.type == ShapeType.FRAME).map(d -> d.id).toList();
    }

    @Override
    String connectorPrefix() {
        return "edge:";
    }

    @Override
    DiagramDocument document() {
        DiagramDocument doc = super.document();
        if (icons.isEmpty()) {
            return doc;
        }
        List<Shape> shapes = new ArrayList<>(doc.shapes().size());
        for (Shape s : doc.shapes()) {
            String icon = icons.get(s.id());
            shapes.add(icon == null ? s : s.toBuilder().icon(icon).build());
        }
        return doc.withShapes(shapes);
    }

    /**
     * A grid: each edge puts its far end on the side it names (a service left by its
     * {@code L} side has the other end to its left), breadth first from the first
     * service; a taken cell pushes the shape further the same way. Unconnected parts
     * follow to the right. Groups are then fitted around their contents.
     */
    @Override
    void layout(List<Draft> ordered) {
        List<Draft> nodes = ordered.stream().filter(d -> !d.isConnector() && !d.type.isContainer()).toList();
        Map<String, List<Draft>> adjacent = new HashMap<>();
        for (Draft e : ordered) {
            if (e.isConnector()) {
                adjacent.computeIfAbsent(e.from, k -> new ArrayList<>()).add(e);
                adjacent.computeIfAbsent(e.to, k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, int[]> cells = new HashMap<>();
        Set<Long> taken = new HashSet<>();
        Map<String, Integer> reached = new HashMap<>();
        int nextColumn = 0;
        for (Draft start : nodes) {
            if (cells.containsKey(start.id)) {
                continue;
            }
            int[] origin = { nextColumn, 0 };
            claim(start.id, origin, new int[] { 1, 0 }, cells, taken, reached);
            Deque<String> queue = new ArrayDeque<>(List.of(start.id));
            int maxColumn = cells.get(start.id)[0];
            while (!queue.isEmpty()) {
                String at = queue.poll();
                int[] here = cells.get(at);
                for (Draft e : adjacent.getOrDefault(at, List.of())) {
                    boolean forward = e.from.equals(at);
                    String other = forward ? e.to : e.from;
                    Draft o = draft(other);
                    if (o == null || o.type.isContainer() || cells.containsKey(other)) {
                        continue;
                    }
                    String side = Mermaid.str(e.ext(), forward ? "from_side" : "to_side", "R");
                    int[] step = switch (side) {
                        case "L" -> new int[] { -1, 0 };
                        case "T" -> new int[] { 0, -1 };
                        case "B" -> new int[] { 0, 1 };
                        default -> new int[] { 1, 0 };
                    };
                    claim(other, new int[] { here[0] + step[0], here[1] + step[1] }, step, cells, taken, reached);
                    maxColumn = Math.max(maxColumn, cells.get(other)[0]);
                    queue.add(other);
                }
            }
            nextColumn = maxColumn + 2;
        }
        int minX = 0;
        int minY = 0;
        for (int[] c : cells.values()) {
            minX = Math.min(minX, c[0]);
            minY = Math.min(minY, c[1]);
        }
        for (Draft d : nodes) {
            int[] c = cells.get(d.id);
            boolean junction = Mermaid.str(d.ext(), "kind", "").equals("junction");
            d.width = junction ? 12 : 80;
            d.height = junction ? 12 : 80;
            d.x = (c[0] - minX) * 200 + (80 - d.width) / 2;
            d.y = (c[1] - minY) * 180 + (80 - d.height) / 2;
        }
    }

    /**
     * Takes the first free cell from {@code cell} on in the direction of {@code step};
     * {@code reached} remembers how far each walk went, so a star of many edges on one
     * side costs linear time.
     */
    private static void claim(String id, int[] cell, int[] step, Map<String, int[]> cells, Set<Long> taken,
            Map<String, Integer> reached) {
        String walk = cell[0] + "," + cell[1] + "," + step[0] + "," + step[1];
        int k = reached.getOrDefault(walk, 0);
        while (!taken.add(key(cell[0] + k * step[0], cell[1] + k * step[1]))) {
            k++;
        }
        reached.put(walk, k + 1);
        cells.put(id, new int[] { cell[0] + k * step[0], cell[1] + k * step[1] });
    }

    private static long key(int x, int y) {
        return ((long) x << 32) ^ (y & 0xffffffffL);
    }

}
