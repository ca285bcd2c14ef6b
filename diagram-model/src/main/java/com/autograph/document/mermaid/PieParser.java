package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.autograph.document.Point;
import com.autograph.document.ShapeType;
import com.autograph.document.Style;

/**
 * {@code pie}: every slice {@code "Dogs" : 386} is a wedge — a closed freehand outline
 * whose angle is its share of the total — with the label as its text and the value, as
 * written, in the extension; a text shape beside each wedge shows the label and share
 * (derived: the renderer writes slices from the wedges).
 */
final class PieParser extends KindParser {

    /** Centre and radius of the pie. */
    static final double CX = 220;

    static final double CY = 260;

    static final double R = 180;

    /** At most this many degrees between two points of a wedge's arc. */
    private static final double STEP = 6;

    private record Slice(Draft wedge, double value) {
    }

    private final List<Slice> slices = new ArrayList<>();

    @Override
    void header(Line rest) {
        Line r = rest;
        if (r.text().equals("showData") || r.text().startsWith("showData ")) {
            root.put("show_data", true);
            r = r.sub("showData".length());
        }
        if (r.isBlank()) {
            return;
        }
        if (!title(r)) {
            error(r, 0, "only `showData` and `title ...` may follow `pie` on its line",
                    "write e.g. `pie showData title Pets`");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (title(line) || common(line)) {
            return;
        }
        if (!t.startsWith("\"")) {
            String word = t.split("\\s+", 2)[0];
            String near = Mermaid.closest(word, List.of("title", "accTitle", "accDescr"));
            error(line, 0,
                    near != null ? "unknown statement `" + word + "`" : "a slice starts with its label in quotes",
                    near != null ? "did you mean `" + near + "`?" : "write `\"Dogs\" : 386`");
            return;
        }
        int close = t.indexOf('"', 1);
        if (close < 0) {
            error(line, 0, "this label's quote is never closed", "end it with `\"`");
            return;
        }
        String rest = t.substring(close + 1).strip();
        if (!rest.startsWith(":")) {
            error(line, close + 1, "a slice needs `:` and its value after the label", "write `\"Dogs\" : 386`");
            return;
        }
        String written = rest.substring(1).strip();
        int at = t.indexOf(written, close + 1);
        Double value = Charts.number(written);
        if (value == null) {
            error(line, at,
                    written.isEmpty() ? "a slice needs its value after `:`" : "`" + written + "` is not a number",
                    "write the value as a number, e.g. `386` or `42.5`");
            return;
        }
        if (value < 0) {
            error(line, at, "a slice's value can't be negative", "write the size of the slice, 0 or more");
            return;
        }
        Draft wedge = add(new Draft("slice:" + (slices.size() + 1), ShapeType.FREEHAND));
        wedge.text = Mermaid.unescape(t.substring(1, close));
        wedge.ext().put("value", written);
        wedge.style = Style.builder()
            .strokeColor(Charts.PALETTE.get(slices.size() % Charts.PALETTE.size()))
            .strokeWidth(2)
            .build();
        slices.add(new Slice(wedge, value));
    }

    @Override
    void finish(int lastLine) {
        String title = Mermaid.str(root, "title", null);
        if (title != null) {
            Charts.label(this, "title", title, CX - R, 0, 2 * R);
        }
        double largest = slices.stream().mapToDouble(Slice::value).max().orElse(0);
        // Shares are computed on values scaled to the largest, so a total of huge values
        // never overflows.
        double total = 0;
        for (Slice s : slices) {
            total += largest > 0 ? s.value() / largest : 0;
        }
        double angle = -90;
        int n = 0;
        for (Slice s : slices) {
            n++;
            double share = total > 0 ? s.value() / largest / total : 0;
            double sweep = share * 360;
            List<Point> points = new ArrayList<>();
            points.add(new Point(CX, CY));
            int steps = Math.max(1, (int) Math.ceil(sweep / STEP));
            for (int i = 0; i <= steps; i++) {
                points.add(onCircle(angle + sweep * i / steps, R));
            }
            points.add(new Point(CX, CY));
            s.wedge().points = points;
            Point at = onCircle(angle + sweep / 2, R + 40);
            String text = s.wedge().text + " " + String.format(Locale.ROOT, "%.1f%%", share * 100)
                    + (root.path("show_data").asBoolean(false) ? " [" + Mermaid.str(s.wedge().ext(), "value", "") + "]"
                            : "");
            double[] size = Mermaid.sizeFor(text, 60, 24);
            Charts.label(this, "slice-label:" + n, text, at.x() - size[0] / 2, at.y() - 12, size[0]);
            angle += sweep;
        }
    }

    private static Point onCircle(double degrees, double radius) {
        double a = Math.toRadians(degrees);
        return new Point(round(CX + radius * Math.cos(a)), round(CY + radius * Math.sin(a)));
    }

    /** Two decimals are enough for the canvas and keep the JSON short. */
    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    @Override
    void layout(List<Draft> ordered) {
        // placed in finish(): wedges by their points, labels beside them
    }

}
