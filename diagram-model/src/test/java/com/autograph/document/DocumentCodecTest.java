package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DocumentCodecTest {

    /** A document with fields from the future at every level, including odd numbers. */
    static final String FUTURE = """
            {"schema_version":1,"theme":{"name":"dark","accent":"#ff00ff"},"shapes":[\
            {"id":"api","type":"rectangle","x":0,"y":0.5,"width":160,"height":60,"text":"API",\
            "shadow":{"blur":4,"offset":[1,2]},"tags":["backend"],"parent_id":null,"note":null,\
            "style":{"opacity":0.25,"gradient":{"from":"#000","to":"#fff"},"blend":"multiply"}},\
            {"id":"db","type":"ellipse","x":1.50,"y":1E+2,"width":1e2,"height":100,"weight":12345678901234567890123},\
            {"id":"e1","type":"arrow","start":{"shape_id":"api","focus":0.25,"gap":4},\
            "end":{"shape_id":"db","anchor":{"side":"left","offset":0.3333333333333333333333}},\
            "text":"SQL","animation":"dash-flow","style":{}}],\
            "background":"#ffffff","viewport":{"zoom":1.5},"comments_enabled":false}""";

    static Stream<Arguments> validDocuments() {
        return Corpus.arguments(Corpus.valid());
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void roundTripIsLossless(Corpus.Case c) {
        DiagramDocument doc = DocumentCodec.read(c.document());

        String written = DocumentCodec.write(doc);

        assertThat(Json.parse(written)).isEqualTo(c.document());
        assertThat(written).isEqualTo(compact(c.text()));
        assertThat(DocumentCodec.read(written)).isEqualTo(doc);
    }

    @Test
    void unknownFieldsAtEveryLevelSurviveTextForText() {
        DiagramDocument doc = DocumentCodec.read(FUTURE);

        assertThat(DocumentCodec.write(doc)).isEqualTo(compact(FUTURE));
        assertThat(doc.unknownFields()).containsOnlyKeys("theme", "viewport", "comments_enabled");
        Shape api = doc.shape("api").orElseThrow();
        assertThat(api.unknownFields()).containsOnlyKeys("shadow", "tags", "note");
        assertThat(api.unknownFields().get("shadow")).isEqualTo(Json.parse("{\"blur\":4,\"offset\":[1,2]}"));
        assertThat(api.style().unknownFields()).containsOnlyKeys("gradient", "blend");
        assertThat(api.parentId()).isEmpty();
        Shape arrow = doc.shape("e1").orElseThrow();
        assertThat(arrow.start().orElseThrow().unknownFields()).containsOnlyKeys("focus", "gap");
        assertThat(arrow.end().orElseThrow().unknownFields().get("anchor").get("offset").decimalValue())
            .hasToString("0.3333333333333333333333");
        assertThat(doc.shape("db").orElseThrow().unknownFields().get("weight").bigIntegerValue())
            .hasToString("12345678901234567890123");
    }

    @Test
    void editsKeepUnknownFields() {
        DiagramDocument doc = DocumentCodec.read(FUTURE);
        Shape api = doc.shape("api").orElseThrow();

        DiagramDocument edited = doc
            .withShape(api.withPosition(10, 20).withStyle(api.style().toBuilder().opacity(1).build()))
            .withBackground("#000000");

        JsonNode tree = DocumentCodec.toTree(edited);
        assertThat(tree.get("theme")).isEqualTo(Json.parse(FUTURE).get("theme"));
        assertThat(tree.at("/shapes/0/shadow/blur").intValue()).isEqualTo(4);
        assertThat(tree.at("/shapes/0/x").intValue()).isEqualTo(10);
        assertThat(tree.at("/shapes/0/style/gradient/to").stringValue()).isEqualTo("#fff");
        assertThat(tree.at("/shapes/0/style/opacity").intValue()).isEqualTo(1);
        assertThat(tree.at("/shapes/2/start/gap").intValue()).isEqualTo(4);
        assertThat(tree.get("background").stringValue()).isEqualTo("#000000");
    }

    @Test
    void absentFieldsStayAbsentAndDefaultsAreNotWritten() {
        String minimal = "{\"schema_version\":1,\"shapes\":[{\"id\":\"a\",\"type\":\"arrow\",\"start\":{\"x\":0,\"y\":0},"
                + "\"end\":{\"x\":5,\"y\":5}}]}";

        DiagramDocument doc = DocumentCodec.read(minimal);

        Shape a = doc.shapes().getFirst();
        assertThat(a.width()).isZero();
        assertThat(a.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(a.style().resolve().strokeWidth()).isEqualTo(2);
        assertThat(doc.background()).isEqualTo("#ffffff");
        assertThat(DocumentCodec.write(doc)).isEqualTo(minimal);
    }

    @Test
    void keepsShapeOrder() {
        String json = "{\"schema_version\":1,\"shapes\":[{\"id\":\"z\",\"type\":\"text\"},{\"id\":\"a\",\"type\":\"text\"},"
                + "{\"id\":\"m\",\"type\":\"text\"}]}";

        assertThat(DocumentCodec.read(json).shapes()).extracting(Shape::id).containsExactly("z", "a", "m");
        assertThat(DocumentCodec.write(DocumentCodec.read(json))).isEqualTo(json);
    }

    @Test
    void readNeitherChangesNorKeepsTheInputTree() {
        ObjectNode input = (ObjectNode) Json.parse(FUTURE);
        JsonNode pristine = input.deepCopy();

        DiagramDocument doc = DocumentCodec.read(input);
        ((ObjectNode) input.get("shapes").get(0)).put("text", "changed");
        ((ObjectNode) input.get("theme")).put("name", "light");

        assertThat(doc.shape("api").orElseThrow().text()).contains("API");
        assertThat(doc.unknownFields().get("theme").get("name").stringValue()).isEqualTo("dark");
        input.removeAll();
        input.setAll((ObjectNode) pristine);
        assertThat(DocumentCodec.toTree(doc)).isEqualTo(pristine);
    }

    @Test
    void toTreeIsTheCallersToChange() {
        DiagramDocument doc = DocumentCodec.read(FUTURE);

        ObjectNode tree = DocumentCodec.toTree(doc);
        ((ObjectNode) tree.get("shapes").get(0)).put("text", "changed");
        ((ObjectNode) tree.at("/shapes/0/style")).put("opacity", 0.9);
        tree.put("background", "#000");

        assertThat(DocumentCodec.write(doc)).isEqualTo(compact(FUTURE));
    }

    @Test
    void bytesAreUtf8BothWays() {
        DiagramDocument doc = DiagramDocument.of(java.util.List.of(Shape.text("t", "Grüße, 世界 🦊").build()));

        byte[] bytes = DocumentCodec.writeBytes(doc);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Grüße, 世界 🦊");
        assertThat(DocumentCodec.read(bytes)).isEqualTo(doc);
    }

    @Test
    void prettyOutputReadsBackTheSame() {
        DiagramDocument doc = DocumentCodec.read(FUTURE);

        String pretty = DocumentCodec.writePretty(doc);

        assertThat(pretty).contains("\n  \"schema_version\" : 1");
        assertThat(DocumentCodec.read(pretty)).isEqualTo(doc);
    }

    @Test
    void invalidDocumentIsRefusedWithEveryError() {
        InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
                () -> DocumentCodec
                    .read("{\"schema_version\":1,\"shapes\":[{\"id\":\"a\",\"type\":\"rectangle\",\"width\":-1},"
                            + "{\"id\":\"a\",\"type\":\"ellipse\"},{\"id\":\"e\",\"type\":\"arrow\"}]}"));

        assertThat(e.errors()).extracting(ValidationError::path)
            .containsExactly("$.shapes[0].width", "$.shapes[2].start", "$.shapes[2].end", "$.shapes[1].id");
        assertThat(e.getMessage()).startsWith("invalid diagram document: $.shapes[0].width: must be a number")
            .doesNotContain("more");
    }

    @Test
    void exceptionMessageSummarisesLongErrorLists() {
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            shapes.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"type\":\"blob\"}");
        }

        assertThatThrownBy(() -> DocumentCodec.read("{\"schema_version\":1,\"shapes\":[" + shapes + "]}"))
            .isInstanceOf(InvalidDocumentException.class)
            .hasMessageEndingWith("(and 3 more)");
    }

    @Test
    void malformedTextIsRefusedWithThePosition() {
        InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
                () -> DocumentCodec.read("{\"schema_version\":1,\n\"shapes\":[,]}"));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.code()).isEqualTo(ValidationCode.MALFORMED_JSON);
            assertThat(err.message()).contains("line 2, column 11");
        });
        assertThatThrownBy(() -> DocumentCodec.read((String) null)).isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> DocumentCodec.read("  ")).isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> DocumentCodec.read(new byte[] { '[' })).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void anUnreadableVersionIsReportedWithEverythingElse() {
        InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class, () -> DocumentCodec
            .read("{\"schema_version\":\"1\",\"shapes\":[{\"id\":\"\",\"type\":\"rectangle\"}]}"));

        assertThat(e.errors()).extracting(ValidationError::path, ValidationError::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.schema_version", ValidationCode.WRONG_TYPE),
                    org.assertj.core.groups.Tuple.tuple("$.shapes[0].id", ValidationCode.INVALID_LENGTH));
    }

    @Test
    void legacyDocumentsAreMigratedOnRead() {
        DiagramDocument doc = DocumentCodec.read("""
                {"elements": [{"id": "n", "type": "stickyNote", "fillColor": "#ffec99", "parentId": null}],
                 "backgroundColor": "#fafafa"}""");

        assertThat(doc.shapes()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(ShapeType.STICKY_NOTE);
            assertThat(s.style().fillColor()).contains("#ffec99");
        });
        assertThat(doc.background()).isEqualTo("#fafafa");
        assertThat(DocumentCodec.write(doc)).startsWith("{\"schema_version\":1,\"shapes\":[");
    }

    @Test
    void tooNewDocumentsAreRefusedNamingTheSupportedVersion() {
        InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
                () -> DocumentCodec.read("{\"schema_version\":2,\"shapes\":[]}"));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.code()).isEqualTo(ValidationCode.VERSION_TOO_NEW);
            assertThat(err.message()).contains("newer than this build supports (1)");
        });
    }

    private static String compact(String json) {
        return Json.MAPPER.writeValueAsString(Json.parse(json));
    }

}
