package com.autograph.export.render;

import java.util.List;

import com.autograph.export.render.Drawing.Group;
import com.autograph.export.render.Drawing.Image;
import com.autograph.export.render.Drawing.Node;
import com.autograph.export.render.Drawing.Path;
import com.autograph.export.render.Drawing.Text;

/**
 * The box around what a drawing paints (strokes, rotation and estimated text widths
 * included).
 */
final class Bounds {

    private Bounds() {
    }

    /** {x0, y0, x1, y1}; x1 &lt; x0 when nothing is painted. */
    static double[] of(List<Node> nodes) {
        double[] b = { Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY };
        for (Node n : nodes) {
            add(n, b);
        }
        return b;
    }

    private static void add(Node n, double[] b) {
        switch (n) {
            case Group g -> {
                double[] inner = of(g.children());
                if (inner[2] < inner[0]) {
                    return;
                }
                if (g.rotation() % 360 == 0) {
                    union(b, inner);
                    return;
                }
                double a = Math.toRadians(g.rotation());
                double cos = Math.cos(a);
                double sin = Math.sin(a);
                double[][] corners = { { inner[0], inner[1] }, { inner[2], inner[1] }, { inner[2], inner[3] },
                        { inner[0], inner[3] } };
                for (double[] c : corners) {
                    double dx = c[0] - g.cx();
                    double dy = c[1] - g.cy();
                    double x = g.cx() + dx * cos - dy * sin;
                    double y = g.cy() + dx * sin + dy * cos;
                    union(b, new double[] { x, y, x, y });
                }
            }
            case Path p -> {
                double[] pb = p.data().bounds();
                double half = p.stroke() == null ? 0 : p.strokeWidth() / 2;
                union(b, new double[] { pb[0] - half, pb[1] - half, pb[2] + half, pb[3] + half });
            }
            case Text t -> {
                double w = 0;
                for (String line : t.lines()) {
                    w = Math.max(w, TextWrap.width(line, t.size()));
                }
                double x0 = switch (t.anchor()) {
                    case START -> t.x();
                    case MIDDLE -> t.x() - w / 2;
                    case END -> t.x() - w;
                };
                double top = t.firstBaseline() - t.lineHeight() / 2 - 0.35 * t.size();
                union(b, new double[] { x0, top, x0 + w, top + t.lines().size() * t.lineHeight() });
            }
            case Image i -> union(b, new double[] { i.x(), i.y(), i.x() + i.width(), i.y() + i.height() });
        }
    }

    private static void union(double[] b, double[] o) {
        b[0] = Math.min(b[0], o[0]);
        b[1] = Math.min(b[1], o[1]);
        b[2] = Math.max(b[2], o[2]);
        b[3] = Math.max(b[3], o[3]);
    }

}
