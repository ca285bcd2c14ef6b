package com.autograph.diagram.file;

import java.util.List;

import org.springframework.stereotype.Component;

import com.autograph.diagram.web.InvalidDocumentException;
import com.autograph.document.DocumentValidator;
import com.autograph.document.ValidationError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every conversion of a canvas on the write path goes through here: one validation, one
 * serialisation and one shape-text extraction per written document, and a parse of stored
 * content only when its tree is asked for. The one place to count them (tests do).
 */
@Component
public class CanvasCodec {

    /** What a new file's canvas holds when the request has none. */
    static final String EMPTY_DOCUMENT = "{\"schema_version\": 1, \"shapes\": []}";

    private final JsonMapper json;

    CanvasCodec(JsonMapper json) {
        this.json = json;
    }

    /**
     * A written canvas checked against the schema (422 naming every problem) with the
     * note; a null canvas is the empty document.
     */
    public FileContent validated(JsonNode canvas, String note) {
        if (canvas == null) {
            return FileContent.stored(EMPTY_DOCUMENT, "", note);
        }
        List<ValidationError> errors = DocumentValidator.validate(canvas);
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return new FileContent(json.writeValueAsString(canvas), canvas, ShapeText.of(canvas), note);
    }

    /**
     * The content's canvas tree: the one it was written with, or its text parsed once.
     */
    public JsonNode canvas(FileContent content) {
        if (content.parsedCanvas() == null) {
            content.parsedCanvas(parse(content.canvasJson()));
        }
        return content.parsedCanvas();
    }

    /** Canvas text read from storage (a version, the head), as a tree. */
    public JsonNode parse(String canvasJson) {
        return json.readTree(canvasJson);
    }

}
