package com.autograph.document.uploads;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.ImageIO;

/**
 * Real pictures written by the JDK's encoders, and headers made by hand where it has
 * none.
 */
public final class TestImages {

    private TestImages() {
    }

    /** {@code format}: png, jpeg or gif. */
    public static byte[] encoded(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0xFF3366);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * A PNG whose header claims {@code width} × {@code height}: a decompression bomb's
     * header.
     */
    public static byte[] pngClaiming(long width, long height) {
        byte[] png = encoded("png", 1, 1);
        ByteBuffer.wrap(png).putInt(16, (int) width).putInt(20, (int) height);
        return png;
    }

    /** The start of a lossless WebP (VP8L) of {@code width} × {@code height}. */
    public static byte[] webp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(32).put("WEBP".getBytes()).put("VP8L".getBytes()).putInt(20);
        b.put((byte) 0x2F);
        b.putInt((width - 1) | (height - 1) << 14);
        return b.array();
    }

    public static String dataUrl(String mediaType, byte[] bytes) {
        return DataUrl.encode(mediaType, bytes);
    }

}
