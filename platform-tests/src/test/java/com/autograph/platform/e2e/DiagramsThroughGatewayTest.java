package com.autograph.platform.e2e;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.autograph.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagram service as clients meet it through the gateway: real accounts registered
 * and signed in at auth-service, their access tokens turned into identities by the
 * gateway, files, folders, sharing, links, search, lists, stars, tags, batches, the trash
 * and the events on Redis. One platform (gateway, auth-service, diagram-service) serves
 * the whole class; every test registers its own users, so the tests do not see each
 * other's files. The trash job's 30-day rule needs a clock and is tested inside
 * diagram-service (FileApiTest).
 */
class DiagramsThroughGatewayTest {

    private static final String PASSWORD = "correct horse battery";

    private static final HttpClient http = HttpClient.newHttpClient();

    private static RunningPlatform platform;

    private record User(UUID id, String token) {
    }

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.start(List.of("auth-service", "diagram-service"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aStaleIfMatchIsRefusedAndNeverOverwrites() throws Exception {
        User a = register();
        String id = createFile(a, "{\"title\": \"Checkout flow\", \"type\": \"canvas\"}");
        HttpResponse<String> read = send(a, "GET", "/api/diagrams/" + id, null, Map.of());
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> first = send(a, "PATCH", "/api/diagrams/" + id, "{\"title\": \"Checkout v2\"}",
                Map.of("If-Match", etag));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);

        HttpResponse<String> stale = send(a, "PATCH", "/api/diagrams/" + id, "{\"title\": \"Lost update\"}",
                Map.of("If-Match", etag));
        assertProblem(stale, 412, "precondition_failed");
        assertProblem(send(a, "PATCH", "/api/diagrams/" + id, "{\"title\": \"No precondition\"}", Map.of()), 428,
                "precondition_required");
        assertThat(JsonPath.<String>read(send(a, "GET", "/api/diagrams/" + id, null, Map.of()).body(), "$.title"))
            .isEqualTo("Checkout v2");
    }

    @Test
    void sharesDecideWhatAnotherUserMayReadAndChange() throws Exception {
        User a = register();
        User b = register();
        User c = register();
        String id = createFile(a,
                "{\"title\": \"Private plan\", \"type\": \"note\", \"note_content\": \"Only for A\"}");

        assertProblem(send(b, "GET", "/api/diagrams/" + id, null, Map.of()), 404, "not_found");
        assertProblem(send(b, "PATCH", "/api/diagrams/" + id, "{\"title\": \"B's\"}", Map.of("If-Match", "*")), 404,
                "not_found");
        assertThat(ids(send(b, "GET", "/api/diagrams", null, Map.of()))).doesNotContain(id);

        assertThat(share(a, id, b, "view").statusCode()).isEqualTo(200);
        HttpResponse<String> viewed = send(b, "GET", "/api/diagrams/" + id, null, Map.of());
        assertThat(viewed.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(viewed.body(), "$.note_content")).isEqualTo("Only for A");
        assertThat(JsonPath.<String>read(viewed.body(), "$.permission")).isEqualTo("view");
        String etag = viewed.headers().firstValue("ETag").orElseThrow();
        assertProblem(send(b, "PATCH", "/api/diagrams/" + id, "{\"title\": \"B's\"}", Map.of("If-Match", etag)), 403,
                "permission_denied");
        assertThat(ids(send(b, "GET", "/api/diagrams?view=shared", null, Map.of()))).containsExactly(id);

        assertThat(share(a, id, b, "edit").statusCode()).isEqualTo(200);
        HttpResponse<String> edited = send(b, "PATCH", "/api/diagrams/" + id, "{\"title\": \"Joint plan\"}",
                Map.of("If-Match", etag));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(edited.body(), "$.updated_by")).isEqualTo(b.id().toString());
        // Editing is not managing: B may neither share nor delete for good; C still sees
        // nothing.
        assertProblem(share(b, id, c, "view"), 403, "permission_denied");
        assertProblem(send(b, "DELETE", "/api/diagrams/" + id + "?permanent=true", null, Map.of()), 403,
                "permission_denied");
        assertProblem(send(c, "GET", "/api/diagrams/" + id, null, Map.of()), 404, "not_found");

        assertThat(send(a, "DELETE", "/api/diagrams/" + id + "/shares/users/" + b.id(), null, Map.of()).statusCode())
            .isEqualTo(204);
        assertProblem(send(b, "GET", "/api/diagrams/" + id, null, Map.of()), 404, "not_found");
    }

