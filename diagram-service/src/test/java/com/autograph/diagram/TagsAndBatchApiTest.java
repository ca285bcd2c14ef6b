package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private tags with colours, the tag filter, and batch delete/move/tag with per-item
 * results.
 */
class TagsAndBatchApiTest extends DiagramApiTestBase {

    @Test
    void tagsAreTheOwnersLabelsAndFilterTheList() {
        Api.User a = newUser();
        Api.User b = newUser();
        String plan = createFileJson(a, "{\"title\": \"Plan\", \"type\": \"canvas\"}");
        String other = createFileJson(a, "{\"title\": \"Other\", \"type\": \"canvas\"}");

        HttpResponse<String> created = api.post(a, "/api/diagrams/tags",
                "{\"name\": \"Infra\", \"color\": \"#3b82f6\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String tag = read(created, "$.id");
        assertProblem(api.post(a, "/api/diagrams/tags", "{\"name\": \"infra\"}"), 409, "tag_exists");
        assertProblem(api.post(a, "/api/diagrams/tags", "{\"name\": \"x\", \"color\": \"blue-ish\"}"), 400,
                "validation_failed");

        assertThat(api.put(a, "/api/diagrams/" + plan + "/tags/" + tag, null).statusCode()).isEqualTo(204);
        assertThat(api.put(a, "/api/diagrams/" + plan + "/tags/" + tag, null).statusCode()).isEqualTo(204); // idempotent
        assertThat((List<String>) read(api.get(a, "/api/diagrams?tag=" + tag), "$.items[*].id")).containsExactly(plan);
        assertThat((Integer) read(api.get(a, "/api/diagrams/tags"), "$.items[0].file_count")).isEqualTo(1);

        // Another user can neither use nor see the tag, nor tag a file they cannot see.
        assertThat(api.put(b, "/api/diagrams/" + plan + "/tags/" + tag, null).statusCode()).isEqualTo(404);
        assertThat((Integer) read(api.get(b, "/api/diagrams/tags"), "$.total")).isZero();

        HttpResponse<String> renamed = api.send(a, "PATCH", "/api/diagrams/tags/" + tag,
                "{\"name\": \"Platform\", \"color\": \"#f00\"}", java.util.Map.of());
        assertThat((String) read(renamed, "$.name")).isEqualTo("Platform");
        assertThat((String) read(renamed, "$.color")).isEqualTo("#f00");

        assertThat(api.delete(a, "/api/diagrams/" + plan + "/tags/" + tag).statusCode()).isEqualTo(204);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?tag=" + tag), "$.items[*].id")).isEmpty();
        assertThat(api.delete(a, "/api/diagrams/tags/" + tag).statusCode()).isEqualTo(204);
        assertThat(api.put(a, "/api/diagrams/" + other + "/tags/" + tag, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aBatchReportsEachItemAndOneFailureUndoesNothing() {
        Api.User a = newUser();
        Api.User b = newUser();
        String mine1 = createFileJson(a, "{\"title\": \"One\", \"type\": \"canvas\"}");
        String mine2 = createFileJson(a, "{\"title\": \"Two\", \"type\": \"canvas\"}");
        String theirs = createFileJson(b, "{\"title\": \"Theirs\", \"type\": \"canvas\"}");
        String folder = read(api.post(a, "/api/diagrams/folders", "{\"name\": \"Archive\"}"), "$.id");
        String tag = read(api.post(a, "/api/diagrams/tags", "{\"name\": \"Q3\"}"), "$.id");

        HttpResponse<String> moved = api.post(a, "/api/diagrams/batch", "{\"action\": \"move\", \"ids\": [\"" + mine1
                + "\", \"" + theirs + "\", \"" + mine2 + "\"], \"folder_id\": \"" + folder + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat((Integer) read(moved, "$.succeeded")).isEqualTo(2);
        assertThat((Integer) read(moved, "$.failed")).isEqualTo(1);
        assertThat((List<Integer>) read(moved, "$.results[*].status")).containsExactly(200, 404, 200);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?folder_id=" + folder), "$.items[*].id"))
            .containsExactlyInAnyOrder(mine1, mine2);

        HttpResponse<String> tagged = api.post(a, "/api/diagrams/batch",
                "{\"action\": \"tag\", \"ids\": [\"" + mine1 + "\", \"" + mine2 + "\"], \"tag_id\": \"" + tag + "\"}");
        assertThat((Integer) read(tagged, "$.succeeded")).isEqualTo(2);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?tag=" + tag), "$.items[*].id")).hasSize(2);

        HttpResponse<String> deleted = api.post(a, "/api/diagrams/batch",
                "{\"action\": \"delete\", \"ids\": [\"" + mine1 + "\", \"" + theirs + "\"]}");
        assertThat((List<Integer>) read(deleted, "$.results[*].status")).containsExactly(200, 404);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?view=trash"), "$.items[*].id")).containsExactly(mine1);
        assertThat(api.get(b, "/api/diagrams/" + theirs).statusCode()).isEqualTo(200);

        assertProblem(api.post(a, "/api/diagrams/batch", "{\"action\": \"explode\", \"ids\": [\"" + mine2 + "\"]}"),
                400, "invalid_parameter");
        assertProblem(api.post(a, "/api/diagrams/batch", "{\"action\": \"delete\", \"ids\": []}"), 400,
                "validation_failed");
        assertProblem(api.post(a, "/api/diagrams/batch", "{\"action\": \"tag\", \"ids\": [\"" + mine2 + "\"]}"), 400,
                "validation_failed");
    }

}
