package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.testsupport.ChannelSubscription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comment threads as the file's owner, a viewer and an outsider experience them, with
 * every rule tried from the wrong side.
 */
class CommentApiTest extends DiagramApiTestBase {

    @Autowired
    RedisConnectionFactory redisConnections;

    @Autowired
    RedisKeyspace keyspace;

    static final String WITHOUT_API = """
            {"canvas_data": {"schema_version": 1, "shapes": [
              {"id": "db", "type": "ellipse", "x": 300, "y": 0, "width": 100, "height": 60, "text": "Ledger database"}]}}""";

    HttpResponse<String> comment(Api.User user, String fileId, String json) {
        return api.post(user, "/api/diagrams/" + fileId + "/comments", json);
    }

    @Test
    void threadsAnchorToShapesPointsAndNoteRangesAndFollowTheShape() throws Exception {
        Api.User owner = newUser();
        String file = createFileJson(owner, "{\"title\": \"Payments\", \"type\": \"mixed\", \"canvas_data\": " + CANVAS
                + ", \"note_content\": \"Retry policy: three times.\"}");
        HttpResponse<String> onShape;
        try (ChannelSubscription events = ChannelSubscription.open(redisConnections,
                keyspace.fileChannel(UUID.fromString(file)))) {
            onShape = comment(owner, file,
                    "{\"content\": \"Is this idempotent?\", \"anchor\": {\"kind\": \"shape\", \"shape_id\": \"api\"}}");
            assertThat(onShape.statusCode()).as(onShape.body()).isEqualTo(201);
            String created = events.next(Duration.ofSeconds(5));
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(created, "$.event")).isEqualTo("comment.created");
            assertThat(com.jayway.jsonpath.JsonPath.<String>read(created, "$.thread_id"))
                .isEqualTo(read(onShape, "$.id"));
        }
        String thread = read(onShape, "$.id");
        assertThat(read(onShape, "$.anchor.shape_id").toString()).isEqualTo("api");
        assertThat(read(onShape, "$.status").toString()).isEqualTo("open");
        assertProblem(
                comment(owner, file, "{\"content\": \"x\", \"anchor\": {\"kind\": \"shape\", \"shape_id\": \"nope\"}}"),
                422, "unknown_shape");
        assertThat(comment(owner, file,
                "{\"content\": \"Here\", \"anchor\": {\"kind\": \"point\", \"x\": 10, \"y\": -4.5}}")
            .statusCode()).isEqualTo(201);
        HttpResponse<String> onNote = comment(owner, file,
                "{\"content\": \"How many?\", \"anchor\": {\"kind\": \"note\", \"start\": 14, \"end\": 25}}");
        assertThat(read(onNote, "$.anchor.end").toString()).isEqualTo("25");
        assertProblem(
                comment(owner, file,
                        "{\"content\": \"x\", \"anchor\": {\"kind\": \"note\", \"start\": 0, \"end\": 999}}"),
                422, "invalid_anchor");
        assertProblem(comment(owner, file, "{\"content\": \"x\", \"anchor\": {\"kind\": \"point\", \"x\": 1}}"), 400,
                "validation_failed");
        assertThat((Integer) read(api.get(owner, "/api/diagrams/" + file), "$.comment_count")).isEqualTo(3);

