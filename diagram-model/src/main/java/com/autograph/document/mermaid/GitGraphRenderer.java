package com.autograph.document.mermaid;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code gitGraph} code, command by command from {@code mermaid.statements}.
 */
final class GitGraphRenderer {

    private GitGraphRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        String dir = Mermaid.str(root, "direction", null);
        out.line(dir == null ? "gitGraph" : "gitGraph " + dir + ":");
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        JsonNode statements = root.get("statements");
        if (statements != null) {
            for (JsonNode st : statements) {
                Shape c = st.has("id") ? doc.shape(st.get("id").asString()).orElse(null) : null;
                switch (st.path("op").asString()) {
                    case "commit" -> out.line("commit" + attrs(c));
                    case "branch" -> out.line("branch " + branch(st.path("name").asString())
                            + (st.has("order") ? " order: " + st.get("order").asString() : ""));
                    case "checkout" ->
                        out.line(st.path("keyword").asString("checkout") + " " + branch(st.path("name").asString()));
                    case "merge" -> out.line("merge " + branch(st.path("branch").asString()) + attrs(c));
                    case "cherry_pick" -> out.line("cherry-pick id: \"" + st.path("source").asString() + "\""
                            + (st.has("parent") ? " parent: \"" + st.get("parent").asString() + "\"" : "")
                            + (c != null && Mermaid.ext(c).has("tag")
                                    ? " tag: \"" + Mermaid.str(Mermaid.ext(c), "tag", "") + "\"" : ""));
                    default -> {
                    }
                }
            }
        }
        out.depth--;
    }

    /**
     * A branch name as Mermaid reads it: bare when it is a plain reference, else quoted.
     */
    private static String branch(String name) {
        return name.matches("\\w([-./\\w]*[-\\w])?") ? name : "\"" + name + "\"";
    }

    private static String attrs(Shape c) {
        if (c == null) {
            return "";
        }
        ObjectNode ext = Mermaid.ext(c);
        StringBuilder sb = new StringBuilder();
        String id = Mermaid.str(ext, "id", c.id().startsWith("commit:") ? null : c.id());
        if (id != null) {
            sb.append(" id: \"").append(id).append('"');
        }
        String type = Mermaid.str(ext, "type", null);
        if (type != null) {
            sb.append(" type: ").append(type);
        }
        for (String key : new String[] { "tag", "msg" }) {
            String v = Mermaid.str(ext, key, null);
            if (v != null) {
                sb.append(' ').append(key).append(": \"").append(v).append('"');
            }
        }
        return sb.toString();
    }

}
