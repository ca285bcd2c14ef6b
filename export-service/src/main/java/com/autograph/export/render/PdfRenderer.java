package com.autograph.export.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

import com.autograph.export.render.Drawing.Group;
import com.autograph.export.render.Drawing.Image;
import com.autograph.export.render.Drawing.Node;
import com.autograph.export.render.Drawing.Path;
import com.autograph.export.render.Drawing.Text;

/**
 * PDF with PDFBox, written straight from the {@link Drawing} (not through Batik: Batik
 * hands a Graphics2D every letter as an outline and turns anything with opacity into
 * pixels, so its PDFs have no text to search or copy). Outlines stay vectors, text is
 * real text in the shipped font, embedded as a subset. Each page shows the drawing whole
 * (fit) or, clipped, one tile of it at 100 % (tiled); the page count is checked against
 * the limit before the first page is drawn.
 */
final class PdfRenderer extends DrawingRenderer {

    /** PDF points per CSS px: 72 per inch against 96. */
    static final float PT_PER_PX = 0.75f;

    /** The largest page side PDF readers accept (200 in). */
    private static final float MAX_PAGE = 14_400;

    /** Margin on A4 and Letter pages, in points (about 12.7 mm). */
    private static final float MARGIN = 36;

    PdfRenderer(RenderLimits limits) {
        super(ExportFormat.PDF, limits);
    }

