package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * docs/diagram-document.schema.json and {@link DocumentValidator} must agree: on the
 * valid corpus both pass, on the invalid corpus both fail (the schema at or above the
 * path the Java validator names), and the Java-only corpus (rules a schema can't express)
 * passes the schema.
 *
 * <p>
 * The schema validator runs on Jackson 2 (test scope only), so documents are handed to it
 * as text, read with big decimals like the production reader.
 */
class SchemaAgreementTest {

    private static final ObjectMapper JACKSON2 = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
        .losslessNarrowing(true) // JSON Schema counts 1.0 as an integer; so does the Java
                                 // validator
        .pathType(PathType.JSON_PATH) // $.shapes[0].x, the Java validator's notation
        .build();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private static com.fasterxml.jackson.databind.JsonNode schemaNode;

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaNode = JACKSON2.readTree(Files.readString(schemaFile()));
        schema = FACTORY.getSchema(schemaNode, CONFIG);
    }

    /**
     * The working directory is the module's or the repository's; docs/ is at the
     * repository root.
     */
    static Path schemaFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/diagram-document.schema.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "docs/diagram-document.schema.json not found above " + Path.of("").toAbsolutePath());
    }

    static Stream<Arguments> valid() {
        return Corpus.arguments(Corpus.valid());
    }

    static Stream<Arguments> invalid() {
        return Corpus.arguments(Corpus.invalid());
    }

    static Stream<Arguments> javaOnly() {
        return Corpus.arguments(Corpus.javaOnly());
    }

    @Test
    void schemaIsAValidDraft202012Schema() {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"),
                CONFIG);

        assertThat(metaSchema.validate(schemaNode)).isEmpty();
        assertThat(schemaNode.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void schemaDescribesTheCurrentVersion() {
        assertThat(schemaNode.at("/properties/schema_version/const").asInt()).isEqualTo(DiagramDocument.SCHEMA_VERSION);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void bothAcceptValidDocuments(Corpus.Case c) throws IOException {
        assertThat(schemaErrors(c)).isEmpty();
        assertThat(DocumentValidator.validate(c.text())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void bothRejectInvalidDocumentsAtTheSamePlace(Corpus.Case c) throws IOException {
        Set<ValidationMessage> schemaErrors = schemaErrors(c);
        List<ValidationError> javaErrors = DocumentValidator.validate(c.text());

        assertThat(schemaErrors).as("schema errors").isNotEmpty();
        assertThat(javaErrors).as("Java errors").isNotEmpty();
        List<String> schemaPaths = schemaErrors.stream().map(m -> m.getInstanceLocation().toString()).toList();
        for (Corpus.Expected expected : c.errors()) {
            assertThat(schemaPaths).as("schema errors at or above " + expected.path())
                .anyMatch(p -> atOrAbove(p, expected.path()));
        }
    }

    @ParameterizedTest
    @MethodSource("javaOnly")
    void rulesOnlyJavaCanCheckPassTheSchema(Corpus.Case c) throws IOException {
        assertThat(schemaErrors(c)).isEmpty();
        assertThat(DocumentValidator.validate(c.text())).isNotEmpty();
    }

    private static Set<ValidationMessage> schemaErrors(Corpus.Case c) throws IOException {
        return schema.validate(JACKSON2.readTree(c.text()));
    }

    /**
     * {@code $.shapes[1]} is above {@code $.shapes[1].start} but not above
     * {@code $.shapes[10]}.
     */
    private static boolean atOrAbove(String candidate, String path) {
        return path.equals(candidate) || path.startsWith(candidate + ".") || path.startsWith(candidate + "[");
    }

}
