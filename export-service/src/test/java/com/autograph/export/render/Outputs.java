package com.autograph.export.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reading rendered outputs back in tests. */
final class Outputs {

    private Outputs() {
    }

    /**
     * Parses SVG with a parser that refuses DTDs and external entities, as any consumer
     * should.
     */
    static Document xml(byte[] svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        }
        catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Every line of text the SVG shows, in order. */
    static List<String> textLines(Document svg) {
        List<String> lines = new ArrayList<>();
        NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            NodeList spans = ((org.w3c.dom.Element) texts.item(i)).getElementsByTagNameNS("http://www.w3.org/2000/svg",
                    "tspan");
            if (spans.getLength() == 0) {
                lines.add(texts.item(i).getTextContent());
            }
            for (int j = 0; j < spans.getLength(); j++) {
                lines.add(spans.item(j).getTextContent());
            }
        }
        return lines;
    }

    static BufferedImage png(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) {
                throw new AssertionError("not a PNG");
            }
            return img;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The share of pixels that differ visibly: both composited on white, a pixel counts
     * when a channel differs by more than {@code threshold} (of 255). Anti-aliasing noise
     * stays below it.
     */
    static double differingShare(BufferedImage a, BufferedImage b, int threshold) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 1;
        }
        long differ = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int pa = onWhite(a.getRGB(x, y));
                int pb = onWhite(b.getRGB(x, y));
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((pa >> shift) & 0xff) - ((pb >> shift) & 0xff)) > threshold) {
                        differ++;
                        break;
                    }
                }
            }
        }
        return differ / (double) ((long) a.getWidth() * a.getHeight());
    }

    private static int onWhite(int argb) {
        int alpha = argb >>> 24;
        int r = ((argb >> 16) & 0xff) * alpha / 255 + 255 - alpha;
        int g = ((argb >> 8) & 0xff) * alpha / 255 + 255 - alpha;
        int b = (argb & 0xff) * alpha / 255 + 255 - alpha;
        return (r << 16) | (g << 8) | b;
    }

}
