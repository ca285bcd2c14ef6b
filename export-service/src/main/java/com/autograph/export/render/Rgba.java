package com.autograph.export.render;

import java.util.Locale;

/**
 * A document colour ({@code #rgb}, {@code #rrggbb}, {@code #rrggbbaa}) split into what
 * SVG 1.1 and PDF understand: an opaque {@code #rrggbb} and an alpha. Batik reads neither
 * {@code #rrggbbaa} nor CSS colour level 4, so the alpha always travels separately as an
 * opacity.
 */
record Rgba(int r, int g, int b, double alpha) {

    static final Rgba BLACK = new Rgba(0, 0, 0, 1);
    static final Rgba WHITE = new Rgba(255, 255, 255, 1);

    /**
     * The colour, or null for {@code transparent}, an alpha of 0 or anything unreadable.
     */
    static Rgba parse(String color) {
        if (color == null || !color.startsWith("#")) {
            return null;
        }
        String h = color.substring(1).toLowerCase(Locale.ROOT);
        try {
            Rgba c = switch (h.length()) {
                case 3 -> new Rgba(hex(h, 0, 1) * 17, hex(h, 1, 2) * 17, hex(h, 2, 3) * 17, 1);
                case 6 -> new Rgba(hex(h, 0, 2), hex(h, 2, 4), hex(h, 4, 6), 1);
                case 8 -> new Rgba(hex(h, 0, 2), hex(h, 2, 4), hex(h, 4, 6), hex(h, 6, 8) / 255.0);
                default -> null;
            };
            return c == null || c.alpha <= 0 ? null : c;
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static int hex(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 16);
    }

    /** {@code #rrggbb}. */
    String hex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    Rgba withAlpha(double a) {
        return new Rgba(r, g, b, a);
    }
}
