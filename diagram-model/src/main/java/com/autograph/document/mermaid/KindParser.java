package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the statements of one kind of diagram into drafts. The dispatcher in
 * {@link MermaidParser} feeds it the header's rest and then every statement (comments and
 * blank lines removed).
 */
abstract class KindParser {

    final List<CodeError> errors = new ArrayList<>();

    final ObjectNode root = Mermaid.NODES.objectNode();

    final Map<String, Draft> drafts = new LinkedHashMap<>();

    /** Set by {@link MermaidParser} before the first statement. */
    ModelLimits limits = ModelLimits.DEFAULTS;

    /**
     * Mermaid's configuration from front matter and {@code %%{init}%%} directives (see
     * {@link MermaidConfig}), set by {@link MermaidParser} before the header; read only.
     */
    ObjectNode config = Mermaid.NODES.objectNode();

    /**
     * The text of setting {@code key} in the configuration section of this diagram type
     * (e.g. {@code gitGraph}, {@code mainBranchName}), or null when it is not set or not
     * a scalar.
     */
    String setting(String section, String key) {
        JsonNode v = config.path(section).get(key);
        return v != null && v.isValueNode() && !v.isNull() ? v.asString() : null;
    }

    /**
     * The text after the diagram keyword on the header line (e.g. {@code LR}), at its
     * line.
     */
    abstract void header(Line rest);

    abstract void statement(Line line);

    /** End of input: report what is still open. */
    abstract void finish(int lastLine);

    /** Places the drafts (already in tree order); containers are fitted afterwards. */
    abstract void layout(List<Draft> ordered);

    /**
     * The id prefix of connectors nothing refers to, which are then numbered in canonical
     * order; null to keep the ids the parser gave.
     */
    String connectorPrefix() {
        return null;
    }

    /**
     * Whether frames are sized around their children after layout (else layout places
     * them).
     */
    boolean fitsContainers() {
        return true;
    }

    /**
     * Blocks (subgraphs, composite states, loops, namespaces) nest at most this deep:
     * deeper ones only cost stack and time (an attacker's 20,000 nested loops overflowed
     * the stack).
     */
    static final int MAX_NESTING = 64;

    /**
     * Set when reading stopped early (nesting too deep); the rest of the code is not
     * read.
     */
    boolean stopped;

    /**
     * Reports, and stops reading, when a block opened on {@code line} inside {@code open}
     * others would be too deep.
     */
    boolean tooDeep(Line line, int open) {
        if (open < MAX_NESTING) {
            return false;
        }
        error(line, 0, "blocks nest at most " + MAX_NESTING + " levels deep; the code from here on is not read",
                "move this block out of the ones around it");
        stopped = true;
        return true;
    }

    void error(Line line, int index, String message, String suggestion) {
        errors.add(new CodeError(line.number(), line.col(index), message, suggestion));
    }

    void error(Line line, int index, String message) {
        error(line, index, message, null);
    }

    Draft draft(String id) {
        return drafts.get(id);
    }

    Draft add(Draft d) {
        if (!drafts.containsKey(d.id)) {
            limits.checkShapes(drafts.size() + 1);
        }
        drafts.put(d.id, d);
        return d;
    }

    /** A box shape with this id, created at first mention. */
    Draft box(String id, ShapeType type) {
        Draft d = drafts.get(id);
        if (d == null) {
            d = add(new Draft(id, type));
        }
        return d;
    }

    /** Shared handling of statements every diagram may have; true when it was one. */
    boolean common(Line line) {
        String t = line.text();
        for (String key : List.of("accTitle", "accDescr")) {
            if (t.startsWith(key) && t.substring(key.length()).strip().startsWith(":")) {
                root.put(key.equals("accTitle") ? "acc_title" : "acc_descr", t.substring(t.indexOf(':') + 1).strip());
                return true;
            }
        }
        if (t.startsWith("accDescr") && t.substring(8).strip().startsWith("{")) {
            error(line, 0, "multi-line `accDescr { ... }` is not supported", "write it on one line: `accDescr: ...`");
            return true;
        }
        return false;
    }

    /**
     * The direction written from {@code at} on (after {@code direction}), or null after
     * an error naming the valid ones.
     */
    String direction(Line line, int at) {
        String d = line.text().substring(at).strip();
        if (FlowchartParser.DIRECTIONS.contains(d)) {
            return d;
        }
        error(line.sub(at), 0, "`" + d + "` is not a direction; use TB, BT, RL or LR");
        return null;
    }

    /**
     * {@code title Text} or {@code title: Text}, for the diagram types that have a title
     * line.
     */
    boolean title(Line line) {
        String t = line.text();
        if (t.startsWith("title") && (t.length() == 5 || t.charAt(5) == ' ' || t.charAt(5) == ':')) {
            String rest = t.substring(5).strip();
            root.put("title", rest.startsWith(":") ? rest.substring(1).strip() : rest);
            return true;
        }
        return false;
    }

    DiagramDocument document() {
        // A label over the document's text limit is refused here, by name, before layout
        // measures it: the document would not validate.
        for (Draft d : drafts.values()) {
            limits.checkText(d.text);
        }
        List<Draft> ordered = Mermaid.treeOrder(drafts.values());
        String prefix = connectorPrefix();
        if (prefix != null) {
            // Numbered in the order they are written back, so a round trip keeps the ids.
            int n = 0;
            for (Draft d : ordered) {
                if (d.isConnector() && d.id.startsWith(prefix)) {
                    // connectors named in the code (flowchart `A e1@--> B`) keep their
                    // name
                    d.id = prefix + (++n);
                }
            }
        }
        layout(ordered);
        if (fitsContainers()) {
            Mermaid.fitContainers(ordered);
        }
        List<Shape> shapes = new ArrayList<>(ordered.size());
        for (Draft d : ordered) {
            shapes.add(d.toShape());
        }
        return DiagramDocument.of(shapes).withUnknownField(Mermaid.EXT, root);
    }

    /** Places boxes in rows of {@code columns}, in order; connectors need no place. */
    static void grid(List<Draft> ordered, int columns, double cellWidth, double cellHeight) {
        int i = 0;
        for (Draft d : ordered) {
            if (d.isConnector() || d.type.isContainer()) {
                continue;
            }
            if (d.width == 0) {
                double[] size = Mermaid.sizeFor(d.text, 120, 60);
                d.width = size[0];
                d.height = size[1];
            }
            d.x = (i % columns) * cellWidth;
            d.y = (i / columns) * cellHeight;
            i++;
        }
    }

}
