package com.autograph.document;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings documents of older schema versions up to {@link DiagramDocument#SCHEMA_VERSION},
 * one ordered step per version. A document without schema_version is version 0, the
 * pre-release format. Migration keeps every field it does not know; it does not validate
 * (the validator does, afterwards) and it refuses documents newer than this build.
 *
 * <p>
 * To add version N+1: write a {@link MigrationStep} from N, append it to {@code STEPS}
 * and raise {@code SCHEMA_VERSION}; the check below keeps the two in line.
 */
public final class DocumentMigrator {

    private static final List<MigrationStep> STEPS = List.of(new LegacyMigration());

    static {
        for (int i = 0; i < STEPS.size(); i++) {
            if (STEPS.get(i).from() != i) {
                throw new IllegalStateException("migration step " + i + " starts at version " + STEPS.get(i).from());
            }
        }
        if (STEPS.size() != DiagramDocument.SCHEMA_VERSION) {
            throw new IllegalStateException("migrations end at version " + STEPS.size() + " but the schema is at "
                    + DiagramDocument.SCHEMA_VERSION);
        }
    }

    private DocumentMigrator() {
    }

    /**
     * The document's version: its schema_version, or 0 when it has none.
     * @throws InvalidDocumentException when the document is not an object or its
     * schema_version is not a non-negative integer
     */
    public static int versionOf(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new InvalidDocumentException(List
                .of(new ValidationError("$", ValidationCode.WRONG_TYPE, "a diagram document is a JSON object")));
        }
        JsonNode version = Json.value(document, DiagramDocument.VERSION);
        if (version == null) {
            return 0;
        }
        ValidationError error = DocumentValidator.versionFieldError(version);
        if (error != null) {
            throw new InvalidDocumentException(List.of(error));
        }
        double v = Json.toDouble(version);
        return (int) v;
    }

    /**
     * A copy of {@code document} at the current version (the input is never changed).
     * Current documents come back as an equal copy.
     * @throws InvalidDocumentException when the version can't be read (see
     * {@link #versionOf}) or is newer than this build supports
     */
    public static ObjectNode migrate(JsonNode document) {
        int version = versionOf(document);
        if (version > DiagramDocument.SCHEMA_VERSION) {
            throw new InvalidDocumentException(List.of(DocumentValidator.tooNew(version)));
        }
        ObjectNode copy = (ObjectNode) document.deepCopy();
        if (version == DiagramDocument.SCHEMA_VERSION) {
            return copy;
        }
        for (MigrationStep step : STEPS.subList(version, STEPS.size())) {
            step.apply(copy);
        }
        return withVersionFirst(copy);
    }

    /**
     * Puts schema_version first, where people look for it, keeping the other keys' order.
     */
    private static ObjectNode withVersionFirst(ObjectNode document) {
        ObjectNode out = Json.NODES.objectNode();
        out.put(DiagramDocument.VERSION, DiagramDocument.SCHEMA_VERSION);
        document.forEachEntry((name, value) -> {
            if (!DiagramDocument.VERSION.equals(name)) {
                out.set(name, value);
            }
        });
        return out;
    }

}
