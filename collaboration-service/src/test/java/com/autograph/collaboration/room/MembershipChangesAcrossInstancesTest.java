package com.autograph.collaboration.room;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.autograph.collaboration.room.RoomTestKit.TwoInstances;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.redis.SessionHash;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.node.ObjectNode;

import static com.autograph.collaboration.room.RoomTestKit.SECRET;
import static com.autograph.collaboration.room.RoomTestKit.client;
import static com.autograph.collaboration.room.RoomTestKit.json;
import static com.autograph.collaboration.room.RoomTestKit.port;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team member's sockets on two instances, on one real Redis, while auth-service (played
 * here as it writes to Redis: the session's team roles, then the event on the user's
 * channel) demotes and then removes them: every socket of theirs ends at once, told why,
 * and they come back with their new roles or not at all; another member's socket stays.
 */
class MembershipChangesAcrossInstancesTest {

    @RegisterExtension
    static final TwoInstances rooms = TwoInstances.alike();

    private static StringRedisTemplate redis;

    private static RedisKeyspace keyspace;

    @BeforeAll
    static void start() {
        redis = rooms.first.getBean(StringRedisTemplate.class);
        keyspace = rooms.first.getBean(RedisKeyspace.class);
    }

    /** A signed-in member: a live session in Redis, roles as the gateway signed them. */
    private static TrustedIdentity member(String name, String sessionId, Map<String, String> teams) {
        String userId = UUID.nameUUIDFromBytes((name + sessionId).getBytes()).toString();
        redis.opsForHash().put(keyspace.sessionKey(sessionId), SessionHash.USER_ID, userId);
        redis.expire(keyspace.sessionKey(sessionId), Duration.ofMinutes(10));
        return new TrustedIdentity(userId, name + "@example.com", List.of("user"), sessionId, "jwt", teams);
    }

    private static TrustedIdentity withTeams(TrustedIdentity identity, Map<String, String> teams) {
        return new TrustedIdentity(identity.userId(), identity.email(), identity.roles(), identity.sessionId(),
                identity.method(), teams);
    }

