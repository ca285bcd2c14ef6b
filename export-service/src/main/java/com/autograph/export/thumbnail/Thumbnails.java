package com.autograph.export.thumbnail;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.autograph.export.diagrams.DiagramService;
import com.autograph.export.diagrams.FileContent;
import com.autograph.export.render.ExportFormat;
import com.autograph.export.render.RenderInput;
import com.autograph.export.render.RenderOptions;
import com.autograph.export.render.RenderedExport;
import com.autograph.export.render.Renderers;
import com.autograph.export.rendering.RenderBudget;
import com.autograph.shared.s3.ObjectStorage;

import com.autograph.document.DocumentCodec;

/**
 * Renders a file's or a version's thumbnail: the whole diagram as a PNG, shrunk (never
 * enlarged) to fit 256 × 256 and centred on a transparent square; stored in the
 * {@code diagrams} bucket as {@code thumbnails/<file>/head.png} or
 * {@code thumbnails/<file>/v<n>.png}, and its key set on the file or version at
 * diagram-service. A diagram too large to draw at 1× within the pixel budget below gets
 * no thumbnail (logged): a thumbnail never costs a full-size render of a huge drawing.
 */
@Component
class Thumbnails {

    static final int SIZE = 256;

    /** The largest 1× picture drawn to shrink into a thumbnail (16 MP: 64 MB of ARGB). */
    private static final long MAX_SOURCE_PIXELS = 4096L * 4096L;

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    private final DiagramService diagrams;

    private final Renderers renderers;

    private final RenderBudget budget;

    private final ObjectStorage storage;

    Thumbnails(DiagramService diagrams, Renderers renderers, RenderBudget budget, ObjectStorage storage) {
        this.diagrams = diagrams;
        this.renderers = renderers;
        this.budget = budget;
        this.storage = storage;
    }

    /**
     * Renders and stores one target ({@code head} or a version number); false when it was
     * skipped.
     */
    boolean make(UUID fileId, String target) throws InterruptedException {
        Integer version = ThumbnailQueue.HEAD.equals(target) ? null : Integer.valueOf(target);
        FileContent content = diagrams.contentForService(fileId, version);
        if (content.canvasData() == null) {
            return false;
        }
        RenderInput input = RenderInput.of(DocumentCodec.read(content.canvasData()));
        RenderOptions options = RenderOptions.DEFAULTS;
        byte[] png = budget.runWhenFree(() -> {
            RenderedExport svg = renderers.render(ExportFormat.SVG, input, options);
            if ((long) svg.width() * svg.height() > MAX_SOURCE_PIXELS) {
                return null;
            }
            return shrink(renderers.render(ExportFormat.PNG, input, options).bytes());
        });
        if (png == null) {
            log.info("No thumbnail for file {} ({}): the diagram is too large to draw for one", fileId, target);
            return false;
        }
        String key = "thumbnails/" + fileId + "/" + (version == null ? "head" : "v" + version) + ".png";
        storage.put(storage.buckets().diagrams(), key, png, "image/png");
        diagrams.storeThumbnail(fileId, version, key);
        return true;
    }

    /** Deletes the thumbnails of a purged file (its head's and every version's). */
    void removeAll(UUID fileId) {
        int removed = storage.deleteAll(storage.buckets().diagrams(), "thumbnails/" + fileId + "/");
        log.debug("Removed {} thumbnails of purged file {}", removed, fileId);
    }

    /** Deletes the thumbnail of a deleted version. */
    void remove(UUID fileId, int version) {
        storage.delete(storage.buckets().diagrams(), "thumbnails/" + fileId + "/v" + version + ".png");
    }

    /** The picture shrunk to fit SIZE × SIZE, centred on a transparent square. */
    static byte[] shrink(byte[] png) {
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(png));
            double scale = Math.min(1.0,
                    Math.min((double) SIZE / source.getWidth(), (double) SIZE / source.getHeight()));
            // Halving steps first: one bilinear step from far larger drops detail
            // unevenly.
            BufferedImage current = source;
            while (current.getWidth() * scale < current.getWidth() / 2.0 && current.getWidth() > SIZE * 2) {
                current = resized(current, current.getWidth() / 2, Math.max(1, current.getHeight() / 2));
                scale = Math.min(1.0,
                        Math.min((double) SIZE / current.getWidth(), (double) SIZE / current.getHeight()));
            }
            int width = Math.max(1, (int) Math.round(current.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(current.getHeight() * scale));
            BufferedImage square = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = square.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, (SIZE - width) / 2, (SIZE - height) / 2, width, height, null);
            }
            finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(square, "png", out);
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static BufferedImage resized(BufferedImage image, int width, int height) {
        BufferedImage smaller = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smaller.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        }
        finally {
            g.dispose();
        }
        return smaller;
    }

}
