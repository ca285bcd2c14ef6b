package com.autograph.document.formats.tldraw;

import java.util.List;
import java.util.Objects;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.ValidationError;
import com.autograph.document.formats.FormatException;

/**
 * Import of tldraw's {@code .tldr} files: a store snapshot of records
 * ({@code {"tldrawFileFormatVersion": 1, "schema": …, "records": […]}}), also as the
 * editor's {@code {"store": {id: record}, "schema": …}} snapshot or that wrapped as
 * {@code {"document": …, "session": …}}. Geo shapes, arrows (bound through
 * {@code binding} records or, in files from before bindings, through their own
 * terminals), text, notes, frames, groups, lines and freehand drawings become shapes;
 * every page is imported (several pages as one frame each). tldraw-only properties travel
 * in each shape's {@code tldraw} extension field. The mapping is documented in
 * {@code docs/formats.md}.
 */
public final class TldrawFormat {

    /**
     * The extension field (on shapes and on the document) holding tldraw-only properties.
     */
    public static final String FIELD = "tldraw";

    private final ModelLimits limits;

    /** Reads within {@link ModelLimits#DEFAULTS}. */
    public TldrawFormat() {
        this(ModelLimits.DEFAULTS);
    }

    /** Reads within {@code limits}: input size, JSON depth, shapes and label length. */
    public TldrawFormat(ModelLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads a {@code .tldr} file.
     * @throws FormatException when the text is not a tldraw file, or names the problem
     * that keeps it from being read
     * @throws LimitExceededException when it is over one of the limits
     */
    public DiagramDocument read(String json) {
        DiagramDocument doc = new TldrawImporter(limits).read(json);
        // What tldraw allows and the document doesn't (a shape nested far out past the
        // document's coordinate range) is named here, not left for a later save to
        // refuse.
        List<ValidationError> problems = DocumentValidator.validate(doc);
        if (!problems.isEmpty()) {
            throw new FormatException("the drawing does not fit the diagram document: " + problems.getFirst());
        }
        return doc;
    }

}