    @Test
    void filesAndFoldersAreSharedByEMailAddress() throws Exception {
        String bEmail = "e2e-" + UUID.randomUUID() + "@example.com";
        User a = register();
        User b = registerAs(bEmail);
        String id = createFile(a, "{\"title\": \"Launch plan\", \"type\": \"note\", \"note_content\": \"For B\"}");
        assertProblem(send(b, "GET", "/api/diagrams/" + id, null, Map.of()), 404, "not_found");

        // The address as people type it: any case; auth-service resolves it, B can then
        // open the file.
        HttpResponse<String> shared = send(a, "PUT", "/api/diagrams/" + id + "/shares/users/" + bEmail.toUpperCase(),
                "{\"permission\": \"view\"}", Map.of());
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(shared.body(), "$.shared_with_user_id")).isEqualTo(b.id().toString());
        HttpResponse<String> opened = send(b, "GET", "/api/diagrams/" + id, null, Map.of());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(opened.body(), "$.note_content")).isEqualTo("For B");

        String stranger = "nobody-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> unknown = send(a, "PUT", "/api/diagrams/" + id + "/shares/users/" + stranger,
                "{\"permission\": \"view\"}", Map.of());
        assertProblem(unknown, 404, "unknown_user");
        assertThat(JsonPath.<String>read(unknown.body(), "$.detail")).contains(stranger).contains("not supported yet");
        assertProblem(send(a, "PUT", "/api/diagrams/" + id + "/shares/users/" + a.id(), "{\"permission\": \"view\"}",
                Map.of()), 422, "cannot_share_with_yourself");
        assertProblem(send(a, "PUT", "/api/diagrams/" + id + "/shares/users/not-a-user", "{\"permission\": \"view\"}",
                Map.of()), 400, "validation_failed");

        String folder = createFolder(a, "Shared by mail", null);
        assertThat(send(a, "PUT", "/api/diagrams/folders/" + folder + "/shares/users/" + bEmail,
                "{\"permission\": \"view\"}", Map.of())
            .statusCode()).isEqualTo(204);
        assertThat(send(b, "GET", "/api/diagrams/folders/" + folder, null, Map.of()).statusCode()).isEqualTo(200);

        assertThat(send(a, "DELETE", "/api/diagrams/" + id + "/shares/users/" + bEmail, null, Map.of()).statusCode())
            .isEqualTo(204);
        assertProblem(send(b, "GET", "/api/diagrams/" + id, null, Map.of()), 404, "not_found");

        // auth-service's lookup is for the services only: the gateway does not route it,
        // signed in or not.
        HttpResponse<String> direct = send(a, "POST", "/internal/users/lookup", "{\"email\": \"" + bEmail + "\"}",
                Map.of());
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(404);
        assertThat(direct.body()).doesNotContain(b.id().toString());
    }

    @Test
    void linksWorkUntilTheyExpireOrAreRevokedAndPasswordsAreNeeded() throws Exception {
        User a = register();
        String id = createFile(a, "{\"title\": \"Public roadmap\", \"type\": \"note\", \"note_content\": \"Q3\"}");

        HttpResponse<String> link = send(a, "POST", "/api/diagrams/" + id + "/links",
                "{\"permission\": \"view\", \"expires_in_days\": 1}", Map.of());
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        String token = JsonPath.read(link.body(), "$.token");
        HttpResponse<String> opened = anonymous("/api/diagrams/links/" + token, Map.of());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(opened.body(), "$.file.title")).isEqualTo("Public roadmap");
        assertThat(JsonPath.<String>read(opened.body(), "$.permission")).isEqualTo("view");
        // A day later, as far as the link knows: its expiry is moved into the past in the
        // database.
        try (Connection db = DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                platform.databasePassword());
                PreparedStatement expire = db
                    .prepareStatement("UPDATE shares SET expires_at = now() - interval '1 minute' WHERE token = ?")) {
            expire.setString(1, token);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        assertProblem(anonymous("/api/diagrams/links/" + token, Map.of()), 410, "link_expired");

        HttpResponse<String> revocable = send(a, "POST", "/api/diagrams/" + id + "/links", "{\"permission\": \"view\"}",
                Map.of());
        String revocableToken = JsonPath.read(revocable.body(), "$.token");
        assertThat(anonymous("/api/diagrams/links/" + revocableToken, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(a, "DELETE", "/api/diagrams/" + id + "/links/" + JsonPath.read(revocable.body(), "$.id"), null,
                Map.of())
            .statusCode()).isEqualTo(204);
        assertProblem(anonymous("/api/diagrams/links/" + revocableToken, Map.of()), 410, "link_revoked");

        HttpResponse<String> guarded = send(a, "POST", "/api/diagrams/" + id + "/links",
                "{\"permission\": \"view\", \"password\": \"open sesame\"}", Map.of());
        assertThat(guarded.statusCode()).as(guarded.body()).isEqualTo(201);
        assertThat(guarded.body()).doesNotContain("open sesame");
        String guardedToken = JsonPath.read(guarded.body(), "$.token");
        assertProblem(anonymous("/api/diagrams/links/" + guardedToken, Map.of()), 403, "password_required");
        assertProblem(anonymous("/api/diagrams/links/" + guardedToken, Map.of("X-Share-Password", "guess")), 403,
                "wrong_password");
        HttpResponse<String> unlocked = anonymous("/api/diagrams/links/" + guardedToken,
                Map.of("X-Share-Password", "open sesame"));
        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(unlocked.body(), "$.file.note_content")).isEqualTo("Q3");
    }

    @Test
    void foldersNestButNeverIntoThemselves() throws Exception {
        User a = register();
        String top = createFolder(a, "Platform", null);
        String middle = createFolder(a, "Services", top);
        String bottom = createFolder(a, "Payments", middle);

        HttpResponse<String> breadcrumb = send(a, "GET", "/api/diagrams/folders/" + bottom, null, Map.of());
        assertThat(JsonPath.<List<String>>read(breadcrumb.body(), "$.path[*].name")).containsExactly("Platform",
                "Services", "Payments");
        assertProblem(send(a, "POST", "/api/diagrams/folders/" + top + "/move", "{\"parent_id\": \"" + bottom + "\"}",
                Map.of()), 409, "folder_cycle");
        assertProblem(
                send(a, "POST", "/api/diagrams/folders/" + top + "/move", "{\"parent_id\": \"" + top + "\"}", Map.of()),
                409, "folder_cycle");
        HttpResponse<String> moved = send(a, "POST", "/api/diagrams/folders/" + bottom + "/move",
                "{\"parent_id\": \"" + top + "\"}", Map.of());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        HttpResponse<String> tree = send(a, "GET", "/api/diagrams/folders/tree", null, Map.of());
        assertThat(JsonPath.<List<String>>read(tree.body(), "$.items[0].children[*].name"))
            .containsExactlyInAnyOrder("Services", "Payments");

        // A file inside a folder shared with B reaches B; folders of others stay unknown.
        User b = register();
        String file = createFile(a,
                "{\"title\": \"Payments overview\", \"type\": \"canvas\", \"folder_id\": \"" + bottom + "\"}");
        assertProblem(send(b, "GET", "/api/diagrams/folders/" + bottom, null, Map.of()), 404, "not_found");
        assertThat(send(a, "PUT", "/api/diagrams/folders/" + top + "/shares/users/" + b.id(),
                "{\"permission\": \"view\"}", Map.of())
            .statusCode()).isEqualTo(204);
        assertThat(send(b, "GET", "/api/diagrams/" + file, null, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void searchFindsKubernetesDespiteTheTypoOnlyInWhatTheCallerMaySee() throws Exception {
        User a = register();
        User b = register();
        String byTitle = createFile(a, "{\"title\": \"Kubernetes cluster\", \"type\": \"canvas\"}");
        String byShape = createFile(a,
                """
                        {"title": "Ingress", "type": "canvas", "canvas_data": {"schema_version": 1, "shapes": [
                          {"id": "k", "type": "rectangle", "x": 0, "y": 0, "width": 160, "height": 60, "text": "Kubernetes ingress"}]}}""");
        String others = createFile(b, "{\"title\": \"Kubernetes secrets\", \"type\": \"canvas\"}");

        HttpResponse<String> found = send(a, "GET", "/api/diagrams/search?q=kubernets", null, Map.of());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(ids(found)).containsExactly(byTitle, byShape).doesNotContain(others);
        assertThat(JsonPath.<Integer>read(found.body(), "$.total")).isEqualTo(2);
        assertThat(JsonPath.<String>read(found.body(), "$.items[0].highlights[0].snippet"))
            .isEqualTo("<mark>Kubernetes</mark> cluster");
        assertThat(JsonPath.<List<String>>read(found.body(), "$.items[1].highlights[?(@.field == 'canvas')].snippet"))
            .containsExactly("<mark>Kubernetes</mark> ingress");

        assertThat(share(b, others, a, "view").statusCode()).isEqualTo(200);
        assertThat(ids(send(a, "GET", "/api/diagrams/search?q=kubernets", null, Map.of()))).contains(others).hasSize(3);
        assertThat(ids(send(a, "GET", "/api/diagrams/search?q=kubernets&view=shared", null, Map.of())))
            .containsExactly(others);
    }

    @Test
    void listsStarsTagsBatchesAndTheTrashWithEventsOnRedis() throws Exception {
        User a = register();
        User b = register();
        String plan = createFile(a, "{\"title\": \"Alpha plan\", \"type\": \"canvas\"}");
        String notes = createFile(a, "{\"title\": \"Beta notes\", \"type\": \"note\", \"note_content\": \"Hello\"}");
        String sketch = createFile(a, "{\"title\": \"Gamma sketch\", \"type\": \"mixed\"}");

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        RedisClient redis = RedisClient
            .create(RedisURI.create(TestInfrastructure.get().redis().host(), TestInfrastructure.get().redis().port()));
        try (StatefulRedisPubSubConnection<String, String> subscription = redis.connectPubSub()) {
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    events.add(message);
                }
            });
            subscription.sync().subscribe(platform.redisKeyPrefix() + "file:" + plan);

            // Lists: paging with totals, sorting, filters.
            HttpResponse<String> byTitle = send(a, "GET", "/api/diagrams?sort=title&size=2", null, Map.of());
            assertThat(ids(byTitle)).containsExactly(plan, notes);
            assertThat(JsonPath.<Integer>read(byTitle.body(), "$.total")).isEqualTo(3);
            assertThat(ids(send(a, "GET", "/api/diagrams?type=note", null, Map.of()))).containsExactly(notes);
            assertProblem(send(a, "GET", "/api/diagrams?sort=colour", null, Map.of()), 400, "invalid_parameter");

            // Stars and the recent view are the caller's own.
            assertThat(send(a, "PUT", "/api/diagrams/" + sketch + "/star", null, Map.of()).statusCode()).isEqualTo(204);
            assertThat(ids(send(a, "GET", "/api/diagrams?view=starred", null, Map.of()))).containsExactly(sketch);
            send(a, "GET", "/api/diagrams/" + notes, null, Map.of());
            assertThat(ids(send(a, "GET", "/api/diagrams?view=recent", null, Map.of()))).containsExactly(notes);

            // Tags: a private label, a filter.
            HttpResponse<String> tag = send(a, "POST", "/api/diagrams/tags",
                    "{\"name\": \"Urgent\", \"color\": \"#f00\"}", Map.of());
            assertThat(tag.statusCode()).as(tag.body()).isEqualTo(201);
            String tagId = JsonPath.read(tag.body(), "$.id");
            assertThat(send(a, "PUT", "/api/diagrams/" + plan + "/tags/" + tagId, null, Map.of()).statusCode())
                .isEqualTo(204);
            assertThat(ids(send(a, "GET", "/api/diagrams?tag=" + tagId, null, Map.of()))).containsExactly(plan);

            assertThat(share(a, plan, b, "view").statusCode()).isEqualTo(200);

            // Batch: each item answers for itself; one refused item does not undo the
            // others.
            String unknown = UUID.randomUUID().toString();
            HttpResponse<String> batch = send(a, "POST", "/api/diagrams/batch",
                    "{\"action\": \"delete\", \"ids\": [\"" + plan + "\", \"" + sketch + "\", \"" + unknown + "\"]}",
                    Map.of());
            assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
            assertThat(JsonPath.<Integer>read(batch.body(), "$.succeeded")).isEqualTo(2);
            assertThat(JsonPath.<Integer>read(batch.body(), "$.failed")).isEqualTo(1);
            assertThat(JsonPath.<List<String>>read(batch.body(), "$.results[?(@.id == '" + unknown + "')].code"))
                .containsExactly("not_found");

            // The trash: listed apart, restorable.
            assertThat(ids(send(a, "GET", "/api/diagrams", null, Map.of()))).containsExactly(notes);
            assertThat(ids(send(a, "GET", "/api/diagrams?view=trash", null, Map.of()))).containsExactlyInAnyOrder(plan,
                    sketch);
            HttpResponse<String> restored = send(a, "POST", "/api/diagrams/" + plan + "/restore", null, Map.of());
            assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
            assertThat(ids(send(a, "GET", "/api/diagrams?view=trash", null, Map.of()))).containsExactly(sketch);

            // Every change above was published on the file's channel, after its commit,
            // in order.
            List<String> received = new ArrayList<>();
            while (!received.contains("file.restored")) {
                String event = events.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("events on file:%s so far: %s", plan, received).isNotNull();
                assertThat(JsonPath.<String>read(event, "$.file_id")).isEqualTo(plan);
                assertThat(JsonPath.<String>read(event, "$.actor_id")).isEqualTo(a.id().toString());
                received.add(JsonPath.read(event, "$.event"));
            }
            assertThat(received).containsExactly("file.tagged", "file.shared", "file.deleted", "file.restored");
        }
        finally {
            redis.shutdown();
        }
    }

    @Test
    void metadataDuplicatesFolderDeletionLinkDetailsAndBadInput() throws Exception {
        User a = register();
        User b = register();
        String canvas = "{\"schema_version\": 1, \"shapes\": [{\"id\": \"api\", \"type\": \"rectangle\", \"x\": 0, \"y\": 0,"
                + " \"width\": 160, \"height\": 60, \"text\": \"API\"}]}";
        String id = createFile(a, "{\"title\": \"Service map\", \"type\": \"mixed\", \"canvas_data\": " + canvas
                + ", \"note_content\": \"Notes\"}");
        share(a, id, b, "view");

        // Metadata on every file.
        HttpResponse<String> file = send(a, "GET", "/api/diagrams/" + id, null, Map.of());
        for (String field : List.of("owner_id", "created_by", "created_at", "updated_by", "updated_at",
                "last_viewed_at", "view_count", "size_bytes", "version_count", "comment_count", "collaborator_count",
                "export_count", "last_activity_at")) {
            assertThat(JsonPath.<Object>read(file.body(), "$." + field)).as(field).isNotNull();
        }
        assertThat(JsonPath.<Integer>read(file.body(), "$.collaborator_count")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(file.body(), "$.size_bytes")).isGreaterThan(0);

        // Duplicate: new id, "Copy of …", same content, fresh history.
        send(a, "PATCH", "/api/diagrams/" + id + "?save=true", "{\"note_content\": \"Notes v2\"}",
                Map.of("If-Match", "*"));
        HttpResponse<String> copy = send(a, "POST", "/api/diagrams/" + id + "/duplicate", null, Map.of());
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(201);
        assertThat(JsonPath.<String>read(copy.body(), "$.id")).isNotEqualTo(id);
        assertThat(JsonPath.<String>read(copy.body(), "$.title")).isEqualTo("Copy of Service map");
        assertThat(JsonPath.<String>read(copy.body(), "$.note_content")).isEqualTo("Notes v2");
        assertThat(JsonPath.<Integer>read(copy.body(), "$.version_count")).isZero();

        // A folder with colour and icon; deleting it sends its files to the trash.
        HttpResponse<String> folder = send(a, "POST", "/api/diagrams/folders",
                "{\"name\": \"Archive\", \"color\": \"#ff8800\", \"icon\": \"box\"}", Map.of());
        assertThat(folder.statusCode()).as(folder.body()).isEqualTo(201);
        assertThat(JsonPath.<String>read(folder.body(), "$.color")).isEqualTo("#ff8800");
        String folderId = JsonPath.read(folder.body(), "$.id");
        String inside = createFile(a,
                "{\"title\": \"Old design\", \"type\": \"note\", \"folder_id\": \"" + folderId + "\"}");
        assertThat(send(a, "DELETE", "/api/diagrams/folders/" + folderId, null, Map.of()).statusCode()).isEqualTo(204);
        assertThat(ids(send(a, "GET", "/api/diagrams?view=trash", null, Map.of()))).contains(inside);

        // A link to a version counts its views; a public live link has oEmbed metadata.
        HttpResponse<String> versionLink = send(a, "POST", "/api/diagrams/" + id + "/links",
                "{\"permission\": \"view\", \"version_number\": 1}", Map.of());
        assertThat(versionLink.statusCode()).as(versionLink.body()).isEqualTo(201);
        String versionToken = JsonPath.read(versionLink.body(), "$.token");
        HttpResponse<String> old = anonymous("/api/diagrams/links/" + versionToken, Map.of());
        assertThat(old.statusCode()).as(old.body()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(old.body(), "$.version_number")).isEqualTo(1);
        assertThat(JsonPath.<String>read(old.body(), "$.file.note_content")).isEqualTo("Notes v2");
        anonymous("/api/diagrams/links/" + versionToken, Map.of());
        HttpResponse<String> shares = send(a, "GET", "/api/diagrams/" + id + "/shares", null, Map.of());
        assertThat(
                JsonPath.<List<Integer>>read(shares.body(), "$.items[?(@.token == '" + versionToken + "')].view_count"))
            .containsExactly(2);
        HttpResponse<String> live = send(a, "POST", "/api/diagrams/" + id + "/links", "{\"permission\": \"view\"}",
                Map.of());
        String url = JsonPath.read(live.body(), "$.url");
        HttpResponse<String> oembed = anonymous(
                "/api/diagrams/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8), Map.of());
        assertThat(oembed.statusCode()).as(oembed.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(oembed.body(), "$.type")).isEqualTo("rich");
        assertThat(JsonPath.<String>read(oembed.body(), "$.title")).isEqualTo("Service map");

        // Bad input: named, and nothing written.
        HttpResponse<String> invalid = send(a, "PATCH", "/api/diagrams/" + id,
                "{\"canvas_data\": {\"schema_version\": 1, \"shapes\": [{\"id\": \"x\", \"type\": \"rectangle\","
                        + " \"style\": {\"opacity\": 7}}]}}",
                Map.of("If-Match", "*"));
        assertProblem(invalid, 422, "invalid_document");
        assertThat(JsonPath.<List<String>>read(invalid.body(), "$.errors[*].path"))
            .anySatisfy(path -> assertThat(path).startsWith("$.shapes[0]"));
        assertThat(JsonPath.<String>read(send(a, "GET", "/api/diagrams/" + id, null, Map.of()).body(),
                "$.canvas_data.shapes[0].id"))
            .isEqualTo("api");
        assertProblem(send(a, "POST", "/api/diagrams", "{\"title\": \"" + "t".repeat(256) + "\", \"type\": \"note\"}",
                Map.of()), 400, "validation_failed");
        assertProblem(send(a, "GET", "/api/diagrams?sort=colour", null, Map.of()), 400, "invalid_parameter");
        assertProblem(send(a, "GET", "/api/diagrams?page=-1", null, Map.of()), 400, "invalid_parameter");
        assertProblem(send(a, "GET", "/api/diagrams/" + UUID.randomUUID(), null, Map.of()), 404, "not_found");

        // Only the owner deletes for good.
        assertThat(send(a, "DELETE", "/api/diagrams/" + id + "?permanent=true", null, Map.of()).statusCode())
            .isEqualTo(204);
        assertProblem(send(a, "GET", "/api/diagrams/" + id, null, Map.of()), 404, "not_found");
        assertProblem(send(b, "GET", "/api/diagrams/" + id, null, Map.of()), 404, "not_found");
    }

    @Test
    void anExcalidrawPictureIsStoredOnImportAndFetchedBackByViewersOnly() throws Exception {
        User owner = register();
        User stranger = register();
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(40, 30,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        picture.setRGB(3, 4, 0x3366CC);
        java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", encoded);
        byte[] png = encoded.toByteArray();
        String dataUrl = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png);
        String scene = """
                {"type":"excalidraw","version":2,"elements":[
                 {"id":"logo","type":"image","x":0,"y":0,"width":40,"height":30,"fileId":"f1","status":"saved"}],
                 "files":{"f1":{"id":"f1","mimeType":"image/png","created":1,"dataURL":"%s"}}}""".formatted(dataUrl);
        String boundary = "e2e-picture";
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(platform.gateway("/api/diagrams/import"))
            .header("Authorization", "Bearer " + owner.token())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString("--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo.excalidraw\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + scene + "\r\n--" + boundary + "--\r\n"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(imported.body()).doesNotContain("base64");
        String id = JsonPath.read(imported.body(), "$.id");
        String src = JsonPath.read(imported.body(), "$.canvas_data.shapes[0].src");
        assertThat(src).startsWith("upload:");
        String path = "/api/diagrams/" + id + "/uploads/" + src.substring("upload:".length());

        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(platform.gateway(path))
            .header("Authorization", "Bearer " + owner.token())
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(png);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(fetched.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(fetched.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertProblem(send(stranger, "GET", path, null, Map.of()), 404, "not_found");
        assertThat(anonymous(path, Map.of()).statusCode()).isEqualTo(401);

        // A share link's holder, signed out, fetches it through the link (a public path
        // at
        // the gateway), with the link's password.
        HttpResponse<String> link = send(owner, "POST", "/api/diagrams/" + id + "/links",
                "{\"permission\": \"view\", \"password\": \"picture pass\"}", Map.of());
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        String linkPath = "/api/diagrams/links/" + JsonPath.read(link.body(), "$.token") + "/uploads/"
                + src.substring("upload:".length());
        HttpResponse<byte[]> throughLink = http.send(
                HttpRequest.newBuilder(platform.gateway(linkPath)).header("X-Share-Password", "picture pass").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(throughLink.statusCode()).isEqualTo(200);
        assertThat(throughLink.body()).isEqualTo(png);
        assertThat(throughLink.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertProblem(anonymous(linkPath, Map.of()), 403, "password_required");

        HttpResponse<String> exported = send(owner, "GET",
                "/api/diagrams/files/" + id + "/export-source?format=excalidraw", null, Map.of());
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        assertThat(exported.body()).contains(dataUrl);
    }

    private static User register() throws Exception {
        return registerAs("e2e-" + UUID.randomUUID() + "@example.com");
    }

    private static User registerAs(String email) throws Exception {
        HttpResponse<String> registered = post("/api/auth/register",
                "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\", \"full_name\": \"E2E\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = post("/api/auth/login",
                "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return new User(UUID.fromString(JsonPath.read(registered.body(), "$.id")),
                JsonPath.read(login.body(), "$.access_token"));
    }

    private static String createFile(User owner, String json) throws Exception {
        HttpResponse<String> created = send(owner, "POST", "/api/diagrams", json, Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    private static String createFolder(User owner, String name, String parent) throws Exception {
        HttpResponse<String> created = send(owner, "POST", "/api/diagrams/folders",
                "{\"name\": \"" + name + "\"" + (parent == null ? "" : ", \"parent_id\": \"" + parent + "\"") + "}",
                Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    private static HttpResponse<String> share(User owner, String file, User with, String permission) throws Exception {
        return send(owner, "PUT", "/api/diagrams/" + file + "/shares/users/" + with.id(),
                "{\"permission\": \"" + permission + "\"}", Map.of());
    }

    private static List<String> ids(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JsonPath.read(list.body(), "$.items[*].id");
    }

    private static HttpResponse<String> send(User user, String method, String path, String json,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gateway(path))
            .header("Authorization", "Bearer " + user.token())
            .method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> anonymous(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gateway(path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(platform.gateway(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
    }

}
