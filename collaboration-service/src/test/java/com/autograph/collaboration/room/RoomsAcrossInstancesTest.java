package com.autograph.collaboration.room;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.autograph.collaboration.room.RoomTestKit.TwoInstances;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.autograph.collaboration.room.RoomTestKit.SECRET;
import static com.autograph.collaboration.room.RoomTestKit.client;
import static com.autograph.collaboration.room.RoomTestKit.fileEvent;
import static com.autograph.collaboration.room.RoomTestKit.from;
import static com.autograph.collaboration.room.RoomTestKit.json;
import static com.autograph.collaboration.room.RoomTestKit.message;
import static com.autograph.collaboration.room.RoomTestKit.port;
import static com.autograph.collaboration.room.RoomTestKit.publish;
import static com.autograph.collaboration.room.RoomTestKit.rest;
import static com.autograph.collaboration.room.RoomTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one real Redis, a stand-in diagram-service speaking its
 * wire format: clients split across both instances edit concurrently and converge.
 */
class RoomsAcrossInstancesTest {

    @RegisterExtension
    static final TwoInstances rooms = TwoInstances.alike("--autograph.collaboration.save-debounce=200ms",
            "--autograph.collaboration.messages-per-second=10000", "--autograph.collaboration.message-burst=10000",
            "--autograph.collaboration.conflict-window=30s", "--autograph.collaboration.activity-merge=200ms");

    private static UUID file(int shapes, Map<String, String> permissions) {
        return RoomTestKit.file(rooms.diagrams, shapes, permissions);
    }

    @Test
    void clientsOnTwoInstancesEditingConcurrentlyConvergeToTheSavedDocument() throws Exception {
        for (long seed : new long[] { 1, 2, 3 }) {
            converge(seed, 20, 12);
        }
    }

