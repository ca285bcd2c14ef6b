package com.autograph.document.mermaid;

import com.autograph.document.DiagramDocument;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical document as Mermaid code. Parsed documents render to code that parses
 * back to an equal document; the {@code mermaid} extension fields say which diagram type
 * to write and keep what the document has no field for. Documents without them (drawn on
 * the canvas, imported from elsewhere) render as flowcharts.
 */
public final class MermaidRenderer {

    private MermaidRenderer() {
    }

    public static String render(DiagramDocument document) {
        ObjectNode root = Mermaid.ext(document);
        Out out = new Out();
        String front = Mermaid.str(root, "front_matter", null);
        if (front != null) {
            out.line("---");
            for (String l : front.split("\n", -1)) {
                out.line(l);
            }
            out.line("---");
        }
        JsonNode init = root.get("init");
        if (init != null && init.isArray()) {
            init.forEach(d -> out.line(d.asString()));
        }
        switch (Mermaid.str(root, "kind", "flowchart")) {
            case "sequence" -> SequenceRenderer.render(document, root, out);
            case "class" -> ClassRenderer.render(document, root, out);
            case "state" -> StateRenderer.render(document, root, out);
            case "er" -> ErRenderer.render(document, root, out);
            case "gantt" -> GanttRenderer.render(document, root, out);
            case "git" -> GitGraphRenderer.render(document, root, out);
            case "mindmap" -> MindmapRenderer.render(document, root, out);
            case "kanban" -> KanbanRenderer.render(document, root, out);
            case "timeline" -> TimelineRenderer.render(document, root, out);
            case "journey" -> JourneyRenderer.render(document, root, out);
            case "packet" -> PacketRenderer.render(document, root, out);
            case "requirement" -> RequirementRenderer.render(document, root, out);
            case "c4" -> C4Renderer.render(document, root, out);
            case "architecture" -> ArchitectureRenderer.render(document, root, out);
            case "block" -> BlockRenderer.render(document, root, out);
            case "pie" -> PieRenderer.render(document, root, out);
            case "quadrant" -> QuadrantRenderer.render(document, root, out);
            case "xychart" -> XyChartRenderer.render(document, root, out);
            default -> FlowchartRenderer.render(document, root, out);
        }
        return out.toString();
    }

    /**
     * The title line and {@code accTitle: ...} / {@code accDescr: ...}, which diagrams
     * may carry.
     */
    static void accessibility(ObjectNode root, Out out) {
        String title = Mermaid.str(root, "title", null);
        if (title != null) {
            // `title: x` reads as x, so a title starting with `:` needs the colon form
            out.line((title.startsWith(":") ? "title: " : "title ") + title);
        }
        String t = Mermaid.str(root, "acc_title", null);
        if (t != null) {
            out.line("accTitle: " + t);
        }
        String d = Mermaid.str(root, "acc_descr", null);
        if (d != null) {
            out.line("accDescr: " + d);
        }
    }

}
