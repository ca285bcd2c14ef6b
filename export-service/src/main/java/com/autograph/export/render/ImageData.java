package com.autograph.export.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The pictures a render embeds: PNG and JPEG {@code data:} URIs only, whose header
 * declares a size a render can afford (a few bytes of PNG can claim a picture of
 * gigapixels, which the PNG and PDF renderers would then decode); a picture is decoded
 * once here, so a broken one falls back to the placeholder instead of failing the render.
 * Anything else, URLs above all, is never loaded.
 */
final class ImageData {

    /** Pixels a picture may declare: decoding costs 4 bytes each. */
    static final long MAX_PIXELS = 4L * 1024 * 1024;

    /**
     * The picture's bytes (for SVG) and its decoded pixels (for PDF): it decoded, so
     * Batik can too.
     */
    record Decoded(String mediaType, byte[] bytes, BufferedImage image) {
    }

    private ImageData() {
    }

    static Optional<Decoded> decode(String src) {
        int comma = src.indexOf(',');
        if (!src.regionMatches(true, 0, "data:", 0, 5) || comma < 0 || comma > 100) {
            return Optional.empty();
        }
        String meta = src.substring(5, comma).toLowerCase(Locale.ROOT);
        String type;
        if (meta.equals("image/png;base64")) {
            type = "image/png";
        }
        else if (meta.equals("image/jpeg;base64") || meta.equals("image/jpg;base64")) {
            type = "image/jpeg";
        }
        else {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(src.substring(comma + 1));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!affordable(bytes)) {
            return Optional.empty();
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            return image == null ? Optional.empty() : Optional.of(new Decoded(type, bytes, image));
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty(); // broken picture data: drawn as a placeholder
        }
    }

    /**
     * Reads only the header: true for one picture the reader understands, within
     * {@link #MAX_PIXELS}.
     */
    private static boolean affordable(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                return w > 0 && h > 0 && w * h <= MAX_PIXELS;
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException | RuntimeException e) {
            return false;
        }
    }

}
