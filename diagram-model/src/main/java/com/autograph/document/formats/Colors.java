package com.autograph.document.formats;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Colour values of other tools to the document's colour syntax ({@code #rgb},
 * {@code #rrggbb}, {@code #rrggbbaa}, {@code transparent}).
 */
public final class Colors {

    private static final Pattern HEX = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

    /**
     * The CSS names the tools we import actually write; anything rarer is kept verbatim
     * by the importer.
     */
    private static final Map<String, String> CSS = Map.ofEntries(Map.entry("black", "#000000"),
            Map.entry("white", "#ffffff"), Map.entry("red", "#ff0000"), Map.entry("green", "#008000"),
            Map.entry("blue", "#0000ff"), Map.entry("yellow", "#ffff00"), Map.entry("orange", "#ffa500"),
            Map.entry("gray", "#808080"), Map.entry("grey", "#808080"), Map.entry("purple", "#800080"),
            Map.entry("none", "transparent"), Map.entry("transparent", "transparent"));

    private Colors() {
    }

    /**
     * The colour in document syntax, or null when the value isn't a colour we can read.
     */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (HEX.matcher(v).matches()) {
            return v.toLowerCase(Locale.ROOT);
        }
        return CSS.get(v.toLowerCase(Locale.ROOT));
    }

    public static boolean isDocumentColor(String value) {
        return value != null && (HEX.matcher(value).matches() || "transparent".equals(value));
    }

}
