package com.autograph.document.mermaid;

import java.util.List;

import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.node.ArrayNode;

/**
 * {@code journey}: tasks are rectangles ({@code task:N}) coloured by their score (1 red
 * to 5 green), with {@code mermaid.score} and {@code mermaid.actors}; sections are frames
 * around their tasks. Laid out left to right.
 */
final class JourneyParser extends KindParser {

    /** Fill colours for scores 1 to 5. */
    private static final List<String> FILLS = List.of("#f4b6b6", "#f8d3b0", "#fbeeb0", "#d3eeb8", "#a9dfb0");

    private Draft section;

    private int sections;

    private int tasks;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `journey` on its line", "write the title on the next line: `title ...`");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (title(line) || common(line)) {
            return;
        }
        if (t.equals("section") || t.startsWith("section ")) {
            String name = t.substring(7).strip();
            if (name.isEmpty()) {
                error(line, 0, "a section needs a name", "write `section Go to work`");
                return;
            }
            section = add(new Draft("section:" + (++sections), ShapeType.FRAME));
            section.text = Mermaid.unescape(name);
            return;
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            String word = t.split("\\s+", 2)[0];
            String near = Mermaid.closest(word, List.of("title", "section"));
            error(line, 0, near != null ? "unknown statement `" + word + "`" : "a task needs `:` and a score",
                    near != null ? "did you mean `" + near + "`?" : "write `Make tea: 5: Me`");
            return;
        }
        String name = t.substring(0, colon).strip();
        if (name.isEmpty()) {
            error(line, 0, "a task needs a name before `:`", "write `Make tea: 5: Me`");
            return;
        }
        String[] data = t.substring(colon + 1).split(":", -1);
        if (data.length > 2) {
            error(line, t.indexOf(':', t.indexOf(':', colon + 1) + 1), "a task has a score and actors, nothing more",
                    "write `Make tea: 5: Me, Cat`");
            return;
        }
        String score = data[0].strip();
        if (!score.matches("[1-5]")) {
            int at = colon + 1;
            while (at < t.length() && Character.isWhitespace(t.charAt(at))) {
                at++;
            }
            error(line, at, "the score must be a whole number from 1 to 5",
                    "write `" + name + ": 3" + (data.length > 1 ? ":" + data[1] : "") + "`");
            return;
        }
        Draft d = add(new Draft("task:" + (++tasks), ShapeType.RECTANGLE));
        d.text = Mermaid.unescape(name);
        d.parent = section == null ? null : section.id;
        int n = Integer.parseInt(score);
        d.ext().put("score", n);
        d.style = Style.builder().fillColor(FILLS.get(n - 1)).build();
        if (data.length > 1) {
            ArrayNode actors = d.ext().putArray("actors");
            for (String a : data[1].split(",")) {
                if (!a.isBlank()) {
                    actors.add(Mermaid.unescape(a.strip()));
                }
            }
            if (actors.isEmpty()) {
                d.ext().remove("actors");
            }
        }
    }

    @Override
    void finish(int lastLine) {
        if (tasks == 0 && sections == 0 && errors.isEmpty()) {
            errors.add(new CodeError(lastLine, 1, "a journey needs a task", "write e.g. `Make tea: 5: Me`"));
        }
    }

    @Override
    boolean fitsContainers() {
        return false;
    }

    @Override
    void layout(List<Draft> ordered) {
        TimelineParser.row(ordered, true, d -> false);
    }

}