    private void converge(long seed, int clients, int editsEach) throws Exception {
        List<TrustedIdentity> users = new ArrayList<>();
        Map<String, String> permissions = new ConcurrentHashMap<>();
        for (int i = 0; i < clients; i++) {
            users.add(user("u" + seed + "-" + i));
            permissions.put(users.get(i).userId(), "edit");
        }
        UUID fileId = file(4, permissions);
        List<SocketClient> connected = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connected.add(client(users.get(i), i % 2 == 0 ? rooms.first : rooms.second, fileId));
        }
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SocketClient client = connected.get(c);
            Random random = new Random(seed * 1000 + c);
            int me = c;
            done.add(pool.submit(() -> {
                for (int e = 0; e < editsEach; e++) {
                    int edit = e;
                    ObjectNode outcome = client.edit(me + ":" + e, document -> {
                        String target = "s" + random.nextInt(4);
                        ObjectNode op = json.createObjectNode();
                        switch (random.nextInt(4)) {
                            case 0 -> op.put("op", "update")
                                .put("id", target)
                                .putObject("set")
                                .put("x", random.nextInt(1000));
                            case 1 -> {
                                int length = document.text(target).length();
                                op.put("op", "text")
                                    .put("id", target)
                                    .put("index", random.nextInt(length + 1))
                                    .put("delete", 0)
                                    .put("insert", "c" + me);
                            }
                            case 2 -> {
                                int length = document.text(target).length();
                                int index = random.nextInt(length + 1);
                                op.put("op", "text")
                                    .put("id", target)
                                    .put("index", index)
                                    .put("delete", Math.min(2, length - index))
                                    .put("insert", "");
                            }
                            default -> op.put("op", "add")
                                .putObject("shape")
                                .put("id", "n" + me + "-" + edit)
                                .put("type", "ellipse")
                                .put("x", 0)
                                .put("y", 0)
                                .put("width", 10)
                                .put("height", 10);
                        }
                        return List.of(op);
                    });
                    assertThat(outcome.path("type").asString()).as(outcome.toString()).isEqualTo("op");
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        long last = connected.stream().mapToLong(c -> c.seq).max().orElseThrow();
        assertThat(last).isEqualTo((long) clients * editsEach);
        await().untilAsserted(() -> assertThat(connected).allSatisfy(c -> assertThat(c.seq).isEqualTo(last)));
        ObjectNode expected = connected.get(0).document.canvas();
        for (SocketClient client : connected) {
            assertThat(client.document.canvas()).isEqualTo(expected);
        }
        await().untilAsserted(() -> assertThat(rooms.diagrams.files.get(fileId).canvas).isEqualTo(expected));
        for (SocketClient client : connected) {
            client.close();
        }
    }

    @Test
    void aViewersEditIsRefusedAndAnOpOnAMissingShapeIsNotApplied() {
        TrustedIdentity editor = user("editor");
        TrustedIdentity viewer = user("viewer");
        UUID fileId = file(1, Map.of(editor.userId(), "edit", viewer.userId(), "view"));
        SocketClient editing = client(editor, rooms.first, fileId);
        SocketClient viewing = client(viewer, rooms.second, fileId);
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", 5);
        ObjectNode refused = viewing.edit("v1", List.of(move));
        assertThat(refused.path("code").asString()).isEqualTo("read_only");
        ObjectNode missing = json.createObjectNode().put("op", "delete").put("id", "nope");
        ObjectNode unknown = editing.edit("e1", List.of(move, missing));
        assertThat(unknown.path("code").asString()).isEqualTo("unknown_shape");
        assertThat(editing.document.canvas().path("shapes").get(0).path("x").asInt()).isZero();
        ObjectNode applied = editing.edit("e2", List.of(move));
        viewing.awaitMessage(m -> "e2".equals(m.path("op_id").asString(null)));
        assertThat(viewing.document.canvas().path("shapes").get(0).path("x").asInt()).isEqualTo(5);
        assertThat(applied.path("type").asString()).isEqualTo("op");
        editing.send(json.createObjectNode().put("type", "nonsense"));
        assertThat(editing.awaitMessage(m -> m.path("type").asString("").equals("error")
                && m.path("code").asString("").equals("unknown_message_type")))
            .isNotNull();
        editing.socket.sendText("{not json", true).join();
        editing.awaitMessage(m -> m.path("code").asString("").equals("malformed_message"));
        editing.socket.sendText("x".repeat(300 * 1024), true).join();
        editing.awaitMessage(m -> m.path("code").asString("").equals("message_too_large"));
        assertThat(editing.edit("e3", List.of(move)).path("type").asString()).isEqualTo("op");
        editing.close();
        viewing.close();
    }

    @Test
    void aSocketEndsWhenItsAccessTokenExpires() {
        TrustedIdentity ana = user("expiring");
        UUID fileId = file(1, Map.of(ana.userId(), "edit"));
        SocketClient expiring = new SocketClient(json, ana).connect(port(rooms.first), fileId, SECRET, null,
                Instant.now().plusSeconds(3));
        SocketClient lasting = client(ana, rooms.second, fileId);
        ObjectNode expired = expiring.awaitMessage(m -> m.path("code").asString("").equals("credential_expired"));
        assertThat(expired.path("type").asString()).isEqualTo("error");
        ObjectNode closed = expiring.awaitMessage(m -> m.path("type").asString("").equals("closed"));
        assertThat(closed.path("code").asInt()).isEqualTo(4401);
        // A credential without an expiry (an API key) keeps its socket.
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", 9);
        assertThat(lasting.edit("after-expiry", List.of(move)).path("type").asString()).isEqualTo("op");
        lasting.close();
    }

    @Test
    void aSocketThatMayNotJoinIsToldWhyAndClosed() {
        TrustedIdentity owner = user("refused-owner");
        TrustedIdentity stranger = user("stranger");
        UUID fileId = file(1, Map.of(owner.userId(), "edit"));
        Map<String, String> expected = Map.of(fileId.toString(), "not_found:4404", "not-a-uuid", "invalid_request:4400",
                fileId + "?last_seq=x", "invalid_request:4400");
        expected.forEach((target, answer) -> {
            SocketClient refused = new SocketClient(json, stranger).open(port(rooms.first), target, SECRET, null);
            ObjectNode error = refused.awaitMessage(m -> m.path("type").asString("").equals("error"));
            ObjectNode closed = refused.awaitMessage(m -> m.path("type").asString("").equals("closed"));
            assertThat(error.path("code").asString() + ":" + closed.path("code").asInt()).as(target).isEqualTo(answer);
            assertThat(refused.seen).noneMatch(m -> m.path("type").asString("").equals("welcome"));
        });
        SocketClient expired = new SocketClient(json, owner).open(port(rooms.first), fileId.toString(), SECRET,
                Instant.now().minusSeconds(5));
        assertThat(expired.awaitMessage(m -> m.path("type").asString("").equals("closed")).path("code").asInt())
            .isEqualTo(4401);
        assertThat(expired.seen).anyMatch(m -> m.path("code").asString("").equals("credential_expired"));
    }

    /** How an attempt to join ends: "error_code:close_code", or "joined:permission". */
    private static String joining(TrustedIdentity identity, ConfigurableApplicationContext instance, String target) {
        SocketClient attempt = new SocketClient(json, identity).open(port(instance), target, SECRET, null);
        ObjectNode answer = attempt.awaitMessage(
                m -> m.path("type").asString("").equals("welcome") || m.path("type").asString("").equals("error"));
        if (answer.path("type").asString().equals("welcome")) {
            attempt.close();
            return "joined:" + answer.path("you").path("permission").asString();
        }
        ObjectNode closed = attempt.awaitMessage(m -> m.path("type").asString("").equals("closed"));
        assertThat(attempt.seen).noneMatch(m -> m.path("type").asString("").equals("welcome"));
        return answer.path("code").asString() + ":" + closed.path("code").asInt();
    }

    private static void publishFileEvent(UUID fileId, String event) {
        publish(rooms.first, fileId,
                json.createObjectNode()
                    .put("event", event)
                    .put("file_id", fileId.toString())
                    .put("at", Instant.now().toString()));
    }

    @Test
    void aViewLinksGuestSeesEditsLiveButMayNotEditAndAnEditLinksGuestsEditsAreSavedThroughTheLink() {
        TrustedIdentity owner = user("link-owner");
        UUID fileId = file(1, Map.of(owner.userId(), "edit"));
        String viewLink = rooms.diagrams.link(fileId, "view");
        String editLink = rooms.diagrams.link(fileId, "edit");
        rooms.diagrams.links.get(editLink).password = "pass word+1";

        SocketClient owning = client(owner, rooms.first, fileId);
        SocketClient viewing = new SocketClient(json, null).connect(port(rooms.second), fileId, SECRET, null, null,
                "share_token=" + viewLink);
        JsonNode you = viewing.awaitMessage(m -> m.path("type").asString("").equals("welcome")).path("you");
        assertThat(you.path("permission").asString()).isEqualTo("view");
        assertThat(you.path("guest").asBoolean()).isTrue();
        assertThat(you.path("user_id").asString()).matches("guest-[0-9a-f]{8}");
        assertThat(you.path("name").asString())
            .isEqualTo("Guest " + you.path("user_id").asString().substring("guest-".length() + 4));
        owning.awaitMessage(m -> m.path("type").asString("").equals("joined")
                && m.path("member").path("user_id").asString("").equals(you.path("user_id").asString()));

        // The guest sees the owner's edits and may not edit.
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", 11);
        assertThat(owning.edit("owner-1", List.of(move)).path("type").asString()).isEqualTo("op");
        viewing.awaitMessage(m -> m.path("op_id").asString("").equals("owner-1"));
        assertThat(viewing.edit("guest-1", List.of(move)).path("code").asString()).isEqualTo("read_only");

        // The edit link's password is diagram-service's to check: missing or wrong, no
        // room.
        String room = fileId + "?share_token=" + editLink;
        assertThat(joining(null, rooms.first, room)).isEqualTo("wrong_password:4403");
        assertThat(joining(null, rooms.first, room + "&share_password=nope")).isEqualTo("wrong_password:4403");
        SocketClient editing = new SocketClient(json, null).connect(port(rooms.first), fileId, SECRET, null, null,
                "share_token=" + editLink + "&share_password=pass%20word%2B1");
        String guest = editing.awaitMessage(m -> m.path("type").asString("").equals("welcome"))
            .path("you")
            .path("user_id")
            .asString();
        move.putObject("set").put("x", 22);
        ObjectNode applied = editing.edit("guest-2", List.of(move));
        assertThat(applied.path("type").asString()).isEqualTo("op");
        assertThat(owning.awaitMessage(m -> m.path("op_id").asString("").equals("guest-2")).path("user_id").asString())
            .isEqualTo(guest);
        await().untilAsserted(
                () -> assertThat(rooms.diagrams.files.get(fileId).canvas.path("shapes").get(0).path("x").asInt())
                    .isEqualTo(22));

        // Revoking the view link ends its guest's socket at once; the others stay.
        rooms.diagrams.links.get(viewLink).revoked = true;
        publishFileEvent(fileId, "file.link_revoked");
        viewing.awaitMessage(
                m -> m.path("type").asString("").equals("error") && m.path("code").asString("").equals("link_revoked"));
        assertThat(viewing.awaitMessage(m -> m.path("type").asString("").equals("closed")).path("code").asInt())
            .isEqualTo(4410);
        move.putObject("set").put("x", 33);
        assertThat(editing.edit("guest-3", List.of(move)).path("type").asString()).isEqualTo("op");
        assertThat(joining(null, rooms.second, fileId + "?share_token=" + viewLink)).isEqualTo("link_revoked:4410");
        owning.close();
        editing.close();
    }

    @Test
    void whenOnlyGuestsEditTheirInstanceSavesThroughTheEditLink() {
        UUID fileId = file(1, Map.of());
        String editLink = rooms.diagrams.link(fileId, "edit");
        String viewLink = rooms.diagrams.link(fileId, "view");
        SocketClient editing = new SocketClient(json, null).connect(port(rooms.first), fileId, SECRET, null, null,
                "share_token=" + editLink);
        SocketClient viewing = new SocketClient(json, null).connect(port(rooms.second), fileId, SECRET, null, null,
                "share_token=" + viewLink);
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", 44);
        assertThat(editing.edit("only-guest", List.of(move)).path("type").asString()).isEqualTo("op");
        viewing.awaitMessage(m -> m.path("op_id").asString("").equals("only-guest"));
        await().untilAsserted(() -> assertThat(rooms.diagrams.links.get(editLink).saves).isPositive());
        assertThat(rooms.diagrams.files.get(fileId).canvas.path("shapes").get(0).path("x").asInt()).isEqualTo(44);
        // Its last edit, made just before it leaves, is saved too.
        move.putObject("set").put("x", 55);
        assertThat(editing.edit("leaving", List.of(move)).path("type").asString()).isEqualTo("op");
        editing.close();
        await().untilAsserted(
                () -> assertThat(rooms.diagrams.files.get(fileId).canvas.path("shapes").get(0).path("x").asInt())
                    .isEqualTo(55));
        assertThat(rooms.diagrams.links.get(viewLink).saves).isZero();
        viewing.close();
    }

    @Test
    void aLinkOpensOnlyItsOwnFileLiveAndOnlyWhileItLasts() {
        TrustedIdentity owner = user("link-rules-owner");
        TrustedIdentity reader = user("link-rules-reader");
        UUID fileId = file(1, Map.of(owner.userId(), "edit", reader.userId(), "view"));
        UUID otherFile = file(1, Map.of(owner.userId(), "edit"));
        String editLink = rooms.diagrams.link(fileId, "edit");
        String viewLink = rooms.diagrams.link(fileId, "view");
        String expired = rooms.diagrams.link(fileId, "edit");
        rooms.diagrams.links.get(expired).expiresAt = Instant.now().minusSeconds(1);
        String version = rooms.diagrams.link(fileId, "view");
        rooms.diagrams.links.get(version).versionNumber = 1;
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put(otherFile + "?share_token=" + editLink, "not_found:4404");
        expected.put(fileId + "?share_token=" + expired, "link_expired:4410");
        expected.put(fileId + "?share_token=" + version, "version_link:4403");
        expected.put(fileId + "?share_token=no-such-link", "link_not_found:4404");
        expected.put(fileId + "?share_token=" + "a".repeat(65), "invalid_request:4400");
        expected.put(fileId + "?share_token=a.b", "invalid_request:4400");
        expected.put(fileId + "?share_token=" + viewLink + "&share_password=" + "p".repeat(73), "invalid_request:4400");
        expected.put(fileId + "?share_token=" + viewLink, "joined:view");
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        expected.keySet().forEach(target -> answers.put(target, joining(null, rooms.first, target)));
        assertThat(answers).isEqualTo(expected);
        // Without a signed identity or a link: no upgrade at all.
        assertThatThrownBy(() -> new SocketClient(json, null).open(port(rooms.first), fileId.toString(), SECRET, null))
            .rootCause()
            .hasMessageContaining("status code 401");

        // A signed-in user gets the higher of their own permission and the link's, as
        // themselves; a stranger with a view link views.
        assertThat(joining(reader, rooms.first, fileId + "?share_token=" + editLink)).isEqualTo("joined:edit");
        assertThat(joining(reader, rooms.first, fileId + "?share_token=" + expired)).isEqualTo("joined:view");
        TrustedIdentity stranger = user("link-rules-stranger");
        SocketClient strangers = new SocketClient(json, stranger).connect(port(rooms.second), fileId, SECRET, null,
                null, "share_token=" + viewLink);
        JsonNode you = strangers.awaitMessage(m -> m.path("type").asString("").equals("welcome")).path("you");
        assertThat(you.path("user_id").asString()).isEqualTo(stranger.userId());
        assertThat(you.path("permission").asString()).isEqualTo("view");
        strangers.close();

        // A link that expires while its guest is in the room ends the socket then.
        String brief = rooms.diagrams.link(fileId, "edit");
        rooms.diagrams.links.get(brief).expiresAt = Instant.now().plusSeconds(3);
        SocketClient briefly = new SocketClient(json, null).connect(port(rooms.second), fileId, SECRET, null, null,
                "share_token=" + brief);
        assertThat(briefly.awaitMessage(m -> m.path("type").asString("").equals("error")).path("code").asString())
            .isEqualTo("link_expired");
        assertThat(briefly.awaitMessage(m -> m.path("type").asString("").equals("closed")).path("code").asInt())
            .isEqualTo(4410);
    }

    /**
     * Redis drops every connection of its clients (a restart, a proxy's idle timeout):
     * each instance's log reader reads again on a new connection, so edits reach both
     * instances again, and presence does once the subscriptions are renewed. A command
     * that meets a dropped pooled connection fails once, and and its client sends the
     * edit again.
     */
    @Test
    void editsAndPresenceReachBothInstancesAgainAfterRedisDropsTheirConnections() {
        TrustedIdentity editor = user("redis-drop");
        UUID fileId = file(1, Map.of(editor.userId(), "edit"));
        SocketClient onFirst = client(editor, rooms.first, fileId);
        SocketClient onSecond = client(editor, rooms.second, fileId);
        String before = editUntilApplied(onFirst, "before", 1).path("op_id").asString();
        onSecond.awaitMessage(m -> before.equals(m.path("op_id").asString(null)));

        for (String type : List.of("normal", "pubsub")) {
            rooms.first.getBean(StringRedisTemplate.class)
                .execute((RedisCallback<Object>) connection -> connection.execute("CLIENT",
                        "KILL".getBytes(StandardCharsets.UTF_8), "TYPE".getBytes(StandardCharsets.UTF_8),
                        type.getBytes(StandardCharsets.UTF_8), "SKIPME".getBytes(StandardCharsets.UTF_8),
                        "yes".getBytes(StandardCharsets.UTF_8)));
        }

        String fromFirst = editUntilApplied(onFirst, "after-1", 2).path("op_id").asString();
        onSecond.awaitMessage(m -> fromFirst.equals(m.path("op_id").asString(null)));
        String fromSecond = editUntilApplied(onSecond, "after-2", 3).path("op_id").asString();
        onFirst.awaitMessage(m -> fromSecond.equals(m.path("op_id").asString(null)));
        assertThat(onFirst.document.canvas().path("shapes").get(0).path("x").asInt()).isEqualTo(3);
        assertThat(onSecond.document.canvas().path("shapes").get(0).path("x").asInt()).isEqualTo(3);
        // Presence travels on pub/sub, whose subscriptions the container renews on a new
        // connection.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            onFirst.send(message("cursor").put("x", 7).put("y", 8));
            return onSecond.seen.stream().anyMatch(from("cursor", onFirst));
        });
        onFirst.close();
        onSecond.close();
    }

    /**
     * Moves shape s0 to {@code x}, sending again (at most 5 times) while the service is
     * unavailable.
     */
    private static ObjectNode editUntilApplied(SocketClient client, String opId, int x) {
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", x);
        ObjectNode outcome = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            outcome = client.edit(opId + "-" + attempt, List.of(move));
            if (!"temporarily_unavailable".equals(outcome.path("code").asString(""))) {
                break;
            }
        }
        assertThat(outcome.path("type").asString()).as(outcome.toString()).isEqualTo("op");
        return outcome;
    }

