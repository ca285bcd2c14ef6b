package com.autograph.document.formats.excalidraw;

import java.time.Clock;
import java.util.Objects;

import com.autograph.document.DiagramDocument;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;

/**
 * Import and export of Excalidraw's {@code .excalidraw} files (JSON,
 * {@code "type": "excalidraw"}, version 2). Ids are kept; Excalidraw-only properties
 * travel in each shape's {@code excalidraw} extension field so that import → export →
 * import gives the same document. The mapping is documented in {@code docs/formats.md}.
 */
public final class ExcalidrawFormat {

    /**
     * The extension field (on shapes and on the document) holding Excalidraw-only
     * properties.
     */
    public static final String FIELD = "excalidraw";

    private final Clock clock;

    private final ModelLimits limits;

    public ExcalidrawFormat() {
        this(Clock.systemUTC());
    }

    /** {@code clock} stamps the {@code updated} time of elements that never had one. */
    public ExcalidrawFormat(Clock clock) {
        this(clock, ModelLimits.DEFAULTS);
    }

    /** Reads within {@code limits}: input size, JSON depth, elements and label length. */
    public ExcalidrawFormat(Clock clock, ModelLimits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads a {@code .excalidraw} file (or Excalidraw clipboard JSON). Deleted elements
     * are skipped.
     * @throws FormatException when the text is not an Excalidraw scene
     * @throws LimitExceededException when it is over one of the limits
     */
    public DiagramDocument read(String json) {
        return new ExcalidrawImporter(limits).read(json);
    }

    /** Writes the document as a {@code .excalidraw} file Excalidraw opens. */
    public String write(DiagramDocument doc) {
        return new ExcalidrawExporter(clock.millis()).write(doc);
    }

}
