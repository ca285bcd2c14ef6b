package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class DocumentValidatorTest {

    static Stream<Arguments> validDocuments() {
        return Corpus.arguments(Corpus.valid());
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.concat(Corpus.arguments(Corpus.invalid()), Corpus.arguments(Corpus.javaOnly()));
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void acceptsValidDocument(Corpus.Case c) {
        assertThat(DocumentValidator.validate(c.document())).isEmpty();
        assertThat(DocumentValidator.validate(c.text())).isEmpty();
    }

    /** Each rule, with the exact path and code, and nothing else reported. */
    @ParameterizedTest
    @MethodSource("invalidDocuments")
    void reportsExactlyTheExpectedErrors(Corpus.Case c) {
        List<ValidationError> errors = DocumentValidator.validate(c.document());

        assertThat(errors).extracting(e -> new Corpus.Expected(e.path(), e.code()))
            .containsExactlyElementsOf(c.errors());
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
    }

    @Test
    void reportsEveryErrorInDocumentOrderStructuralBeforeReferences() {
        String json = """
                {"schema_version": 1,
                 "shapes": [
                   {"id": "a", "type": "rectangle", "x": "left", "parent_id": "ghost"},
                   {"id": "a", "type": "ellipse", "style": {"opacity": 7, "font_size": -1}},
                   {"id": "e", "type": "arrow", "start": {"shape_id": "nobody"}},
                   {"type": "blob"}
                 ],
                 "background": "#12"}""";

        assertThat(DocumentValidator.validate(json)).extracting(ValidationError::path, ValidationError::code)
            .containsExactly(tuple("$.shapes[0].x", ValidationCode.WRONG_TYPE),
                    tuple("$.shapes[1].style.opacity", ValidationCode.OUT_OF_RANGE),
                    tuple("$.shapes[1].style.font_size", ValidationCode.OUT_OF_RANGE),
                    tuple("$.shapes[2].end", ValidationCode.REQUIRED), tuple("$.shapes[3].id", ValidationCode.REQUIRED),
                    tuple("$.shapes[3].type", ValidationCode.INVALID_VALUE),
                    tuple("$.background", ValidationCode.INVALID_COLOR),
                    tuple("$.shapes[1].id", ValidationCode.DUPLICATE_ID),
                    tuple("$.shapes[0].parent_id", ValidationCode.UNKNOWN_REFERENCE),
                    tuple("$.shapes[2].start.shape_id", ValidationCode.UNKNOWN_REFERENCE));
    }

    @Test
    void messagesSayWhatIsWrongAndWhatIsAllowed() {
        List<ValidationError> errors = DocumentValidator.validate("""
                {"schema_version": 1, "shapes": [
                  {"id": "a", "type": "cylinder", "style": {"opacity": 1.5, "fill_style": "dots"}},
                  {"id": "a", "type": "rectangle"}]}""");

        assertThat(errors).extracting(ValidationError::message)
            .containsExactly(
                    "unknown shape type \"cylinder\"; one of rectangle, ellipse, diamond, text, sticky_note,"
                            + " arrow, line, freehand, frame, group, icon, image",
                    "must be one of solid, none, hachure, cross_hatch, pattern, was \"dots\"",
                    "must be a number from 0 to 1, was 1.5", "id \"a\" is already used by $.shapes[0]");
    }

    @Test
    void tooNewVersionNamesTheSupportedOneAndStopsThere() {
        List<ValidationError> errors = DocumentValidator
            .validate("{\"schema_version\": 9, \"shapes\": [{\"id\": 1}], \"background\": \"?\"}");

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("$.schema_version");
            assertThat(e.code()).isEqualTo(ValidationCode.VERSION_TOO_NEW);
            assertThat(e.message())
                .isEqualTo("schema_version 9 is newer than this build supports (1); upgrade AutoGraph to read it");
        });
    }

    @Test
    void missingVersionPointsAtMigrationAndStillChecksTheRest() {
        List<ValidationError> errors = DocumentValidator.validate("{\"elements\": []}");

        assertThat(errors).extracting(ValidationError::path).containsExactly("$.schema_version", "$.shapes");
        assertThat(errors.getFirst().message()).contains("legacy format (version 0)", "DocumentCodec");
    }

    @Test
    void malformedJsonIsOneErrorAtTheRootWithLineAndColumn() {
        List<ValidationError> errors = DocumentValidator.validate("{\n  \"schema_version\": 1,\n  \"shapes\": [}\n");

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("$");
            assertThat(e.code()).isEqualTo(ValidationCode.MALFORMED_JSON);
            assertThat(e.message()).startsWith("not valid JSON at line 3, column 14: ");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "{", "{\"a\": 1} trailing", "{\"a\": 1, \"a\": 2}", "[1,]", "NaN",
            "{\"x\": Infinity}", "'single'", "{a: 1}", "\u0000" })
    void malformedOrEmptyInputIsOneMalformedJsonError(String text) {
        assertThat(DocumentValidator.validate(text)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("$");
            assertThat(e.code()).isEqualTo(ValidationCode.MALFORMED_JSON);
        });
        assertThat(DocumentValidator.validate(text.getBytes(StandardCharsets.UTF_8))).hasSize(1);
    }

    @Test
    void nullInputIsAnErrorNotAnException() {
        assertThat(DocumentValidator.validate((String) null)).extracting(ValidationError::code)
            .containsExactly(ValidationCode.MALFORMED_JSON);
        assertThat(DocumentValidator.validate((byte[]) null)).hasSize(1);
        assertThat(DocumentValidator.validate((JsonNode) null)).hasSize(1);
    }

    @Test
    void invalidUtf8IsMalformedJson() {
        byte[] bytes = { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' };

        assertThat(DocumentValidator.validate(bytes)).extracting(ValidationError::code)
            .containsExactly(ValidationCode.MALFORMED_JSON);
    }

    @Test
    void stringLengthLimitsHold() {
        String atLimit = "t".repeat(DocumentValidator.MAX_TEXT_LENGTH);
        ObjectNode ok = document(
                shape("a", "rectangle").put("text", atLimit).put("src", "s".repeat(DocumentValidator.MAX_SRC_LENGTH)));
        ObjectNode tooLong = document(shape("a", "rectangle").put("text", atLimit + "t"),
                shape("i", "image").put("src", "s".repeat(DocumentValidator.MAX_SRC_LENGTH + 1)),
                shape("c", "icon").put("icon", "k".repeat(DocumentValidator.MAX_NAME_LENGTH + 1)),
                shape("b", "rectangle").set("style", JsonNodeFactory.instance.objectNode()
                    .put("font_family", "f".repeat(DocumentValidator.MAX_NAME_LENGTH + 1))));

        assertThat(DocumentValidator.validate(ok)).isEmpty();
        assertThat(DocumentValidator.validate(tooLong)).extracting(ValidationError::path, ValidationError::code)
            .containsExactly(tuple("$.shapes[0].text", ValidationCode.INVALID_LENGTH),
                    tuple("$.shapes[1].src", ValidationCode.INVALID_LENGTH),
                    tuple("$.shapes[2].icon", ValidationCode.INVALID_LENGTH),
                    tuple("$.shapes[3].style.font_family", ValidationCode.INVALID_LENGTH));
    }

    @Test
    void nonFiniteNumbersInATreeBuiltInCodeAreOutOfRange() {
        ObjectNode doc = document(shape("a", "rectangle").put("x", Double.NaN).put("width", Double.POSITIVE_INFINITY));

        assertThat(DocumentValidator.validate(doc)).extracting(ValidationError::path, ValidationError::code)
            .containsExactly(tuple("$.shapes[0].x", ValidationCode.OUT_OF_RANGE),
                    tuple("$.shapes[0].width", ValidationCode.OUT_OF_RANGE));
    }

    @Test
    void unknownFieldsNeverCauseErrorsWhateverTheyHold() {
        ObjectNode doc = document(shape("a", "rectangle").put("colour", "not a colour").put("width2", -5));
        doc.put("version", "two").putNull("shape");
        ((ObjectNode) doc.get("shapes").get(0)).putObject("style").put("opacity_2", 99);

        assertThat(DocumentValidator.validate(doc)).isEmpty();
    }

    @Test
    void longParentChainsAndLoopsNeedNoDeepStack() {
        int depth = 20_000;
        List<ObjectNode> shapes = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            ObjectNode g = shape("g" + i, "group");
            g.put("parent_id", "g" + ((i + 1) % depth)); // one loop through every group
            shapes.add(g);
        }

        List<ValidationError> errors = DocumentValidator.validate(document(shapes.toArray(ObjectNode[]::new)));

        assertThat(errors).hasSize(depth).allSatisfy(e -> assertThat(e.code()).isEqualTo(ValidationCode.PARENT_CYCLE));
        assertThat(errors.getFirst().message()).startsWith("parent chain loops: \"g0\" → \"g1\" → ").endsWith("→ …");
    }

    @Test
    void validatesADocumentBuiltInCode() {
        DiagramDocument doc = DiagramDocument
            .of(List.of(Shape.rectangle("a").build(), Shape.arrow("e", "a", "b").build(),
                    Shape.rectangle("c").parentId("a").style(Style.builder().opacity(3).build()).build()));

        assertThat(DocumentValidator.validate(doc)).extracting(ValidationError::path, ValidationError::code)
            .containsExactly(tuple("$.shapes[2].style.opacity", ValidationCode.OUT_OF_RANGE),
                    tuple("$.shapes[1].end.shape_id", ValidationCode.UNKNOWN_REFERENCE),
                    tuple("$.shapes[2].parent_id", ValidationCode.INVALID_PARENT));
    }

    /**
     * Replaces values all over valid documents with values of every other kind: the
     * validator must answer, never throw, and whatever it accepts must read into a model
     * whose accessors work.
     */
    @Test
    void neverThrowsAndWhatItAcceptsTheModelCanRead() {
        Random random = new Random(42);
        List<JsonNode> replacements = List.of(JsonNodeFactory.instance.nullNode(),
                JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.numberNode(-1),
                JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e400")),
                JsonNodeFactory.instance.numberNode(0.5), JsonNodeFactory.instance.stringNode(""),
                JsonNodeFactory.instance.stringNode("a"), JsonNodeFactory.instance.stringNode("#fff"),
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.arrayNode().add(1),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode().put("shape_id", "api"),
                JsonNodeFactory.instance.objectNode().put("x", 1).put("y", 2));
        int accepted = 0;
        for (Corpus.Case c : Corpus.valid()) {
            for (int round = 0; round < 300; round++) {
                JsonNode mutated = c.document().deepCopy();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    mutated = mutate(mutated, random, replacements);
                }
                JsonNode input = mutated;
                List<ValidationError> errors = new ArrayList<>();
                assertThatCode(() -> errors.addAll(DocumentValidator.validate(input))).doesNotThrowAnyException();
                if (errors.isEmpty()) {
                    accepted++;
                    assertThatCode(() -> touchEverything(DocumentCodec.read(input))).doesNotThrowAnyException();
                }
            }
        }
        assertThat(accepted).as("some mutations keep the document valid").isPositive();
    }

    private static JsonNode mutate(JsonNode root, Random random, List<JsonNode> replacements) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return root;
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode value = replacements.get(random.nextInt(replacements.size())).deepCopy();
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            object.set(names.get(random.nextInt(names.size())), value);
        }
        else if (target instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), value);
        }
        else if (random.nextInt(4) == 0) {
            return value; // the whole document replaced
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainer()) {
            out.add(node);
            node.forEach(child -> collectContainers(child, out));
        }
    }

    private static void touchEverything(DiagramDocument doc) {
        doc.background();
        doc.inPaintOrder();
        doc.unknownFields();
        for (Shape s : doc.shapes()) {
            s.id();
            s.type();
            s.x();
            s.y();
            s.width();
            s.height();
            s.rotation();
            s.zIndex();
            s.locked();
            s.hidden();
            s.collapsed();
            s.text();
            s.icon();
            s.parentId();
            s.src();
            s.points();
            s.routing();
            s.startArrowhead();
            s.endArrowhead();
            s.start().ifPresent(e -> {
                e.shapeId();
                e.point();
            });
            s.end().ifPresent(Endpoint::point);
            s.style().resolve();
            s.unknownFields();
            doc.children(s.id());
            doc.connectorsOf(s.id());
        }
        DocumentCodec.write(doc);
    }

    static ObjectNode shape(String id, String type) {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("type", type);
    }

    static ObjectNode document(ObjectNode... shapes) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("schema_version", 1);
        ArrayNode array = doc.putArray("shapes");
        for (ObjectNode s : shapes) {
            array.add(s);
        }
        return doc;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

}
