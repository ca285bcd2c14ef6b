package com.autograph.export.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.stream.IntStream;

import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.DocumentLoader;
import org.apache.batik.bridge.EmbededExternalResourceSecurity;
import org.apache.batik.bridge.ExternalResourceSecurity;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.bridge.NoLoadScriptSecurity;
import org.apache.batik.bridge.ScriptSecurity;
import org.apache.batik.bridge.UserAgentAdapter;
import org.apache.batik.ext.awt.RenderingHintsKeyExt;
import org.apache.batik.gvt.GraphicsNode;
import org.apache.batik.util.ParsedURL;
import org.apache.batik.util.XMLResourceDescriptor;
import org.w3c.dom.svg.SVGDocument;

/**
 * PNG: the very SVG of {@link SvgRenderer}, rasterised by Apache Batik (the maintained
 * pure-Java SVG implementation; no native library, no browser) at 1×, 2× or 4×,
 * anti-aliased, with the shipped fonts. The pixel size is checked against the limits
 * before the raster is allocated, and Batik may load nothing: scripts are refused and
 * only {@code data:} resources are read.
 */
final class PngRenderer extends DrawingRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final String BASE = "urn:autograph:export";

    PngRenderer(RenderLimits limits) {
        super(ExportFormat.PNG, limits);
    }

    @Override
    RenderedExport write(Drawing d, RenderInput input, RenderOptions options) {
        Scene.checkPixels(d.width(), d.height(), options.scale(), limits);
        BufferedImage image = rasterize(SvgWriter.write(d, input.title(), true), d, options.scale());
        return new RenderedExport(PngEncoder.encode(image), format().mediaType(), image.getWidth(), image.getHeight(),
                1);
    }

    /**
     * A picture is painted in bands, one per core, from this many pixels a band on. Each
     * band parses the SVG and builds and lays out Batik's tree again, which costs about
     * as much CPU as painting 50 M pixels (measured on bench/export's 200-shape diagram
     * at 2×: 12 M pixels took 73 ms of CPU in one band, 137 ms in two), so only the
     * largest pictures are worth splitting; below, a second core only adds load.
     */
    private static final long MIN_BAND_PIXELS = 1L << 24;

    /**
     * The SVG painted by Batik onto a fresh ARGB raster of the drawing's size × scale. A
     * very large picture is painted in horizontal bands on several threads: Batik's
     * graphics tree caches as it paints and is not safe to share, so each band builds its
     * own from its own parse of the SVG, clipped to the band's rows (the pixels are the
     * ones a single pass paints: coverage does not depend on the clip).
     */
    static BufferedImage rasterize(String svg, Drawing d, int scale) {
        int w = (int) Math.ceil(d.width() * scale);
        int h = (int) Math.ceil(d.height() * scale);
        return rasterize(svg, w, h, scale, bandsFor(w, h));
    }

    /** {@link #rasterize(String, Drawing, int)} in {@code bands} bands. */
    static BufferedImage rasterize(String svg, int w, int h, int scale, int bands) {
        FontFace.registerAll();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int rows = (h + bands - 1) / bands;
        IntStream.range(0, bands).parallel().forEach(b -> {
            int top = b * rows;
            int height = Math.min(rows, h - top);
            if (height > 0) {
                paint(svg, image.getSubimage(0, top, w, height), top, scale);
            }
        });
        return image;
    }

    private static int bandsFor(int w, int h) {
        long pixels = (long) w * h;
        int cores = Runtime.getRuntime().availableProcessors();
        return (int) Math.max(1, Math.min(Math.min(cores, 4), Math.min(h, pixels / MIN_BAND_PIXELS)));
    }

    /** Paints the rows of the picture from {@code top} on into {@code band}. */
    private static void paint(String svg, BufferedImage band, int top, int scale) {
        SVGDocument document;
        try {
            SAXSVGDocumentFactory factory = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName());
            document = factory.createSVGDocument(BASE, new StringReader(svg));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LockedDownAgent agent = new LockedDownAgent();
        BridgeContext context = new BridgeContext(agent, new DocumentLoader(agent));
        context.setDynamicState(BridgeContext.STATIC);
        try {
            GraphicsNode root = new GVTBuilder().build(context, document);
            Graphics2D g = band.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                // Batik paints straight into the raster when it knows it (it warns
                // otherwise).
                g.setRenderingHint(RenderingHintsKeyExt.KEY_BUFFERED_IMAGE, new WeakReference<>(band));
                g.translate(0, -top);
                g.scale(scale, scale);
                root.paint(g);
            }
            finally {
                g.dispose();
            }
        }
        finally {
            context.dispose();
        }
    }

    /**
     * A user agent that runs no script and loads nothing but what is embedded in the SVG.
     */
    private static final class LockedDownAgent extends UserAgentAdapter {

        @Override
        public ScriptSecurity getScriptSecurity(String scriptType, ParsedURL scriptURL, ParsedURL docURL) {
            return new NoLoadScriptSecurity(scriptType);
        }

        @Override
        public ExternalResourceSecurity getExternalResourceSecurity(ParsedURL resourceURL, ParsedURL docURL) {
            return new EmbededExternalResourceSecurity(resourceURL);
        }

        @Override
        public void displayError(Exception e) {
            throw new IllegalStateException("Batik could not render the SVG", e);
        }

    }

}
