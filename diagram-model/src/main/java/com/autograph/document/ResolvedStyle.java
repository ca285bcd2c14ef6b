package com.autograph.document;

import java.util.Objects;

/**
 * A style with every property decided: what a renderer or exporter draws with. Obtained
 * from {@link Style#resolve()} (built-in {@link #DEFAULTS}) or
 * {@link Style#resolve(ResolvedStyle)} (e.g. a theme's defaults).
 *
 * @param fontWeight CSS weight: 400 is normal, 700 bold
 */
public record ResolvedStyle(String strokeColor, String fillColor, FillStyle fillStyle, StrokeStyle strokeStyle,
        double strokeWidth, double opacity, double cornerRadius, String fontFamily, double fontSize, int fontWeight,
        TextAlign textAlign, String textColor) {

    /** What an absent property means (also listed in docs/diagram-document.md). */
    public static final ResolvedStyle DEFAULTS = new ResolvedStyle("#1e1e1e", "transparent", FillStyle.SOLID,
            StrokeStyle.SOLID, 2, 1, 0, "sans-serif", 16, 400, TextAlign.CENTER, "#1e1e1e");

    public ResolvedStyle {
        Objects.requireNonNull(strokeColor, "strokeColor");
        Objects.requireNonNull(fillColor, "fillColor");
        Objects.requireNonNull(fillStyle, "fillStyle");
        Objects.requireNonNull(strokeStyle, "strokeStyle");
        Objects.requireNonNull(fontFamily, "fontFamily");
        Objects.requireNonNull(textAlign, "textAlign");
        Objects.requireNonNull(textColor, "textColor");
    }
}
