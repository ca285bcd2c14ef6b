package com.autograph.document.formats.excalidraw;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import com.autograph.document.DiagramDocument;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;
import com.autograph.document.uploads.Upload;
import com.autograph.document.uploads.UploadCollector;
import com.autograph.document.uploads.UploadLimits;
import com.autograph.document.uploads.UploadReferences;

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
        return new ExcalidrawImporter(limits, null).read(json);
    }

    /**
     * A document and what it refers to in object storage: see
     * {@link #readExtracting(String, UploadLimits)}.
     */
    public record Extracted(DiagramDocument document, List<Upload> uploads) {
    }

    /**
     * Reads a {@code .excalidraw} file taking its pictures and over-long labels out: each
     * picture an image shows is checked (size before decoding, type by its bytes, pixels)
     * and referred to by key ({@link UploadReferences}), each label over the text limit
     * keeps its beginning and refers to the whole; pictures no image shows are dropped.
     * The caller stores the uploads.
     * @throws FormatException when the text is not an Excalidraw scene or a picture is
     * not a PNG, JPEG, GIF or WebP of the type it claims
     * @throws LimitExceededException when it is over one of the limits
     */
    public Extracted readExtracting(String json, UploadLimits uploadLimits) {
        UploadCollector uploads = new UploadCollector(uploadLimits);
        DiagramDocument document = new ExcalidrawImporter(limits, uploads).read(json);
        return new Extracted(document, uploads.uploads());
    }

    /** Writes the document as a {@code .excalidraw} file Excalidraw opens. */
    public String write(DiagramDocument doc) {
        return new ExcalidrawExporter(clock.millis()).write(doc);
    }

}
