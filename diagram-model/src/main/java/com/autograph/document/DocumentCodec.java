package com.autograph.document;

import java.util.List;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes diagram documents as JSON.
 *
 * <p>
 * Reading parses, migrates older versions ({@link DocumentMigrator}), validates
 * ({@link DocumentValidator}) and only then builds the model, so a
 * {@link DiagramDocument} from here is always valid. Errors of a migrated document name
 * paths in its migrated form.
 *
 * <p>
 * Writing gives back exactly what was read, fields this version does not know included
 * (at document, shape, style and connector-end level), with numbers as they were written
 * and absent or null fields as they were; only whitespace and the order of keys may
 * differ.
 */
public final class DocumentCodec {

    private DocumentCodec() {
    }

    /**
     * Reads JSON text.
     * @throws InvalidDocumentException listing every problem, when the text is not a
     * valid document
     */
    public static DiagramDocument read(String json) {
        return read(json == null ? null : parsed(() -> Json.parse(json)));
    }

    /**
     * Reads JSON bytes (UTF-8, UTF-16 or UTF-32, as JSON allows).
     * @throws InvalidDocumentException listing every problem, when the bytes are not a
     * valid document
     */
    public static DiagramDocument read(byte[] json) {
        return read(json == null ? null : parsed(() -> Json.parse(json)));
    }

    /**
     * Reads untrusted JSON text within {@code limits}: its length and nesting are checked
     * while it is parsed, its shapes counted before they are validated.
     * @throws LimitExceededException when the text is over one of the limits
     * @throws InvalidDocumentException listing every problem, when the text is not a
     * valid document
     */
    public static DiagramDocument read(String json, ModelLimits limits) {
        JsonNode tree = json == null ? null : parsed(() -> LimitedJson.readTree(json, limits));
        return read(tree, limits);
    }

    /**
     * Reads an untrusted tree (e.g. a request body) within {@code limits}: nesting and
     * the number of shapes are checked before the document is validated and built.
     * @throws LimitExceededException when the tree is over one of the limits
     * @throws InvalidDocumentException listing every problem, when the tree is not a
     * valid document
     */
    public static DiagramDocument read(JsonNode tree, ModelLimits limits) {
        if (tree != null && !tree.isMissingNode()) {
            LimitedJson.checkDepth(tree, limits);
            limits.checkShapes(tree.path("shapes").size());
            for (JsonNode shape : tree.path("shapes")) {
                if (shape.path(Shape.TEXT).isString()) {
                    limits.checkText(shape.get(Shape.TEXT).stringValue());
                }
            }
        }
        return read(tree);
    }

    /**
     * Reads a tree, e.g. one a service parsed or loaded from JSONB. The tree is not
     * changed and the document keeps no reference to it.
     * @throws InvalidDocumentException listing every problem, when the tree is not a
     * valid document
     */
    public static DiagramDocument read(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidDocumentException(DocumentValidator.validate((JsonNode) null));
        }
        ObjectNode current;
        try {
            current = DocumentMigrator.migrate(tree);
        }
        catch (InvalidDocumentException unreadableVersion) {
            // Judge the document as it stands by the current rules, so every problem
            // shows at once.
            throw new InvalidDocumentException(DocumentValidator.validate(tree));
        }
        List<ValidationError> errors = DocumentValidator.validate(current);
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return DiagramDocument.wrap(current);
    }

    /** Compact JSON text. */
    public static String write(DiagramDocument document) {
        return Json.MAPPER.writeValueAsString(document.sharedTree());
    }

    /** Indented JSON text, for people and fixtures. */
    public static String writePretty(DiagramDocument document) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document.sharedTree());
    }

    /** Compact JSON as UTF-8 bytes. */
    public static byte[] writeBytes(DiagramDocument document) {
        return Json.MAPPER.writeValueAsBytes(document.sharedTree());
    }

    /** The document as a tree of its own, free to change (e.g. to store as JSONB). */
    public static ObjectNode toTree(DiagramDocument document) {
        return document.sharedTree().deepCopy();
    }

    private static JsonNode parsed(Supplier<JsonNode> parse) {
        try {
            return parse.get();
        }
        catch (JacksonException e) {
            throw new InvalidDocumentException(List.of(Json.parseError(e)));
        }
        catch (NumberFormatException e) {
            // Jackson reads floats as BigDecimal here and lets an exponent past
            // BigDecimal's range
            // (1e3372036854775808) escape as a bare NumberFormatException.
            throw new InvalidDocumentException(List.of(new ValidationError("$", ValidationCode.MALFORMED_JSON,
                    "not valid JSON: a number is beyond any range this reads")));
        }
    }

}
