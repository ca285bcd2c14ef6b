package com.autograph.collaboration.room;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import com.autograph.collaboration.room.RoomTestKit.TwoInstances;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.autograph.collaboration.room.RoomTestKit.SECRET;
import static com.autograph.collaboration.room.RoomTestKit.client;
import static com.autograph.collaboration.room.RoomTestKit.error;
import static com.autograph.collaboration.room.RoomTestKit.file;
import static com.autograph.collaboration.room.RoomTestKit.from;
import static com.autograph.collaboration.room.RoomTestKit.json;
import static com.autograph.collaboration.room.RoomTestKit.message;
import static com.autograph.collaboration.room.RoomTestKit.port;
import static com.autograph.collaboration.room.RoomTestKit.rest;
import static com.autograph.collaboration.room.RoomTestKit.type;
import static com.autograph.collaboration.room.RoomTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence and the limits on what one client sends, across two instances of one room:
 * {@code lively} lets messages through freely, shows members away after a second of
 * inactivity and passes on at most 5 cursor updates a second per connection;
 * {@code strict} allows 1 message a second (burst 5) per user and closes a socket after 5
 * messages over that, and 3 sockets per user.
 */
class PresenceAndFloodTest {

    private static final int CURSORS_PER_SECOND = 5;

    private static final int SOCKETS_PER_USER = 3;

    @RegisterExtension
    static final TwoInstances rooms = TwoInstances.differing(
            new String[] { "--autograph.collaboration.messages-per-second=10000",
                    "--autograph.collaboration.message-burst=10000", "--autograph.collaboration.idle-after=1s",
                    "--autograph.collaboration.cursor-updates-per-second=" + CURSORS_PER_SECOND },
            new String[] { "--autograph.collaboration.messages-per-second=1",
                    "--autograph.collaboration.message-burst=5", "--autograph.collaboration.flood-strikes=5",
                    "--autograph.collaboration.max-sockets-per-user=" + SOCKETS_PER_USER });

    private static ConfigurableApplicationContext lively() {
        return rooms.first;
    }

    private static ConfigurableApplicationContext strict() {
        return rooms.second;
    }

