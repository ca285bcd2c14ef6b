package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code gantt}: sections are frames, tasks rectangles (milestones diamonds) whose timing
 * — tags, start, end or duration — is in the extension; {@code after} dependencies become
 * dashed arrows (derived: the renderer writes them back as {@code after}, not as arrows).
 */
final class GanttParser extends KindParser {

    static final List<String> SETTINGS = List.of("dateFormat", "axisFormat", "tickInterval", "excludes", "includes",
            "todayMarker", "weekday", "inclusiveEndDates", "topAxis", "weekend");
    static final Set<String> TAGS = Set.of("done", "active", "crit", "milestone", "vert");

    private record Task(Draft draft, Line line) {
    }

    private final ObjectNode settings = Mermaid.NODES.objectNode();

    private final List<Task> tasks = new ArrayList<>();

    private Draft section;

    private int sections;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `gantt` on its line");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        String word = t.split("\\s+", 2)[0];
        String rest = t.substring(word.length()).strip();
        if (title(line)) {
            return;
        }
        if (SETTINGS.contains(word)) {
            settings.put(word, rest);
        }
        else if (word.equals("section")) {
            section = add(new Draft("section:" + (++sections), ShapeType.FRAME));
            section.text = rest;
        }
        else if (common(line)) {
            return;
        }
        else if (t.contains(":")) {
            task(line, t);
        }
        else {
            String near = Mermaid.closest(word, new ArrayList<>(SETTINGS) {
                {
                    add("section");
                    add("title");
                }
            });
            error(line, 0, near != null ? "unknown statement `" + word + "`" : "a task needs `:` and its timing",
                    near != null ? "did you mean `" + near + "`?" : "write `Task name :a1, 2024-01-01, 3d`");
        }
    }

    private void task(Line line, String t) {
        int colon = t.indexOf(':');
        String name = t.substring(0, colon).strip();
        List<String> fields = new ArrayList<>();
        for (String f : t.substring(colon + 1).split(",")) {
            fields.add(f.strip());
        }
        if (name.isEmpty()) {
            error(line, 0, "a task needs a name before `:`");
            return;
        }
        if (fields.size() == 1 && fields.getFirst().isEmpty()) {
            error(line, colon + 1, "a task needs its timing after `:`",
                    "write e.g. `:a1, 2024-01-01, 3d` or `:after a1, 2d`");
            return;
        }
        ArrayNode tags = Mermaid.NODES.arrayNode();
        while (!fields.isEmpty() && TAGS.contains(fields.getFirst())) {
            tags.add(fields.removeFirst());
        }
        String id = null;
        String start = null;
        String end = null;
        switch (fields.size()) {
            case 0 -> {
            }
            case 1 -> end = fields.get(0);
            case 2 -> {
                start = fields.get(0);
                end = fields.get(1);
            }
            case 3 -> {
                id = fields.get(0);
                start = fields.get(1);
                end = fields.get(2);
            }
            default -> {
                error(line, colon + 1, "a task has at most: tags, an id, a start and an end or duration");
                return;
            }
        }
        // Mermaid takes any text as an id; ours has no blanks (it is written back between
        // commas) and no `:`, which the ids of unnamed tasks and sections use.
        if (id != null && !id.matches("[^\\s,;#:]+")) {
            error(line, colon + 1, "`" + id + "` is not a task id (no blanks, `,`, `;`, `#` or `:`)");
            return;
        }
        if (id != null && draft(id) != null) {
            error(line, colon + 1, "two tasks have the id `" + id + "`");
            return;
        }
        Draft d = add(new Draft(id != null ? id : "task:" + (tasks.size() + 1),
                hasTag(tags, "milestone") ? ShapeType.DIAMOND : ShapeType.RECTANGLE));
        d.text = Mermaid.unescape(name);
        if (!tags.isEmpty()) {
            d.ext().set("tags", tags);
        }
        if (start != null) {
            d.ext().put("start", start);
        }
        if (end != null) {
            d.ext().put("end", end);
        }
        if (section != null) {
            d.parent = section.id;
        }
        if (hasTag(tags, "crit")) {
            d.style = Style.builder().strokeColor("#ff0000").build();
        }
        tasks.add(new Task(d, line));
    }

    private static boolean hasTag(tools.jackson.databind.JsonNode tags, String tag) {
        for (var t : tags) {
            if (t.asString().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    @Override
    void finish(int lastLine) {
        if (!settings.isEmpty()) {
            root.set("settings", settings);
        }
        int deps = 0;
        for (Task task : tasks) {
            String start = Mermaid.str(task.draft().ext(), "start", "");
            if (!start.startsWith("after ")) {
                continue;
            }
            for (String ref : start.substring(6).strip().split("\\s+")) {
                Draft from = draft(ref);
                if (from == null || from.isConnector() || from.type == ShapeType.FRAME) {
                    int at = task.line().text().indexOf(ref, task.line().text().indexOf("after"));
                    List<String> ids = tasks.stream()
                        .map(x -> x.draft().id)
                        .filter(x -> !x.startsWith("task:"))
                        .toList();
                    String near = Mermaid.closest(ref, ids);
                    errors.add(
                            new CodeError(task.line().number(), task.line().col(at), "no task has the id `" + ref + "`",
                                    near == null ? "give the task an id: `Name :" + ref + ", 2024-01-01, 3d`"
                                            : "did you mean `" + near + "`?"));
                    continue;
                }
                Draft dep = add(Draft.connector("after:" + (++deps), ShapeType.ARROW, from.id, task.draft().id));
                dep.ext().put("derived", "after");
                dep.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
            }
        }
    }

    @Override
    void layout(List<Draft> ordered) {
        int row = 0;
        for (Draft d : ordered) {
            if (d.isConnector()) {
                continue;
            }
            if (d.type == ShapeType.FRAME) {
                row++;
                continue;
            }
            double[] size = Mermaid.sizeFor(d.text, 120, 30);
            // a `vert` marker is a vertical line across the chart at its date
            boolean vert = hasTag(d.ext().path("tags"), "vert");
            d.width = d.type == ShapeType.DIAMOND ? 30 : vert ? 4 : size[0];
            d.height = 30;
            d.x = 200;
            d.y = row * 44;
            row++;
        }
    }

}
