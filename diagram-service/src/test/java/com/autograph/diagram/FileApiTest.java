package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import com.autograph.diagram.file.TrashPurgeJob;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.testsupport.ChannelSubscription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files as a client sees them: create, read, change with ETags, trash, restore, purge,
 * copy, events.
 */
class FileApiTest extends DiagramApiTestBase {

    @Autowired
    TrashPurgeJob purgeJob;

    @Autowired
    RedisConnectionFactory redisConnections;

    @Autowired
    RedisKeyspace keyspace;

    @Test
    void createThenGetReturnsContentMetadataAndETag() {
        Api.User a = newUser();
        HttpResponse<String> created = api.post(a, "/api/diagrams", """
                {"title": "  Payments  ", "type": "mixed", "canvas_data": %s, "note_content": "# Notes\\nÜber"}"""
            .formatted(CANVAS));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = read(created, "$.id");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/diagrams/" + id);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");

        HttpResponse<String> got = api.get(a, "/api/diagrams/" + id);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(read(got, "$.title").toString()).isEqualTo("Payments");
        assertThat(read(got, "$.type").toString()).isEqualTo("mixed");
        assertThat(read(got, "$.canvas_data.shapes[0].text").toString()).isEqualTo("Payment API");
        assertThat(read(got, "$.note_content").toString()).isEqualTo("# Notes\nÜber");
        assertThat(read(got, "$.owner_id").toString()).isEqualTo(a.id().toString());
        assertThat(read(got, "$.created_by").toString()).isEqualTo(a.id().toString());
        assertThat(read(got, "$.updated_by").toString()).isEqualTo(a.id().toString());
        assertThat(read(got, "$.permission").toString()).isEqualTo("manage");
        assertThat(((Number) read(got, "$.size_bytes")).longValue()).isGreaterThan(200);
        assertThat((Integer) read(got, "$.view_count")).isEqualTo(1);
        assertThat((String) read(got, "$.last_viewed_at")).isNotNull();
        for (String count : List.of("version_count", "comment_count", "collaborator_count", "export_count")) {
            assertThat((Integer) read(got, "$." + count)).as(count).isZero();
        }
        assertThat((String) read(got, "$.last_activity_at")).isNotNull();
        assertThat((Boolean) read(got, "$.starred")).isFalse();
        assertThat((List<?>) read(got, "$.tags")).isEmpty();

        // A view is not an edit: the ETag stays.
        assertThat(api.get(a, "/api/diagrams/" + id).headers().firstValue("ETag")).hasValue("\"0\"");

