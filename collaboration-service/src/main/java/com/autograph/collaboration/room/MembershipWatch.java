package com.autograph.collaboration.room;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import com.autograph.collaboration.diagram.DiagramFiles;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.redis.SessionHash;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Team role changes reach open sockets at once (docs/teams.md). A socket keeps the
 * identity the gateway signed when it opened, team roles included, and auth-service
 * writes a user's new roles into their login sessions ({@link SessionHash#TEAMS}) and
 * then publishes {@code team.membership_changed} on the user's channel. So this instance
 * listens on {@code user:{id}} while that user has a socket here, and on each change
 * compares every one of their sockets' team roles with their session's: a socket whose
 * roles changed is checked with diagram-service as the user is now, and closed either
 * way, since its identity is stale: {@code access_revoked} (4403) when the file is no
 * longer theirs, else {@code identity_changed} (4401), after which the client reconnects
 * through the gateway and joins with its current roles. A socket is also compared once
 * when it joins, in case the change was published before this instance listened. Sockets
 * opened with an API key carry no team roles and are left alone.
 */
@Component
class MembershipWatch implements Rooms.Watcher {

    private static final Logger log = LoggerFactory.getLogger(MembershipWatch.class);

    private static final String MEMBERSHIP_CHANGED = "team.membership_changed";

    private final Rooms rooms;

    private final DiagramFiles files;

    private final RedisMessageListenerContainer listeners;

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final JsonMapper json;

    /** The sockets on this instance of each user who has any, by connection id. */
    private final Map<UUID, UserSockets> users = new ConcurrentHashMap<>();

    private record Socket(UUID fileId, Connection connection) {
    }

    private record UserSockets(Map<String, Socket> sockets, MessageListener listener, ChannelTopic topic) {
    }

    MembershipWatch(Rooms rooms, DiagramFiles files, RedisMessageListenerContainer collaborationListeners,
            StringRedisTemplate redis, RedisKeyspace keyspace, JsonMapper json) {
        this.rooms = rooms;
        this.files = files;
        this.listeners = collaborationListeners;
        this.redis = redis;
        this.keyspace = keyspace;
        this.json = json;
        rooms.watch(this);
    }

    @Override
    public void joined(UUID fileId, Connection connection) {
        UUID userId = userOf(connection.identity());
        if (userId == null) {
            return;
        }
        Socket socket = new Socket(fileId, connection);
        try {
            follow(userId, socket);
        }
        catch (RuntimeException ex) {
            log.warn("Could not follow the team roles of user {}: {}", userId, ex.toString());
        }
        Thread.startVirtualThread(() -> check(socket, Optional.empty()));
    }

    private void follow(UUID userId, Socket socket) {
        users.compute(userId, (id, known) -> {
            UserSockets user = known;
            if (user == null) {
                MessageListener listener = (message, pattern) -> changed(id,
                        new String(message.getBody(), StandardCharsets.UTF_8));
                user = new UserSockets(new ConcurrentHashMap<>(), listener, new ChannelTopic(keyspace.userChannel(id)));
                listeners.addMessageListener(user.listener(), user.topic());
            }
            user.sockets().put(socket.connection().id(), socket);
            return user;
        });
    }

    @Override
    public void left(Connection connection) {
        UUID userId = userOf(connection.identity());
        if (userId == null) {
            return;
        }
        try {
            users.computeIfPresent(userId, (id, user) -> {
                user.sockets().remove(connection.id());
                if (!user.sockets().isEmpty()) {
                    return user;
                }
                listeners.removeMessageListener(user.listener(), user.topic());
                return null;
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not stop following the team roles of user {}: {}", userId, ex.toString());
        }
    }

    /**
     * Whose channel to follow: users signed in with a session, whose roles can change.
     */
    private static UUID userOf(TrustedIdentity identity) {
        if (identity.sessionId().isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(identity.userId());
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private void changed(UUID userId, String body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        }
        catch (RuntimeException ex) {
            return;
        }
        if (!MEMBERSHIP_CHANGED.equals(event.path("type").asString("")) || !users.containsKey(userId)) {
            return;
        }
        String teamId = event.path("team_id").asString("");
        String role = event.path("role").isString() ? event.path("role").asString() : null;
        // Off the listener container's thread: the checks ask diagram-service.
        Thread.startVirtualThread(() -> {
            UserSockets user = users.get(userId);
            if (user == null) {
                return;
            }
            for (Socket socket : user.sockets().values()) {
                check(socket, teamId.isEmpty() ? Optional.empty() : Optional.of(new Change(teamId, role)));
            }
        });
    }

    /** What the event says: the user's role in a team now, null when no longer in it. */
    private record Change(String teamId, String role) {
    }

    /**
     * Closes the socket if its team roles are not the user's current ones
     * ({@link #currentTeams}).
     */
    private void check(Socket socket, Optional<Change> change) {
        TrustedIdentity opened = socket.connection().identity();
        try {
            Map<String, String> current = currentTeams(opened, change);
            if (current.equals(opened.teams())) {
                return;
            }
            TrustedIdentity now = new TrustedIdentity(opened.userId(), opened.email(), opened.roles(),
                    opened.sessionId(), opened.method(), current);
            try {
                // With the link the socket came with: a link's holder keeps what the link
                // gives.
                files.grant(now, socket.connection().link(), socket.fileId());
            }
            catch (ApiException ex) {
                if (ex.status().is4xxClientError()) {
                    rooms.revoke(socket.connection());
                    return;
                }
                // diagram-service does not answer: the reconnect asks it again.
            }
            socket.connection()
                .send(json.createObjectNode()
                    .put("type", "error")
                    .put("code", "identity_changed")
                    .put("message", "Your team roles changed; reconnect to continue with the new ones.")
                    .toString());
            socket.connection().close(4401, "identity_changed");
        }
        catch (RuntimeException ex) {
            log.warn("Could not check the team roles of connection {}: {}", socket.connection().id(), ex.toString());
        }
    }

    /**
     * The user's team roles as auth-service last wrote them into the session (what the
     * gateway signs at the next request); when the session does not say (no change since
     * sign-in, or Redis did not answer), the socket's with {@code change} applied.
     */
    private Map<String, String> currentTeams(TrustedIdentity opened, Optional<Change> change) {
        Optional<Map<String, String>> session;
        try {
            session = SessionHash
                .decodeTeams(redis.opsForHash().get(keyspace.sessionKey(opened.sessionId()), SessionHash.TEAMS));
        }
        catch (DataAccessException ex) {
            session = Optional.empty();
        }
        if (session.isPresent()) {
            return session.get();
        }
        Map<String, String> teams = new TreeMap<>(opened.teams());
        change.ifPresent(c -> {
            if (c.role() == null) {
                teams.remove(c.teamId());
            }
            else {
                teams.put(c.teamId(), c.role());
            }
        });
        return teams;
    }

}