    @Override
    RenderedExport write(Drawing d, RenderInput input, RenderOptions options) {
        Layout layout = layout(d, options);
        Scene.checkPages((long) layout.cols * layout.rows, limits);
        try (PDDocument pdf = new PDDocument()) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            if (input.title() != null) {
                info.setTitle(input.title());
            }
            info.setCreator("AutoGraph");
            Painter painter = new Painter(pdf);
            for (int row = 0; row < layout.rows; row++) {
                for (int col = 0; col < layout.cols; col++) {
                    page(pdf, painter, d, layout, col, row);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            pdf.save(out);
            return new RenderedExport(out.toByteArray(), format().mediaType(), Math.round(layout.pageWidth),
                    Math.round(layout.pageHeight), layout.cols * layout.rows);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param scale points per drawing px
     * @param tileWidth drawing px per tile (tiled) or the whole drawing
     */
    private record Layout(float pageWidth, float pageHeight, float scale, float margin, int cols, int rows,
            double tileWidth, double tileHeight) {
    }

    private static Layout layout(Drawing d, RenderOptions options) {
        double w = d.width();
        double h = d.height();
        PageSize size = options.pageSize();
        if (size == PageSize.FIT) {
            float scale = (float) Math.min(PT_PER_PX, Math.min(MAX_PAGE / w, MAX_PAGE / h));
            return new Layout((float) (w * scale), (float) (h * scale), scale, 0, 1, 1, w, h);
        }
        boolean landscape = w > h;
        float pw = landscape ? size.longSide() : size.shortSide();
        float ph = landscape ? size.shortSide() : size.longSide();
        float innerW = pw - 2 * MARGIN;
        float innerH = ph - 2 * MARGIN;
        if (!options.tiled()) {
            float scale = (float) Math.min(PT_PER_PX, Math.min(innerW / w, innerH / h));
            return new Layout(pw, ph, scale, MARGIN, 1, 1, w, h);
        }
        double tileW = innerW / PT_PER_PX;
        double tileH = innerH / PT_PER_PX;
        // Counted in doubles: a huge drawing must reach the page limit, not overflow past
        // it.
        double cols = Math.max(1, Math.ceil(w / tileW - 1e-9));
        double rows = Math.max(1, Math.ceil(h / tileH - 1e-9));
        if (cols * rows > Integer.MAX_VALUE) {
            cols = Integer.MAX_VALUE;
            rows = 1;
        }
        return new Layout(pw, ph, PT_PER_PX, MARGIN, (int) cols, (int) rows, tileW, tileH);
    }

    /**
     * One page showing tile (col, row) of the drawing, or all of it, flipped to PDF's
     * y-up.
     */
    private static void page(PDDocument pdf, Painter painter, Drawing d, Layout l, int col, int row)
            throws IOException {
        PDPage page = new PDPage(new PDRectangle(l.pageWidth, l.pageHeight));
        pdf.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
            double originX = d.x() + col * l.tileWidth;
            double originY = d.y() + row * l.tileHeight;
            double shownW = Math.min(l.tileWidth, d.x() + d.width() - originX);
            double shownH = Math.min(l.tileHeight, d.y() + d.height() - originY);
            float contentW = (float) (shownW * l.scale);
            float contentH = (float) (shownH * l.scale);
            // Centred on fit pages; tiles start at the top-left margin so neighbours line
            // up.
            float left = l.cols * l.rows > 1 ? l.margin : (l.pageWidth - contentW) / 2;
            float top = l.cols * l.rows > 1 ? l.margin : (l.pageHeight - contentH) / 2;
            cs.saveGraphicsState();
            cs.addRect(left, l.pageHeight - top - contentH, contentW, contentH);
            cs.clip();
            cs.transform(new Matrix(l.scale, 0, 0, -l.scale, (float) (left - originX * l.scale),
                    (float) (l.pageHeight - top + originY * l.scale)));
            painter.drawing(cs, d);
            cs.restoreGraphicsState();
        }
    }

    /**
     * Writes the drawing's nodes as content-stream operators, in drawing (y-down)
     * coordinates.
     */
    private static final class Painter {

        private final PDDocument pdf;

        private PDPageContentStream cs;

        private final Map<FontFace, PDType0Font> fonts = new EnumMap<>(FontFace.class);

        private final Map<Long, PDExtendedGraphicsState> alphas = new HashMap<>();

        Painter(PDDocument pdf) {
            this.pdf = pdf;
        }

        void drawing(PDPageContentStream stream, Drawing d) throws IOException {
            this.cs = stream;
            if (d.background() != null) {
                path(new Path(PathData.rect(d.x(), d.y(), d.width(), d.height(), 0), d.background(), null, 0,
                        new double[0]), 1);
            }
            for (Node n : d.nodes()) {
                node(n, 1);
            }
        }

        private void node(Node n, double opacity) throws IOException {
            switch (n) {
                case Group g -> group(g, opacity);
                case Path p -> path(p, opacity);
                case Text t -> text(t, opacity);
                case Image i -> image(i, opacity);
            }
        }

        private void group(Group g, double opacity) throws IOException {
            double o = opacity * Math.max(0, Math.min(1, g.opacity()));
            if (o <= 0) {
                return;
            }
            boolean rotated = g.rotation() % 360 != 0;
            if (rotated) {
                cs.saveGraphicsState();
                double a = Math.toRadians(g.rotation());
                float cos = (float) Math.cos(a);
                float sin = (float) Math.sin(a);
                float cx = (float) g.cx();
                float cy = (float) g.cy();
                cs.transform(new Matrix(cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy));
            }
            for (Node c : g.children()) {
                node(c, o);
            }
            if (rotated) {
                cs.restoreGraphicsState();
            }
        }

        private void path(Path p, double opacity) throws IOException {
            boolean stroke = p.stroke() != null && p.strokeWidth() > 0;
            boolean fill = p.fill() != null;
            if ((!stroke && !fill) || p.data().isEmpty()) {
                return;
            }
            cs.saveGraphicsState();
            alpha(fill ? opacity * p.fill().alpha() : 1, stroke ? opacity * p.stroke().alpha() : 1);
            if (fill) {
                cs.setNonStrokingColor(p.fill().r() / 255f, p.fill().g() / 255f, p.fill().b() / 255f);
            }
            if (stroke) {
                cs.setStrokingColor(p.stroke().r() / 255f, p.stroke().g() / 255f, p.stroke().b() / 255f);
                cs.setLineWidth((float) p.strokeWidth());
                cs.setLineCapStyle(1);
                cs.setLineJoinStyle(1);
                if (p.dash().length > 0) {
                    float[] dash = new float[p.dash().length];
                    for (int i = 0; i < dash.length; i++) {
                        dash[i] = (float) p.dash()[i];
                    }
                    cs.setLineDashPattern(dash, 0);
                }
            }
            double[] c = p.data().coords();
            int k = 0;
            for (int i = 0; i < p.data().opCount(); i++) {
                switch (p.data().op(i)) {
                    case PathData.MOVE -> cs.moveTo((float) c[k++], (float) c[k++]);
                    case PathData.LINE -> cs.lineTo((float) c[k++], (float) c[k++]);
                    case PathData.CUBIC -> cs.curveTo((float) c[k++], (float) c[k++], (float) c[k++], (float) c[k++],
                            (float) c[k++], (float) c[k++]);
                    default -> cs.closePath();
                }
            }
            if (fill && stroke) {
                cs.fillAndStroke();
            }
            else if (fill) {
                cs.fill();
            }
            else {
                cs.stroke();
            }
            cs.restoreGraphicsState();
        }

        private void text(Text t, double opacity) throws IOException {
            PDType0Font font = font(t.font());
            float size = (float) t.size();
            cs.saveGraphicsState();
            alpha(opacity * t.color().alpha(), 1);
            cs.setNonStrokingColor(t.color().r() / 255f, t.color().g() / 255f, t.color().b() / 255f);
            cs.beginText();
            cs.setFont(font, size);
            for (int i = 0; i < t.lines().size(); i++) {
                String line = printable(t.lines().get(i), t.font());
                if (line.isBlank()) {
                    continue;
                }
                float width = font.getStringWidth(line) / 1000 * size;
                float x = (float) t.x() - switch (t.anchor()) {
                    case START -> 0;
                    case MIDDLE -> width / 2;
                    case END -> width;
                };
                float y = (float) (t.firstBaseline() + i * t.lineHeight());
                // The page flips y; flipping the text back keeps letters upright.
                cs.setTextMatrix(new Matrix(1, 0, 0, -1, x, y));
                cs.showText(line);
            }
            cs.endText();
            cs.restoreGraphicsState();
        }

        private void image(Image i, double opacity) throws IOException {
            PDImageXObject x = LosslessFactory.createFromImage(pdf, i.pixels());
            cs.saveGraphicsState();
            alpha(opacity, opacity);
            cs.drawImage(x, new Matrix((float) i.width(), 0, 0, (float) -i.height(), (float) i.x(),
                    (float) (i.y() + i.height())));
            cs.restoreGraphicsState();
        }

        private void alpha(double fill, double stroke) throws IOException {
            if (fill >= 1 && stroke >= 1) {
                return;
            }
            long key = Math.round(fill * 1000) * 10_000 + Math.round(stroke * 1000);
            PDExtendedGraphicsState gs = alphas.computeIfAbsent(key, k -> {
                PDExtendedGraphicsState s = new PDExtendedGraphicsState();
                s.setNonStrokingAlphaConstant((float) fill);
                s.setStrokingAlphaConstant((float) stroke);
                return s;
            });
            cs.setGraphicsStateParameters(gs);
        }

        private PDType0Font font(FontFace face) throws IOException {
            PDType0Font f = fonts.get(face);
            if (f == null) {
                try (InputStream in = face.open()) {
                    f = PDType0Font.load(pdf, in, true);
                }
                fonts.put(face, f);
            }
            return f;
        }

        /** The line with characters the font lacks (and controls) replaced by '?'. */
        private static String printable(String line, FontFace face) {
            StringBuilder b = new StringBuilder(line.length());
            line.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp)) {
                    b.append(' ');
                }
                else if (face.canDisplay(cp)) {
                    b.appendCodePoint(cp);
                }
                else {
                    b.append('?');
                }
            });
            return b.toString();
        }

    }

}
