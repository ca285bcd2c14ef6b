package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code timeline} code: each period on one line with its events. */
final class TimelineRenderer {

    /** A {@code #} that would start an entity. */
    private static final Pattern ENTITY = Pattern.compile("#(?=\\d{1,6};|quot;)");

    private static final Pattern ANY_COLON = Pattern.compile(":");

    /** A {@code :} that would start an event: followed by a blank or the end. */
    private static final Pattern EVENT_COLON = Pattern.compile(":(?=\\s|$)");

    /** A {@code <} that would start a line break. */
    private static final Pattern BREAK = Pattern.compile("(?i)<(?=br\\s*/?>)");

    private TimelineRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        String dir = Mermaid.str(root, "direction", null);
        out.line(dir == null ? "timeline" : "timeline " + dir);
        out.depth = 1;
        MermaidRenderer.accessibility(root, out);
        Map<String, List<String>> events = new LinkedHashMap<>();
        for (Shape s : doc.shapes()) {
            String period = Mermaid.str(Mermaid.ext(s), "period", null);
            if (period != null) {
                events.computeIfAbsent(period, k -> new ArrayList<>()).add(event(s.text().orElse("")));
            }
        }
        Tree tree = new Tree(doc);
        for (Shape s : tree.ordered()) {
            if (s.type().isConnector() || Mermaid.ext(s).has("period")) {
                continue;
            }
            if (s.type().isContainer()) {
                out.depth = 1;
                out.line("section " + text(s.text().orElse("")));
                out.depth = 2;
                continue;
            }
            StringBuilder line = new StringBuilder(text(s.text().orElse("")));
            for (String e : events.getOrDefault(s.id(), List.of())) {
                line.append(" : ").append(e);
            }
            out.line(line.toString());
        }
        out.depth = 0;
    }

    /**
     * Text that reads back as itself outside quotes: what {@link Mermaid#unescape} would
     * decode written as entities, line breaks as {@code <br>
     * }, every {@code :} as {@code #58;} (it would end the text).
     */
    static String text(String s) {
        return text(s, ANY_COLON);
    }

    /**
     * As {@link #text(String)}, for an event: only a {@code :} that starts another event
     * ({@code :} and a blank) is written as an entity.
     */
    static String event(String s) {
        return text(s, EVENT_COLON);
    }

    private static String text(String s, Pattern colon) {
        String t = BREAK.matcher(ENTITY.matcher(s).replaceAll("#35;")).replaceAll("#60;");
        t = colon.matcher(t).replaceAll("#58;").replace("\n", "<br>");
        return t.isBlank() ? "#32;" : t;
    }

}
