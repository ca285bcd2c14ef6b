package com.autograph.export.render;

import java.util.List;

import com.autograph.document.Arrowhead;
import com.autograph.export.render.Drawing.Node;
import com.autograph.export.render.Drawing.Path;

/**
 * The decorations at a connector's ends, drawn at the end point {@code p} pointing along
 * {@code u} (the direction the line arrives in). Sizes grow with the stroke width. Hollow
 * marks (circle, diamond of the crow's-foot "zero") are filled with the background so the
 * line does not show through.
 */
final class Arrowheads {

    private static final double[] SOLID = new double[0];

    private Arrowheads() {
    }

    static void draw(Arrowhead head, double[] p, double[] u, double width, Rgba stroke, Rgba background,
            List<Node> out) {
        double s = Math.max(10, 4 * width);
        double x = p[0];
        double y = p[1];
        double ux = u[0];
        double uy = u[1];
        double nx = -uy;
        double ny = ux;
        switch (head) {
            case NONE -> {
            }
            case ARROW -> out.add(new Path(new PathData().moveTo(x - ux * s + nx * s * 0.5, y - uy * s + ny * s * 0.5)
                .lineTo(x, y)
                .lineTo(x - ux * s - nx * s * 0.5, y - uy * s - ny * s * 0.5), null, stroke, width, SOLID));
            case TRIANGLE -> out.add(
                    new Path(
                            PathData.polygon(x, y, x - ux * s + nx * s * 0.5, y - uy * s + ny * s * 0.5,
                                    x - ux * s - nx * s * 0.5, y - uy * s - ny * s * 0.5),
                            stroke, stroke, width, SOLID));
            case DIAMOND -> out.add(new Path(PathData.polygon(x, y, x - ux * s * 0.75 + nx * s * 0.4,
                    y - uy * s * 0.75 + ny * s * 0.4, x - ux * s * 1.5, y - uy * s * 1.5,
                    x - ux * s * 0.75 - nx * s * 0.4, y - uy * s * 0.75 - ny * s * 0.4), stroke, stroke, width, SOLID));
            case CIRCLE -> {
                double r = s * 0.35;
                out.add(new Path(PathData.ellipse(x - ux * r, y - uy * r, r, r), stroke, stroke, width, SOLID));
            }
            case BAR -> out.add(bar(x, y, nx, ny, s * 0.6, stroke, width));
            case ONE -> {
                out.add(bar(x - ux * s * 0.5, y - uy * s * 0.5, nx, ny, s * 0.6, stroke, width));
                out.add(bar(x - ux * s * 0.8, y - uy * s * 0.8, nx, ny, s * 0.6, stroke, width));
            }
            case MANY -> out.add(crow(x, y, ux, uy, nx, ny, s, stroke, width));
            case ZERO_OR_ONE -> {
                out.add(bar(x - ux * s * 0.5, y - uy * s * 0.5, nx, ny, s * 0.6, stroke, width));
                out.add(circle(x - ux * s * 1.2, y - uy * s * 1.2, s * 0.3, background, stroke, width));
            }
            case ONE_OR_MANY -> {
                out.add(crow(x, y, ux, uy, nx, ny, s, stroke, width));
                out.add(bar(x - ux * s * 1.2, y - uy * s * 1.2, nx, ny, s * 0.6, stroke, width));
            }
            case ZERO_OR_MANY -> {
                out.add(crow(x, y, ux, uy, nx, ny, s, stroke, width));
                out.add(circle(x - ux * s * 1.4, y - uy * s * 1.4, s * 0.3, background, stroke, width));
            }
        }
    }

    private static Path bar(double x, double y, double nx, double ny, double half, Rgba stroke, double width) {
        return new Path(new PathData().moveTo(x + nx * half, y + ny * half).lineTo(x - nx * half, y - ny * half), null,
                stroke, width, SOLID);
    }

    /** Three prongs from a point a length back, out to the end and either side of it. */
    private static Path crow(double x, double y, double ux, double uy, double nx, double ny, double s, Rgba stroke,
            double width) {
        double bx = x - ux * s;
        double by = y - uy * s;
        double half = s * 0.6;
        return new Path(new PathData().moveTo(x + nx * half, y + ny * half)
            .lineTo(bx, by)
            .lineTo(x - nx * half, y - ny * half)
            .moveTo(bx, by)
            .lineTo(x, y), null, stroke, width, SOLID);
    }

    private static Path circle(double cx, double cy, double r, Rgba fill, Rgba stroke, double width) {
        return new Path(PathData.ellipse(cx, cy, r, r), fill, stroke, width, SOLID);
    }

}
