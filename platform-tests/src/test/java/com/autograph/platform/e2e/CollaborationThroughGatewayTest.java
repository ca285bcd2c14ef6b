package com.autograph.platform.e2e;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.autograph.platform.e2e.GatewayClient.PASSWORD;
import static com.autograph.platform.e2e.GatewayClient.uniqueEmail;
import static com.autograph.platform.e2e.RoomSocket.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live collaboration through the gateway as clients use it, against the packaged gateway,
 * auth-service, diagram-service and collaboration-service on real PostgreSQL and Redis:
 * users connect with an access token in the header or in {@code ?access_token=}, edit
 * together, a viewer's edit is refused, presence comes and goes, comment events arrive, a
 * revoked share or an expired token ends the socket, and share links' holders join signed
 * out as far as their link goes.
 */
class CollaborationThroughGatewayTest {

    private static final String CANVAS = """
            {"schema_version": 1, "shapes": [
              {"id": "api", "type": "rectangle", "x": 0, "y": 0, "width": 160, "height": 60, "text": "Payment API"},
              {"id": "db", "type": "ellipse", "x": 300, "y": 0, "width": 100, "height": 60, "text": "Ledger"}]}""";

    private static RunningPlatform platform;

    private static GatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.start(List.of("auth-service", "diagram-service", "collaboration-service"), "4");
        client = new GatewayClient(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private record User(String id, String token) {
    }

    private static User user(String tag, String address) throws Exception {
        String email = uniqueEmail(tag);
        String id = client.register(email);
        return new User(id, client.loginTokens(email, PASSWORD, address).access());
    }

    private static String file(User owner) throws Exception {
        HttpResponse<String> created = client.as(owner.token(), "POST", "/api/diagrams",
                "{\"title\": \"Live\", \"type\": \"canvas\", \"canvas_data\": " + CANVAS + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    private static void share(User owner, String file, User with, String permission) throws Exception {
        HttpResponse<String> shared = client.as(owner.token(), "PUT",
                "/api/diagrams/" + file + "/shares/users/" + with.id(), "{\"permission\": \"" + permission + "\"}");
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
    }

    @Test
    void twoUsersEditOneFileThroughTheGatewayAndARevokedShareEndsTheSocket() throws Exception {
        User owner = user("owner", "192.0.2.20");
        User editor = user("editor", "192.0.2.21");
        User viewer = user("viewer", "192.0.2.22");
        String file = file(owner);
        share(owner, file, editor, "edit");
        share(owner, file, viewer, "view");

        // The header (tools), the query (browsers, which cannot set headers on a socket).
        RoomSocket owners = RoomSocket.open(platform, "/ws/files/" + file, GatewayClient.bearer(owner.token()));
        String welcome = owners.awaitType("welcome");
        assertThat(JsonPath.<List<String>>read(welcome, "$.document.shapes[*].id")).containsExactly("api", "db");
        assertThat(field(welcome, "$.you.permission")).isEqualTo("edit");
        RoomSocket editors = RoomSocket.open(platform, "/ws/files/" + file + "?access_token=" + editor.token(),
                Map.of());
        assertThat(JsonPath.<List<String>>read(editors.awaitType("welcome"), "$.members[*].user_id"))
            .contains(owner.id(), editor.id());
        owners.await(m -> "joined".equals(field(m, "$.type")) && editor.id().equals(field(m, "$.member.user_id")));

        // An edit by one reaches the other.
        owners.send("{\"type\": \"op\", \"op_id\": \"o1\", \"ops\": [{\"op\": \"update\", \"id\": \"api\","
                + " \"set\": {\"x\": 42}}]}");
        String edit = editors.await(m -> "op".equals(field(m, "$.type")) && "o1".equals(field(m, "$.op_id")));
        assertThat(field(edit, "$.user_id")).isEqualTo(owner.id());
        assertThat(field(edit, "$.ops[0].set.x")).isEqualTo(42);

        // A viewer receives everything and has its edits refused.
        RoomSocket viewers = RoomSocket.open(platform, "/ws/files/" + file + "?access_token=" + viewer.token(),
                Map.of());
        String viewerWelcome = viewers.awaitType("welcome");
        assertThat(field(viewerWelcome, "$.you.permission")).isEqualTo("view");
        String viewerConnection = (String) field(viewerWelcome, "$.connection_id");
        viewers.send("{\"type\": \"op\", \"op_id\": \"v1\", \"ops\": [{\"op\": \"delete\", \"id\": \"db\"}]}");
        assertThat(field(viewers.awaitError("read_only"), "$.op_id")).isEqualTo("v1");

        // A comment on the file reaches the room.
        HttpResponse<String> comment = client.as(owner.token(), "POST", "/api/diagrams/" + file + "/comments",
                "{\"content\": \"Is this idempotent?\", \"anchor\": {\"kind\": \"shape\", \"shape_id\": \"api\"}}");
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        String commentId = JsonPath.read(comment.body(), "$.id");
        String heard = viewers
            .await(m -> "comment".equals(field(m, "$.type")) && commentId.equals(field(m, "$.comment_id")));
        assertThat(field(heard, "$.event")).isEqualTo("created");
        assertThat(field(heard, "$.actor_id")).isEqualTo(owner.id());

        // Leaving is seen.
        viewers.close();
        owners.await(m -> "left".equals(field(m, "$.type")) && viewerConnection.equals(field(m, "$.connection_id")));

        // The owner takes the editor's share away: the editor's socket ends, the owner's
        // stays.
        HttpResponse<String> revoked = client.as(owner.token(), "DELETE",
                "/api/diagrams/" + file + "/shares/users/" + editor.id(), null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        editors.awaitError("access_revoked");
        assertThat(editors.awaitClose()).isEqualTo(4403);
        owners.send("{\"type\": \"ping\"}");
        owners.awaitType("pong");
        assertThat(owners.closeCode).isZero();
        owners.close();
        // Nor can the editor come back.
        assertThat(RoomSocket.refusal(platform, "/ws/files/" + file, GatewayClient.bearer(editor.token())))
            .isEqualTo("not_found 4404");
    }

    private static String link(User owner, String file, String settings) throws Exception {
        HttpResponse<String> created = client.as(owner.token(), "POST", "/api/diagrams/" + file + "/links", settings);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.token");
    }

    private static void moveLinkExpiry(String token, String interval) throws Exception {
        try (var db = java.sql.DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                platform.databasePassword());
                var expire = db
                    .prepareStatement("UPDATE shares SET expires_at = now() + CAST(? AS interval) WHERE token = ?")) {
            expire.setString(1, interval);
            expire.setString(2, token);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void shareLinkHoldersJoinTheRoomSignedOutAsFarAsTheirLinkGoes() throws Exception {
        User owner = user("link-owner", "192.0.2.24");
        String file = file(owner);
        String other = file(owner);
        String viewLink = link(owner, file, "{\"permission\": \"view\"}");
        String editLink = link(owner, file, "{\"permission\": \"edit\", \"password\": \"open sesame+1\"}");

        RoomSocket owners = RoomSocket.open(platform, "/ws/files/" + file, GatewayClient.bearer(owner.token()));
        // A view link's holder, signed out, sees the room and the owner's edits live.
        RoomSocket viewers = RoomSocket.open(platform, "/ws/files/" + file + "?share_token=" + viewLink, Map.of());
        String viewerWelcome = viewers.awaitType("welcome");
        assertThat(field(viewerWelcome, "$.you.permission")).isEqualTo("view");
        assertThat((String) field(viewerWelcome, "$.you.name")).startsWith("Guest ");
        assertThat(JsonPath.<List<String>>read(viewerWelcome, "$.document.shapes[*].id")).containsExactly("api", "db");
        owners.send("{\"type\": \"op\", \"op_id\": \"o1\", \"ops\": [{\"op\": \"update\", \"id\": \"api\","
                + " \"set\": {\"x\": 7}}]}");
        assertThat(field(viewers.await(m -> "o1".equals(field(m, "$.op_id"))), "$.ops[0].set.x")).isEqualTo(7);
        viewers.send("{\"type\": \"op\", \"op_id\": \"v1\", \"ops\": [{\"op\": \"delete\", \"id\": \"db\"}]}");
        assertThat(field(viewers.awaitError("read_only"), "$.op_id")).isEqualTo("v1");

        // The edit link's password is diagram-service's to check.
        String editRoom = "/ws/files/" + file + "?share_token=" + editLink;
        assertThat(RoomSocket.refusal(platform, editRoom, Map.of())).isEqualTo("password_required 4403");
        assertThat(RoomSocket.refusal(platform, editRoom + "&share_password=open%20sesame", Map.of()))
            .isEqualTo("wrong_password 4403");
        assertThat(RoomSocket.refusal(platform,
                "/ws/files/" + other + "?share_token=" + editLink + "&share_password=open%20sesame%2B1", Map.of()))
            .isEqualTo("not_found 4404");
        // The header works as the query does; the guest's edit reaches the owner and is
        // saved.
        RoomSocket editors = RoomSocket.open(platform, "/ws/files/" + file,
                Map.of("X-Share-Token", editLink, "X-Share-Password", "open sesame+1"));
        assertThat(field(editors.awaitType("welcome"), "$.you.permission")).isEqualTo("edit");
        editors.send("{\"type\": \"op\", \"op_id\": \"g1\", \"ops\": [{\"op\": \"update\", \"id\": \"db\","
                + " \"set\": {\"text\": \"Ledger (guest)\"}}]}");
        String guestEdit = owners.await(m -> "g1".equals(field(m, "$.op_id")));
        assertThat((String) field(guestEdit, "$.name")).startsWith("Guest ");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> saved = client.get(owner.token(), "/api/diagrams/" + file);
            assertThat(JsonPath.<List<String>>read(saved.body(), "$.canvas_data.shapes[?(@.id == 'db')].text"))
                .containsExactly("Ledger (guest)");
        });

        // Revoking the view link ends its holder's socket at once, and it cannot come
        // back.
        HttpResponse<String> shares = client.get(owner.token(), "/api/diagrams/" + file + "/shares");
        String viewLinkId = JsonPath.<List<String>>read(shares.body(), "$.items[?(@.token == '" + viewLink + "')].id")
            .getFirst();
        HttpResponse<String> revoked = client.as(owner.token(), "DELETE",
                "/api/diagrams/" + file + "/links/" + viewLinkId, null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        viewers.awaitError("link_revoked");
        assertThat(viewers.awaitClose()).isEqualTo(4410);
        assertThat(RoomSocket.refusal(platform, "/ws/files/" + file + "?share_token=" + viewLink, Map.of()))
            .isEqualTo("link_revoked 4410");

        // An expired link is refused; one that expires while its holder is in the room
        // ends the socket then.
        String expiring = link(owner, file, "{\"permission\": \"edit\", \"expires_in_days\": 1}");
        moveLinkExpiry(expiring, "-1 minute");
        assertThat(RoomSocket.refusal(platform, "/ws/files/" + file + "?share_token=" + expiring, Map.of()))
            .isEqualTo("link_expired 4410");
        moveLinkExpiry(expiring, "15 seconds");
        RoomSocket briefly = RoomSocket.open(platform, "/ws/files/" + file + "?share_token=" + expiring, Map.of());
        briefly.awaitError("link_expired");
        assertThat(briefly.awaitClose()).isEqualTo(4410);

        owners.send("{\"type\": \"ping\"}");
        owners.awaitType("pong");
        assertThat(owners.closeCode).isZero();
        editors.close();
        owners.close();
    }

    /**
     * The "all end with identical documents equal to the persisted one", with the
     * real diagram-service on PostgreSQL: two users' edits of every kind (update, add,
     * bind, reorder, shape text, note), then both clients' documents (resynced) are the
     * same, and once the room has saved (the file's ETag moves on) the file's
     * {@code canvas_data} and {@code note_content} are that document.
     */
    @Test
    void usersEditsEndInOneDocumentAndTheRoomSavesExactlyThat() throws Exception {
        User owner = user("saver", "192.0.2.26");
        User editor = user("co-saver", "192.0.2.27");
        String file = file(owner);
        share(owner, file, editor, "edit");
        String created = etag(client.get(owner.token(), "/api/diagrams/" + file));
        RoomSocket owners = RoomSocket.open(platform, "/ws/files/" + file, GatewayClient.bearer(owner.token()));
        RoomSocket editors = RoomSocket.open(platform, "/ws/files/" + file + "?access_token=" + editor.token(),
                Map.of());
        List<String[]> edits = List.of(new String[] { "o1", """
                [{"op": "update", "id": "api", "set": {"x": 42, "style": {"fill_color": "#ffcc00", "opacity": 0.5}}},
                 {"op": "text", "id": "api", "index": 0, "delete": 0, "insert": "The "}]""" }, new String[] { "e1", """
                [{"op": "add", "shape": {"id": "queue", "type": "rectangle", "x": 600, "y": 0,
                  "width": 120, "height": 60, "text": "Queue"}},
                 {"op": "add", "shape": {"id": "link", "type": "arrow", "start": {"shape_id": "api"},
                  "end": {"x": 10, "y": 10}}}]""" }, new String[] { "o2", """
                [{"op": "text", "id": "note", "index": 0, "delete": 0, "insert": "Live notes"}]""" }, new String[] {
                "e2",
                """
                        [{"op": "bind", "id": "link", "end": "end", "to": {"shape_id": "queue"}},
                         {"op": "reorder", "id": "db", "index": 0}, {"op": "update", "id": "db", "set": {"y": 90}}]""" });
        long last = 0;
        for (String[] edit : edits) {
            RoomSocket by = edit[0].startsWith("o") ? owners : editors;
            by.send("{\"type\": \"op\", \"op_id\": \"" + edit[0] + "\", \"ops\": " + edit[1] + "}");
            String outcome = by.await(m -> edit[0].equals(field(m, "$.op_id")));
            assertThat(field(outcome, "$.type")).as(outcome).isEqualTo("op");
            last = ((Number) field(outcome, "$.seq")).longValue();
        }
        long lastSeq = last;
        Map<String, Object> document = null;
        String note = null;
        String ownersWelcome = null;
        for (RoomSocket each : List.of(owners, editors)) {
            each.await(m -> "op".equals(field(m, "$.type")) && field(m, "$.seq") instanceof Number seq
                    && seq.longValue() == lastSeq);
            each.send("{\"type\": \"resync\"}");
            String welcome = each.await(m -> "welcome".equals(field(m, "$.type"))
                    && field(m, "$.seq") instanceof Number seq && seq.longValue() == lastSeq);
            Map<String, Object> held = JsonPath.read(welcome, "$.document");
            if (document == null) {
                ownersWelcome = welcome;
                document = held;
                note = JsonPath.read(welcome, "$.note");
            }
            assertThat(held).isEqualTo(document);
            assertThat(JsonPath.<String>read(welcome, "$.note")).isEqualTo(note);
        }
        assertThat(note).isEqualTo("Live notes");
        assertThat(JsonPath.<List<String>>read(ownersWelcome, "$.document.shapes[*].id")).containsExactly("db", "api",
                "queue", "link");
        assertThat(JsonPath.<List<String>>read(ownersWelcome, "$.document.shapes[?(@.id == 'api')].text"))
            .containsExactly("The Payment API");
        assertThat(JsonPath.<List<Object>>read(ownersWelcome, "$.document.shapes[?(@.id == 'link')].end.shape_id"))
            .containsExactly("queue");
        // The room saves after its debounce: the file's ETag moves on, and the file holds
        // the room's document (an earlier save, made while edits still came, may come
        // first).
        Map<String, Object> roomDocument = document;
        String roomNote = note;
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> saved = client.get(owner.token(), "/api/diagrams/" + file);
            assertThat(saved.statusCode()).isEqualTo(200);
            assertThat(etag(saved)).isNotEqualTo(created);
            assertThat(JsonPath.<Map<String, Object>>read(saved.body(), "$.canvas_data")).isEqualTo(roomDocument);
            assertThat(JsonPath.<String>read(saved.body(), "$.note_content")).isEqualTo(roomNote);
        });
        owners.close();
        editors.close();
    }

    private static String etag(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void aSocketEndsWhenTheAccessTokenItWasOpenedWithExpires() throws Exception {
        User owner = user("expiring", "192.0.2.23");
        String file = file(owner);
        // The same session's token, expiring in a few seconds (as a token would at the
        // end of its lifetime).
        String[] parts = owner.token().split("\\.");
        Map<String, Object> claims = GatewayClient.claims(owner.token());
        claims.put("exp", Instant.now().getEpochSecond() + 8);
        String shortLived = GatewayClient.jwt(
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8), claims,
                RunningPlatform.JWT_SECRET);
        RoomSocket socket = RoomSocket.open(platform, "/ws/files/" + file + "?access_token=" + shortLived, Map.of());
        socket.awaitError("credential_expired");
        assertThat(socket.awaitClose()).isEqualTo(4401);
        // Reconnecting with that token is refused: by the room (within the gateway's
        // allowance for clock skew, JWT_CLOCK_SKEW), else by the gateway. A fresh one
        // gets in.
        assertThat(RoomSocket.refusal(platform, "/ws/files/" + file + "?access_token=" + shortLived, Map.of()))
            .isIn("credential_expired 4401", "401");
        RoomSocket.open(platform, "/ws/files/" + file, GatewayClient.bearer(owner.token())).close();
    }

}
