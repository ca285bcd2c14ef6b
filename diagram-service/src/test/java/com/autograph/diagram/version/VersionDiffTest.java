package com.autograph.diagram.version;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff's edge cases that the API test does not reach: removals inside objects, nulls,
 * arrays, deleted lines, paint order.
 */
class VersionDiffTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void nestedRemovalsExplicitNullsAndArraysAreReportedPrecisely() {
        ObjectNode diff = VersionDiff.between(
                doc("""
                        {"id": "a", "type": "line", "points": [[0, 0], [10, 10]], "parent_id": "f", "style": {"opacity": 0.5, "dash": "dotted"}}"""),
                "",
                doc("""
                        {"id": "a", "type": "line", "points": [[0, 0], [10, 20]], "parent_id": null, "style": {"opacity": 0.5}}"""),
                "");

        assertThat(diff.at("/shapes/modified/0/changes").toString()).isEqualTo(json.readTree("""
                [{"property": "points", "from": [[0, 0], [10, 10]], "to": [[0, 0], [10, 20]]},
                 {"property": "parent_id", "from": "f", "to": null},
                 {"property": "style.dash", "from": "dotted"}]""").toString());
        assertThat(diff.at("/summary/modified").asInt()).isEqualTo(1);
    }

    @Test
    void sameContentInAnotherKeyOrderIsNoChange() {
        ObjectNode diff = VersionDiff.between(doc("{\"id\": \"a\", \"type\": \"text\", \"x\": 1, \"text\": \"t\"}"),
                "same", doc("{\"text\": \"t\", \"x\": 1, \"type\": \"text\", \"id\": \"a\"}"), "same");
        assertThat(diff.at("/summary").toString()).isEqualTo(json.readTree("""
                {"added": 0, "removed": 0, "modified": 0, "unchanged": 1, "reordered": 0, "document_changes": 0,
                 "note_lines_added": 0, "note_lines_removed": 0}""").toString());
        assertThat(diff.at("/note/changed").asBoolean()).isFalse();
    }

    @Test
    void deletedNoteLinesAreADeleteHunkWithTheirLineNumbers() {
        ObjectNode diff = VersionDiff.between(doc(null), "a\nb\nc\nd", doc(null), "a\nd");
        JsonNode hunk = diff.at("/note/hunks/0");
        assertThat(diff.at("/note/hunks").size()).isEqualTo(1);
        assertThat(hunk.at("/type").asString()).isEqualTo("delete");
        assertThat(hunk.at("/from").toString()).isEqualTo("{\"line\":2,\"lines\":[\"b\",\"c\"]}");
        assertThat(hunk.at("/to/lines").size()).isZero();
        assertThat(diff.at("/summary/note_lines_removed").asInt()).isEqualTo(2);
    }

    @Test
    void bringingAShapeToTheFrontByListOrderNamesThatShapeAloneWithItsOldAndNewPlace() {
        ObjectNode diff = VersionDiff.between(doc(shape("a") + "," + shape("b") + "," + shape("c")), "",
                doc(shape("b") + "," + shape("c") + "," + shape("a")), "");
        assertThat(diff.at("/shapes/reordered").toString()).isEqualTo(json.readTree("""
                [{"id": "a", "type": "rectangle", "from": 0, "to": 2}]""").toString());
        // Its content did not change: a move in the paint order is not a modification.
        assertThat(diff.at("/summary/reordered").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/unchanged").asInt()).isEqualTo(3);
        assertThat(diff.at("/summary/modified").asInt()).isZero();
    }

    @Test
    void aRaisedZIndexIsAChangedPropertyAndAMoveInThePaintOrder() {
        ObjectNode diff = VersionDiff.between(doc(shape("a") + "," + shape("b")), "",
                doc("{\"id\": \"a\", \"type\": \"rectangle\", \"z_index\": 5}," + shape("b")), "");
        assertThat(diff.at("/shapes/modified/0/changes").toString()).isEqualTo("[{\"property\":\"z_index\",\"to\":5}]");
        assertThat(diff.at("/shapes/reordered").toString()).isEqualTo(json.readTree("""
                [{"id": "a", "type": "rectangle", "from": 0, "to": 1}]""").toString());
        // The same z_index on every shape leaves the list order in charge: nothing moved.
        ObjectNode same = VersionDiff.between(doc(shape("a") + "," + shape("b")), "",
                doc("{\"id\": \"a\", \"type\": \"rectangle\", \"z_index\": 3},"
                        + "{\"id\": \"b\", \"type\": \"rectangle\", \"z_index\": 3}"),
                "");
        assertThat(same.at("/summary/reordered").asInt()).isZero();
    }

    @Test
    void addedAndRemovedShapesDoNotMakeTheOthersCountAsMoved() {
        ObjectNode diff = VersionDiff.between(
                doc(shape("a") + "," + shape("gone") + "," + shape("b") + "," + shape("c")), "",
                doc(shape("new") + "," + shape("a") + "," + shape("b") + "," + shape("c")), "");
        assertThat(diff.at("/summary/reordered").asInt()).isZero();
        assertThat(diff.at("/summary/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/removed").asInt()).isEqualTo(1);
        // Two shapes that swap places: one of them moved past the other, not both.
        ObjectNode swapped = VersionDiff.between(doc(shape("a") + "," + shape("b") + "," + shape("c")), "",
                doc(shape("a") + "," + shape("c") + "," + shape("b")), "");
        assertThat(swapped.at("/shapes/reordered").size()).isEqualTo(1);
    }

    private static String shape(String id) {
        return "{\"id\": \"" + id + "\", \"type\": \"rectangle\"}";
    }

    private JsonNode doc(String shape) {
        return json.readTree("{\"schema_version\": 1, \"shapes\": [" + (shape == null ? "" : shape) + "]}");
    }

}
