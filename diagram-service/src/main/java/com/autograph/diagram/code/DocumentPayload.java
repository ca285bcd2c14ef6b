package com.autograph.diagram.code;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.http.HttpStatus;

import com.autograph.diagram.web.InvalidDocumentException;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.ModelLimits;
import com.autograph.shared.error.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * Turns request payloads into documents and options, with 4xx answers that name the
 * problem.
 */
final class DocumentPayload {

    private DocumentPayload() {
    }

    /** A document sent by a client: within the limits, and valid. */
    static DiagramDocument read(JsonNode document, ModelLimits limits) {
        if (document == null || document.isNull()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "document is required.");
        }
        try {
            return DocumentCodec.read(document, limits);
        }
        catch (com.autograph.document.InvalidDocumentException ex) {
            throw new InvalidDocumentException(ex.errors());
        }
    }

    /** An enum option by its lower-case name; absent means the default. */
    static <E extends Enum<E>> E option(String field, String value, Class<E> type, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", field + " must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()
                    + ", not '" + value + "'.");
        }
    }

}