    /** What auth-service does after a membership change commits (MembershipEvents). */
    private static void membershipChanged(TrustedIdentity member, String teamId, String role,
            Map<String, String> teamsNow) {
        redis.opsForHash()
            .put(keyspace.sessionKey(member.sessionId()), SessionHash.TEAMS, SessionHash.encodeTeams(teamsNow));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "team.membership_changed");
        event.put("user_id", member.userId());
        event.put("team_id", teamId);
        event.put("role", role);
        redis.convertAndSend(keyspace.userChannel(UUID.fromString(member.userId())), json.writeValueAsString(event));
    }

    private static UUID teamFile(String teamId) {
        ObjectNode canvas = json.createObjectNode().put("schema_version", 1);
        canvas.putArray("shapes")
            .addObject()
            .put("id", "s0")
            .put("type", "rectangle")
            .put("x", 0)
            .put("y", 0)
            .put("width", 160)
            .put("height", 60);
        UUID id = UUID.randomUUID();
        rooms.diagrams.create(id, canvas).team = teamId;
        return id;
    }

    private static ObjectNode move(int x) {
        ObjectNode move = json.createObjectNode().put("op", "update").put("id", "s0");
        move.putObject("set").put("x", x);
        return move;
    }

    /** The socket was told {@code code} and closed with {@code closeCode}. */
    private static void endedWith(SocketClient socket, String code, int closeCode) {
        socket
            .awaitMessage(m -> m.path("type").asString("").equals("error") && m.path("code").asString("").equals(code));
        assertThat(socket.awaitMessage(m -> m.path("type").asString("").equals("closed")).path("code").asInt())
            .isEqualTo(closeCode);
    }

    @Test
    void aDemotedMemberIsReconnectedAsAViewerAndARemovedOneLosesTheRoomAtOnce() {
        String teamId = UUID.randomUUID().toString();
        UUID fileId = teamFile(teamId);
        TrustedIdentity ana = member("ana", UUID.randomUUID().toString(), Map.of(teamId, "editor"));
        TrustedIdentity carl = member("carl", UUID.randomUUID().toString(), Map.of(teamId, "editor"));
        SocketClient anaHere = client(ana, rooms.first, fileId);
        SocketClient anaThere = client(ana, rooms.second, fileId);
        SocketClient carls = client(carl, rooms.first, fileId);
        assertThat(anaHere.edit("a1", List.of(move(1))).path("type").asString()).isEqualTo("op");

        Map<String, String> viewer = Map.of(teamId, "viewer");
        membershipChanged(ana, teamId, "viewer", viewer);
        endedWith(anaHere, "identity_changed", 4401);
        endedWith(anaThere, "identity_changed", 4401);
        // Carl, whose roles did not change, edits on.
        assertThat(carls.edit("c1", List.of(move(2))).path("type").asString()).isEqualTo("op");
        assertThat(carls.closed).isFalse();

        // Back through the gateway, whose identity now carries the session's roles: a
        // viewer, on the instance that remembered her as an editor a moment ago.
        TrustedIdentity anaNow = withTeams(ana, viewer);
        SocketClient anaViewing = client(anaNow, rooms.first, fileId);
        assertThat(anaViewing.awaitMessage(m -> m.path("type").asString("").equals("welcome"))
            .path("you")
            .path("permission")
            .asString()).isEqualTo("view");
        assertThat(anaViewing.edit("a2", List.of(move(3))).path("code").asString()).isEqualTo("read_only");
        // A socket opened with the old roles after the change (its identity signed just
        // before it) is caught when it joins.
        SocketClient late = new SocketClient(json, ana).open(port(rooms.second), fileId.toString(), SECRET, null);
        endedWith(late, "identity_changed", 4401);

        SocketClient anaAlsoViewing = client(anaNow, rooms.second, fileId);
        membershipChanged(ana, teamId, null, Map.of());
        endedWith(anaViewing, "access_revoked", 4403);
        endedWith(anaAlsoViewing, "access_revoked", 4403);
        SocketClient refused = new SocketClient(json, withTeams(ana, Map.of())).open(port(rooms.second),
                fileId.toString(), SECRET, null);
        endedWith(refused, "not_found", 4404);
        assertThat(carls.edit("c2", List.of(move(4))).path("type").asString()).isEqualTo("op");
        carls.close();
    }

    @Test
    void aChangeElsewhereOrToSomeoneElseLeavesASocketAlone() {
        String teamId = UUID.randomUUID().toString();
        UUID fileId = teamFile(teamId);
        TrustedIdentity dora = member("dora", UUID.randomUUID().toString(), Map.of(teamId, "admin"));
        TrustedIdentity eve = member("eve", UUID.randomUUID().toString(), Map.of(teamId, "editor"));
        SocketClient doras = client(dora, rooms.first, fileId);
        SocketClient eves = client(eve, rooms.second, fileId);
        // Another user's channel, an invitation on Dora's, and an event repeating roles
        // her socket already has: nothing to do.
        membershipChanged(eve, teamId, "editor", Map.of(teamId, "editor"));
        redis.convertAndSend(keyspace.userChannel(UUID.fromString(dora.userId())),
                "{\"type\":\"team.invited\",\"user_id\":\"" + dora.userId() + "\"}");
        redis.convertAndSend(keyspace.userChannel(UUID.fromString(dora.userId())), "not json");
        assertThat(doras.edit("d1", List.of(move(5))).path("type").asString()).isEqualTo("op");
        assertThat(eves.edit("e1", List.of(move(6))).path("type").asString()).isEqualTo("op");
        // Eve's socket stayed: her event changed nothing, so a later one is what ends it.
        membershipChanged(eve, teamId, null, Map.of());
        endedWith(eves, "access_revoked", 4403);
        assertThat(doras.edit("d2", List.of(move(7))).path("type").asString()).isEqualTo("op");
        assertThat(doras.closed).isFalse();
        doras.close();
    }

}
