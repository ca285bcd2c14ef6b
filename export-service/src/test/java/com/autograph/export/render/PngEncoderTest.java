package com.autograph.export.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.Adler32;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PngEncoderTest {

    /** Big enough for several bands; flat areas, stripes and noise, as diagrams have. */
    @ParameterizedTest
    @CsvSource({ "1900, 1300, true", "1900, 1300, false", "3, 2, false", "1, 1, true" })
    void decodesToTheSamePixels(int width, int height, boolean opaque) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int alpha = opaque ? 0xff : (x * 7 + y) & 0xff;
                int rgb = y % 97 < 50 ? 0xf0f0f0 : (x % 13 == 0 ? 0x1e1e1e : random.nextInt(0x1000000));
                image.setRGB(x, y, alpha << 24 | rgb);
            }
        }

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));

        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int expected = image.getRGB(x, y);
                int actual = decoded.getRGB(x, y);
                if (expected != actual) {
                    assertThat(Integer.toHexString(actual)).as("pixel %d,%d", x, y)
                        .isEqualTo(Integer.toHexString(expected));
                }
            }
        }
    }

    @Test
    void adlerOfTwoRunsCombinesToTheAdlerOfBoth() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] first = new byte[random.nextInt(200_000)];
            byte[] second = new byte[random.nextInt(200_000)];
            random.nextBytes(first);
            random.nextBytes(second);
            Adler32 both = new Adler32();
            both.update(first);
            both.update(second);
            Adler32 a = new Adler32();
            a.update(first);
            Adler32 b = new Adler32();
            b.update(second);

            assertThat(PngEncoder.combineAdler32(a.getValue(), b.getValue(), second.length)).isEqualTo(both.getValue());
        }
    }

}
