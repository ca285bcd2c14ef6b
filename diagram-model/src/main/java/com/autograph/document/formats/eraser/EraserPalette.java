package com.autograph.document.formats.eraser;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The colour names the language knows, as the hex they become (a node's or group's
 * {@code stroke_color}). The shades are the canvas's default palette, so imported code
 * looks like drawn shapes. {@code grey} is an alias of {@code gray}; any {@code #rrggbb}
 * is accepted too.
 */
public final class EraserPalette {

    /**
     * Name to hex, in the order the palette is shown; the first name of a hex is the one
     * rendered.
     */
    public static final Map<String, String> COLORS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("black", "#1e1e1e");
        m.put("gray", "#868e96");
        m.put("grey", "#868e96");
        m.put("red", "#e03131");
        m.put("pink", "#c2255c");
        m.put("purple", "#9c36b5");
        m.put("violet", "#6741d9");
        m.put("indigo", "#3b5bdb");
        m.put("blue", "#1971c2");
        m.put("cyan", "#0c8599");
        m.put("teal", "#099268");
        m.put("green", "#2f9e44");
        m.put("lime", "#66a80f");
        m.put("yellow", "#f08c00");
        m.put("orange", "#e8590c");
        m.put("brown", "#846358");
        m.put("white", "#ffffff");
        COLORS = Collections.unmodifiableMap(m);
    }

    private EraserPalette() {
    }

    /** The hex of a colour name (any case), or null. */
    public static String hex(String name) {
        return COLORS.get(name.toLowerCase(Locale.ROOT));
    }

    /** The first name with this hex, or null when the colour isn't in the palette. */
    public static String name(String hex) {
        for (Map.Entry<String, String> e : COLORS.entrySet()) {
            if (e.getValue().equalsIgnoreCase(hex)) {
                return e.getKey();
            }
        }
        return null;
    }

}
