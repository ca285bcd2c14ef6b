package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import com.autograph.diagram.version.VersionMaintenanceJob;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.testsupport.ChannelSubscription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version history as a client sees it: when versions are made, numbering, list, diff,
 * restore, fork, retention, compression.
 */
class VersionApiTest extends DiagramApiTestBase {

    @Autowired
    VersionMaintenanceJob job;

    @Autowired
    RedisConnectionFactory redisConnections;

    @Autowired
    RedisKeyspace keyspace;

    @Autowired
    MeterRegistry meters;

    @Test
    void twentyConcurrentSavesAreNumberedOneToTwentyWithoutGaps() throws Exception {
        Api.User a = newUser();
        String id = createFile(a, "Busy");
        List<Callable<Integer>> saves = IntStream.rangeClosed(1, 20)
            .<Callable<Integer>>mapToObj(i -> () -> api
                .send(a, "PATCH", "/api/diagrams/" + id + "?save=true", "{\"note_content\": \"edit " + i + "\"}",
                        Map.of("If-Match", "*"))
                .statusCode())
            .toList();
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> status : pool.invokeAll(saves)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).containsOnly(200);

        HttpResponse<String> list = api.get(a, "/api/diagrams/" + id + "/versions?size=100");
        assertThat((Integer) read(list, "$.total")).isEqualTo(20);
        assertThat(numbers(list))
            .containsExactlyElementsOf(IntStream.iterate(20, n -> n - 1).limit(20).boxed().toList());
        // Each save kept its own content: twenty different notes.
        List<String> notes = IntStream.rangeClosed(1, 20)
            .mapToObj(n -> read(api.get(a, "/api/diagrams/" + id + "/versions/" + n), "$.note_content").toString())
            .toList();
        assertThat(notes).doesNotHaveDuplicates().allMatch(n -> n.startsWith("edit "));
        HttpResponse<String> file = api.get(a, "/api/diagrams/" + id);
        assertThat((Integer) read(file, "$.latest_version")).isEqualTo(20);
        assertThat((Integer) read(file, "$.version_count")).isEqualTo(20);
    }

    @Test
    void autosaveKeepsAChangedHeadEveryFiveMinutesAndUnchangedContentNeverMakesAVersion() {
        Api.User a = newUser();
        String id = createFile(a, "Autosaved");
        assertThat(versionCount(a, id)).isZero();

        patch(a, id, "", "{\"note_content\": \"a\"}"); // no version yet: the first change
                                                       // is kept
        clock.advance(Duration.ofMinutes(1));
        patch(a, id, "", "{\"note_content\": \"b\"}");
        patch(a, id, "", "{\"title\": \"Renamed\"}");
        assertThat(versionCount(a, id)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        patch(a, id, "", "{\"title\": \"Renamed again\"}"); // not content
        assertThat(versionCount(a, id)).isEqualTo(1);
        patch(a, id, "", "{\"note_content\": \"c\"}");
        assertThat(versionCount(a, id)).isEqualTo(2);

        // Saving what the newest version already holds makes nothing, explicitly or not.
        patch(a, id, "?save=true", "{\"note_content\": \"c\"}");
        patch(a, id, "?save=true", "{\"title\": \"Only the title\"}");
        clock.advance(Duration.ofMinutes(10));
        patch(a, id, "", "{\"note_content\": \"c\", \"canvas_data\": " + CANVAS + "}");
        assertThat(versionCount(a, id)).isEqualTo(2);
        assertProblem(api.post(a, "/api/diagrams/" + id + "/versions", "{}"), 409, "version_unchanged");

        // An explicit save keeps a change at once, whatever the interval.
        patch(a, id, "?save=true", "{\"note_content\": \"d\"}");
        HttpResponse<String> list = api.get(a, "/api/diagrams/" + id + "/versions");
        assertThat(numbers(list)).containsExactly(3, 2, 1);
        assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].reason")).containsExactly("save", "autosave",
                "autosave");
        assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].note_content")).isEmpty();

        HttpResponse<String> second = api.get(a, "/api/diagrams/" + id + "/versions/2");
        assertThat(read(second, "$.note_content").toString()).isEqualTo("c");
        assertThat(read(second, "$.canvas_data.shapes[0].text").toString()).isEqualTo("Payment API");
        assertThat(read(second, "$.created_by").toString()).isEqualTo(a.id().toString());
        assertThat((Object) read(second, "$.thumbnail_key")).isNull();

        // A head changed since the newest version is saved as it is by POST /versions.
        clock.advance(Duration.ofMinutes(1));
        patch(a, id, "", "{\"note_content\": \"e\"}");
        HttpResponse<String> saved = api.post(a, "/api/diagrams/" + id + "/versions",
                "{\"description\": \"Before the review\", \"label\": \"review\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(saved.headers().firstValue("Location")).hasValue("/api/diagrams/" + id + "/versions/4");
        assertThat(read(saved, "$.label").toString()).isEqualTo("review");
        assertThat(read(saved, "$.description").toString()).isEqualTo("Before the review");
        assertThat(read(api.get(a, "/api/diagrams/" + id + "/versions/4"), "$.note_content").toString()).isEqualTo("e");
    }

    @Test
    void deletingTwelveShapesMakesAVersionAtOnceAndKeepsTheStateBeforeIt() {
        Api.User a = newUser();
        String id = createFileJson(a,
                "{\"title\": \"Big\", \"type\": \"canvas\", \"canvas_data\": " + canvas(15) + "}");
        patch(a, id, "?save=true", "{\"note_content\": \"fifteen\"}");
        assertThat(versionCount(a, id)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        patch(a, id, "", "{\"canvas_data\": " + canvas(3) + "}");
        HttpResponse<String> list = api.get(a, "/api/diagrams/" + id + "/versions");
        assertThat(numbers(list)).containsExactly(2, 1);
        assertThat(read(list, "$.items[0].reason").toString()).isEqualTo("major_edit");
        assertThat(read(list, "$.items[0].description").toString()).isEqualTo("Deleted 12 shapes");
        assertThat((List<?>) read(api.get(a, "/api/diagrams/" + id + "/versions/2"), "$.canvas_data.shapes"))
            .hasSize(3);

        // Below the threshold (9 deleted) and within five minutes: no version.
        clock.advance(Duration.ofSeconds(30));
        patch(a, id, "", "{\"canvas_data\": " + canvas(16) + "}");
        patch(a, id, "", "{\"canvas_data\": " + canvas(7) + "}");
        patch(a, id, "", "{\"canvas_data\": " + canvas(16) + "}");
        assertThat(versionCount(a, id)).isEqualTo(2);

        // 12 deleted from a head history does not have yet: the state before is kept,
        // then the one after.
        patch(a, id, "", "{\"canvas_data\": " + canvas(4) + "}");
        list = api.get(a, "/api/diagrams/" + id + "/versions");
        assertThat(numbers(list)).containsExactly(4, 3, 2, 1);
        assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].description")).startsWith("Deleted 12 shapes",
                "Before deleting 12 shapes");
        assertThat((List<?>) read(api.get(a, "/api/diagrams/" + id + "/versions/3"), "$.canvas_data.shapes"))
            .hasSize(16);
        assertThat((List<?>) read(api.get(a, "/api/diagrams/" + id + "/versions/4"), "$.canvas_data.shapes"))
            .hasSize(4);
    }

    @Test
    void theDiffOfTwoCraftedVersionsListsExactlyTheChangedShapesAndProperties() {
        Api.User a = newUser();
        String id = createFile(a, "Diffed");
        patch(a, id, "?save=true",
                """
                        {"note_content": "line one\\nline two\\nline three", "canvas_data": {"schema_version": 1, "background": "#ffffff", "shapes": [
                          {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 50, "text": "Keep", "style": {"fill_color": "#ffffff"}},
                          {"id": "b", "type": "rectangle", "x": 0, "y": 100, "width": 100, "height": 50, "text": "Move me",
                           "style": {"fill_color": "#ffffff", "stroke_width": 1}},
                          {"id": "c", "type": "ellipse", "x": 200, "y": 0, "width": 80, "height": 80, "text": "Gone"},
                          {"id": "e1", "type": "arrow", "start": {"shape_id": "a"}, "end": {"shape_id": "b"}}]}}""");
        patch(a, id, "?save=true",
                """
                        {"note_content": "line one\\nline 2\\nline three\\nline four", "canvas_data": {"schema_version": 1, "background": "#f0f0f0", "shapes": [
                          {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 50, "text": "Keep", "style": {"fill_color": "#ffffff"}},
                          {"id": "b", "type": "rectangle", "x": 100, "y": 100, "width": 100, "height": 50, "text": "Moved",
                           "style": {"fill_color": "#000000", "stroke_width": 1, "stroke_style": "dashed"}},
                          {"id": "d", "type": "diamond", "x": 400, "y": 0, "width": 80, "height": 80, "text": "New"},
                          {"id": "e1", "type": "arrow", "start": {"shape_id": "a"}, "end": {"shape_id": "d"}}]}}""");

        HttpResponse<String> diff = api.get(a, "/api/diagrams/" + id + "/versions/diff?from=1&to=2");
        assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
        assertThat(JsonPath.<Map<String, Object>>read(diff.body(), "$.summary"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("added", 1, "removed", 1, "modified", 2, "unchanged", 1,
                    "reordered", 0, "document_changes", 1, "note_lines_added", 2, "note_lines_removed", 1));
        assertThat(JsonPath.<List<String>>read(diff.body(), "$.shapes.added[*].id")).containsExactly("d");
        assertThat(read(diff, "$.shapes.added[0].shape.text").toString()).isEqualTo("New");
        assertThat(JsonPath.<List<String>>read(diff.body(), "$.shapes.removed[*].id")).containsExactly("c");
        assertThat(JsonPath.<List<String>>read(diff.body(), "$.shapes.modified[*].id")).containsExactly("b", "e1");
        assertThat(JsonPath.<List<Map<String, Object>>>read(diff.body(), "$.shapes.modified[0].changes"))
            .containsExactly(Map.of("property", "x", "from", 0, "to", 100),
                    Map.of("property", "text", "from", "Move me", "to", "Moved"),
                    Map.of("property", "style.fill_color", "from", "#ffffff", "to", "#000000"),
                    Map.of("property", "style.stroke_style", "to", "dashed"));
        assertThat(JsonPath.<List<Map<String, Object>>>read(diff.body(), "$.shapes.modified[1].changes"))
            .containsExactly(Map.of("property", "end.shape_id", "from", "b", "to", "d"));
        assertThat(JsonPath.<List<Map<String, Object>>>read(diff.body(), "$.document"))
            .containsExactly(Map.of("property", "background", "from", "#ffffff", "to", "#f0f0f0"));
        assertThat(JsonPath.<List<Object>>read(diff.body(), "$.note.hunks")).hasSize(2);
        assertThat(read(diff, "$.note.hunks[0].type").toString()).isEqualTo("change");
        assertThat((Integer) read(diff, "$.note.hunks[0].from.line")).isEqualTo(2);
        assertThat(JsonPath.<List<String>>read(diff.body(), "$.note.hunks[0].from.lines")).containsExactly("line two");
        assertThat(JsonPath.<List<String>>read(diff.body(), "$.note.hunks[0].to.lines")).containsExactly("line 2");
        assertThat(read(diff, "$.note.hunks[1].type").toString()).isEqualTo("insert");
        assertThat((Integer) read(diff, "$.note.hunks[1].to.line")).isEqualTo(4);
        assertThat(JsonPath.<List<String>>read(diff.body(), "$.note.hunks[1].to.lines")).containsExactly("line four");
        assertThat((Integer) read(diff, "$.from.version_number")).isEqualTo(1);
        assertThat((Integer) read(diff, "$.to.version_number")).isEqualTo(2);

        // Backwards, the same change reads the other way round.
        HttpResponse<String> back = api.get(a, "/api/diagrams/" + id + "/versions/diff?from=2&to=1");
        assertThat(JsonPath.<List<String>>read(back.body(), "$.shapes.added[*].id")).containsExactly("c");
        assertThat(JsonPath.<List<String>>read(back.body(), "$.shapes.removed[*].id")).containsExactly("d");
        assertThat(JsonPath.<List<Map<String, Object>>>read(back.body(), "$.shapes.modified[0].changes"))
            .contains(Map.of("property", "style.stroke_style", "from", "dashed"));

        // Against the head (to defaults to head): the head is version 2 plus one more
        // shape.
        patch(a, id, "",
                "{\"canvas_data\": {\"schema_version\": 1, \"background\": \"#f0f0f0\", \"shapes\": " + JsonPath
                    .parse((Object) read(api.get(a, "/api/diagrams/" + id + "/versions/2"), "$.canvas_data.shapes"))
                    .jsonString()
                    .replaceFirst("\\]$", ", {\"id\": \"z\", \"type\": \"text\", \"text\": \"Late\"}]") + "}}");
        HttpResponse<String> toHead = api.get(a, "/api/diagrams/" + id + "/versions/diff?from=2");
        assertThat(toHead.statusCode()).as(toHead.body()).isEqualTo(200);
        assertThat((Boolean) read(toHead, "$.to.head")).isTrue();
        assertThat(read(toHead, "$.to.etag").toString())
            .isEqualTo(api.get(a, "/api/diagrams/" + id).headers().firstValue("ETag").orElseThrow());
        assertThat(JsonPath.<List<String>>read(toHead.body(), "$.shapes.added[*].id")).containsExactly("z");
        assertThat(JsonPath.<List<Object>>read(toHead.body(), "$.shapes.modified")).isEmpty();
        assertThat((Boolean) read(toHead, "$.note.changed")).isFalse();

        assertProblem(api.get(a, "/api/diagrams/" + id + "/versions/diff?from=1&to=9"), 404, "not_found");
        assertProblem(api.get(a, "/api/diagrams/" + id + "/versions/diff?from=zero"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams/" + id + "/versions/diff"), 400, "invalid_parameter");
    }

    @Test
    void restoreMakesTheVersionTheNewHeadAndKeepsEveryVersion() {
        Api.User a = newUser();
        String id = createFile(a, "Restored");
        patch(a, id, "?save=true", "{\"note_content\": \"first\"}");
        patch(a, id, "?save=true", "{\"note_content\": \"second\"}");
        HttpResponse<String> unsaved = patch(a, id, "", "{\"note_content\": \"not saved yet\"}");
        String etag = unsaved.headers().firstValue("ETag").orElseThrow();
        assertThat(versionCount(a, id)).isEqualTo(2);

        String restore = "/api/diagrams/" + id + "/versions/1/restore";
        assertProblem(api.post(a, restore, null), 428, "precondition_required");
        assertProblem(api.send(a, "POST", restore, null, Map.of("If-Match", "\"0\"")), 412, "precondition_failed");
        assertThat(versionCount(a, id)).isEqualTo(2);

        HttpResponse<String> restored = api.send(a, "POST", restore, null, Map.of("If-Match", etag));
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(read(restored, "$.note_content").toString()).isEqualTo("first");
        assertThat(restored.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat((Integer) read(restored, "$.latest_version")).isEqualTo(4);

        HttpResponse<String> list = api.get(a, "/api/diagrams/" + id + "/versions");
        assertThat(numbers(list)).containsExactly(4, 3, 2, 1);
        assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].reason")).containsExactly("restore",
                "before_restore", "save", "save");
        assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].description")).startsWith("Restored version 1",
                "Before restoring version 1");
        List<String> notes = IntStream.rangeClosed(1, 4)
            .mapToObj(n -> read(api.get(a, "/api/diagrams/" + id + "/versions/" + n), "$.note_content").toString())
            .toList();
        assertThat(notes).containsExactly("first", "second", "not saved yet", "first");

        // The old ETag is stale now.
        assertProblem(
                api.send(a, "POST", "/api/diagrams/" + id + "/versions/2/restore", null, Map.of("If-Match", etag)), 412,
                "precondition_failed");
        // Restoring what the head already holds changes nothing in history.
        HttpResponse<String> again = api.send(a, "POST", "/api/diagrams/" + id + "/versions/1/restore", null,
                Map.of("If-Match", restored.headers().firstValue("ETag").orElseThrow()));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(versionCount(a, id)).isEqualTo(4);

        // Version numbers belong to their file: another file's numbers are 404 here.
        String other = createFile(a, "Other");
        patch(a, other, "?save=true", "{\"note_content\": \"only one\"}");
        assertProblem(
                api.send(a, "POST", "/api/diagrams/" + other + "/versions/4/restore", null, Map.of("If-Match", "*")),
                404, "not_found");
        assertProblem(api.get(a, "/api/diagrams/" + other + "/versions/4"), 404, "not_found");
        assertProblem(api.get(a, "/api/diagrams/" + other + "/versions/diff?from=4&to=head"), 404, "not_found");
        assertProblem(api.get(a, "/api/diagrams/" + other + "/versions/diff?from=1&to=3"), 404, "not_found");
        assertProblem(api.get(a, "/api/diagrams/" + other + "/versions/x"), 404, "not_found");
        assertThat(versionCount(a, other)).isEqualTo(1);
    }

    @Test
    void forkMakesANewFileFromAVersionAndBothHistoriesStay() {
        Api.User a = newUser();
        String id = createFile(a, "Original");
        patch(a, id, "?save=true", "{\"note_content\": \"one\"}");
        patch(a, id, "?save=true", "{\"note_content\": \"two\"}");

        HttpResponse<String> fork = api.post(a, "/api/diagrams/" + id + "/versions/1/fork", null);
        assertThat(fork.statusCode()).as(fork.body()).isEqualTo(201);
        String forkId = read(fork, "$.id");
        assertThat(forkId).isNotEqualTo(id);
        assertThat(fork.headers().firstValue("Location")).hasValue("/api/diagrams/" + forkId);
        assertThat(read(fork, "$.title").toString()).isEqualTo("Original (version 1)");
        assertThat(read(fork, "$.note_content").toString()).isEqualTo("one");
        assertThat(read(fork, "$.canvas_data.shapes[0].id").toString()).isEqualTo("api");
        assertThat(read(fork, "$.owner_id").toString()).isEqualTo(a.id().toString());

        HttpResponse<String> forkHistory = api.get(a, "/api/diagrams/" + forkId + "/versions");
        assertThat(numbers(forkHistory)).containsExactly(1);
        assertThat(read(forkHistory, "$.items[0].reason").toString()).isEqualTo("fork");
        assertThat(read(forkHistory, "$.items[0].description").toString())
            .isEqualTo("Forked from version 1 of \"Original\"");
        assertThat(numbers(api.get(a, "/api/diagrams/" + id + "/versions"))).containsExactly(2, 1);
        assertThat(read(api.get(a, "/api/diagrams/" + id), "$.note_content").toString()).isEqualTo("two");

        assertProblem(api.post(a, "/api/diagrams/" + id + "/versions/3/fork", null), 404, "not_found");
    }

    @Test
    void retentionDeletesOldVersionsButNeverLabelledOrLockedOnes() {
        Api.User owner = newUser();
        UUID team = newTeam();
        Api.User editor = newUser().withTeam(team, "editor");
        String id = createFileJson(owner.withTeam(team, "admin"),
                "{\"title\": \"Kept\", \"type\": \"note\", \"team_id\": \"" + team + "\"}");
        for (int i = 1; i <= 6; i++) {
            patch(owner, id, "?save=true", "{\"note_content\": \"state " + i + "\"}");
        }
        HttpResponse<String> labelled = api.patch(editor, "/api/diagrams/" + id + "/versions/2",
                "{\"label\": \"Release 1.0\", \"description\": \"Shipped\"}", null);
        assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(200);
        assertThat(read(labelled, "$.label").toString()).isEqualTo("Release 1.0");
        // Locking is for the owner or a team admin.
        assertProblem(api.patch(editor, "/api/diagrams/" + id + "/versions/3", "{\"locked\": true}", null), 403,
                "permission_denied");
        HttpResponse<String> locked = api.patch(owner, "/api/diagrams/" + id + "/versions/3", "{\"locked\": true}",
                null);
        assertThat((Boolean) read(locked, "$.locked")).isTrue();

        clock.advance(Duration.ofDays(40));
        patch(owner, id, "?save=true", "{\"note_content\": \"state 7\"}");
        job.applyRetention(clock.instant(), Duration.ofDays(30), 2);

        // 1, 4, 5 were old and unprotected; 6 is among the newest two; 2 is labelled, 3
        // locked.
        assertThat(numbers(api.get(owner, "/api/diagrams/" + id + "/versions"))).containsExactly(7, 6, 3, 2);
        assertThat((Integer) read(api.get(owner, "/api/diagrams/" + id + "/versions/stats"), "$.labelled_count"))
            .isEqualTo(1);

        // By hand: a locked version must be unlocked first, and only the owner or an
        // admin may delete.
        assertProblem(api.delete(owner, "/api/diagrams/" + id + "/versions/3"), 409, "version_locked");
        assertProblem(api.delete(editor, "/api/diagrams/" + id + "/versions/2"), 403, "permission_denied");
        api.patch(owner, "/api/diagrams/" + id + "/versions/3", "{\"locked\": false}", null);
        assertThat(api.delete(owner, "/api/diagrams/" + id + "/versions/3").statusCode()).isEqualTo(204);
        assertThat(numbers(api.get(owner, "/api/diagrams/" + id + "/versions"))).containsExactly(7, 6, 2);
        // Numbers are never reused.
        patch(owner, id, "?save=true", "{\"note_content\": \"state 8\"}");
        assertThat(numbers(api.get(owner, "/api/diagrams/" + id + "/versions"))).containsExactly(8, 7, 6, 2);
    }

    @Test
    void oldVersionsAreCompressedInTheBackgroundAndReadBackUnchanged() {
        Api.User a = newUser();
        String id = createFileJson(a,
                "{\"title\": \"Compressed\", \"type\": \"canvas\", \"canvas_data\": " + canvas(60) + "}");
        patch(a, id, "?save=true", "{\"note_content\": \"first note\"}");
        String original = JsonPath
            .parse((Object) read(api.get(a, "/api/diagrams/" + id + "/versions/1"), "$.canvas_data"))
            .jsonString();
        patch(a, id, "?save=true", "{\"canvas_data\": " + canvas(61) + "}");
        patch(a, id, "?save=true", "{\"canvas_data\": " + canvas(62) + "}");

        // Too young: nothing of this file yet.
        job.compress(clock.instant(), Duration.ofDays(1), 1);
        assertThat(JsonPath.<List<Boolean>>read(api.get(a, "/api/diagrams/" + id + "/versions").body(),
                "$.items[*].compressed"))
            .containsOnly(false);

        clock.advance(Duration.ofDays(2));
        double countedBefore = meters.get("autograph.versions.compressed").counter().count();
        VersionMaintenanceJob.Compressed done = job.compress(clock.instant(), Duration.ofDays(1), 1);
        assertThat(done.versions()).isGreaterThanOrEqualTo(2);
        assertThat(done.bytesAfter()).isLessThan(done.bytesBefore());
        // Sizes before and after reach /metrics too.
        assertThat(meters.get("autograph.versions.compressed").counter().count() - countedBefore)
            .isEqualTo(done.versions());
        assertThat(meters.get("autograph.versions.compression.bytes").tag("stage", "after").counter().count())
            .isLessThan(meters.get("autograph.versions.compression.bytes").tag("stage", "before").counter().count());

        HttpResponse<String> list = api.get(a, "/api/diagrams/" + id + "/versions");
        assertThat(JsonPath.<List<Boolean>>read(list.body(), "$.items[*].compressed")).containsExactly(false, true,
                true);
        for (int i = 1; i <= 2; i++) {
            long size = ((Number) read(list, "$.items[" + i + "].size_bytes")).longValue();
            long stored = ((Number) read(list, "$.items[" + i + "].stored_bytes")).longValue();
            assertThat(stored).as("version %d", 3 - i).isLessThan(size / 3);
        }
        HttpResponse<String> first = api.get(a, "/api/diagrams/" + id + "/versions/1");
        assertThat(JsonPath.parse((Object) read(first, "$.canvas_data")).jsonString()).isEqualTo(original);
        assertThat(read(first, "$.note_content").toString()).isEqualTo("first note");
        assertThat((Boolean) read(first, "$.compressed")).isTrue();

        // Search and diff read compressed versions too.
        assertThat(numbers(api.get(a, "/api/diagrams/" + id + "/versions?q=Service%2061"))).containsExactly(3, 2);
        HttpResponse<String> diff = api.get(a, "/api/diagrams/" + id + "/versions/diff?from=1&to=3");
        assertThat(JsonPath.<List<String>>read(diff.body(), "$.shapes.added[*].id")).containsExactly("s61", "s62");

        HttpResponse<String> stats = api.get(a, "/api/diagrams/" + id + "/versions/stats");
        assertThat((Integer) read(stats, "$.version_count")).isEqualTo(3);
        assertThat((Integer) read(stats, "$.compressed_count")).isEqualTo(2);
        assertThat(((Number) read(stats, "$.stored_bytes")).longValue())
            .isLessThan(((Number) read(stats, "$.size_bytes")).longValue());

        // A compressed newest version (after the newer one is deleted) still stops an
        // unchanged save.
        api.delete(a, "/api/diagrams/" + id + "/versions/3");
        patch(a, id, "?save=true", "{\"canvas_data\": " + canvas(61) + "}");
        assertThat(numbers(api.get(a, "/api/diagrams/" + id + "/versions"))).containsExactly(2, 1);
    }

    @Test
    void listSearchesByTextDateRangeAuthorAndLabel() {
        Api.User owner = newUser();
        UUID team = newTeam();
        Api.User editor = newUser().withTeam(team, "editor");
        String id = createFileJson(owner.withTeam(team, "admin"),
                "{\"title\": \"Searched\", \"type\": \"note\", \"team_id\": \"" + team + "\"}");
        patch(owner, id, "?save=true", "{\"note_content\": \"Kubernetes cluster\"}");
        clock.advance(Duration.ofDays(1));
        java.time.Instant middle = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        patch(editor, id, "?save=true", "{\"note_content\": \"Postgres 100%_done\"}");
        clock.advance(Duration.ofDays(1));
        patch(owner, id, "?save=true", "{\"note_content\": \"Redis cache\"}");
        api.patch(owner, "/api/diagrams/" + id + "/versions/3", "{\"label\": \"cache\"}", null);

        String base = "/api/diagrams/" + id + "/versions";
        assertThat(numbers(api.get(owner, base + "?q=kubernetes"))).containsExactly(1);
        assertThat(numbers(api.get(owner, base + "?q=100%25_"))).containsExactly(2); // %
                                                                                     // and
                                                                                     // _
                                                                                     // are
                                                                                     // literal
        assertThat(numbers(api.get(owner, base + "?q=_d"))).containsExactly(2);
        assertThat(numbers(api.get(owner, base + "?created_after=" + middle))).containsExactly(3, 2);
        assertThat(numbers(api.get(owner, base + "?created_before=" + middle))).containsExactly(1);
        assertThat(numbers(api.get(owner, base + "?author=" + editor.id()))).containsExactly(2);
        assertThat(numbers(api.get(editor, base + "?author=me"))).containsExactly(2);
        assertThat(numbers(api.get(owner, base + "?labelled=true"))).containsExactly(3);
        HttpResponse<String> page = api.get(owner, base + "?page=1&size=2");
        assertThat(numbers(page)).containsExactly(1);
        assertThat((Integer) read(page, "$.total")).isEqualTo(3);
        assertThat((Integer) read(page, "$.page")).isEqualTo(1);

        assertProblem(api.get(owner, base + "?size=101"), 400, "invalid_parameter");
        assertProblem(api.get(owner, base + "?author=someone"), 400, "invalid_parameter");
        assertProblem(api.get(owner, base + "?q=%20"), 400, "invalid_parameter");
        assertProblem(api.patch(owner, base + "/1", "{\"label\": \"" + "x".repeat(101) + "\"}", null), 400,
                "validation_failed");
    }

    @Test
    void historyFollowsTheFilesPermissions() {
        Api.User owner = newUser();
        UUID team = newTeam();
        Api.User viewer = newUser().withTeam(team, "viewer");
        Api.User stranger = newUser();
        String id = createFileJson(owner.withTeam(team, "admin"),
                "{\"title\": \"Guarded\", \"type\": \"note\", \"team_id\": \"" + team + "\"}");
        patch(owner, id, "?save=true", "{\"note_content\": \"one\"}");
        patch(owner, id, "?save=true", "{\"note_content\": \"two\"}");
        String base = "/api/diagrams/" + id + "/versions";

        assertThat(api.get(viewer, base).statusCode()).isEqualTo(200);
        assertThat(api.get(viewer, base + "/1").statusCode()).isEqualTo(200);
        assertThat(api.get(viewer, base + "/diff?from=1&to=2").statusCode()).isEqualTo(200);
        assertThat(api.get(viewer, base + "/stats").statusCode()).isEqualTo(200);
        assertProblem(api.send(viewer, "POST", base + "/1/restore", null, Map.of("If-Match", "*")), 403,
                "permission_denied");
        assertProblem(api.post(viewer, base, "{}"), 403, "permission_denied");
        assertProblem(api.patch(viewer, base + "/1", "{\"label\": \"mine\"}", null), 403, "permission_denied");
        // A viewer may copy what they can see, as with duplicate.
        assertThat(api.post(viewer, base + "/1/fork", null).statusCode()).isEqualTo(201);

        for (HttpResponse<String> response : List.of(api.get(stranger, base), api.get(stranger, base + "/1"),
                api.get(stranger, base + "/diff?from=1&to=2"), api.post(stranger, base + "/1/fork", null),
                api.send(stranger, "POST", base + "/1/restore", null, Map.of("If-Match", "*")))) {
            assertProblem(response, 404, "not_found");
        }
        assertProblem(api.get(owner, "/api/diagrams/" + UUID.randomUUID() + "/versions"), 404, "not_found");
    }

    @Test
    void versionCreationAndRestoreArePublishedOnTheFileChannel() throws Exception {
        Api.User a = newUser();
        String id = createFile(a, "Watched");
        try (ChannelSubscription messages = ChannelSubscription.open(redisConnections,
                keyspace.fileChannel(UUID.fromString(id)))) {
            patch(a, id, "?save=true", "{\"note_content\": \"saved\"}");
            HttpResponse<String> head = patch(a, id, "", "{\"note_content\": \"edited\"}");
            api.send(a, "POST", "/api/diagrams/" + id + "/versions/1/restore", null,
                    Map.of("If-Match", head.headers().firstValue("ETag").orElseThrow()));

            List<String> events = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String message = messages.next(Duration.ofSeconds(5));
                assertThat(message).as("message %d of 7, after %s", i + 1, events).isNotNull();
                events.add(JsonPath.<String>read(message, "$.event") + (message.contains("\"version_number\"")
                        ? " " + JsonPath.read(message, "$.version_number") : ""));
                if (events.getLast().startsWith("version.restored")) {
                    assertThat(JsonPath.<Integer>read(message, "$.restored_from")).isEqualTo(1);
                    assertThat(JsonPath.<String>read(message, "$.actor_id")).isEqualTo(a.id().toString());
                }
            }
            assertThat(events).containsExactly("version.created 1", "file.updated", "file.updated", "version.created 2",
                    "version.created 3", "file.updated", "version.restored 3");
        }
    }

    @Test
    void labelAndLockEditsSentWithAStaleETagAreRefusedAndLoseNothing() {
        Api.User a = newUser();
        String id = createFile(a, "Two editors");
        patch(a, id, "?save=true", "{\"canvas_data\": " + canvas(2) + "}");
        String version = "/api/diagrams/" + id + "/versions/1";
        HttpResponse<String> read = api.get(a, version);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"v1.0\"");
        assertThat(read(read, "$.etag").toString()).isEqualTo(etag);
        assertThat(
                JsonPath.<List<String>>read(api.get(a, "/api/diagrams/" + id + "/versions").body(), "$.items[*].etag"))
            .containsExactly(etag);

        // Two people label the version from the same read: the first wins, the second is
        // told.
        HttpResponse<String> first = api.patch(a, version, "{\"label\": \"Release 1\"}", etag);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String afterFirst = first.headers().firstValue("ETag").orElseThrow();
        assertThat(afterFirst).isEqualTo("\"v1.1\"");
        HttpResponse<String> second = api.patch(a, version, "{\"label\": \"Release one\", \"locked\": true}", etag);
        assertProblem(second, 412, "precondition_failed");
        assertThat(read(second, "$.detail").toString()).contains("\"v1.1\"");
        assertThat(read(api.get(a, version), "$.label").toString()).isEqualTo("Release 1");
        assertThat((Boolean) read(api.get(a, version), "$.locked")).isFalse();

        // A file's ETag is not a version's, even when the numbers agree.
        String fileEtag = api.get(a, "/api/diagrams/" + id).headers().firstValue("ETag").orElseThrow();
        assertProblem(api.patch(a, version, "{\"label\": \"x\"}", fileEtag), 412, "precondition_failed");
        // The current ETag, "*", or none at all (last write wins) go through; a change
        // that changes
        // nothing keeps the ETag.
        HttpResponse<String> locked = api.patch(a, version, "{\"locked\": true}", "W/" + afterFirst);
        assertThat(locked.headers().firstValue("ETag")).hasValue("\"v1.2\"");
        assertThat(api.patch(a, version, "{\"locked\": true}", null).headers().firstValue("ETag")).hasValue("\"v1.2\"");
        assertThat(api.patch(a, version, "{\"description\": \"Shipped\"}", "*").headers().firstValue("ETag"))
            .hasValue("\"v1.3\"");

        // Six editors at once with the same ETag: exactly one write lands, the others get
        // 412.
        api.patch(a, version, "{\"locked\": false}", null);
        List<HttpResponse<String>> racing = IntStream.range(0, 6)
            .parallel()
            .mapToObj(i -> api.patch(a, version, "{\"label\": \"editor " + i + "\"}", "\"v1.4\""))
            .toList();
        List<HttpResponse<String>> landed = racing.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(landed).hasSize(1);
        assertThat(racing).filteredOn(r -> r.statusCode() != 200)
            .hasSize(5)
            .allSatisfy(r -> assertProblem(r, 412, "precondition_failed"));
        assertThat(read(api.get(a, version), "$.label").toString())
            .isEqualTo(read(landed.getFirst(), "$.label").toString());

        // Deleting with a stale ETag is refused too; the version stays until the current
        // one is sent.
        assertProblem(api.send(a, "DELETE", version, null, Map.of("If-Match", "\"v1.4\"")), 412, "precondition_failed");
        assertThat(api.get(a, version).statusCode()).isEqualTo(200);
        assertThat(api.send(a, "DELETE", version, null, Map.of("If-Match", "\"v1.5\"")).statusCode()).isEqualTo(204);
        assertThat(api.get(a, version).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> patch(Api.User user, String id, String query, String json) {
        HttpResponse<String> response = api.send(user, "PATCH", "/api/diagrams/" + id + query, json,
                Map.of("If-Match", "*"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private int versionCount(Api.User user, String id) {
        return read(api.get(user, "/api/diagrams/" + id), "$.version_count");
    }

    private static List<Integer> numbers(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JsonPath.read(list.body(), "$.items[*].version_number");
    }

    /** A document of {@code n} boxes s1…sn labelled "Service i", each with a style. */
    static String canvas(int n) {
        return IntStream.rangeClosed(1, n)
            .mapToObj(
                    i -> """
                            {"id": "s%d", "type": "rectangle", "x": %d, "y": %d, "width": 160, "height": 60, "text": "Service %d",
                             "style": {"fill_color": "#dbeafe", "stroke_color": "#1d4ed8"}}"""
                        .formatted(i, (i % 10) * 200, (i / 10) * 100, i))
            .collect(Collectors.joining(",", "{\"schema_version\": 1, \"shapes\": [", "]}"));
    }

}
