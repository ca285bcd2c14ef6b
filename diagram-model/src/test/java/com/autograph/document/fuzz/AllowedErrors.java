package com.autograph.document.fuzz;

import java.util.List;

import com.autograph.document.InvalidDocumentException;
import com.autograph.document.LimitExceededException;
import com.autograph.document.formats.FormatException;

/**
 * The only exceptions a parser or importer may throw for bad input: its documented error
 * types. Anything else (a NullPointerException, an index out of bounds, a
 * NumberFormatException, a StackOverflowError, an OutOfMemoryError) is a bug the fuzz
 * targets report. This is the one place to extend when a parser gets a new documented
 * error (e.g. an exception for a resource limit).
 */
final class AllowedErrors {

    /**
     * Mermaid, Eraser and PlantUML report every syntax problem as a {@code CodeError}
     * with a position; they throw only when the input is over a {@code ModelLimits}
     * limit.
     */
    static final List<Class<? extends RuntimeException>> CODE = List.of(LimitExceededException.class);

    /**
     * draw.io, Excalidraw and tldraw import: a file that can't be imported is a
     * {@link FormatException}.
     */
    static final List<Class<? extends RuntimeException>> IMPORT = List.of(FormatException.class,
            LimitExceededException.class);

    /**
     * The document JSON codec and validator: an {@link InvalidDocumentException} listing
     * the problems.
     */
    static final List<Class<? extends RuntimeException>> DOCUMENT = List.of(InvalidDocumentException.class,
            LimitExceededException.class);

    private AllowedErrors() {
    }

    static boolean allowed(List<Class<? extends RuntimeException>> allowed, Throwable thrown) {
        return allowed.stream().anyMatch(type -> type.isInstance(thrown));
    }

}
