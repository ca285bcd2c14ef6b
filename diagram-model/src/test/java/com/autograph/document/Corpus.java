package com.autograph.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import tools.jackson.databind.JsonNode;

/**
 * The shared test documents in src/test/resources/corpus: valid ones, invalid ones with
 * the exact errors the validator must report, and ones only the Java validator can
 * reject.
 */
final class Corpus {

    /** One expected error: where and which code. */
    record Expected(String path, ValidationCode code) {
        @Override
        public String toString() {
            return path + " " + code.id();
        }
    }

    /** A named document and the errors it must produce (none for valid ones). */
    record Case(String name, List<Expected> errors, JsonNode document) {
        @Override
        public String toString() {
            return name;
        }

        /** The document as JSON text, for validators that parse it themselves. */
        String text() {
            return document.toString();
        }
    }

    private Corpus() {
    }

    static List<Case> valid() {
        return load("valid.json");
    }

    /** Documents both the JSON Schema and the Java validator reject. */
    static List<Case> invalid() {
        return load("invalid.json");
    }

    /** Documents only the Java validator rejects (rules a schema can't express). */
    static List<Case> javaOnly() {
        return load("java-only.json");
    }

    static Stream<Arguments> arguments(List<Case> cases) {
        return cases.stream().map(c -> Arguments.argumentSet(c.name(), c));
    }

    private static List<Case> load(String file) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource corpus/" + file);
            }
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : Json.MAPPER.readTree(in)) {
                List<Expected> errors = new ArrayList<>();
                for (JsonNode e : c.path("errors")) {
                    errors.add(new Expected(e.get(0).stringValue(),
                            ValidationCode.valueOf(e.get(1).stringValue().toUpperCase(java.util.Locale.ROOT))));
                }
                cases.add(new Case(c.get("name").stringValue(), List.copyOf(errors), c.get("document")));
            }
            return List.copyOf(cases);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