    @Test
    void commentEventsReachTheRoomAsCommentMessages() {
        TrustedIdentity ana = user("commenter");
        UUID fileId = file(1, Map.of(ana.userId(), "view"));
        SocketClient watching = client(ana, rooms.second, fileId);
        String commentId = UUID.randomUUID().toString();
        publish(rooms.first, fileId,
                fileEvent("comment.created", fileId, ana).put("comment_id", commentId).put("thread_id", commentId));
        ObjectNode comment = watching.awaitMessage(m -> m.path("type").asString("").equals("comment"));
        assertThat(comment.path("event").asString()).isEqualTo("created");
        assertThat(comment.path("comment_id").asString()).isEqualTo(commentId);
        assertThat(comment.path("thread_id").asString()).isEqualTo(commentId);
        assertThat(comment.path("actor_id").asString()).isEqualTo(ana.userId());
        assertThat(watching.seen).noneMatch(m -> m.path("type").asString("").equals("file_event"));
        watching.close();
    }

    @Test
    void aReconnectReplaysExactlyTheMissedOpsAndPresenceComesAndGoes() {
        TrustedIdentity ana = user("ana");
        TrustedIdentity bob = user("bob");
        UUID fileId = file(1, Map.of(ana.userId(), "edit", bob.userId(), "edit"));
        SocketClient anas = client(ana, rooms.first, fileId);
        SocketClient bobs = client(bob, rooms.second, fileId);
        anas.awaitMessage(m -> m.path("type").asString("").equals("joined")
                && m.path("member").path("user_id").asString("").equals(bob.userId()));
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("y", 1);
        bobs.edit("b0", List.of(move));
        anas.awaitMessage(m -> "b0".equals(m.path("op_id").asString(null)));
        long lastSeen = bobs.seq;
        bobs.close();
        anas.awaitMessage(m -> m.path("type").asString("").equals("left"));
        List<Long> missedSeqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            move.putObject("set").put("y", 10 + i);
            missedSeqs.add(anas.edit("a" + i, List.of(move)).path("seq").asLong());
        }
        SocketClient back = bobs.connect(port(rooms.second), fileId, SECRET, lastSeen);
        ObjectNode welcome = back.awaitMessage(m -> m.path("type").asString("").equals("welcome"));
        List<Long> replayed = new ArrayList<>();
        welcome.path("missed").forEach(m -> replayed.add(m.path("seq").asLong()));
        assertThat(replayed).isEqualTo(missedSeqs);
        assertThat(back.document.canvas()).isEqualTo(anas.document.canvas());
        anas.close();
        back.close();
    }

    /**
     * An instance dies under its clients (its web server stops at once: sockets drop
     * without a goodbye, nothing is saved on the way out): every edit that was
     * acknowledged is in the document its clients find on the other instance.
     */
    @Test
    void anInstanceDyingLosesNoAcknowledgedEdit() throws Exception {
        ConfigurableApplicationContext doomed = rooms.another();
        try {
            for (long seed : new long[] { 7, 8 }) {
                int clients = 6;
                List<TrustedIdentity> users = new ArrayList<>();
                Map<String, String> permissions = new ConcurrentHashMap<>();
                for (int i = 0; i < clients; i++) {
                    users.add(user("k" + seed + "-" + i));
                    permissions.put(users.get(i).userId(), "edit");
                }
                UUID fileId = file(2, permissions);
                List<SocketClient> connected = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    connected.add(client(users.get(i), i % 2 == 0 ? doomed : rooms.second, fileId));
                }
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                List<Future<?>> done = new ArrayList<>();
                java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(clients);
                for (int c = 0; c < clients; c++) {
                    SocketClient client = connected.get(c);
                    int me = c;
                    Random random = new Random(seed * 100 + c);
                    done.add(pool.submit(() -> {
                        for (int e = 0; e < 40; e++) {
                            if (e == 10) {
                                halfway.countDown();
                            }
                            String id = "k" + me + "-" + e;
                            ObjectNode add = json.createObjectNode().put("op", "add");
                            add.putObject("shape")
                                .put("id", id)
                                .put("type", "rectangle")
                                .put("x", random.nextInt(500))
                                .put("y", 0)
                                .put("width", 10)
                                .put("height", 10);
                            try {
                                ObjectNode outcome = client.edit(id, List.of(add));
                                if (outcome.path("type").asString("").equals("op")) {
                                    acknowledged.add(id);
                                }
                            }
                            catch (AssertionError | RuntimeException lost) {
                                return null; // its instance died: unacknowledged
                            }
                            if (client.closed) {
                                return null;
                            }
                        }
                        return null;
                    }));
                }
                halfway.await();
                ((org.springframework.boot.web.server.context.WebServerApplicationContext) doomed).getWebServer()
                    .stop();
                for (Future<?> future : done) {
                    future.get();
                }
                pool.shutdown();
                // Tomcat's stop does not always close upgraded connections, so a
                // client of the doomed instance may never hear that it is gone: its
                // network drops here, as when a process dies, and it rejoins the
                // survivor.
                for (int i = 0; i < clients; i += 2) {
                    SocketClient client = connected.get(i);
                    client.drop();
                    client.connect(port(rooms.second), fileId, SECRET, client.seq);
                }
                SocketClient witness = connected.get(1);
                // Everyone, reconnected or not, ends with the same document as the one
                // saved.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    ObjectNode saved = rooms.diagrams.files.get(fileId).canvas;
                    assertThat(connected).allSatisfy(c -> assertThat(c.document.canvas()).isEqualTo(saved));
                });
                assertThat(acknowledged).isNotEmpty();
                for (String id : acknowledged) {
                    assertThat(witness.document.hasShape(id)).as("acknowledged %s (seed %d)", id, seed).isTrue();
                }
                for (SocketClient client : connected) {
                    client.close();
                }
                if (seed == 7) {
                    doomed.close();
                    doomed = rooms.another();
                }
            }
        }
        finally {
            doomed.close();
        }
    }

    @Test
    void undoLocksWarningsAndTheRestViewOfPresenceAndActivity() throws Exception {
        TrustedIdentity ana = user("ana-2");
        TrustedIdentity bob = user("bob-2");
        UUID fileId = file(2, Map.of(ana.userId(), "edit", bob.userId(), "edit"));
        SocketClient anas = client(ana, rooms.first, fileId);
        SocketClient bobs = client(bob, rooms.second, fileId);
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", 42);
        anas.edit("m1", List.of(move));
        ObjectNode undo = json.createObjectNode().put("type", "undo").put("op_id", "u1");
        anas.send(undo);
        ObjectNode undone = bobs.awaitMessage(m -> "u1".equals(m.path("op_id").asString(null)));
        assertThat(undone.path("kind").asString()).isEqualTo("undo");
        assertThat(bobs.document.canvas().path("shapes").get(0).path("x").asInt()).isZero();
        anas.send(json.createObjectNode().put("type", "redo").put("op_id", "r1"));
        bobs.awaitMessage(m -> "r1".equals(m.path("op_id").asString(null)));
        assertThat(bobs.document.canvas().path("shapes").get(0).path("x").asInt()).isEqualTo(42);
        // Bob changes the shape Ana just changed: both are warned.
        move.putObject("set").put("y", 7);
        bobs.edit("b1", List.of(move));
        anas.awaitMessage(m -> m.path("type").asString("").equals("conflict_warning"));
        bobs.awaitMessage(m -> m.path("type").asString("").equals("conflict_warning"));
        // Ana locks s1: Bob's edit of it is refused until she unlocks it.
        anas.send(json.createObjectNode().put("type", "lock").put("id", "s1").put("op_id", "l1"));
        bobs.awaitMessage(m -> m.path("type").asString("").equals("lock") && m.path("id").asString("").equals("s1"));
        ObjectNode other = json.createObjectNode().put("op", "update").put("id", "s1");
        other.putObject("set").put("x", 1);
        assertThat(bobs.edit("b2", List.of(other)).path("code").asString()).isEqualTo("shape_locked");
        anas.send(json.createObjectNode().put("type", "unlock").put("id", "s1").put("op_id", "l2"));
        bobs.awaitMessage(m -> m.path("type").asString("").equals("unlock"));
        assertThat(bobs.edit("b3", List.of(other)).path("type").asString()).isEqualTo("op");
        // Cursors reach the other instance; presence and activity over REST.
        anas.send(json.createObjectNode().put("type", "cursor").put("x", 10).put("y", 20));
        ObjectNode cursor = bobs.awaitMessage(m -> m.path("type").asString("").equals("cursor"));
        assertThat(cursor.path("x").asDouble()).isEqualTo(10.0);
        java.net.http.HttpResponse<String> presence = rest(rooms.second,
                "/api/collaboration/files/" + fileId + "/presence", bob);
        assertThat(presence.statusCode()).isEqualTo(200);
        assertThat(json.readTree(presence.body()).path("total").asInt()).isEqualTo(2);
        // Ana's edits merge into one entry, written once she has paused (200 ms here).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            java.net.http.HttpResponse<String> activity = rest(rooms.first,
                    "/api/collaboration/files/" + fileId + "/activity", ana);
            assertThat(activity.statusCode()).isEqualTo(200);
            assertThat(activity.body()).contains("ana-2 changed 1 shape");
        });
        assertThat(rest(rooms.first, "/api/collaboration/files/" + fileId + "/presence", user("stranger")).statusCode())
            .isEqualTo(404);
        assertThat(rest(rooms.first, "/api/collaboration/files/" + fileId + "/activity?size=1000", ana).statusCode())
            .isEqualTo(400);
        assertThat(rest(rooms.first, "/api/collaboration/files/not-a-uuid/presence", ana).statusCode()).isEqualTo(400);
        var anonymous = SocketClient.HTTP.send(java.net.http.HttpRequest
            .newBuilder(java.net.URI
                .create("http://127.0.0.1:" + port(rooms.first) + "/api/collaboration/files/" + fileId + "/presence"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        bobs.close();
        anas.awaitMessage(m -> m.path("type").asString("").equals("left"));
        await().untilAsserted(() -> assertThat(
                json.readTree(rest(rooms.first, "/api/collaboration/files/" + fileId + "/presence", ana).body())
                    .path("total")
                    .asInt())
            .isEqualTo(1));
        anas.close();
    }

    /**
     * Random messages, most of them wrong in some way: each gets an answer, the socket
     * stays open, and both instances keep the same document.
     */
    @Test
    void randomMessagesNeverBreakTheSocketOrTheRoom() {
        TrustedIdentity fuzzer = user("fuzzer");
        TrustedIdentity watcher = user("watcher");
        UUID fileId = file(3, Map.of(fuzzer.userId(), "edit", watcher.userId(), "edit"));
        SocketClient fuzzing = client(fuzzer, rooms.first, fileId);
        SocketClient watching = client(watcher, rooms.second, fileId);
        String[] types = { "op", "undo", "redo", "lock", "unlock", "cursor", "selection", "viewport", "editing",
                "typing", "status", "chat", "resync", "ping", "nope", "" };
        String[] kinds = { "add", "update", "delete", "reorder", "bind", "text", "document", "explode" };
        Random random = new Random(42);
        for (int i = 0; i < 150; i++) {
            ObjectNode message = json.createObjectNode().put("type", types[random.nextInt(types.length)]);
            message.put("op_id", "f" + i);
            var ops = message.putArray("ops");
            for (int o = random.nextInt(3); o > 0; o--) {
                ObjectNode op = ops.addObject().put("op", kinds[random.nextInt(kinds.length)]);
                op.put("id", random.nextBoolean() ? "s" + random.nextInt(5) : "note");
                switch (random.nextInt(5)) {
                    case 0 ->
                        op.put("index", random.nextInt(40) - 5).put("delete", random.nextInt(9)).put("insert", "ab");
                    case 1 -> op.putObject("set").put(random.nextBoolean() ? "x" : "id", random.nextInt(100));
                    case 2 -> op.putObject("shape").put("id", "z" + random.nextInt(5)).put("type", "rectangle");
                    case 3 -> op.put("end", "start").putObject("to").put("shape_id", "s" + random.nextInt(5));
                    default -> op.putArray("unset").add("text");
                }
            }
            if (random.nextInt(4) == 0) {
                message.put("x", random.nextBoolean() ? "nan" : "1").put("ids", 3).put("text", "");
            }
            if (random.nextInt(10) == 0) {
                fuzzing.socket
                    .sendText(message.toString().substring(0, random.nextInt(message.toString().length())), true)
                    .join();
            }
            else {
                fuzzing.send(message);
            }
        }
        fuzzing.send(json.createObjectNode().put("type", "ping"));
        fuzzing.awaitMessage(m -> m.path("type").asString("").equals("pong"));
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", 99);
        ObjectNode last = fuzzing.edit("final", List.of(move));
        assertThat(last.path("type").asString()).isEqualTo("op");
        watching.awaitMessage(m -> "final".equals(m.path("op_id").asString(null)));
        assertThat(fuzzing.closed).isFalse();
        await().untilAsserted(() -> assertThat(watching.document.canvas()).isEqualTo(fuzzing.document.canvas()));
        fuzzing.close();
        watching.close();
    }

}
