package com.autograph.export.render;

import java.util.Base64;
import java.util.List;

import com.autograph.export.render.Drawing.Group;
import com.autograph.export.render.Drawing.Image;
import com.autograph.export.render.Drawing.Node;
import com.autograph.export.render.Drawing.Path;
import com.autograph.export.render.Drawing.Text;

/**
 * A {@link Drawing} as SVG 1.1 text: one {@code <g>} per shape with its id and a
 * {@code <title>} (what screen readers announce), outlines as {@code <path>}, labels as
 * {@code <text>} with one {@code <tspan>} per wrapped line; attributes only where they
 * differ from SVG's defaults. Every string from the document goes through
 * {@link #escape}, so no label can end an element, open a CDATA section or add an
 * attribute; characters XML cannot carry become U+FFFD.
 */
final class SvgWriter {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    private final StringBuilder out;

    private SvgWriter(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /**
     * @param title the picture's accessible name (the file's title); may be null
     * @param xmlDeclaration whether to start with {@code <?xml …?>} (not when inlined in
     * HTML)
     */
    static String write(Drawing d, String title, boolean xmlDeclaration) {
        SvgWriter w = new SvgWriter(4096 + d.nodes().size() * 400);
        if (xmlDeclaration) {
            w.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        w.out.append("<svg xmlns=\"").append(SVG_NS).append('"');
        if (hasImage(d.nodes())) {
            w.out.append(" xmlns:xlink=\"").append(XLINK_NS).append('"');
        }
        w.out.append(" width=\"")
            .append(num(d.width()))
            .append("\" height=\"")
            .append(num(d.height()))
            .append("\" viewBox=\"")
            .append(num(d.x()))
            .append(' ')
            .append(num(d.y()))
            .append(' ')
            .append(num(d.width()))
            .append(' ')
            .append(num(d.height()))
            .append("\" role=\"img\">\n");
        if (title != null && !title.isBlank()) {
            w.out.append("<title>");
            escape(title, w.out);
            w.out.append("</title>\n");
        }
        if (d.background() != null) {
            w.out.append("<rect x=\"")
                .append(num(d.x()))
                .append("\" y=\"")
                .append(num(d.y()))
                .append("\" width=\"")
                .append(num(d.width()))
                .append("\" height=\"")
                .append(num(d.height()))
                .append('"');
            w.paint("fill", d.background());
            w.out.append("/>\n");
        }
        for (Node n : d.nodes()) {
            w.node(n);
        }
        w.out.append("</svg>\n");
        return w.out.toString();
    }

    private static boolean hasImage(List<Node> nodes) {
        for (Node n : nodes) {
            if (n instanceof Image || (n instanceof Group g && hasImage(g.children()))) {
                return true;
            }
        }
        return false;
    }

    private void node(Node n) {
        switch (n) {
            case Group g -> group(g);
            case Path p -> path(p);
            case Text t -> text(t);
            case Image i -> image(i);
        }
    }

    private void group(Group g) {
        out.append("<g");
        if (g.id() != null) {
            attr("id", g.id());
        }
        if (g.opacity() < 1) {
            out.append(" opacity=\"").append(num(Math.max(0, g.opacity()))).append('"');
        }
        if (g.rotation() % 360 != 0) {
            out.append(" transform=\"rotate(")
                .append(num(g.rotation()))
                .append(' ')
                .append(num(g.cx()))
                .append(' ')
                .append(num(g.cy()))
                .append(")\"");
        }
        out.append('>');
        if (g.title() != null && !g.title().isEmpty()) {
            out.append("<title>");
            escape(g.title(), out);
            out.append("</title>");
        }
        out.append('\n');
        for (Node c : g.children()) {
            node(c);
        }
        out.append("</g>\n");
    }

    private void path(Path p) {
        if (p.data().isEmpty()) {
            return;
        }
        out.append("<path d=\"");
        pathData(p.data());
        out.append('"');
        if (p.fill() == null) {
            out.append(" fill=\"none\"");
        }
        else {
            paint("fill", p.fill());
        }
        if (p.stroke() != null && p.strokeWidth() > 0) {
            paint("stroke", p.stroke());
            if (p.strokeWidth() != 1) {
                out.append(" stroke-width=\"").append(num(p.strokeWidth())).append('"');
            }
            out.append(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
            if (p.dash().length > 0) {
                out.append(" stroke-dasharray=\"");
                for (int i = 0; i < p.dash().length; i++) {
                    out.append(i == 0 ? "" : " ").append(num(p.dash()[i]));
                }
                out.append('"');
            }
        }
        out.append("/>\n");
    }

    private void pathData(PathData d) {
        double[] c = d.coords();
        int k = 0;
        for (int i = 0; i < d.opCount(); i++) {
            switch (d.op(i)) {
                case PathData.MOVE -> out.append('M').append(num(c[k++])).append(' ').append(num(c[k++]));
                case PathData.LINE -> out.append('L').append(num(c[k++])).append(' ').append(num(c[k++]));
                case PathData.CUBIC -> {
                    out.append('C');
                    for (int j = 0; j < 6; j++) {
                        out.append(j == 0 ? "" : " ").append(num(c[k++]));
                    }
                }
                default -> out.append('Z');
            }
        }
    }

    private void paint(String property, Rgba c) {
        out.append(' ').append(property).append("=\"").append(c.hex()).append('"');
        if (c.alpha() < 1) {
            out.append(' ').append(property).append("-opacity=\"").append(num(c.alpha())).append('"');
        }
    }

    private void text(Text t) {
        out.append("<text");
        attr("font-family", fontFamily(t));
        out.append(" font-size=\"").append(num(t.size())).append('"');
        // SVG 1.1 (and so Batik) knows only the hundreds; the document allows any 1–1000.
        int weight = Math.max(100, Math.min(900, (int) Math.round(t.weight() / 100.0) * 100));
        if (weight != 400) {
            out.append(" font-weight=\"").append(weight == 700 ? "bold" : Integer.toString(weight)).append('"');
        }
        if (t.anchor() != Drawing.Anchor.START) {
            out.append(" text-anchor=\"").append(t.anchor() == Drawing.Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        out.append(" xml:space=\"preserve\"");
        paint("fill", t.color());
        if (t.lines().size() == 1) {
            out.append(" x=\"").append(num(t.x())).append("\" y=\"").append(num(t.firstBaseline())).append("\">");
            escape(t.lines().get(0), out);
        }
        else {
            out.append('>');
            for (int i = 0; i < t.lines().size(); i++) {
                out.append("<tspan x=\"")
                    .append(num(t.x()))
                    .append("\" y=\"")
                    .append(num(t.firstBaseline() + i * t.lineHeight()))
                    .append("\">");
                escape(t.lines().get(i), out);
                out.append("</tspan>");
            }
        }
        out.append("</text>\n");
    }

    /**
     * The document's family first (for a browser that has it), then the shipped face the
     * PNG and PDF use, then the generic family. The document's name keeps only letters,
     * digits, spaces, hyphens and underscores, so it cannot break out of the CSS value.
     */
    static String fontFamily(Text t) {
        String asked = t.family().replaceAll("[^\\p{L}\\p{N} _-]", "").trim();
        StringBuilder f = new StringBuilder();
        if (!asked.isEmpty() && !asked.equalsIgnoreCase(t.font().generic())
                && !asked.equalsIgnoreCase(t.font().family()) && !asked.equalsIgnoreCase("sans-serif")
                && !asked.equalsIgnoreCase("serif") && !asked.equalsIgnoreCase("monospace")) {
            f.append('\'').append(asked).append("', ");
        }
        return f.append('\'').append(t.font().family()).append("', ").append(t.font().generic()).toString();
    }

    private void image(Image i) {
        out.append("<image x=\"")
            .append(num(i.x()))
            .append("\" y=\"")
            .append(num(i.y()))
            .append("\" width=\"")
            .append(num(i.width()))
            .append("\" height=\"")
            .append(num(i.height()))
            .append("\" preserveAspectRatio=\"none\" xlink:href=\"data:")
            .append(i.mediaType())
            .append(";base64,")
            .append(Base64.getEncoder().encodeToString(i.data()))
            .append("\"/>\n");
    }

    private void attr(String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(value, out);
        out.append('"');
    }

    /**
     * Text and attribute values: {@code & < > "} as entities, characters XML 1.0 forbids
     * as U+FFFD.
     */
    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;"); // attributes are always in double
                                                  // quotes
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    }
                    else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** A coordinate with at most two decimals and no trailing zeros. */
    static String num(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths % 100 == 0) {
            return Long.toString(hundredths / 100);
        }
        StringBuilder b = new StringBuilder();
        if (hundredths < 0) {
            b.append('-');
            hundredths = -hundredths;
        }
        b.append(hundredths / 100).append('.');
        long frac = hundredths % 100;
        if (frac % 10 == 0) {
            b.append(frac / 10);
        }
        else {
            b.append(frac < 10 ? "0" : "").append(frac);
        }
        return b.toString();
    }

}
