package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store (NUL, unpaired surrogates) in every kind of stored text: a
 * 400 naming the field, nothing written, never a 500. Lengths count characters, not
 * UTF-16 units.
 */
class TextHygieneApiTest extends DiagramApiTestBase {

    private static final Pattern JAVA = Pattern.compile("[A-Z][a-zA-Z]+\\$|java\\.|tools\\.jackson|<");

    @Test
    void nulInAFilesTitleNoteOrShapeTextIsRefusedNamingTheField() {
        Api.User a = newUser();
        assertInvalidText(api.post(a, "/api/diagrams", "{\"title\": \"Plan\\u0000\", \"type\": \"canvas\"}"), "title");
        assertInvalidText(
                api.post(a, "/api/diagrams",
                        "{\"title\": \"Plan\", \"type\": \"note\", \"note_content\": \"# Notes\\u0000\"}"),
                "note_content");
        assertInvalidText(
                api.post(a, "/api/diagrams", "{\"title\": \"Plan\", \"type\": \"canvas\", \"canvas_data\": "
                        + "{\"schema_version\": 1, \"shapes\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"},"
                        + " {\"id\": \"d\", \"type\": \"rectangle\", \"text\": \"x\\u0000\"}]}}"),
                "canvas_data.shapes[3].text");
        assertInvalidText(api.post(a, "/api/diagrams", "{\"title\": \"\\ud800\", \"type\": \"canvas\"}"), "title");
        assertThat(filesOf(a)).isZero();

        String id = createFile(a, "Plan");
        assertInvalidText(api.patch(a, "/api/diagrams/" + id, "{\"title\": \"a\\u0000\"}", null), "title");
        assertInvalidText(api.put(a, "/api/diagrams/" + id, "{\"title\": \"Plan\", \"type\": \"canvas\", "
                + "\"canvas_data\": {\"shapes\": [{\"id\": \"s\", \"text\": \"\\u0000\"}]}, \"note_content\": \"\"}"),
                "canvas_data.shapes[0].text");
        assertThat(read(api.get(a, "/api/diagrams/" + id), "$.title").toString()).isEqualTo("Plan");
    }

    @Test
    void nulInATagAVersionLabelOrALinkIsRefusedNamingTheField() {
        Api.User a = newUser();
        String id = createFile(a, "Plan");
        assertInvalidText(api.post(a, "/api/diagrams/tags", "{\"name\": \"infra\\u0000\"}"), "name");
        assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE owner_id = :owner")
            .param("owner", a.id())
            .query(Long.class)
            .single()).isZero();

        assertInvalidText(api.post(a, "/api/diagrams/" + id + "/versions", "{\"label\": \"v1\\u0000\"}"), "label");
        assertInvalidText(api.post(a, "/api/diagrams/" + id + "/versions", "{\"description\": \"\\udfff\"}"),
                "description");
        assertThat(jdbc
            .sql("SELECT count(*) FROM versions WHERE file_id = :id AND (label IS NOT NULL OR description IS NOT NULL)")
            .param("id", java.util.UUID.fromString(id))
            .query(Long.class)
            .single()).isZero();

        assertInvalidText(api.post(a, "/api/diagrams/" + id + "/links",
                "{\"permission\": \"view\", \"password\": \"secret\\u0000\"}"), "password");
        // Query parameters too.
        assertInvalidText(api.get(a, "/api/diagrams/search?q=plan%00"), "q");
    }

    @Test
    void titlesCountCharactersNotUtf16Units() {
        Api.User a = newUser();
        String emoji = "📈".repeat(255);
        HttpResponse<String> created = api.post(a, "/api/diagrams",
                "{\"title\": \"" + emoji + "\", \"type\": \"canvas\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(read(created, "$.title").toString()).isEqualTo(emoji);
        assertProblem(api.post(a, "/api/diagrams", "{\"title\": \"" + emoji + "x\", \"type\": \"canvas\"}"), 400,
                "validation_failed");
        HttpResponse<String> tag = api.post(a, "/api/diagrams/tags", "{\"name\": \"" + "🏷".repeat(50) + "\"}");
        assertThat(tag.statusCode()).as(tag.body()).isEqualTo(201);
    }

    @Test
    void wrongJsonTypesAndDuplicateKeysAreNamedWithoutJavaTypes() {
        Api.User a = newUser();
        HttpResponse<String> number = api.post(a, "/api/diagrams", "{\"title\": 42, \"type\": \"canvas\"}");
        assertProblem(number, 400, "malformed_body");
        assertThat(read(number, "$.detail").toString()).isEqualTo("Field 'title' must be a string.");
        HttpResponse<String> twice = api.post(a, "/api/diagrams",
                "{\"title\": \"a\", \"title\": \"b\", \"type\": \"canvas\"}");
        assertProblem(twice, 400, "malformed_body");
        assertThat(read(twice, "$.detail").toString()).isEqualTo("Field 'title' appears more than once.");
        HttpResponse<String> notJson = api.post(a, "/api/diagrams", "{\"title\": ");
        assertProblem(notJson, 400, "malformed_body");
        HttpResponse<String> badPage = api.get(a, "/api/diagrams?page=two");
        assertProblem(badPage, 400, "invalid_parameter");
        assertThat(read(badPage, "$.detail").toString()).contains("page");
        for (HttpResponse<String> response : List.of(number, twice, notJson, badPage)) {
            String detail = read(response, "$.detail");
            assertThat(JAVA.matcher(detail).find()).as(detail).isFalse();
        }
        assertThat(filesOf(a)).isZero();
    }

    private long filesOf(Api.User user) {
        return jdbc.sql("SELECT count(*) FROM files WHERE owner_id = :owner")
            .param("owner", user.id())
            .query(Long.class)
            .single();
    }

    private static void assertInvalidText(HttpResponse<String> response, String field) {
        assertProblem(response, 400, "invalid_text");
        List<Map<String, String>> errors = read(response, "$.errors");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).containsEntry("field", field));
        String detail = read(response, "$.detail");
        assertThat(detail).contains("'" + field + "'");
        assertThat(JAVA.matcher(detail).find()).as(detail).isFalse();
    }

}
