package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.Point;
import com.autograph.document.ShapeType;
import com.autograph.document.Style;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code xychart} (and {@code xychart-beta}): a {@code bar [...]} series is a group of
 * rectangles, one per value, each with its value as written in the extension; a
 * {@code line [...]} series is a freehand path through its values, which its extension
 * lists. The axes (lines, category and range labels) and the title are shapes made from
 * the diagram's extension (derived), which keeps {@code x-axis} and {@code y-axis} as
 * written.
 */
final class XyChartParser extends KindParser {

    /** A series or axis list holds at most this many values (each one is a shape). */
    static final int MAX_VALUES = 1000;

    static final double LEFT = 80;

    static final double TOP = 40;

    private record Series(Draft draft, List<Double> values, List<Draft> bars) {
    }

    private final List<Series> series = new ArrayList<>();

    private boolean horizontal;

    @Override
    void header(Line rest) {
        switch (rest.text()) {
            case "" -> {
            }
            case "vertical" -> root.put("orientation", "vertical");
            case "horizontal" -> {
                root.put("orientation", "horizontal");
                horizontal = true;
            }
            default -> error(rest, 0, "`" + rest.text() + "` is not an orientation",
                    "write `horizontal` or `vertical` (the default), or nothing");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        String word = t.split("[\\s\\[\"]", 2)[0];
        if (title(line) || common(line)) {
            return;
        }
        switch (word) {
            case "x-axis", "y-axis" -> axis(line, word);
            case "bar", "line" -> series(line, word);
            default -> {
                String near = Mermaid.closest(word, List.of("title", "x-axis", "y-axis", "bar", "line"));
                error(line, 0, "unknown statement `" + word + "`", near != null ? "did you mean `" + near + "`?"
                        : "write `x-axis`, `y-axis`, `bar [...]` or `line [...]`");
            }
        }
    }

    /**
     * {@code x-axis "Title" [a, b]}, {@code y-axis "Title" 0 --> 100} or just a title;
     * only the x axis may list categories.
     */
    private void axis(Line line, String word) {
        String t = line.text();
        int from = word.length();
        ObjectNode axis = Mermaid.NODES.objectNode();
        int open = t.indexOf('[', from);
        int arrow = t.indexOf("-->", from);
        String title;
        if (open >= 0) {
            if (word.equals("y-axis")) {
                error(line, open, "the y axis takes a range, not categories",
                        "write e.g. `y-axis \"Revenue\" 0 --> 100`");
                return;
            }
            List<String> items = list(line, open);
            if (items == null) {
                return;
            }
            ArrayNode categories = axis.putArray("categories");
            items.forEach(i -> categories.add(Charts.unquote(i)));
            title = t.substring(from, open).strip();
        }
        else if (arrow >= 0) {
            String before = t.substring(from, arrow).strip();
            int space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('"'));
            String min = before.substring(space + 1);
            String max = t.substring(arrow + 3).strip();
            for (String n : List.of(min, max)) {
                if (Charts.number(n) == null) {
                    int at = n == min ? t.lastIndexOf(min, arrow) : arrow + 3 + t.substring(arrow + 3).indexOf(n);
                    error(line, at, n.isEmpty() ? "a range needs a number on each side of `-->`"
                            : "`" + n + "` is not a number", "write the range as `0 --> 100`");
                    return;
                }
            }
            if (Charts.number(min) >= Charts.number(max)) {
                error(line, from, "the range's start must be below its end", "write e.g. `0 --> 100`");
                return;
            }
            axis.put("min", min);
            axis.put("max", max);
            title = before.substring(0, space + 1).strip();
        }
        else {
            title = t.substring(from).strip();
        }
        if (!title.isEmpty()) {
            if (title.startsWith("\"") && (title.length() < 2 || !title.endsWith("\""))) {
                error(line, from, "this title's quote is never closed", "end it with `\"`");
                return;
            }
            axis.put("title", Charts.unquote(title));
        }
        root.set(word.equals("x-axis") ? "x_axis" : "y_axis", axis);
    }