        // The shape is deleted: the thread stays, marked orphaned; the shape comes back:
        // so does the thread.
        assertThat(api.patch(owner, "/api/diagrams/" + file, WITHOUT_API, "\"0\"").statusCode()).isEqualTo(200);
        HttpResponse<String> orphaned = api.get(owner, "/api/diagrams/comments/" + thread);
        assertThat((Boolean) read(orphaned, "$.orphaned")).isTrue();
        assertThat(read(orphaned, "$.anchor.shape_id").toString()).isEqualTo("api");
        assertThat(ids(api.get(owner, "/api/diagrams/" + file + "/comments?status=open"))).contains(thread);
        assertThat(api.patch(owner, "/api/diagrams/" + file, "{\"canvas_data\": " + CANVAS + "}", "\"1\"").statusCode())
            .isEqualTo(200);
        assertThat((Boolean) read(api.get(owner, "/api/diagrams/comments/" + thread), "$.orphaned")).isFalse();
    }

    @Test
    void aViewerMayCommentButNotEditAndOutsidersSeeNothing() {
        Api.User owner = newUser();
        Api.User viewer = newUser();
        Api.User outsider = newUser();
        String file = createFile(owner, "Reviewed");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + viewer.id(), "{\"permission\": \"view\"}");

        HttpResponse<String> byViewer = comment(viewer, file, "{\"content\": \"Looks good\"}");
        assertThat(byViewer.statusCode()).as(byViewer.body()).isEqualTo(201);
        assertProblem(api.patch(viewer, "/api/diagrams/" + file, "{\"title\": \"Mine\"}", "\"0\""), 403,
                "permission_denied");
        String thread = read(byViewer, "$.id");

        // The outsider gets 404 everywhere, whether or not the file or comment exists.
        assertProblem(comment(outsider, file, "{\"content\": \"Hi\"}"), 404, "not_found");
        assertProblem(comment(outsider, UUID.randomUUID().toString(), "{\"content\": \"Hi\"}"), 404, "not_found");
        assertProblem(api.get(outsider, "/api/diagrams/" + file + "/comments"), 404, "not_found");
        assertProblem(api.get(outsider, "/api/diagrams/comments/" + thread), 404, "not_found");
        assertProblem(api.post(outsider, "/api/diagrams/comments/" + thread + "/replies", "{\"content\": \"Hi\"}"), 404,
                "not_found");
        assertProblem(api.post(outsider, "/api/diagrams/comments/" + thread + "/resolve", null), 404, "not_found");
        assertProblem(api.put(outsider, "/api/diagrams/comments/" + thread + "/reactions/heart", null), 404,
                "not_found");
        assertProblem(api.patch(outsider, "/api/diagrams/comments/" + thread, "{\"content\": \"x\"}", null), 404,
                "not_found");
        assertProblem(api.delete(outsider, "/api/diagrams/comments/" + thread), 404, "not_found");
        assertProblem(api.get(outsider, "/api/diagrams/comments/" + thread + "/history"), 404, "not_found");

        // Access is decided per request: unshared, the viewer's very next request is
        // refused.
        assertThat(api.delete(owner, "/api/diagrams/" + file + "/shares/users/" + viewer.id()).statusCode())
            .isEqualTo(204);
        assertProblem(api.post(viewer, "/api/diagrams/comments/" + thread + "/replies", "{\"content\": \"Still?\"}"),
                404, "not_found");
        assertProblem(api.get(viewer, "/api/diagrams/comments/" + thread), 404, "not_found");
    }

    @Test
    void authorsEditTheirOwnAndOwnersMayDeleteAny() {
        Api.User owner = newUser();
        Api.User viewer = newUser();
        String file = createFile(owner, "Edited");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + viewer.id(), "{\"permission\": \"view\"}");
        String mine = read(comment(owner, file, "{\"content\": \"First take\"}"), "$.id");
        HttpResponse<String> replied = api.post(viewer, "/api/diagrams/comments/" + mine + "/replies",
                "{\"content\": \"Disagree\"}");
        assertThat(replied.statusCode()).as(replied.body()).isEqualTo(201);
        String reply = read(replied, "$.comments[1].id");

        assertProblem(api.patch(viewer, "/api/diagrams/comments/" + mine, "{\"content\": \"Hijacked\"}", null), 403,
                "permission_denied");
        assertProblem(api.patch(owner, "/api/diagrams/comments/" + reply, "{\"content\": \"Agree\"}", null), 403,
                "permission_denied");
        HttpResponse<String> edited = api.patch(owner, "/api/diagrams/comments/" + mine,
                "{\"content\": \"Second take\"}", null);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(read(edited, "$.edited_at").toString()).isNotBlank();
        HttpResponse<String> history = api.get(viewer, "/api/diagrams/comments/" + mine + "/history");
        assertThat(read(history, "$.content").toString()).isEqualTo("Second take");
        assertThat(read(history, "$.earlier[0].content").toString()).isEqualTo("First take");

        assertProblem(comment(owner, file, "{\"content\": \"   \"}"), 400, "validation_failed");
        assertProblem(comment(owner, file, "{\"content\": \"" + "x".repeat(10_001) + "\"}"), 400, "validation_failed");
        assertProblem(api.patch(owner, "/api/diagrams/comments/" + mine, "{\"content\": \"\"}", null), 400,
                "validation_failed");
        assertProblem(api.put(viewer, "/api/diagrams/comments/" + mine + "/reactions/skull", null), 400,
                "validation_failed");
        api.put(viewer, "/api/diagrams/comments/" + mine + "/reactions/heart", null);
        HttpResponse<String> reacted = api.put(viewer, "/api/diagrams/comments/" + mine + "/reactions/heart", null);
        assertThat(read(reacted, "$.reactions[0].count").toString()).isEqualTo("1");
        assertThat((Boolean) read(reacted, "$.reactions[0].mine")).isTrue();

        assertProblem(api.delete(viewer, "/api/diagrams/comments/" + mine), 403, "permission_denied");
        assertThat(api.delete(owner, "/api/diagrams/comments/" + reply).statusCode()).isEqualTo(204);
        assertProblem(api.get(owner, "/api/diagrams/comments/" + reply), 404, "not_found");
        assertThat(api.delete(owner, "/api/diagrams/comments/" + mine).statusCode()).isEqualTo(204);
        assertThat((Integer) read(api.get(owner, "/api/diagrams/" + file), "$.comment_count")).isZero();
    }

    @Test
    void filtersAndSearchSelectThreadsAndResolveReopenIsIdempotent() {
        Api.User owner = newUser();
        Api.User editor = newUser();
        String file = createFile(owner, "Filtered");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + editor.id(), "{\"permission\": \"edit\"}");
        String first = read(comment(owner, file, "{\"content\": \"Rename the ledger service\"}"), "$.id");
        String second = read(
                comment(editor, file, "{\"content\": \"Who owns the queue?\", \"mentions\": [\"" + owner.id() + "\"]}"),
                "$.id");

        String base = "/api/diagrams/" + file + "/comments";
        assertThat(read(api.post(editor, "/api/diagrams/comments/" + first + "/resolve", null), "$.status").toString())
            .isEqualTo("resolved");
        assertThat(api.post(editor, "/api/diagrams/comments/" + first + "/resolve", null).statusCode()).isEqualTo(200);
        assertThat(ids(api.get(owner, base + "?status=open"))).containsExactly(second);
        assertThat(ids(api.get(owner, base + "?status=resolved"))).containsExactly(first);
        assertThat(ids(api.get(owner, base + "?mine=true"))).containsExactly(first);
        assertThat(ids(api.get(owner, base + "?mentioning_me=true"))).containsExactly(second);
        assertThat(ids(api.get(owner, base + "?q=ledger"))).containsExactly(first);
        assertThat(ids(api.get(owner, base + "?q=nothing+here"))).isEmpty();
        assertProblem(api.get(owner, base + "?status=closed"), 400, "invalid_parameter");
        assertProblem(api.get(owner, base + "?size=1000"), 400, "invalid_parameter");
        assertProblem(api.get(owner, base + "?q=" + "x".repeat(201)), 400, "validation_failed");
        assertThat(read(api.post(owner, "/api/diagrams/comments/" + first + "/reopen", null), "$.status").toString())
            .isEqualTo("open");
        assertThat(ids(api.get(owner, base + "?status=open"))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void mentionsNeedPeopleWhoCanSeeTheFile() {
        Api.User owner = newUser();
        Api.User viewer = newUser();
        Api.User outsider = newUser();
        String file = createFile(owner, "Mentioned");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + viewer.id(), "{\"permission\": \"view\"}");

        HttpResponse<String> refused = comment(owner, file,
                "{\"content\": \"@both\", \"mentions\": [\"" + viewer.id() + "\", \"" + outsider.id() + "\"]}");
        assertProblem(refused, 422, "mention_without_access");
        assertThat((Boolean) read(refused, "$.can_share")).isTrue();
        assertThat(read(refused, "$.people[*].user_id").toString()).contains(outsider.id().toString())
            .doesNotContain(viewer.id().toString());
        // A viewer may not share, and is told so.
        assertThat((Boolean) read(
                comment(viewer, file, "{\"content\": \"@x\", \"mentions\": [\"" + outsider.id() + "\"]}"),
                "$.can_share"))
            .isFalse();
        String email = "mentioned-" + UUID.randomUUID() + "@example.com";
        StandInAuthService.accounts.put(email, viewer.id().toString());
        HttpResponse<String> byEmail = comment(owner, file,
                "{\"content\": \"@viewer\", \"mentions\": [\"" + email.toUpperCase(java.util.Locale.ROOT) + "\"]}");
        assertThat(byEmail.statusCode()).as(byEmail.body()).isEqualTo(201);
        assertThat(read(byEmail, "$.comments[0].mentions[0]").toString()).isEqualTo(viewer.id().toString());
        assertProblem(comment(owner, file, "{\"content\": \"@ghost\", \"mentions\": [\"ghost@example.com\"]}"), 422,
                "unknown_user");
        String tooMany = String.join(",", java.util.Collections.nCopies(21, "\"" + viewer.id() + "\""));
        assertProblem(comment(owner, file, "{\"content\": \"@all\", \"mentions\": [" + tooMany + "]}"), 400,
                "validation_failed");
        assertProblem(comment(outsider, file, "{\"content\": \"@owner\", \"mentions\": [\"" + owner.id() + "\"]}"), 404,
                "not_found");
    }

    @Test
    void commentsAndNotificationsNameThePeopleEvenOnceTheyAreGone() {
        Api.User owner = newUser("Ada Lovelace");
        Api.User reviewer = newUser("Grace Hopper");
        String file = createFile(owner, "Named");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + reviewer.id(), "{\"permission\": \"view\"}");
        HttpResponse<String> started = comment(reviewer, file, "{\"content\": \"Who owns this?\"}");
        assertThat(read(started, "$.comments[0].author_name").toString()).isEqualTo("Grace Hopper");
        String thread = read(started, "$.id");
        HttpResponse<String> replied = api.post(owner, "/api/diagrams/comments/" + thread + "/replies",
                "{\"content\": \"I do\"}");
        assertThat(read(replied, "$.comments[*].author_name").toString())
            .isEqualTo("[\"Grace Hopper\",\"Ada Lovelace\"]");
        String reply = read(replied, "$.comments[1].id");
        HttpResponse<String> resolved = api.post(owner, "/api/diagrams/comments/" + thread + "/resolve", null);
        assertThat(read(resolved, "$.resolved_by_name").toString()).isEqualTo("Ada Lovelace");
        assertThat(read(api.put(owner, "/api/diagrams/comments/" + thread + "/reactions/heart", null), "$.author_name")
            .toString()).isEqualTo("Grace Hopper");
        assertThat(read(api.patch(owner, "/api/diagrams/comments/" + reply, "{\"content\": \"I do.\"}", null),
                "$.author_name")
            .toString()).isEqualTo("Ada Lovelace");

        HttpResponse<String> list = api.get(reviewer, "/api/diagrams/" + file + "/comments");
        assertThat(read(list, "$.items[0].comments[*].author_name").toString())
            .isEqualTo("[\"Grace Hopper\",\"Ada Lovelace\"]");
        assertThat(read(list, "$.items[0].resolved_by_name").toString()).isEqualTo("Ada Lovelace");
        HttpResponse<String> told = api.get(reviewer, "/api/diagrams/notifications");
        assertThat(read(told, "$.items[?(@.type == 'reply')].actor_name").toString()).isEqualTo("[\"Ada Lovelace\"]");
        assertThat(read(told, "$.items[?(@.type == 'share')].actor_name").toString()).isEqualTo("[\"Ada Lovelace\"]");

        // A deactivated account keeps its name on what it wrote; a deleted one's is not
        // shown, whether the row is marked deleted or gone (then the id goes too).
        jdbc.sql("UPDATE users SET is_active = false WHERE id = :id").param("id", owner.id()).update();
        assertThat(read(api.get(reviewer, "/api/diagrams/comments/" + thread), "$.comments[1].author_name").toString())
            .isEqualTo("Ada Lovelace");
        jdbc.sql("UPDATE users SET deleted_at = now() WHERE id = :id").param("id", reviewer.id()).update();
        HttpResponse<String> marked = api.get(owner, "/api/diagrams/" + file + "/comments");
        assertThat(read(marked, "$.items[0].comments[0].author_id").toString()).isEqualTo(reviewer.id().toString());
        assertThat((Object) read(marked, "$.items[0].comments[0].author_name")).isNull();
        assertThat(read(api.get(owner, "/api/diagrams/notifications"),
                "$.items[?(@.type == 'comment_on_file')].actor_name")
            .toString()).isEqualTo("[null]");
        jdbc.sql("DELETE FROM users WHERE id = :id").param("id", reviewer.id()).update();
        HttpResponse<String> gone = api.get(owner, "/api/diagrams/comments/" + reply);
        assertThat(read(gone, "$.comments[*].author_name").toString()).isEqualTo("[null,\"Ada Lovelace\"]");
        assertThat((Object) read(gone, "$.comments[0].author_id")).isNull();
        assertThat(read(api.get(owner, "/api/diagrams/" + file + "/comments"), "$.items[0].comments[*].content")
            .toString()).contains("Who owns this?");
    }

    static List<String> ids(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return com.jayway.jsonpath.JsonPath.read(list.body(), "$.items[*].id");
    }

}
