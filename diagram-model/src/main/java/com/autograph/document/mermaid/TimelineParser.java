package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

/**
 * {@code timeline}: periods are rectangles ({@code period:N}) with their events stacked
 * under them ({@code event:N}, {@code mermaid.period} naming the period); sections are
 * frames around their periods. {@code 2004 : A : B} and continuation lines {@code : C}
 * add events to the period before them. Laid out left to right ({@code timeline TD}: top
 * to bottom, events to the right).
 */
final class TimelineParser extends KindParser {

    static final double WIDTH = 180;

    static final double GAP = 60;

    /** Periods are filled, so they stand out from their events. */
    private static final Style PERIOD = Style.builder().fillColor("#dbe4ff").fontWeight(700).build();

    private Draft section;

    private Draft period;

    private int sections;

    private int periods;

    private int events;

    @Override
    void header(Line rest) {
        String dir = rest.text();
        if (dir.isEmpty()) {
            return;
        }
        if (dir.equals("LR") || dir.equals("TD")) {
            root.put("direction", dir);
        }
        else {
            error(rest, 0, "`" + dir + "` is not a timeline direction; use LR or TD");
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
                error(line, 0, "a section needs a name", "write `section 21st century`");
                return;
            }
            section = add(new Draft("section:" + (++sections), ShapeType.FRAME));
            section.text = Mermaid.unescape(name);
            period = null;
            return;
        }
        int colon = t.indexOf(':');
        if (colon == 0) {
            if (period == null) {
                error(line, 0, "an event needs a period before it", "write `2004 : " + t.substring(1).strip() + "`");
                return;
            }
            events(line, 0);
            return;
        }
        String name = (colon < 0 ? t : t.substring(0, colon)).strip();
        period = add(new Draft("period:" + (++periods), ShapeType.RECTANGLE));
        period.text = Mermaid.unescape(name);
        period.parent = section == null ? null : section.id;
        period.style = PERIOD;
        if (colon > 0) {
            events(line, colon);
        }
    }

    /**
     * The events from {@code from} (a {@code :}) on: each starts with {@code :} and a
     * blank.
     */
    private void events(Line line, int from) {
        String t = line.text();
        List<Integer> starts = new ArrayList<>();
        for (int i = from; i < t.length(); i++) {
            if (t.charAt(i) == ':' && (i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1)))) {
                starts.add(i);
            }
        }
        if (starts.isEmpty() || starts.getFirst() != from) {
            error(line, from, "a period's name ends at the first `:`, and an event starts with `: `",
                    "write a `:` inside a text as `#58;`");
            return;
        }
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? starts.get(k + 1) : t.length();
            String text = t.substring(starts.get(k) + 1, end).strip();
            if (text.isEmpty()) {
                error(line, starts.get(k), "an event needs a text after `:`");
                continue;
            }
            Draft e = add(new Draft("event:" + (++events), ShapeType.RECTANGLE));
            e.text = Mermaid.unescape(text);
            e.parent = period.parent;
            e.ext().put("period", period.id);
        }
    }

    @Override
    void finish(int lastLine) {
        if (periods == 0 && sections == 0 && errors.isEmpty()) {
            errors.add(new CodeError(lastLine, 1, "a timeline needs a period", "write e.g. `2004 : Facebook`"));
        }
    }

    @Override
    boolean fitsContainers() {
        return false;
    }

    @Override
    void layout(List<Draft> ordered) {
        row(ordered, !Mermaid.str(root, "direction", "LR").equals("TD"), d -> d.ext().has("period"));
    }

    /**
     * Places sections (frames) holding main boxes with attached boxes. Horizontally: main
     * boxes in a row, the boxes attached to each stacked under it; vertically: main boxes
     * in a column, their attached boxes in a row to the right. A box is attached to the
     * main box before it. Frames are sized around what they hold; an empty one keeps a
     * slot of its own. Linear in the shapes.
     */
    static void row(List<Draft> ordered, boolean horizontal, java.util.function.Predicate<Draft> attached) {
        double cursor = 0;
        double far = 0;
        Draft frame = null;
        Draft main = null;
        Draft previous = null;
        Map<String, double[]> ends = new HashMap<>();
        // boxes before the first section line up with those inside sections
        boolean framed = ordered.stream().anyMatch(d -> d.type.isContainer());
        for (Draft d : ordered) {
            if (d.isConnector()) {
                continue;
            }
            if (d.type.isContainer()) {
                if (main != null && !horizontal) {
                    cursor = far + GAP / 2;
                }
                if (frame != null) {
                    cursor += ends.containsKey(frame.id) ? 20 : (horizontal ? WIDTH + GAP : 100);
                }
                frame = d;
                main = null;
                d.x = horizontal ? cursor : 0;
                d.y = horizontal ? 0 : cursor;
                cursor += horizontal ? 20 : 40;
                continue;
            }
            d.width = WIDTH;
            d.height = KanbanParser.wrappedHeight(d.text, WIDTH);
            double inset = frame == null ? 0 : 20;
            double top = framed ? 40 : 0;
            if (main == null || !attached.test(d)) {
                if (main != null && !horizontal) {
                    cursor = far + GAP / 2;
                }
                d.x = horizontal ? cursor : inset;
                d.y = horizontal ? top : cursor;
                if (horizontal) {
                    cursor += WIDTH + GAP;
                }
                main = d;
                far = d.y + d.height;
            }
            else if (horizontal) {
                d.x = main.x;
                d.y = far + 10;
                far = d.y + d.height;
            }
            else {
                d.x = previous.x + WIDTH + 20;
                d.y = main.y;
                far = Math.max(far, d.y + d.height);
            }
            previous = d;
            if (frame != null) {
                double[] end = ends.computeIfAbsent(frame.id, k -> new double[2]);
                end[0] = Math.max(end[0], d.x + d.width);
                end[1] = Math.max(end[1], d.y + d.height);
            }
        }
        for (Draft d : ordered) {
            if (d.type.isContainer()) {
                double[] end = ends.get(d.id);
                d.width = end == null ? WIDTH + 40 : end[0] - d.x + 20;
                d.height = end == null ? 100 : end[1] - d.y + 20;
            }
        }
    }

}
