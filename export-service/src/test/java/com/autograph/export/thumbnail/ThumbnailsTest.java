package com.autograph.export.thumbnail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailsTest {

    @Test
    void aWidePictureIsShrunkToFitAndCentredOnATransparentSquare() throws Exception {
        BufferedImage shrunk = ImageIO.read(new ByteArrayInputStream(Thumbnails.shrink(png(2000, 1000, Color.RED))));
        assertThat(shrunk.getWidth()).isEqualTo(256);
        assertThat(shrunk.getHeight()).isEqualTo(256);
        // 2000 × 1000 → 256 × 128, centred: rows 64–191 are the picture, above and below
        // transparent.
        assertThat(shrunk.getRGB(128, 128)).isEqualTo(Color.RED.getRGB());
        assertThat(shrunk.getRGB(0, 10) >>> 24).isZero();
        assertThat(shrunk.getRGB(255, 250) >>> 24).isZero();
        assertThat(shrunk.getRGB(0, 70)).isEqualTo(Color.RED.getRGB());
    }

    @Test
    void aSmallPictureIsNotEnlarged() throws Exception {
        BufferedImage shrunk = ImageIO.read(new ByteArrayInputStream(Thumbnails.shrink(png(100, 50, Color.BLUE))));
        assertThat(shrunk.getWidth()).isEqualTo(256);
        assertThat(shrunk.getRGB(128, 128)).isEqualTo(Color.BLUE.getRGB());
        assertThat(shrunk.getRGB(60, 128) >>> 24).as("left of the 100 px picture").isZero();
        assertThat(shrunk.getRGB(128, 90) >>> 24).as("above the 50 px picture").isZero();
    }

    private static byte[] png(int width, int height, Color color) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

}
