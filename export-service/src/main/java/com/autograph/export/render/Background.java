package com.autograph.export.render;

import java.util.Locale;
import java.util.regex.Pattern;

import com.autograph.document.DiagramDocument;

/**
 * What is painted behind the diagram: the document's own background (the default),
 * nothing (transparent), or a colour. API values: {@code document}, {@code transparent},
 * {@code white}, {@code #rgb} or {@code #rrggbb}.
 *
 * @param color {@code null} for the document's, {@code "transparent"}, or {@code #rrggbb}
 */
public record Background(String color) {

    private static final Pattern HEX6 = Pattern.compile("#[0-9a-f]{6}");

    private static final Pattern HEX3 = Pattern.compile("#[0-9a-f]{3}");

    public static final Background DOCUMENT = new Background(null);

    public static final Background TRANSPARENT = new Background("transparent");

    public static final Background WHITE = new Background("#ffffff");

    public Background {
        if (color != null && !"transparent".equals(color) && !HEX6.matcher(color).matches()) {
            throw new InvalidRenderOptionException("background", "a colour is #rrggbb in lower case");
        }
    }

    /**
     * Reads the API value (case-insensitive).
     * @throws InvalidRenderOptionException naming {@code background} for anything else
     */
    public static Background parse(String value) {
        if (value == null || value.isBlank()) {
            return DOCUMENT;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "document":
                return DOCUMENT;
            case "transparent":
                return TRANSPARENT;
            case "white":
                return WHITE;
            default:
                if (HEX6.matcher(v).matches()) {
                    return new Background(v);
                }
                if (HEX3.matcher(v).matches()) {
                    return new Background(
                            "#" + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2) + v.charAt(3) + v.charAt(3));
                }
                throw new InvalidRenderOptionException("background", "\"" + InvalidRenderOptionException.quoted(value)
                        + "\" is not one of document, transparent, white, #rgb or #rrggbb");
        }
    }

    /**
     * The colour to paint for this document: {@code "transparent"} or a document colour.
     */
    public String resolve(DiagramDocument document) {
        return color != null ? color : document.background();
    }

    /** The API value. */
    @Override
    public String toString() {
        return color == null ? "document" : color;
    }
}