    private void series(Line line, String word) {
        String t = line.text();
        int open = t.indexOf('[');
        if (open < 0) {
            error(line, 0, "`" + word + "` needs its values in brackets", "write e.g. `" + word + " [10, 20, 30]`");
            return;
        }
        List<String> items = list(line, open);
        if (items == null) {
            return;
        }
        List<Double> values = new ArrayList<>();
        int at = open + 1;
        for (String item : items) {
            Double v = Charts.number(item);
            if (v == null) {
                error(line, t.indexOf(item, at),
                        item.isEmpty() ? "a value is missing between two commas" : "`" + item + "` is not a number",
                        "write the values as numbers, e.g. `[10, 20.5, -3]`");
                return;
            }
            at = t.indexOf(item, at) + item.length();
            values.add(v);
        }
        String title = t.substring(word.length(), open).strip();
        String id = word + ":" + (series.size() + 1);
        Draft d;
        List<Draft> bars = new ArrayList<>();
        String color = Charts.PALETTE.get(series.size() % Charts.PALETTE.size());
        if (word.equals("bar")) {
            d = add(new Draft(id, ShapeType.GROUP));
            for (int i = 0; i < items.size(); i++) {
                Draft bar = add(new Draft(id + ":" + (i + 1), ShapeType.RECTANGLE));
                bar.parent = id;
                bar.ext().put("value", items.get(i));
                bar.style = Style.builder().fillColor(color).strokeColor(color).build();
                bars.add(bar);
            }
        }
        else {
            d = add(new Draft(id, ShapeType.FREEHAND));
            ArrayNode written = d.ext().putArray("values");
            items.forEach(written::add);
            d.style = Style.builder().strokeColor(color).strokeWidth(2).build();
        }
        d.ext().put("series", word);
        if (!title.isEmpty()) {
            d.ext().put("title", Charts.unquote(title));
        }
        series.add(new Series(d, values, bars));
    }

    /** The items of the list opened at {@code open}, or null after an error. */
    private List<String> list(Line line, int open) {
        String t = line.text();
        if (!t.endsWith("]")) {
            error(line, open, "this `[` is never closed", "end the list with `]` on the same line");
            return null;
        }
        String inner = t.substring(open + 1, t.length() - 1);
        long commas = inner.chars().filter(c -> c == ',').count();
        if (commas >= MAX_VALUES) {
            error(line, open, "a list holds at most " + MAX_VALUES + " values", "split the data into fewer points");
            return null;
        }
        List<String> items = Charts.items(inner);
        if (items == null) {
            error(line, open, "a quote in this list is never closed", "end it with `\"`");
            return null;
        }
        if (items.size() == 1 && items.get(0).isEmpty()) {
            error(line, open, "the list is empty", "write at least one value, e.g. `[10]`");
            return null;
        }
        return items;
    }

    @Override
    void finish(int lastLine) {
        ObjectNode xAxis = root.path("x_axis") instanceof ObjectNode o ? o : Mermaid.NODES.objectNode();
        ObjectNode yAxis = root.path("y_axis") instanceof ObjectNode o ? o : Mermaid.NODES.objectNode();
        int n = Math.max(1, xAxis.path("categories").size());
        double dataMin = 0;
        double dataMax = 0;
        int bars = 0;
        for (Series s : series) {
            n = Math.max(n, s.values().size());
            for (double v : s.values()) {
                dataMin = Math.min(dataMin, v);
                dataMax = Math.max(dataMax, v);
            }
            bars += s.draft().type == ShapeType.GROUP ? 1 : 0;
        }
        double min = yAxis.has("min") ? Charts.number(Mermaid.str(yAxis, "min", "0")) : dataMin;
        double max = yAxis.has("max") ? Charts.number(Mermaid.str(yAxis, "max", "1")) : dataMax;
        if (!(max > min)) {
            max = min + 1;
        }
        // the category axis runs along x (or y when horizontal), the value axis across it
        double along = horizontal ? Math.max(300, n * 40) : Math.max(400, n * 60);
        double across = horizontal ? 500 : 300;
        double band = along / n;
        double base = Charts.ratio(Math.max(min, Math.min(max, 0)), min, max);
        int bar = 0;
        for (Series s : series) {
            Draft d = s.draft();
            if (d.type == ShapeType.GROUP) {
                double width = band * 0.8 / bars;
                List<Draft> rects = s.bars();
                for (int i = 0; i < rects.size(); i++) {
                    double r = Charts.ratio(s.values().get(i), min, max);
                    place(rects.get(i), i * band + band * 0.1 + bar * width, width, Math.min(r, base),
                            Math.abs(r - base), across);
                }
                bar++;
            }
            else {
                List<Point> points = new ArrayList<>();
                for (int i = 0; i < s.values().size(); i++) {
                    points.add(at((i + 0.5) * band, Charts.ratio(s.values().get(i), min, max) * across, across));
                }
                d.points = points;
            }
        }
        axes(xAxis, yAxis, n, band, along, across);
    }

