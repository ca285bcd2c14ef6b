package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code requirementDiagram} code: declarations with their fields, then
 * relations, class definitions, classes and styles.
 */
final class RequirementRenderer {

    private static final Map<String, String> KEYS = Map.of("id", "id", "text", "text", "risk", "risk", "verifymethod",
            "verifymethod", "type", "type", "docref", "docRef");

    private RequirementRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("requirementDiagram");
        out.depth = 1;
        MermaidRenderer.accessibility(root, out);
        String dir = Mermaid.str(root, "direction", null);
        if (dir != null) {
            out.line("direction " + dir);
        }
        Map<String, String> names = new HashMap<>();
        List<String> after = new ArrayList<>();
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector()) {
                continue;
            }
            ObjectNode ext = Mermaid.ext(s);
            String name = name(Mermaid.str(ext, "name", s.id()));
            names.put(s.id(), name);
            String kind = Mermaid.str(ext, "kind", "requirement");
            out.line((RequirementParser.KINDS.containsKey(kind) ? kind : "requirement") + " " + name + " {");
            out.depth++;
            JsonNode fields = ext.get("fields");
            List<String> allowed = kind.equals("element") ? RequirementParser.ELEMENT_FIELDS
                    : RequirementParser.REQUIREMENT_FIELDS;
            for (String key : allowed) {
                String v = fields == null ? null : Mermaid.str(fields, key, null);
                if (v != null) {
                    out.line(KEYS.get(key) + ": " + value(v));
                }
            }
            out.depth--;
            out.line("}");
            JsonNode classes = ext.get("classes");
            if (classes != null && classes.isArray()) {
                classes.forEach(c -> after.add("class " + name + " " + c.asString()));
            }
            String css = Mermaid.str(ext, "style", null);
            if (css != null) {
                after.add("style " + name + " " + css);
            }
        }
        for (Shape r : doc.shapes()) {
            String a = names.get(Tree.from(r));
            String b = names.get(Tree.to(r));
            if (!r.type().isConnector() || a == null || b == null) {
                continue;
            }
            ObjectNode ext = Mermaid.ext(r);
            String rel = Mermaid.str(ext, "relation", "traces");
            JsonNode backward = ext.get("backward");
            out.line(backward != null && backward.asBoolean() ? b + " <- " + rel + " - " + a
                    : a + " - " + rel + " -> " + b);
        }
        JsonNode defs = root.get("class_defs");
        if (defs != null && defs.isObject()) {
            defs.properties().forEach(e -> out.line("classDef " + e.getKey() + " " + e.getValue().asString()));
        }
        after.forEach(out::line);
        out.depth = 0;
    }

    private static String name(String name) {
        return name.matches("[\\p{L}\\p{N}_.]+") ? name : "\"" + name.replace("\"", "") + "\"";
    }

    private static String value(String v) {
        return v.matches("[^\"{}<>:#]*") && !v.isBlank() && v.strip().equals(v) ? v : Mermaid.quoted(v);
    }

}
