package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The list's views, filters and sort keys, seen by users with different access. */
class FileListApiTest extends DiagramApiTestBase {

    @Test
    void viewsAllRecentStarredSharedTeamAndTrash() {
        Api.User a = newUser();
        Api.User b = newUser();
        String alpha = createFileJson(a, "{\"title\": \"Alpha\", \"type\": \"canvas\"}");
        String beta = createFileJson(a, "{\"title\": \"Beta\", \"type\": \"note\"}");
        String gamma = createFileJson(b, "{\"title\": \"Gamma\", \"type\": \"canvas\"}");
        assertThat(api.put(b, "/api/diagrams/" + gamma + "/shares/users/" + a.id(), "{\"permission\": \"view\"}")
            .statusCode()).isEqualTo(200);

        assertThat((List<String>) read(api.get(a, "/api/diagrams?view=all"), "$.items[*].id")).contains(alpha, beta,
                gamma);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?view=shared"), "$.items[*].id"))
            .containsExactly(gamma);

        api.get(a, "/api/diagrams/" + beta);
        clock.advance(Duration.ofSeconds(5));
        api.get(a, "/api/diagrams/" + alpha);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?view=recent"), "$.items[*].id")).containsExactly(alpha,
                beta);

        assertThat(api.put(a, "/api/diagrams/" + beta + "/star", null).statusCode()).isBetween(200, 204);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?view=starred"), "$.items[*].id"))
            .containsExactly(beta);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?starred=true"), "$.items[*].id"))
            .containsExactly(beta);

        api.delete(a, "/api/diagrams/" + alpha);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?view=trash"), "$.items[*].id")).containsExactly(alpha);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?view=all"), "$.items[*].id")).doesNotContain(alpha);
        assertProblem(api.get(a, "/api/diagrams?view=everything"), 400, "invalid_parameter");
    }

    @Test
    void filtersAndSortKeys() {
        Api.User a = newUser();
        String c = createFileJson(a,
                "{\"title\": \"Charlie\", \"type\": \"canvas\", \"note_content\": \"" + "x".repeat(300) + "\"}");
        clock.advance(Duration.ofMinutes(1));
        Instant between = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        String a1 = createFileJson(a, "{\"title\": \"Able\", \"type\": \"note\"}");
        clock.advance(Duration.ofMinutes(1));
        String b1 = createFileJson(a, "{\"title\": \"Baker\", \"type\": \"canvas\"}");

        assertThat((List<String>) read(api.get(a, "/api/diagrams?owner=me&sort=title"), "$.items[*].id"))
            .containsExactly(a1, b1, c);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?owner=me&sort=created"), "$.items[*].id"))
            .containsExactly(b1, a1, c);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?owner=me&sort=created&order=asc"), "$.items[*].id"))
            .containsExactly(c, a1, b1);
        assertThat(((List<String>) read(api.get(a, "/api/diagrams?owner=me&sort=size"), "$.items[*].id")).getFirst())
            .isEqualTo(c);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?owner=me&type=note"), "$.items[*].id"))
            .containsExactly(a1);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?owner=me&created_after=" + between), "$.items[*].id"))
            .containsExactlyInAnyOrder(a1, b1);
        assertThat((List<String>) read(api.get(a, "/api/diagrams?owner=me&created_before=" + between), "$.items[*].id"))
            .containsExactly(c);

        HttpResponse<String> page = api.get(a, "/api/diagrams?owner=me&sort=title&page=1&size=2");
        assertThat((List<String>) read(page, "$.items[*].id")).containsExactly(c);
        assertThat((Integer) read(page, "$.total")).isEqualTo(3);
        assertThat((Integer) read(page, "$.page")).isEqualTo(1);
        assertProblem(api.get(a, "/api/diagrams?sort=colour"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams?page=-1"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams?order=sideways"), 400, "invalid_parameter");
        // The shared list parameters are bound as one record: a value that does not
        // convert is
        // still named by its query-string name.
        HttpResponse<String> notADate = api.get(a, "/api/diagrams/search?q=x&created_after=yesterday");
        assertProblem(notADate, 400, "invalid_parameter");
        assertThat(read(notADate, "$.detail").toString())
            .isEqualTo("Parameter created_after has an invalid value: yesterday.");
        assertThat(read(api.get(a, "/api/diagrams?team_id=7"), "$.errors[0].field").toString()).isEqualTo("team_id");
    }

}