    /** A bar from {@code low} to {@code low + length} (0 to 1 of the value axis). */
    private void place(Draft d, double start, double width, double low, double length, double across) {
        if (horizontal) {
            d.x = PieParser.round(LEFT + low * across);
            d.y = PieParser.round(TOP + start);
            d.width = PieParser.round(length * across);
            d.height = PieParser.round(width);
        }
        else {
            d.x = PieParser.round(LEFT + start);
            d.y = PieParser.round(TOP + (1 - low - length) * across);
            d.width = PieParser.round(width);
            d.height = PieParser.round(length * across);
        }
    }

    /**
     * The canvas point at {@code along} the category axis and {@code value} across it.
     */
    private Point at(double along, double value, double across) {
        return horizontal ? new Point(PieParser.round(LEFT + value), PieParser.round(TOP + along))
                : new Point(PieParser.round(LEFT + along), PieParser.round(TOP + across - value));
    }

    private void axes(ObjectNode xAxis, ObjectNode yAxis, int n, double band, double along, double across) {
        String title = Mermaid.str(root, "title", null);
        if (title != null) {
            Charts.label(this, "title", Charts.unquote(title), LEFT, 0, horizontal ? across : along);
        }
        Point origin = at(0, 0, across);
        Point alongEnd = at(along, 0, across);
        Point acrossEnd = at(0, across, across);
        Charts.path(this, "x-axis", origin.x(), origin.y(), alongEnd.x(), alongEnd.y());
        Charts.path(this, "y-axis", origin.x(), origin.y(), acrossEnd.x(), acrossEnd.y());
        int i = 0;
        for (var category : xAxis.path("categories")) {
            Point p = at((i + 0.5) * band, 0, across);
            double width = horizontal ? LEFT - 8 : band;
            Charts.label(this, "x-axis:" + (++i), category.asString(),
                    horizontal ? p.x() - width - 8 : p.x() - width / 2, horizontal ? p.y() - 12 : p.y() + 4, width);
        }
        range(xAxis, "x-axis", origin, alongEnd);
        range(yAxis, "y-axis", origin, acrossEnd);
        String xTitle = Mermaid.str(xAxis, "title", null);
        if (xTitle != null) {
            Point mid = at(along / 2, 0, across);
            Charts.label(this, "x-axis:title", xTitle, horizontal ? 0 : mid.x() - 100,
                    horizontal ? mid.y() - 12 : mid.y() + 28, horizontal ? LEFT - 8 : 200);
        }
        String yTitle = Mermaid.str(yAxis, "title", null);
        if (yTitle != null) {
            Point mid = at(0, across / 2, across);
            Charts.label(this, "y-axis:title", yTitle, horizontal ? mid.x() - 100 : 0,
                    horizontal ? mid.y() + 28 : mid.y() - 12, horizontal ? 200 : LEFT - 8);
        }
    }

    /** The range's ends written at the ends of its axis. */
    private void range(ObjectNode axis, String id, Point low, Point high) {
        String min = Mermaid.str(axis, "min", null);
        String max = Mermaid.str(axis, "max", null);
        if (min == null || max == null) {
            return;
        }
        Charts.label(this, id + ":min", min, low.x() - 60, low.y() - 12, 56);
        Charts.label(this, id + ":max", max, high.x() - 60, high.y() - 12, 56);
    }

    @Override
    void layout(List<Draft> ordered) {
        // placed in finish(): bars and lines by their values, axes around them
    }

}