        // A client holding the current version is told so, without the body.
        HttpResponse<String> unchanged = api.send(a, "GET", "/api/diagrams/" + id, null,
                Map.of("If-None-Match", "\"0\""));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue("\"0\"");
        HttpResponse<String> stale = api.send(a, "GET", "/api/diagrams/" + id, null, Map.of("If-None-Match", "\"7\""));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(read(stale, "$.title").toString()).isEqualTo("Payments");
        // Only JSON is on offer; a problem still comes as problem+json.
        HttpResponse<String> xml = api.send(a, "GET", "/api/diagrams/" + id, null, Map.of("Accept", "application/xml"));
        assertThat(xml.statusCode()).isEqualTo(406);
        assertProblem(
                api.send(a, "GET", "/api/diagrams/" + UUID.randomUUID(), null, Map.of("Accept", "application/json")),
                404, "not_found");
    }

    @Test
    void aNoteNeedsNoCanvasAndGetsTheEmptyDocument() {
        Api.User a = newUser();
        String id = createFileJson(a, "{\"title\": \"Meeting\", \"type\": \"note\", \"note_content\": \"hello\"}");
        HttpResponse<String> got = api.get(a, "/api/diagrams/" + id);
        assertThat((Integer) read(got, "$.canvas_data.schema_version")).isEqualTo(1);
        assertThat((List<?>) read(got, "$.canvas_data.shapes")).isEmpty();
    }

    @Test
    void updatesNeedTheCurrentETag() {
        Api.User a = newUser();
        String id = createFile(a, "Payments");

        assertProblem(api.patch(a, "/api/diagrams/" + id, "{\"title\": \"Renamed\"}", null), 428,
                "precondition_required");

        HttpResponse<String> patched = api.patch(a, "/api/diagrams/" + id, "{\"title\": \"Renamed\"}", "\"0\"");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(read(patched, "$.title").toString()).isEqualTo("Renamed");
        assertThat(read(patched, "$.canvas_data.shapes[1].text").toString()).isEqualTo("Ledger database");

        // Someone still holding ETag "0" must not overwrite the rename.
        HttpResponse<String> stale = api.patch(a, "/api/diagrams/" + id, "{\"title\": \"Lost update\"}", "\"0\"");
        assertProblem(stale, 412, "precondition_failed");
        assertThat(read(api.get(a, "/api/diagrams/" + id), "$.title").toString()).isEqualTo("Renamed");

        HttpResponse<String> replaced = api.send(a, "PUT", "/api/diagrams/" + id,
                """
                        {"title": "Full", "type": "note", "canvas_data": {"schema_version": 1, "shapes": []}, "note_content": "all new"}""",
                Map.of("If-Match", "\"1\""));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(read(replaced, "$.type").toString()).isEqualTo("note");
        assertThat(read(replaced, "$.note_content").toString()).isEqualTo("all new");
        assertThat((List<?>) read(replaced, "$.canvas_data.shapes")).isEmpty();
        assertThat(replaced.headers().firstValue("ETag")).hasValue("\"2\"");

        assertProblem(api.send(a, "PUT", "/api/diagrams/" + id,
                """
                        {"title": "Full", "type": "note", "canvas_data": {"schema_version": 1, "shapes": []}, "note_content": ""}""",
                Map.of()), 428, "precondition_required");
        // PUT is the whole content: leaving a field out is a 400, not a partial update.
        assertProblem(
                api.send(a, "PUT", "/api/diagrams/" + id, "{\"title\": \"Only a title\"}", Map.of("If-Match", "\"2\"")),
                400, "validation_failed");
    }

    @Test
    void invalidCanvasIsA422NamingThePath() {
        Api.User a = newUser();
        HttpResponse<String> response = api.post(a, "/api/diagrams", """
                {"title": "Broken", "type": "canvas", "canvas_data": {"schema_version": 1, "shapes": [
                  {"id": "a", "type": "rectangle", "style": {"opacity": 7}}]}}""");
        assertProblem(response, 422, "invalid_document");
        assertThat(read(response, "$.errors[0].path").toString()).isEqualTo("$.shapes[0].style.opacity");
        assertThat(read(response, "$.errors[0].code").toString()).isEqualTo("out_of_range");
        assertThat(read(response, "$.detail").toString()).contains("canvas_data.shapes[0].style.opacity");

        String id = createFile(a, "Fine");
        assertProblem(api.patch(a, "/api/diagrams/" + id, "{\"canvas_data\": {\"shapes\": []}}", "\"0\""), 422,
                "invalid_document");
        assertThat(api.get(a, "/api/diagrams/" + id).headers().firstValue("ETag")).hasValue("\"0\"");
    }

    @Test
    void badInputIs400AndUnknownIdsAre404() {
        Api.User a = newUser();
        String longTitle = "x".repeat(256);
        HttpResponse<String> tooLong = api.post(a, "/api/diagrams",
                "{\"title\": \"" + longTitle + "\", \"type\": \"canvas\"}");
        assertProblem(tooLong, 400, "validation_failed");
        assertThat(read(tooLong, "$.errors[0].field").toString()).isEqualTo("title");
        assertProblem(api.post(a, "/api/diagrams", "{\"title\": \"t\", \"type\": \"video\"}"), 400,
                "validation_failed");
        assertProblem(api.post(a, "/api/diagrams", "{\"title\": \" \", \"type\": \"canvas\"}"), 400,
                "validation_failed");
        assertProblem(api.get(a, "/api/diagrams?sort=colour"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams?page=-1"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams?size=1000"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams?view=everything"), 400, "invalid_parameter");

        assertProblem(api.get(a, "/api/diagrams/" + UUID.randomUUID()), 404, "not_found");
        assertProblem(api.get(a, "/api/diagrams/not-a-uuid"), 404, "not_found");
        assertProblem(api.patch(a, "/api/diagrams/" + UUID.randomUUID(), "{\"title\": \"x\"}", "\"0\""), 404,
                "not_found");
        assertProblem(api.delete(a, "/api/diagrams/" + UUID.randomUUID()), 404, "not_found");
    }

    @Test
    void withoutSignedIdentityEverythingIs401() {
        assertProblem(api.get(null, "/api/diagrams"), 401, "authentication_required");
        assertProblem(api.send(null, "GET", "/api/diagrams", null, Map.of("X-User-Id", UUID.randomUUID().toString())),
                401, "authentication_required");
    }

    @Test
    void trashRestoreAndPermanentDelete() {
        Api.User a = newUser();
        String id = createFile(a, "Doomed");

        assertThat(api.delete(a, "/api/diagrams/" + id).statusCode()).isEqualTo(204);
        assertThat(ids(api.get(a, "/api/diagrams"))).doesNotContain(id);
        assertThat(ids(api.get(a, "/api/diagrams?view=trash"))).containsExactly(id);
        assertProblem(api.patch(a, "/api/diagrams/" + id, "{\"title\": \"x\"}", "*"), 409, "file_in_trash");
        // A file in the trash still opens (to look before restoring), but that is not a
        // view.
        HttpResponse<String> trashed = api.get(a, "/api/diagrams/" + id);
        assertThat(trashed.statusCode()).isEqualTo(200);
        assertThat((String) read(trashed, "$.deleted_at")).isNotNull();
        assertThat((Integer) read(trashed, "$.view_count")).isZero();
        assertThat((String) read(trashed, "$.last_viewed_at")).isNull();
        assertThat(ids(api.get(a, "/api/diagrams?view=recent"))).doesNotContain(id);

        HttpResponse<String> restored = api.post(a, "/api/diagrams/" + id + "/restore", null);
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat((String) read(restored, "$.deleted_at")).isNull();
        assertThat(ids(api.get(a, "/api/diagrams"))).containsExactly(id);
        assertProblem(api.post(a, "/api/diagrams/" + id + "/restore", null), 409, "not_in_trash");

        assertThat(api.delete(a, "/api/diagrams/" + id + "?permanent=true").statusCode()).isEqualTo(204);
        assertProblem(api.get(a, "/api/diagrams/" + id), 404, "not_found");
        assertThat(ids(api.get(a, "/api/diagrams?view=trash"))).isEmpty();
    }

    @Test
    void theTrashJobPurgesOnlyFilesTrashedMoreThan30DaysAgo() {
        Api.User a = newUser();
        String old = createFile(a, "Old");
        String recent = createFile(a, "Recent");
        String live = createFile(a, "Live");
        api.delete(a, "/api/diagrams/" + old);
        clock.advance(Duration.ofDays(20));
        api.delete(a, "/api/diagrams/" + recent);
        clock.advance(Duration.ofDays(10).plusHours(1));

        assertThat(purgeJob.purgeAsOf(clock.instant())).isGreaterThanOrEqualTo(1);

        assertProblem(api.get(a, "/api/diagrams/" + old), 404, "not_found");
        assertThat(ids(api.get(a, "/api/diagrams?view=trash"))).containsExactly(recent);
        assertThat(ids(api.get(a, "/api/diagrams"))).containsExactly(live);
    }

    @Test
    void duplicateIsANewFileWithFreshHistory() {
        Api.User a = newUser();
        String id = createFile(a, "Original");
        api.patch(a, "/api/diagrams/" + id, "{\"note_content\": \"v2\"}", "\"0\"");

        HttpResponse<String> copy = api.post(a, "/api/diagrams/" + id + "/duplicate", null);
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(201);
        assertThat(read(copy, "$.id").toString()).isNotEqualTo(id);
        assertThat(read(copy, "$.title").toString()).isEqualTo("Copy of Original");
        assertThat(read(copy, "$.note_content").toString()).isEqualTo("v2");
        assertThat(read(copy, "$.canvas_data.shapes[0].id").toString()).isEqualTo("api");
        assertThat(copy.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat((Integer) read(copy, "$.view_count")).isZero();
        assertThat((Integer) read(copy, "$.version_count")).isZero();
    }

    @Test
    void everyChangeIsPublishedOnTheFileChannel() throws Exception {
        Api.User a = newUser();
        String id = createFile(a, "Watched");
        try (ChannelSubscription messages = ChannelSubscription.open(redisConnections,
                keyspace.fileChannel(UUID.fromString(id)))) {
            api.patch(a, "/api/diagrams/" + id, "{\"title\": \"Watched 2\"}", "\"0\"");
            api.delete(a, "/api/diagrams/" + id);
            api.post(a, "/api/diagrams/" + id + "/restore", null);

            String updated = messages.next(Duration.ofSeconds(5));
            assertThat(updated).isNotNull();
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(updated, "$.event")).isEqualTo("file.updated");
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(updated, "$.file_id")).isEqualTo(id);
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(updated, "$.actor_id")).isEqualTo(a.id().toString());
            assertThat(com.jayway.jsonpath.JsonPath.<List<String>>read(updated, "$.fields")).containsExactly("title");
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(updated, "$.at")).isNotBlank();
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(messages.next(Duration.ofSeconds(5)), "$.event"))
                .isEqualTo("file.deleted");
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(messages.next(Duration.ofSeconds(5)), "$.event"))
                .isEqualTo("file.restored");
        }
    }

    static List<String> ids(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return com.jayway.jsonpath.JsonPath.read(list.body(), "$.items[*].id");
    }

}
