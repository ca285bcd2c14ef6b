package com.autograph.document.mermaid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.autograph.document.ShapeType;

/**
 * The shape names of Mermaid's {@code id@{ shape: name }} syntax (each short name with
 * its aliases, as Mermaid 11 accepts them) and the document shape type closest to each.
 * The document keeps the name as written in the {@code mermaid} extension, so rendering
 * back writes the same name even where the document's type is only an approximation.
 */
final class FlowShapes {

    private static final Map<String, ShapeType> TYPES = new LinkedHashMap<>();

    static {
        // round shapes
        add(ShapeType.ELLIPSE, "circle", "circ", "sm-circ", "small-circle", "start", "stateStart", "fr-circ",
                "framed-circle", "stop", "stateEnd", "dbl-circ", "double-circle", "doublecircle", "f-circ",
                "filled-circle", "junction", "cross-circ", "crossed-circle", "summary", "stadium", "terminal", "pill",
                "iconCircle");
        // decisions
        add(ShapeType.DIAMOND, "diam", "diamond", "decision", "question", "choice");
        add(ShapeType.TEXT, "text", "labelRect");
        add(ShapeType.STICKY_NOTE, "note");
        // everything else is drawn as a box
        add(ShapeType.RECTANGLE, "rect", "proc", "process", "rectangle", "squareRect", "rounded", "event",
                "roundedRect", "fr-rect", "subprocess", "subproc", "framed-rectangle", "subroutine", "cyl", "db",
                "database", "cylinder", "hex", "hexagon", "prepare", "lean-r", "lean-right", "in-out", "lean_right",
                "lean-l", "lean-left", "out-in", "lean_left", "trap-b", "priority", "trapezoid-bottom", "trapezoid",
                "trap-t", "manual", "trapezoid-top", "inv-trapezoid", "inv_trapezoid", "notch-rect", "card",
                "notched-rectangle", "lin-rect", "lined-rectangle", "lined-process", "lin-proc", "shaded-process",
                "fork", "join", "forkJoin", "hourglass", "collate", "brace", "comment", "brace-l", "brace-r", "braces",
                "bolt", "com-link", "lightning-bolt", "doc", "document", "delay", "half-rounded-rectangle", "h-cyl",
                "das", "horizontal-cylinder", "lin-cyl", "disk", "lined-cylinder", "curv-trap", "curved-trapezoid",
                "display", "div-rect", "div-proc", "divided-rectangle", "divided-process", "tri", "extract", "triangle",
                "win-pane", "internal-storage", "window-pane", "notch-pent", "loop-limit", "notched-pentagon",
                "flip-tri", "manual-file", "flipped-triangle", "sl-rect", "manual-input", "sloped-rectangle", "docs",
                "documents", "st-doc", "stacked-document", "st-rect", "procs", "processes", "stacked-rectangle",
                "bow-rect", "stored-data", "bow-tie-rectangle", "tag-doc", "tagged-document", "tag-rect",
                "tagged-rectangle", "tag-proc", "tagged-process", "flag", "paper-tape", "odd", "rect_left_inv_arrow",
                "lin-doc", "lined-document", "classBox", "class-box", "datastore", "state", "rectWithTitle",
                "iconSquare", "icon", "iconRounded", "imageSquare", "kanbanItem", "anchor");
    }

    private FlowShapes() {
    }

    private static void add(ShapeType type, String... names) {
        for (String name : names) {
            TYPES.put(name, type);
        }
    }

    /**
     * The document type drawn for a Mermaid shape name, or null when Mermaid has no such
     * shape.
     */
    static ShapeType type(String name) {
        return TYPES.get(name);
    }

    /** Every shape name Mermaid accepts. */
    static Set<String> names() {
        return TYPES.keySet();
    }

}
