package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DocumentMigratorTest {

    /**
     * A pre-release (version 0) document using every legacy key, with unknown fields at
     * every level.
     */
    static final String LEGACY = """
            {"appState": {"zoom": 2},
             "elements": [
               {"id": "f", "type": "frame", "x": 0, "y": 0, "width": 500, "height": 300, "text": "VPC",
                "collapsed": true, "strokeColor": "#1971c2", "fillStyle": "crossHatch", "zIndex": -1,
                "customData": {"owner": "net-team"}},
               {"id": "api", "type": "rectangle", "x": 20, "y": 40, "width": 160, "height": 60,
                "angle": 90, "parentId": "f", "text": "API", "icon": "aws-lambda", "locked": true,
                "fillColor": "#a5d8ff", "strokeWidth": 1, "strokeStyle": "dashed", "opacity": 0.8,
                "cornerRadius": 8, "fontFamily": "Inter", "fontSize": 14, "fontWeight": "bold",
                "textAlign": "left", "textColor": "#000000", "seed": 1234},
               {"id": "n", "type": "stickyNote", "hidden": false},
               {"id": "e", "type": "arrow", "startBinding": {"elementId": "api", "focus": 0.5},
                "endBinding": {"elementId": "n"}, "startArrowhead": "zeroOrOne",
                "endArrowhead": "oneOrMany", "routing": "elbow", "points": [[100, 100]]},
               {"id": "l", "type": "line", "startPoint": {"x": 1, "y": 2, "pressure": 0.5},
                "endPoint": {"x": 3, "y": 4}},
               {"id": "p", "type": "freehand", "points": [[0, 0], [1, 1]], "src": null}
             ],
             "backgroundColor": "#f8f9fa",
             "files": {}}""";

    static final String MIGRATED = """
            {"schema_version": 1,
             "appState": {"zoom": 2},
             "shapes": [
               {"id": "f", "type": "frame", "x": 0, "y": 0, "width": 500, "height": 300, "text": "VPC",
                "collapsed": true, "customData": {"owner": "net-team"}, "z_index": -1,
                "style": {"stroke_color": "#1971c2", "fill_style": "cross_hatch"}},
               {"id": "api", "type": "rectangle", "x": 20, "y": 40, "width": 160, "height": 60,
                "text": "API", "icon": "aws-lambda", "locked": true, "seed": 1234, "rotation": 90,
                "parent_id": "f",
                "style": {"fill_color": "#a5d8ff", "stroke_style": "dashed", "stroke_width": 1,
                          "opacity": 0.8, "corner_radius": 8, "font_family": "Inter", "font_size": 14,
                          "font_weight": "bold", "text_align": "left", "text_color": "#000000"}},
               {"id": "n", "type": "sticky_note", "hidden": false},
               {"id": "e", "type": "arrow", "routing": "elbow", "points": [[100, 100]],
                "start": {"focus": 0.5, "shape_id": "api"}, "end": {"shape_id": "n"},
                "start_arrowhead": "zero_or_one", "end_arrowhead": "one_or_many"},
               {"id": "l", "type": "line", "start": {"x": 1, "y": 2, "pressure": 0.5}, "end": {"x": 3, "y": 4}},
               {"id": "p", "type": "freehand", "points": [[0, 0], [1, 1]], "src": null}
             ],
             "background": "#f8f9fa",
             "files": {}}""";

    @Test
    void migratesTheLegacyFormatKeepingUnknownFields() {
        ObjectNode migrated = DocumentMigrator.migrate(Json.parse(LEGACY));

        assertThat(migrated).isEqualTo(Json.parse(MIGRATED));
        assertThat(migrated.propertyNames()).containsExactly("schema_version", "appState", "shapes", "background",
                "files");
        assertThat(migrated.get("shapes").get(1).propertyNames()).containsExactly("id", "type", "x", "y", "width",
                "height", "rotation", "parent_id", "text", "icon", "locked", "seed", "style");
        assertThat(DocumentValidator.validate(migrated)).isEmpty();
    }

    @Test
    void migratedDocumentReadsAsAModel() {
        DiagramDocument doc = DocumentCodec.read(LEGACY);

        Shape api = doc.shape("api").orElseThrow();
        assertThat(api.rotation()).isEqualTo(90);
        assertThat(api.parentId()).contains("f");
        assertThat(api.style().resolve().fontWeight()).isEqualTo(700);
        assertThat(api.unknownFields()).containsOnlyKeys("seed");
        assertThat(doc.children("f")).extracting(Shape::id).containsExactly("api");
        assertThat(doc.connectorsOf("n")).extracting(Shape::id).containsExactly("e");
        assertThat(doc.shape("l").orElseThrow().start().orElseThrow().point()).contains(new Point(1, 2));
        assertThat(doc.unknownFields()).containsOnlyKeys("appState", "files");
    }

    @Test
    void aRenameNeverOverwritesTheOldKeyStaysAsAnUnknownField() {
        ObjectNode migrated = DocumentMigrator.migrate(Json.parse("""
                {"elements": [{"id": "a", "type": "rectangle", "parentId": "old", "parent_id": "new",
                               "strokeColor": "#111111", "fillColor": "#333333",
                               "style": {"stroke_color": "#222222"}}],
                 "backgroundColor": "#000000", "background": "#ffffff"}"""));

        assertThat(migrated).isEqualTo(Json.parse("""
                {"schema_version": 1,
                 "shapes": [{"id": "a", "type": "rectangle", "parentId": "old", "parent_id": "new",
                             "strokeColor": "#111111",
                             "style": {"stroke_color": "#222222", "fill_color": "#333333"}}],
                 "backgroundColor": "#000000", "background": "#ffffff"}"""));
    }

    @Test
    void elementsStayPutWhenShapesAlreadyExists() {
        ObjectNode migrated = DocumentMigrator
            .migrate(Json.parse("{\"elements\": [{\"id\": \"a\", \"zIndex\": 1}], \"shapes\": []}"));

        assertThat(migrated).isEqualTo(
                Json.parse("{\"schema_version\": 1, \"elements\": [{\"id\": \"a\", \"zIndex\": 1}], \"shapes\": []}"));
    }

    @Test
    void aBindingWinsOverAFreePointWhichIsKept() {
        JsonNode shape = DocumentMigrator.migrate(Json.parse("""
                {"elements": [{"id": "e", "type": "arrow", "startBinding": {"elementId": "a"},
                               "startPoint": {"x": 1, "y": 1}, "endPoint": {"x": 2, "y": 2}}]}"""))
            .get("shapes")
            .get(0);

        assertThat(shape.get("start")).isEqualTo(Json.parse("{\"shape_id\": \"a\"}"));
        assertThat(shape.get("startPoint")).isEqualTo(Json.parse("{\"x\": 1, \"y\": 1}"));
        assertThat(shape.get("end")).isEqualTo(Json.parse("{\"x\": 2, \"y\": 2}"));
    }

    @Test
    void styleThatIsNotAnObjectLeavesTheFlatPropertiesWhereTheyAre() {
        JsonNode shape = DocumentMigrator.migrate(Json.parse(
                "{\"elements\": [{\"id\": \"a\", \"type\": \"rectangle\", \"style\": \"bold\", \"fillColor\": \"#fff\"}]}"))
            .get("shapes")
            .get(0);

        assertThat(shape.get("style").stringValue()).isEqualTo("bold");
        assertThat(shape.get("fillColor").stringValue()).isEqualTo("#fff");
    }

    @Test
    void oddLegacyContentIsLeftForTheValidatorToReport() {
        ObjectNode migrated = DocumentMigrator.migrate(
                Json.parse("{\"elements\": [\"not a shape\", {\"id\": \"a\", \"type\": 7, \"startBinding\": \"x\"}]}"));

        assertThat(migrated.get("shapes"))
            .isEqualTo(Json.parse("[\"not a shape\", {\"id\": \"a\", \"type\": 7, \"start\": \"x\"}]"));
        assertThat(DocumentValidator.validate(migrated)).extracting(ValidationError::path)
            .containsExactly("$.shapes[0]", "$.shapes[1].type", "$.shapes[1].start");
        assertThat(DocumentMigrator.migrate(Json.parse("{\"elements\": 5}")).get("shapes").intValue()).isEqualTo(5);
    }

    @Test
    void explicitVersionZeroIsTheLegacyFormatToo() {
        ObjectNode migrated = DocumentMigrator.migrate(Json
            .parse("{\"schema_version\": 0, \"elements\": [{\"id\": \"a\", \"type\": \"rectangle\", \"zIndex\": 3}]}"));

        assertThat(migrated).isEqualTo(Json
            .parse("{\"schema_version\": 1, \"shapes\": [{\"id\": \"a\", \"type\": \"rectangle\", \"z_index\": 3}]}"));
    }

    @Test
    void neverChangesItsInput() {
        JsonNode input = Json.parse(LEGACY);
        JsonNode pristine = input.deepCopy();

        DocumentMigrator.migrate(input);

        assertThat(input).isEqualTo(pristine);
    }

    @Test
    void currentDocumentsComeBackAsAnEqualCopy() {
        JsonNode current = Json.parse(DocumentCodecTest.FUTURE);

        ObjectNode migrated = DocumentMigrator.migrate(current);

        assertThat(migrated).isEqualTo(current).isNotSameAs(current);
    }

    @Test
    void refusesNewerVersionsNamingTheSupportedOne() {
        InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
                () -> DocumentMigrator.migrate(Json.parse("{\"schema_version\": 3, \"shapes\": []}")));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.path()).isEqualTo("$.schema_version");
            assertThat(err.code()).isEqualTo(ValidationCode.VERSION_TOO_NEW);
            assertThat(err.message())
                .isEqualTo("schema_version 3 is newer than this build supports (1); upgrade AutoGraph to read it");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"schema_version": "1"}    | $.schema_version | WRONG_TYPE
            {"schema_version": 1.5}    | $.schema_version | WRONG_TYPE
            {"schema_version": -2}     | $.schema_version | OUT_OF_RANGE
            {"schema_version": 1e12}   | $.schema_version | OUT_OF_RANGE
            []                         | $                | WRONG_TYPE
            "text"                     | $                | WRONG_TYPE
            """)
    void refusesDocumentsWhoseVersionCannotBeRead(String json, String path, ValidationCode code) {
        InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
                () -> DocumentMigrator.migrate(Json.parse(json)));

        assertThat(e.errors()).extracting(ValidationError::path, ValidationError::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(path, code));
    }

    @Test
    void versionOfReadsTheVersionOrZero() {
        assertThat(DocumentMigrator.versionOf(Json.parse("{\"elements\": []}"))).isZero();
        assertThat(DocumentMigrator.versionOf(Json.parse("{\"schema_version\": null}"))).isZero();
        assertThat(DocumentMigrator.versionOf(Json.parse("{\"schema_version\": 1}"))).isEqualTo(1);
        assertThat(DocumentMigrator.versionOf(Json.parse("{\"schema_version\": 1.0}"))).isEqualTo(1);
        assertThat(DocumentMigrator.versionOf(Json.parse("{\"schema_version\": 7}"))).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({ "stickyNote,sticky_note", "zeroOrMany,zero_or_many", "crossHatch,cross_hatch", "rectangle,rectangle",
            "sticky_note,sticky_note", "Rectangle,rectangle" })
    void legacyNamesBecomeSnakeCase(String legacy, String current) {
        assertThat(LegacyMigration.snakeCase(legacy)).isEqualTo(current);
    }

}
