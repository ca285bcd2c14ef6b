package com.autograph.export.render;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one render may cost ({@code autograph.export.render.*}), checked before anything
 * is allocated for the result (422 {@code render_limit_exceeded} beyond). A PNG's heap is
 * about 4 bytes per pixel twice over (Batik's buffer and the encoder's), so the default
 * 40 M pixels (e.g. 8,000 × 5,000 at 1×) costs about 320 MB at worst; the service's heap
 * is sized for one such render at a time (see docs/export.md).
 *
 * @param maxPixels pixels of one PNG (width × height, after scaling)
 * @param maxSide pixels of one side of a PNG, and CSS px of one side of the drawing
 * @param maxShapes shapes (connectors included) one render draws
 * @param maxPages pages of one tiled PDF
 * @param maxTextChars characters of all labels and the note together
 */
@Validated
@ConfigurationProperties("autograph.export.render")
public record RenderLimits(@Min(1) @Max(400_000_000) @DefaultValue("40000000") long maxPixels,
        @Min(16) @Max(100_000) @DefaultValue("16384") int maxSide,
        @Min(1) @Max(100_000) @DefaultValue("20000") int maxShapes,
        @Min(1) @Max(1_000) @DefaultValue("100") int maxPages,
        @Min(1) @Max(10_000_000) @DefaultValue("2000000") int maxTextChars) {

    public static final String PREFIX = "autograph.export.render.";

    public static final String MAX_PIXELS = PREFIX + "max-pixels";

    public static final String MAX_SIDE = PREFIX + "max-side";

    public static final String MAX_SHAPES = PREFIX + "max-shapes";

    public static final String MAX_PAGES = PREFIX + "max-pages";

    public static final String MAX_TEXT_CHARS = PREFIX + "max-text-chars";

    /** The defaults above, for code outside Spring (tests, the benchmark). */
    public static final RenderLimits DEFAULTS = new RenderLimits(40_000_000, 16_384, 20_000, 100, 2_000_000);

}
