package com.autograph.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import com.autograph.auth.AuthProperties;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.redis.SessionHash;

/**
 * Login sessions in Redis: the hash {@code session:{id}} (absolute lifetime as its TTL,
 * 24 h or 30 days with remember-me) plus a per-user index {@code user-sessions:{userId}}
 * in start order, which caps concurrent sessions (the oldest is ended) and lists them.
 * Non-remember-me sessions also end after {@code idle-timeout} without use (sliding).
 */
@Service
public class Sessions {

    /** A live session as its owner sees it. */
    public record Info(UUID id, Instant createdAt, Instant lastSeenAt, Instant expiresAt, boolean rememberMe, String ip,
            String userAgent) {
    }

    private final SessionStore store;

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final AuthProperties.Sessions settings;

    private final Clock clock;

    Sessions(SessionStore store, StringRedisTemplate redis, RedisKeyspace keyspace, AuthProperties properties,
            Clock clock) {
        this.store = store;
        this.redis = redis;
        this.keyspace = keyspace;
        this.settings = properties.sessions();
        this.clock = clock;
    }

    /**
     * Starts a session; returns its id and the ids of sessions ended to respect the
     * per-user cap.
     */
    public Started start(UUID userId, boolean rememberMe, String ip, String userAgent) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Duration lifetime = rememberMe ? settings.rememberMeLifetime() : settings.lifetime();
        store.save(id.toString(),
                Map.of(SessionHash.USER_ID, userId.toString(), SessionHash.CREATED_AT, now.toString(),
                        SessionHash.LAST_SEEN_AT, now.toString(), SessionHash.EXPIRES_AT, now.plus(lifetime).toString(),
                        SessionHash.REMEMBER_ME, Boolean.toString(rememberMe), SessionHash.IP, ip == null ? "" : ip,
                        SessionHash.USER_AGENT, userAgent == null ? "" : truncate(userAgent, 256)),
                lifetime);
        String index = indexKey(userId);
        // Ordered by a per-user counter, not the clock: two logins in one millisecond
        // still have
        // a first and a second, and the cap ends the one that really started first.
        Long order = redis.opsForValue().increment(index + ":seq");
        redis.opsForZSet().add(index, id.toString(), order == null ? now.toEpochMilli() : order);
        redis.expire(index, settings.rememberMeLifetime());
        redis.expire(index + ":seq", settings.rememberMeLifetime());
        return new Started(id, evictBeyondCap(userId));
    }

    public record Started(UUID id, List<UUID> evicted) {
    }

    private List<UUID> evictBeyondCap(UUID userId) {
        String index = indexKey(userId);
        List<UUID> evicted = new ArrayList<>();
        Long count = redis.opsForZSet().zCard(index);
        long excess = count == null ? 0 : count - settings.maxPerUser();
        if (excess > 0) {
            Set<String> oldest = redis.opsForZSet().range(index, 0, excess - 1);
            for (String id : oldest == null ? Set.<String>of() : oldest) {
                store.delete(id);
                redis.opsForZSet().remove(index, id);
                evicted.add(UUID.fromString(id));
            }
        }
        return evicted;
    }

    /**
     * The session, if it is alive and belongs to the user; a use slides its idle timeout
     * (by the same rule as the gateway's, {@link SessionHash#slideDue}). An idle-expired
     * session is ended here.
     */
    public Optional<Info> use(UUID sessionId, UUID userId) {
        Optional<Info> session = find(sessionId).filter(info -> owner(sessionId).filter(userId::equals).isPresent());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Info info = session.get();
        if (isIdle(info, now)) {
            end(sessionId, userId);
            return Optional.empty();
        }
        if (SessionHash.slideDue(info.lastSeenAt(), now, settings.idleTimeout())) {
            store.slide(sessionId.toString(), now);
        }
        return session;
    }

    /** Past the inactivity timeout (the gateway refuses such a session too). */
    private boolean isIdle(Info info, Instant now) {
        return SessionHash.isIdle(info.lastSeenAt(), info.rememberMe(), now, settings.idleTimeout());
    }

    public Optional<Info> find(UUID sessionId) {
        return store.find(sessionId.toString())
            .map(attributes -> new Info(sessionId, Instant.parse(attributes.get(SessionHash.CREATED_AT)),
                    Instant.parse(attributes.get(SessionHash.LAST_SEEN_AT)),
                    Instant.parse(attributes.get(SessionHash.EXPIRES_AT)),
                    Boolean.parseBoolean(attributes.get(SessionHash.REMEMBER_ME)), attributes.get(SessionHash.IP),
                    attributes.get(SessionHash.USER_AGENT)));
    }

    private Optional<UUID> owner(UUID sessionId) {
        return store.find(sessionId.toString()).map(attributes -> UUID.fromString(attributes.get(SessionHash.USER_ID)));
    }

    /**
     * The user's live sessions, newest first; expired and idle ones are ended and left
     * out.
     */
    public List<Info> list(UUID userId) {
        String index = indexKey(userId);
        Set<String> ids = redis.opsForZSet().reverseRange(index, 0, -1);
        List<Info> live = new ArrayList<>();
        Instant now = clock.instant();
        for (String id : ids == null ? Set.<String>of() : ids) {
            Optional<Info> info = find(UUID.fromString(id));
            if (info.isPresent() && !isIdle(info.get(), now)) {
                live.add(info.get());
            }
            else {
                store.delete(id);
                redis.opsForZSet().remove(index, id);
            }
        }
        return live;
    }

    /**
     * @return whether the session existed and belonged to the user
     */
    public boolean end(UUID sessionId, UUID userId) {
        if (owner(sessionId).filter(userId::equals).isEmpty()) {
            return false;
        }
        store.delete(sessionId.toString());
        redis.opsForZSet().remove(indexKey(userId), sessionId.toString());
        return true;
    }

    /**
     * Ends every session of the user except {@code keep} (may be null); returns the ended
     * ids.
     */
    public List<UUID> endAll(UUID userId, UUID keep) {
        List<UUID> ended = new ArrayList<>();
        for (Info info : list(userId)) {
            if (!info.id().equals(keep) && end(info.id(), userId)) {
                ended.add(info.id());
            }
        }
        return ended;
    }

    /**
     * Writes the user's current team roles ({@link SessionHash#encodeTeams}) into each of
     * their live sessions, which the gateway then believes over the access token's claim.
     */
    public void updateTeams(UUID userId, String encodedTeams) {
        Set<String> ids = redis.opsForZSet().range(indexKey(userId), 0, -1);
        for (String id : ids == null ? Set.<String>of() : ids) {
            store.setTeams(id, encodedTeams);
        }
    }

    private String indexKey(UUID userId) {
        return keyspace.keyPrefix() + "user-sessions:" + userId;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

}
