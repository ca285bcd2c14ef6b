package com.autograph.export.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The fonts the service ships (Liberation 2, SIL Open Font License, from the
 * {@code openpdf-fonts-extra} jar on the class path): a document's {@code font_family} is
 * drawn with the closest of them, so PNG and PDF look the same on every server whatever
 * it has installed, and the PDF can embed the very font the PNG used. Nothing is fetched
 * at run time.
 */
enum FontFace {

    SANS("Liberation Sans", "LiberationSans-Regular.ttf", "sans-serif"),
    SANS_BOLD("Liberation Sans", "LiberationSans-Bold.ttf", "sans-serif"),
    SERIF("Liberation Serif", "LiberationSerif-Regular.ttf", "serif"),
    SERIF_BOLD("Liberation Serif", "LiberationSerif-Bold.ttf", "serif"),
    MONO("Liberation Mono", "LiberationMono-Regular.ttf", "monospace"),
    MONO_BOLD("Liberation Mono", "LiberationMono-Bold.ttf", "monospace");

    private static final String FOLDER = "/liberation/";

    private final String family;

    private final String file;

    private final String generic;

    private volatile Font awt;

    FontFace(String family, String file, String generic) {
        this.family = family;
        this.file = file;
        this.generic = generic;
    }

    /**
     * The family name SVG asks for and AWT (so Batik) knows once {@link #registerAll()}
     * ran.
     */
    String family() {
        return family;
    }

    /** The CSS generic family to fall back on in a browser without the font. */
    String generic() {
        return generic;
    }

    /** The TrueType file's bytes, for embedding. */
    InputStream open() {
        InputStream in = FontFace.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new IllegalStateException("font " + file + " is missing from the class path (openpdf-fonts-extra)");
        }
        return in;
    }

    /** The font at size 1, for checking which characters it has. */
    Font awt() {
        Font f = awt;
        if (f == null) {
            try (InputStream in = open()) {
                f = Font.createFont(Font.TRUETYPE_FONT, in);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (FontFormatException e) {
                throw new IllegalStateException("font " + file + " is unreadable", e);
            }
            awt = f;
        }
        return f;
    }

    /**
     * Whether the font can draw this character (others are drawn as a replacement
     * character).
     */
    boolean canDisplay(int codePoint) {
        return awt().canDisplay(codePoint);
    }

    /**
     * The face standing in for a document's family and weight: monospace and code fonts
     * by name, serif ones by name, everything else (Excalidraw's Virgil, Helvetica,
     * sans-serif …) sans.
     */
    static FontFace of(String family, int weight) {
        String f = family == null ? "" : family.toLowerCase(Locale.ROOT);
        boolean bold = weight >= 600;
        if (f.contains("mono") || f.contains("code") || f.contains("courier") || f.contains("cascadia")
                || f.contains("consolas")) {
            return bold ? MONO_BOLD : MONO;
        }
        if ((f.contains("serif") && !f.contains("sans")) || f.contains("times") || f.contains("georgia")) {
            return bold ? SERIF_BOLD : SERIF;
        }
        return bold ? SANS_BOLD : SANS;
    }

    private static volatile boolean registered;

    /** Makes the faces known to AWT by family name, for Batik; idempotent. */
    static void registerAll() {
        if (registered) {
            return;
        }
        synchronized (FontFace.class) {
            if (!registered) {
                GraphicsEnvironment env = GraphicsEnvironment.getLocalGraphicsEnvironment();
                for (FontFace face : values()) {
                    env.registerFont(face.awt());
                }
                registered = true;
            }
        }
    }

}
