package com.autograph.document.mermaid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.node.ArrayNode;

/**
 * {@code mindmap}: an indentation tree with one root. Every node is a shape
 * ({@code [square]}, {@code (rounded)} and {@code {{hexagon}}} rectangles,
 * {@code ((circle))}, {@code ))bang((} and {@code )cloud(} ellipses, bare text a
 * rectangle); each parent is joined to its children by lines. {@code ::icon(...)} and
 * {@code :::classes} decorate the node before them. Laid out as a tree from left to
 * right.
 */
final class MindmapParser extends KindParser {

    /** A node and the indentation it was written at. */
    private record Level(int indent, Draft node) {
    }

    private final Deque<Level> path = new ArrayDeque<>();

    private Draft root;

    private Draft last;

    private int nodes;

    private int branches;

    /** A markdown label spanning lines. */
    private final NodeSyntax.MultiLineLabel pending = new NodeSyntax.MultiLineLabel();

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `mindmap` on its line", "start the root node on the next line");
        }
    }

    @Override
    void statement(Line line) {
        if (pending.take(line, this::node)) {
            return;
        }
        String t = line.text();
        if (t.startsWith(":::")) {
            if (last == null) {
                error(line, 0, "`:::` adds classes to the node before it, and there is none");
                return;
            }
            ArrayNode classes = last.ext().has("classes") ? (ArrayNode) last.ext().get("classes")
                    : last.ext().putArray("classes");
            for (String c : t.substring(3).strip().split("\\s+")) {
                if (!c.isEmpty()) {
                    classes.add(c);
                }
            }
            return;
        }
        if (t.startsWith("::icon(")) {
            if (last == null) {
                error(line, 0, "`::icon(...)` adds an icon to the node before it, and there is none");
            }
            else if (!t.endsWith(")") || t.length() == 8) {
                error(line, 0, "an icon is written `::icon(fa fa-book)`");
            }
            else {
                last.ext().put("icon", t.substring(7, t.length() - 1).strip());
            }
            return;
        }
        if (NodeSyntax.opensMultiLine(t)) {
            pending.open(line);
            return;
        }
        node(line);
    }

    private void node(Line line) {
        NodeSyntax.Node n = NodeSyntax.read(line.text(), null);
        if (n.problem() != null) {
            error(line, n.at(), n.problem(), n.suggestion());
            return;
        }
        if (n.end() < line.text().length()) {
            error(line, n.end(), "nothing may follow a node on its line",
                    "put `::icon(...)` or `:::class` on the next line");
            return;
        }
        int indent = line.column() - 1;
        while (!path.isEmpty() && path.peek().indent() >= indent) {
            path.pop();
        }
        if (path.isEmpty() && root != null) {
            error(line, 0, "a mindmap has one root, and this node is not inside it",
                    "indent it more than `" + root.text.lines().findFirst().orElse("") + "`");
            return;
        }
        if (tooDeep(line, path.size())) {
            return;
        }
        nodes++;
        String id = n.id() != null && usable(n.id()) ? n.id() : "node:" + nodes;
        Draft d = add(new Draft(id, shapeType(n.shape())));
        d.text = n.label();
        if (n.id() != null && !id.equals(n.id())) {
            d.ext().put("id", n.id());
        }
        if (n.shape() != null) {
            d.ext().put("shape", n.shape());
        }
        if (n.markdown()) {
            d.ext().put("markdown", true);
        }
        if ("rounded".equals(n.shape())) {
            d.style = Style.builder().cornerRadius(12).build();
        }
        if (path.isEmpty()) {
            root = d;
        }
        else {
            add(Draft.connector("branch:" + (++branches), ShapeType.LINE, path.peek().node().id, d.id));
        }
        path.push(new Level(indent, d));
        last = d;
    }

    /** Whether a written id can be the shape id: short, unused and without {@code :}. */
    private boolean usable(String id) {
        return id.length() <= 128 && id.indexOf(':') < 0 && draft(id) == null;
    }

    static ShapeType shapeType(String shape) {
        return switch (shape == null ? "" : shape) {
            case "circle", "bang", "cloud" -> ShapeType.ELLIPSE;
            default -> ShapeType.RECTANGLE;
        };
    }

    @Override
    void finish(int lastLine) {
        pending.finish(errors);
        if (root == null && errors.isEmpty()) {
            errors
                .add(new CodeError(lastLine, 1, "a mindmap needs a root node", "write it on the line after `mindmap`"));
        }
    }

    @Override
    String connectorPrefix() {
        return "branch:";
    }

    @Override
    void layout(List<Draft> ordered) {
        tree(ordered, 60, 16);
    }

    /**
     * Lays out a forest drawn by connectors (parent → child, parents before children):
     * depths left to right, each column as wide as its widest node; leaves top to bottom,
     * parents centred beside their children. Linear in the shapes.
     */
    static void tree(List<Draft> ordered, double columnGap, double rowGap) {
        Map<String, String> parent = new HashMap<>();
        Map<String, List<Draft>> children = new HashMap<>();
        Map<String, Draft> byId = new HashMap<>();
        List<Draft> boxes = new ArrayList<>();
        for (Draft d : ordered) {
            if (!d.isConnector()) {
                byId.put(d.id, d);
                boxes.add(d);
                double[] size = Mermaid.sizeFor(d.text, d.type == ShapeType.ELLIPSE ? 100 : 120, 50);
                d.width = size[0];
                d.height = size[1];
            }
        }
        for (Draft d : ordered) {
            if (d.isConnector() && byId.containsKey(d.from) && byId.containsKey(d.to) && !parent.containsKey(d.to)) {
                parent.put(d.to, d.from);
                children.computeIfAbsent(d.from, k -> new ArrayList<>()).add(byId.get(d.to));
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        List<Double> columns = new ArrayList<>();
        for (Draft d : boxes) {
            int k = parent.containsKey(d.id) ? depth.getOrDefault(parent.get(d.id), 0) + 1 : 0;
            depth.put(d.id, k);
            while (columns.size() <= k) {
                columns.add(0.0);
            }
            columns.set(k, Math.max(columns.get(k), d.width));
        }
        double[] left = new double[columns.size()];
        for (int k = 1; k < left.length; k++) {
            left[k] = left[k - 1] + columns.get(k - 1) + columnGap;
        }
        double cursor = 0;
        for (Draft d : boxes) {
            d.x = left[depth.get(d.id)];
            if (!children.containsKey(d.id)) {
                d.y = cursor;
                cursor += d.height + rowGap;
            }
        }
        for (int k = boxes.size() - 1; k >= 0; k--) {
            Draft d = boxes.get(k);
            List<Draft> kids = children.get(d.id);
            if (kids != null) {
                Draft first = kids.getFirst();
                Draft lastKid = kids.getLast();
                double middle = (first.y + first.height / 2 + lastKid.y + lastKid.height / 2) / 2;
                d.y = middle - d.height / 2;
            }
        }
    }

}
