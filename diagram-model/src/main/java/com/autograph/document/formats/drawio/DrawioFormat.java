package com.autograph.document.formats.drawio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;

import org.w3c.dom.Element;

import com.autograph.document.DiagramDocument;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;
import com.autograph.document.formats.PageFrames;

/**
 * Import and export of draw.io / diagrams.net files ({@code .drawio}: {@code <mxfile>}
 * with one {@code <diagram>} per page, each holding an {@code <mxGraphModel>} either as
 * XML or compressed). Ids are kept; draw.io-only properties (the full style string, HTML
 * labels, user-object attributes, layers) travel in the {@code drawio} extension field so
 * that import → export → import gives the same document. XML is parsed with DOCTYPEs
 * refused (no external entities, no entity expansion). The mapping is documented in
 * {@code docs/formats.md}.
 */
public final class DrawioFormat {

    /**
     * The extension field (on shapes and on the document) holding draw.io-only
     * properties.
     */
    public static final String FIELD = "drawio";

    private final ModelLimits limits;

    /** Reads within {@link ModelLimits#DEFAULTS}. */
    public DrawioFormat() {
        this(ModelLimits.DEFAULTS);
    }

    /**
     * Reads within {@code limits}: input size, inflated page size, XML depth, shapes and
     * label length.
     */
    public DrawioFormat(ModelLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Every page of a {@code .drawio} file (or a bare {@code <mxGraphModel>}). A file of
     * one page gives that page as it is; a file of several gives one frame per page,
     * titled with the page's name, side by side from left to right in page order (see
     * {@link PageFrames}).
     * @throws FormatException when the text isn't a draw.io file, is damaged or holds a
     * DOCTYPE
     * @throws LimitExceededException when it is over one of the limits (the shape limit
     * counts the shapes of all pages together)
     */
    public DiagramDocument read(String xml) {
        Element root = SecureXml.parse(xml, limits);
        List<Element> pages = pages(root);
        if (pages.size() == 1) {
            return new DrawioImporter(limits).read(root, pages.getFirst(), model(pages.getFirst()));
        }
        List<PageFrames.Page> read = new ArrayList<>();
        long shapes = 0;
        for (int i = 0; i < pages.size(); i++) {
            Element diagram = pages.get(i);
            DiagramDocument page = new DrawioImporter(limits).read(root, diagram, model(diagram));
            // one frame per page, and the pages' shapes, all count towards the limit
            shapes += page.shapes().size() + 1;
            limits.checkShapes(shapes);
            String name = diagram.getAttribute("name");
            read.add(new PageFrames.Page(name.isBlank() ? "Page-" + (i + 1) : name, page));
        }
        return new PageFrames(FIELD, limits).merge(read, DrawioImporter.attributesOf(root));
    }

    /** Page {@code page} (0-based) of a {@code .drawio} file. */
    public DiagramDocument read(String xml, int page) {
        Element root = SecureXml.parse(xml, limits);
        List<Element> pages = pages(root);
        if (page < 0 || page >= pages.size()) {
            throw new FormatException("the file has " + pages.size() + " page(s); there is no page " + (page + 1));
        }
        Element diagram = pages.get(page);
        return new DrawioImporter(limits).read(root, diagram, model(diagram));
    }

    /** The names of the file's pages, in order. */
    public List<String> pageNames(String xml) {
        List<String> names = new ArrayList<>();
        for (Element d : pages(SecureXml.parse(xml, limits))) {
            names.add("mxGraphModel".equals(d.getTagName()) ? "Page-1" : d.getAttribute("name"));
        }
        return names;
    }

    /** The document as an uncompressed {@code .drawio} file. */
    public String write(DiagramDocument doc) {
        return new DrawioExporter().write(doc, false);
    }

    /**
     * The document as a {@code .drawio} file with the page compressed, as older draw.io
     * saves them.
     */
    public String writeCompressed(DiagramDocument doc) {
        return new DrawioExporter().write(doc, true);
    }

    private static List<Element> pages(Element root) {
        List<Element> pages = new ArrayList<>();
        if ("mxGraphModel".equals(root.getTagName())) {
            pages.add(root);
            return pages;
        }
        if (!"mxfile".equals(root.getTagName())) {
            throw new FormatException("not a draw.io file: it starts with <" + root.getTagName()
                    + "> instead of <mxfile> or <mxGraphModel>");
        }
        for (Element d : SecureXml.children(root, "diagram")) {
            pages.add(d);
        }
        if (pages.isEmpty()) {
            throw new FormatException("the draw.io file has no <diagram> page");
        }
        return pages;
    }

    /** The page's model: inline, or inflated from the compressed text. */
    private Element model(Element diagram) {
        if ("mxGraphModel".equals(diagram.getTagName())) {
            return diagram;
        }
        List<Element> inline = SecureXml.children(diagram, "mxGraphModel");
        if (!inline.isEmpty()) {
            return inline.getFirst();
        }
        String text = diagram.getTextContent().strip();
        if (text.isEmpty()) {
            throw new FormatException("page \"" + diagram.getAttribute("name") + "\" is empty");
        }
        Element model;
        try (InputStream xml = BoundedInflation.open(base64(text), limits)) {
            model = SecureXml.parse(xml, limits);
        }
        catch (IOException e) {
            throw new FormatException("the compressed page is damaged (" + e.getMessage() + ")", e);
        }
        if (!"mxGraphModel".equals(model.getTagName())) {
            throw new FormatException("page \"" + diagram.getAttribute("name") + "\" does not hold an <mxGraphModel>");
        }
        return model;
    }

    /**
     * draw.io's page compression: base64 of raw DEFLATE (no zlib header) of the
     * URL-encoded XML.
     */
    public static String decompress(String payload) {
        return decompress(payload, ModelLimits.DEFAULTS);
    }

    /**
     * The page's XML, inflated no further than {@code limits} allow.
     * @throws LimitExceededException as soon as the page inflates past the
     * decompressed-bytes limit
     */
    public static String decompress(String payload, ModelLimits limits) {
        limits.checkInput(payload, "the compressed page");
        try (InputStream xml = BoundedInflation.open(base64(payload), limits)) {
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new FormatException("the compressed page is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] base64(String payload) {
        try {
            return Base64.getMimeDecoder().decode(payload);
        }
        catch (IllegalArgumentException e) {
            throw new FormatException("the compressed page is not valid base64", e);
        }
    }

    /** The inverse of {@link #decompress(String)}, byte-compatible with draw.io's own. */
    public static String compress(String xml) {
        String encoded = URLEncoder.encode(xml, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("%21", "!")
            .replace("%27", "'")
            .replace("%28", "(")
            .replace("%29", ")")
            .replace("%7E", "~");
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(encoded.getBytes(StandardCharsets.US_ASCII));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        }
        finally {
            deflater.end();
        }
    }

}
