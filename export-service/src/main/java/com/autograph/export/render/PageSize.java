package com.autograph.export.render;

import java.util.Locale;

/**
 * The PDF page: one page the drawing's own size ({@link #FIT}), or ISO A4 / US Letter in
 * the orientation that suits the drawing. API values {@code fit}, {@code a4},
 * {@code letter}.
 */
public enum PageSize {

    FIT(0, 0),
    /** 210 × 297 mm in PDF points (1/72 in). */
    A4(595.28f, 841.89f),
    /** 8.5 × 11 in. */
    LETTER(612, 792);

    private final float shortSide;

    private final float longSide;

    PageSize(float shortSide, float longSide) {
        this.shortSide = shortSide;
        this.longSide = longSide;
    }

    /** Points of the short side; 0 for {@link #FIT}. */
    public float shortSide() {
        return shortSide;
    }

    public float longSide() {
        return longSide;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws InvalidRenderOptionException naming {@code page} for anything but fit, a4
     * or letter
     */
    public static PageSize parse(String value) {
        if (value == null || value.isBlank()) {
            return FIT;
        }
        for (PageSize p : values()) {
            if (p.id().equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new InvalidRenderOptionException("page",
                "\"" + InvalidRenderOptionException.quoted(value) + "\" is not one of fit, a4 or letter");
    }

}
