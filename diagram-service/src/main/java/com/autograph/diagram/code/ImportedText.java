package com.autograph.diagram.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.autograph.shared.text.InvalidText;
import com.autograph.shared.text.Text;

/**
 * Text that came out of an imported file rather than a JSON request body, so shared-lib's
 * reader never saw it: an Excalidraw or document file may spell a NUL or an unpaired
 * surrogate as a {@code \\u} escape, and a draw.io or code file may hold one raw.
 * PostgreSQL refuses the first and would store the second as '?', so both are refused
 * here, naming where in the document they are.
 */
final class ImportedText {

    /** Enough to show the problem; a file full of them need not be listed whole. */
    private static final int MAX_REPORTED = 5;

    private ImportedText() {
    }

    static void check(JsonNode document) {
        List<Map<String, String>> errors = new ArrayList<>();
        walk(document, "", errors);
        if (!errors.isEmpty()) {
            throw InvalidText.of(errors);
        }
    }

    private static void walk(JsonNode node, String path, List<Map<String, String>> errors) {
        if (errors.size() >= MAX_REPORTED) {
            return;
        }
        if (node.isString()) {
            report(Text.problem(node.asString()), path.isEmpty() ? "(document)" : path, errors);
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", errors);
            }
        }
        else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String field = path.isEmpty() ? Text.printable(property.getKey())
                        : path + "." + Text.printable(property.getKey());
                report(Text.problem(property.getKey()), field + " (a property name)", errors);
                walk(property.getValue(), field, errors);
            }
        }
    }

    private static void report(String problem, String field, List<Map<String, String>> errors) {
        if (problem != null && errors.size() < MAX_REPORTED) {
            errors.add(Map.of("field", "file: " + field, "message", problem));
        }
    }

}
