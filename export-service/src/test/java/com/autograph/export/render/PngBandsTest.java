package com.autograph.export.render;

import java.awt.image.BufferedImage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Painting in bands on several threads gives the pixels of one pass, over every shape
 * type, text and image of the fixture, whatever the band boundaries cut through.
 */
class PngBandsTest {

    @ParameterizedTest
    @ValueSource(ints = { 2, 3, 4 })
    void bandsPaintTheSamePixelsAsOnePass(int bands) {
        Drawing d = DrawingBuilder.build(RenderInput.of(Fixtures.everything()), RenderOptions.DEFAULTS,
                RenderLimits.DEFAULTS);
        String svg = SvgWriter.write(d, "Every shape", true);
        int scale = 2;
        int w = (int) Math.ceil(d.width() * scale);
        int h = (int) Math.ceil(d.height() * scale);

        BufferedImage whole = PngRenderer.rasterize(svg, w, h, scale, 1);
        BufferedImage banded = PngRenderer.rasterize(svg, w, h, scale, bands);

        int differing = 0;
        int largest = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = whole.getRGB(x, y);
                int b = banded.getRGB(x, y);
                if (a != b) {
                    differing++;
                    for (int shift = 0; shift < 32; shift += 8) {
                        largest = Math.max(largest, Math.abs((a >>> shift & 0xff) - (b >>> shift & 0xff)));
                    }
                }
            }
        }
        // Java2D's anti-aliasing tiles may round a pixel on a band's edge one way or the
        // other: a few pixels, each off by a shade at most.
        assertThat(differing).as("pixels that differ out of %d", w * h).isLessThanOrEqualTo(8);
        assertThat(largest).as("largest channel difference").isLessThanOrEqualTo(4);
        assertThat(banded.getRGB(w / 2, h / 2) | banded.getRGB(w / 3, h / 4)).as("something was painted").isNotZero();
    }

}
