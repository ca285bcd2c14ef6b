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

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code mindmap} code: the tree the connectors draw, indented four spaces
 * per level. Shapes no connector reaches from the root (a document edited elsewhere) are
 * written as children of the root, so nothing is lost.
 */
final class MindmapRenderer {

    private MindmapRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("mindmap");
        Forest forest = Forest.of(doc);
        for (Forest.Visit v : forest.walk()) {
            out.depth = 1 + v.depth();
            Shape s = v.shape();
            ObjectNode ext = Mermaid.ext(s);
            String shape = Mermaid.str(ext, "shape", null);
            String id = Mermaid.str(ext, "id", s.id().contains(":") ? null : s.id());
            JsonNode markdown = ext.get("markdown");
            out.line(NodeSyntax.write(shape == null ? null : id, shape, s.text().orElse(""),
                    markdown != null && markdown.asBoolean()));
            String icon = Mermaid.str(ext, "icon", null);
            if (icon != null) {
                out.line("::icon(" + icon + ")");
            }
            JsonNode classes = ext.get("classes");
            if (classes != null && classes.isArray() && !classes.isEmpty()) {
                List<String> names = new ArrayList<>();
                classes.forEach(c -> names.add(c.asString()));
                out.line(":::" + String.join(" ", names));
            }
        }
        out.depth = 0;
    }

    /**
     * The boxes of a document as a tree: each box's parent is the box the first connector
     * ending at it starts from. Walking it visits every box once, depth first, children
     * in document order, without recursion.
     */
    record Forest(List<Shape> boxes, Map<String, List<Shape>> children, Set<String> hasParent) {

        record Visit(Shape shape, int depth) {
        }

        static Forest of(DiagramDocument doc) {
            Map<String, Shape> byId = new LinkedHashMap<>();
            for (Shape s : doc.shapes()) {
                if (!s.type().isConnector()) {
                    byId.put(s.id(), s);
                }
            }
            Map<String, List<Shape>> children = new HashMap<>();
            Set<String> hasParent = new HashSet<>();
            for (Shape c : doc.shapes()) {
                String a = Tree.from(c);
                String b = Tree.to(c);
                if (c.type().isConnector() && a != null && b != null && byId.containsKey(a) && byId.containsKey(b)
                        && !a.equals(b) && hasParent.add(b)) {
                    children.computeIfAbsent(a, k -> new ArrayList<>()).add(byId.get(b));
                }
            }
            Map<String, Integer> index = new HashMap<>();
            for (String id : byId.keySet()) {
                index.put(id, index.size());
            }
            for (List<Shape> kids : children.values()) {
                kids.sort((x, y) -> Integer.compare(index.get(x.id()), index.get(y.id())));
            }
            return new Forest(new ArrayList<>(byId.values()), children, hasParent);
        }

        /**
         * Depth first from the first root; other roots, and shapes on connector loops,
         * one level under it.
         */
        List<Visit> walk() {
            List<Visit> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<Shape> starts = new ArrayList<>();
            boxes.stream().filter(s -> !hasParent.contains(s.id())).forEach(starts::add);
            boxes.stream().filter(s -> hasParent.contains(s.id())).forEach(starts::add);
            for (Shape start : starts) {
                if (seen.contains(start.id())) {
                    continue;
                }
                Deque<Visit> stack = new ArrayDeque<>();
                stack.push(new Visit(start, out.isEmpty() ? 0 : 1));
                while (!stack.isEmpty()) {
                    Visit v = stack.pop();
                    if (!seen.add(v.shape().id())) {
                        continue;
                    }
                    out.add(v);
                    List<Shape> kids = children.getOrDefault(v.shape().id(), List.of());
                    for (int k = kids.size() - 1; k >= 0; k--) {
                        if (!seen.contains(kids.get(k).id())) {
                            stack.push(new Visit(kids.get(k), v.depth() + 1));
                        }
                    }
                }
            }
            return out;
        }

    }

}
