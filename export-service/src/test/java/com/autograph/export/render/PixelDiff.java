package com.autograph.export.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * For bench/export: how many pixels of two PNGs differ visibly (see
 * {@link Outputs#differingShare}).
 */
public final class PixelDiff {

    private PixelDiff() {
    }

    public static void main(String[] args) throws Exception {
        var a = Outputs.png(Files.readAllBytes(Path.of(args[0])));
        var b = Outputs.png(Files.readAllBytes(Path.of(args[1])));
        System.out.printf(Locale.ROOT,
                "Batik PNG vs rsvg-convert PNG of the same SVG (%dx%d vs %dx%d): %.3f %% of pixels differ"
                        + " by more than 48/255 in a channel (goal < 1 %%)%n",
                a.getWidth(), a.getHeight(), b.getWidth(), b.getHeight(), 100 * Outputs.differingShare(a, b, 48));
    }

}
