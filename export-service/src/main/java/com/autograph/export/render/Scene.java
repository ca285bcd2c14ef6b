package com.autograph.export.render;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

/** The {@link RenderLimits} checks, each made before what it guards is allocated. */
final class Scene {

    private Scene() {
    }

    static void checkShapes(DiagramDocument document, RenderLimits limits) {
        if (document.shapes().size() > limits.maxShapes()) {
            throw new RenderLimitExceededException(RenderLimits.MAX_SHAPES, limits.maxShapes(),
                    "The diagram has " + document.shapes().size() + " shapes");
        }
    }

    /** Labels and the note together: what the text of the output grows with. */
    static void checkText(RenderInput input, RenderLimits limits) {
        long chars = input.note() == null ? 0 : input.note().length();
        for (Shape s : input.document().shapes()) {
            chars += s.text().map(String::length).orElse(0);
        }
        if (chars > limits.maxTextChars()) {
            throw new RenderLimitExceededException(RenderLimits.MAX_TEXT_CHARS, limits.maxTextChars(),
                    "The diagram's labels and note have " + chars + " characters");
        }
    }

    /**
     * A raster of {@code width} × {@code height} CSS px at {@code scale}, before it is
     * allocated.
     */
    static void checkPixels(double width, double height, int scale, RenderLimits limits) {
        double w = Math.ceil(width * scale);
        double h = Math.ceil(height * scale);
        if (w > limits.maxSide() || h > limits.maxSide()) {
            throw new RenderLimitExceededException(RenderLimits.MAX_SIDE, limits.maxSide(), String
                .format(java.util.Locale.ROOT, "The picture would be %.0f × %.0f pixels at %d×", w, h, scale));
        }
        if (w * h > limits.maxPixels()) {
            throw new RenderLimitExceededException(RenderLimits.MAX_PIXELS, limits.maxPixels(),
                    String.format(java.util.Locale.ROOT, "The picture would have %.0f pixels (%.0f × %.0f at %d×)",
                            w * h, w, h, scale));
        }
    }

    static void checkPages(long pages, RenderLimits limits) {
        if (pages > limits.maxPages()) {
            throw new RenderLimitExceededException(RenderLimits.MAX_PAGES, limits.maxPages(),
                    "The tiled PDF would have " + pages + " pages");
        }
    }

}