    /**
     * A burst of cursor moves reaches the others at no more than the configured rate (a
     * publish at most every 1/rate seconds, so no more than 1 + elapsed × rate of them),
     * coalesced to fewer than were sent, in order, and ending with the last position.
     */
    @Test
    void aBurstOfCursorMovesIsThrottledAndCoalescedAndTheLastPositionArrives() {
        TrustedIdentity mover = user("mover");
        TrustedIdentity watcher = user("cursor-watcher");
        UUID fileId = file(rooms.diagrams, 1, Map.of(mover.userId(), "edit", watcher.userId(), "view"));
        SocketClient moving = client(mover, lively(), fileId);
        SocketClient watching = client(watcher, strict(), fileId);
        assertThat(moving.awaitMessage(type("welcome")).path("cursor_updates_per_second").asInt())
            .isEqualTo(CURSORS_PER_SECOND);
        moving.awaitMessage(
                m -> type("joined").test(m) && m.path("member").path("user_id").asString("").equals(watcher.userId()));
        int sent = 100;
        long started = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            moving.send(message("cursor").put("x", i).put("y", -i));
        }
        ObjectNode last = watching
            .awaitMessage(m -> from("cursor", moving).test(m) && m.path("x").asDouble() == sent - 1);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(last.path("y").asDouble()).isEqualTo(-(sent - 1));
        List<Double> arrived = watching.seen.stream()
            .filter(from("cursor", moving))
            .map(m -> m.path("x").asDouble())
            .toList();
        assertThat(arrived).isSorted().doesNotHaveDuplicates().hasSizeLessThan(sent);
        assertThat(arrived.size()).as("cursor updates in %d ms", elapsedMillis)
            .isLessThanOrEqualTo(1 + (int) (elapsedMillis * CURSORS_PER_SECOND / 1000));
        moving.close();
        watching.close();
    }

    /**
     * A client over the message rate has its messages dropped with {@code rate_limited},
     * then its socket is closed with {@code flood} (1008); others in the room, on its
     * instance and on the other, go on as before.
     */
    @Test
    void aFloodingClientIsRateLimitedThenDisconnectedAndTheOthersAreUnaffected() {
        TrustedIdentity flooder = user("flooder");
        TrustedIdentity neighbour = user("neighbour");
        TrustedIdentity remote = user("remote");
        UUID fileId = file(rooms.diagrams, 1,
                Map.of(flooder.userId(), "edit", neighbour.userId(), "edit", remote.userId(), "edit"));
        SocketClient remotes = client(remote, lively(), fileId);
        SocketClient neighbours = client(neighbour, strict(), fileId);
        SocketClient flooding = client(flooder, strict(), fileId);
        int sent = 0;
        while (!flooding.closed && sent < 200) {
            try {
                flooding.send(message("ping"));
                sent++;
            }
            catch (RuntimeException closedMeanwhile) {
                break;
            }
        }
        ObjectNode closed = flooding.awaitMessage(type("closed"));
        assertThat(closed.path("code").asInt()).isEqualTo(1008);
        List<String> answers = flooding.seen.stream()
            .filter(type("pong").or(type("error")).or(type("closed")))
            .map(m -> m.path("type").asString() + ":" + m.path("code").asString(""))
            .toList();
        assertThat(answers).startsWith("pong:").contains("error:rate_limited").endsWith("error:flood", "closed:1008");
        assertThat(answers.indexOf("error:rate_limited")).isLessThan(answers.indexOf("error:flood"));
        assertThat(answers).filteredOn(a -> a.equals("pong:")).hasSizeLessThan(sent);
        for (SocketClient other : List.of(neighbours, remotes)) {
            other.awaitMessage(from("left", flooding));
        }
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", 3);
        assertThat(neighbours.edit("after-flood", List.of(move)).path("type").asString()).isEqualTo("op");
        remotes.awaitMessage(m -> "after-flood".equals(m.path("op_id").asString(null)));
        assertThat(remotes.document.canvas()).isEqualTo(neighbours.document.canvas());
        for (SocketClient other : List.of(neighbours, remotes)) {
            assertThat(other.closed).isFalse();
            assertThat(other.seen).noneMatch(error("rate_limited"));
        }
        neighbours.close();
        remotes.close();
    }

    /**
     * One user's sockets on an instance are capped (each costs the container's buffers):
     * the one over the limit is told {@code too_many_sockets} and closed with 1013 (try
     * again later) before it joins anything, whichever files they are for; others are
     * admitted meanwhile; a closed socket frees its place.
     */
    @Test
    void aUserOverTheirSocketLimitIsRefusedAndAClosedSocketFreesItsPlace() {
        TrustedIdentity hoarder = user("hoarder");
        TrustedIdentity other = user("not-the-hoarder");
        UUID first = file(rooms.diagrams, 1, Map.of(hoarder.userId(), "edit", other.userId(), "edit"));
        UUID second = file(rooms.diagrams, 1, Map.of(hoarder.userId(), "edit"));
        List<SocketClient> held = new java.util.ArrayList<>();
        for (int i = 0; i < SOCKETS_PER_USER; i++) {
            SocketClient admitted = client(hoarder, strict(), i % 2 == 0 ? first : second);
            admitted.awaitMessage(type("welcome"));
            held.add(admitted);
        }
        SocketClient refused = new SocketClient(json, hoarder).open(port(strict()), second.toString(), SECRET, null);
        assertThat(refused.awaitMessage(type("error")).path("code").asString()).isEqualTo("too_many_sockets");
        ObjectNode closed = refused.awaitMessage(type("closed"));
        assertThat(closed.path("code").asInt()).isEqualTo(1013);
        assertThat(refused.seen).noneMatch(type("welcome"));

        SocketClient others = client(other, strict(), first);
        others.awaitMessage(type("welcome"));
        // The limit is per instance: the other instance admits the same user.
        SocketClient elsewhere = client(hoarder, lively(), first);
        elsewhere.awaitMessage(type("welcome"));

        held.remove(0).close();
        await().untilAsserted(() -> {
            SocketClient again = new SocketClient(json, hoarder).open(port(strict()), first.toString(), SECRET, null);
            try {
                again.awaitMessage(type("welcome"));
            }
            finally {
                again.close();
            }
        });
        held.forEach(SocketClient::close);
        others.close();
        elsewhere.close();
    }

    /**
     * Selection, the element being edited, typing, viewport (follow mode) and cursor chat
     * reach the others; a chat over 500 characters is refused and reaches nobody; the
     * room's presence shows what is known of each member; a member idle for
     * {@code idle-after} shows as away, last seen at its last activity, and online again
     * on its next move.
     */
    @Test
    void presenceReachesTheOthersAndIdleMembersShowAsAwayUntilTheyMove() throws Exception {
        TrustedIdentity ana = user("ana-presence");
        TrustedIdentity bob = user("bob-presence");
        UUID fileId = file(rooms.diagrams, 2, Map.of(ana.userId(), "edit", bob.userId(), "view"));
        SocketClient anas = client(ana, lively(), fileId);
        SocketClient bobs = client(bob, strict(), fileId);
        anas.awaitMessage(
                m -> type("joined").test(m) && m.path("member").path("user_id").asString("").equals(bob.userId()));

        ObjectNode selection = message("selection");
        selection.putArray("ids").add("s0").add("s1");
        anas.send(selection);
        assertThat(bobs.awaitMessage(from("selection", anas)).path("ids")).isEqualTo(selection.get("ids"));
        anas.send(message("editing").put("id", "s0"));
        assertThat(bobs.awaitMessage(from("editing", anas)).path("id").asString()).isEqualTo("s0");
        anas.send(message("typing").put("id", "s0").put("typing", true));
        ObjectNode typing = bobs.awaitMessage(from("typing", anas));
        assertThat(typing.path("id").asString()).isEqualTo("s0");
        assertThat(typing.path("typing").asBoolean()).isTrue();
        anas.send(message("viewport").put("x", -120.5).put("y", 40).put("zoom", 1.5));
        ObjectNode viewport = bobs.awaitMessage(from("viewport", anas));
        assertThat(
                List.of(viewport.path("x").asDouble(), viewport.path("y").asDouble(), viewport.path("zoom").asDouble()))
            .containsExactly(-120.5, 40.0, 1.5);
        anas.send(message("editing").putNull("id"));
        bobs.awaitMessage(m -> from("editing", anas).test(m) && m.path("id").isNull());

        anas.send(message("chat").put("text", "x".repeat(501)));
        assertThat(anas.awaitMessage(type("error")).path("code").asString()).isEqualTo("invalid_message");
        anas.send(message("chat").put("text", "look here").put("x", 10).put("y", 20));
        ObjectNode chat = bobs.awaitMessage(from("chat", anas));
        assertThat(chat.path("text").asString()).isEqualTo("look here");
        assertThat(chat.path("user_id").asString()).isEqualTo(ana.userId());
        assertThat(chat.path("name").asString()).isEqualTo("ana-presence");
        assertThat(chat.path("x").asDouble()).isEqualTo(10.0);
        assertThat(bobs.seen).filteredOn(from("chat", anas)).hasSize(1);

        // The room's presence (REST, as a newcomer's welcome) holds what is known of Ana.
        await().untilAsserted(() -> {
            JsonNode member = member(fileId, bob, ana);
            assertThat(member.path("selection")).isEqualTo(selection.get("ids"));
            assertThat(member.path("viewport").path("zoom").asDouble()).isEqualTo(1.5);
            assertThat(member.has("editing")).isFalse();
        });

        // Ana's last activity is a chat; idle, she shows as away, last seen then.
        anas.send(message("chat").put("text", "back in a minute"));
        Instant lastActive = Instant
            .parse(bobs.awaitMessage(m -> from("chat", anas).test(m) && m.path("text").asString().startsWith("back"))
                .path("at")
                .asString());
        ObjectNode away = bobs
            .awaitMessage(m -> from("status", anas).test(m) && m.path("status").asString().equals("away")
                    && !Instant.parse(m.path("last_seen").asString()).isBefore(lastActive.minusMillis(1)));
        assertThat(Instant.parse(away.path("last_seen").asString())).isEqualTo(lastActive);
        await().untilAsserted(() -> {
            JsonNode member = member(fileId, bob, ana);
            assertThat(member.path("status").asString()).isEqualTo("away");
            assertThat(Instant.parse(member.path("last_seen").asString())).isEqualTo(lastActive);
        });
        // A pointer move brings her back.
        int awaySeen = bobs.seen.indexOf(away);
        anas.send(message("cursor").put("x", 1).put("y", 2));
        ObjectNode online = bobs.awaitMessage(m -> bobs.seen.indexOf(m) > awaySeen && from("status", anas).test(m)
                && m.path("status").asString().equals("online"));
        assertThat(Instant.parse(online.path("last_seen").asString())).isAfter(lastActive);
        bobs.awaitMessage(m -> bobs.seen.indexOf(m) > awaySeen && from("cursor", anas).test(m));
        anas.close();
        bobs.close();
    }

    private static JsonNode member(UUID fileId, TrustedIdentity asker, TrustedIdentity whose) throws Exception {
        JsonNode presence = json
            .readTree(rest(strict(), "/api/collaboration/files/" + fileId + "/presence", asker).body());
        for (JsonNode member : presence.path("items")) {
            if (member.path("user_id").asString("").equals(whose.userId())) {
                return member;
            }
        }
        throw new AssertionError("No member " + whose.userId() + " in " + presence);
    }

}
