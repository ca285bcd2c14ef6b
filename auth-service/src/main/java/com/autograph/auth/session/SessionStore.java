package com.autograph.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.redis.SessionHash;

/**
 * Login sessions as Redis hashes under {@code session:{id}} ({@link SessionHash} names
 * the fields). auth-service owns them; the gateway reads them on every request (with its
 * reactive client) to refuse tokens of ended sessions.
 */
@Component
class SessionStore {

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    SessionStore(StringRedisTemplate redis, RedisKeyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    /**
     * Stores a session that ends after {@code ttl} (remember-me sessions live longer).
     */
    void save(String sessionId, Map<String, String> attributes, Duration ttl) {
        String key = keyspace.sessionKey(sessionId);
        // MULTI/EXEC: a reader never sees the hash without its expiry.
        redis.execute(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings({ "unchecked", "rawtypes" })
            public Object execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.delete(key);
                operations.opsForHash().putAll(key, attributes);
                operations.expire(key, ttl);
                return operations.exec();
            }
        });
    }

    Optional<Map<String, String>> find(String sessionId) {
        Map<Object, Object> entries = redis.opsForHash().entries(keyspace.sessionKey(sessionId));
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entries.entrySet()
            .stream()
            .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString())));
    }

    /**
     * Moves {@code last_seen_at} forward while the session lasts
     * ({@link SessionHash#SLIDE}).
     */
    void slide(String sessionId, Instant lastSeenAt) {
        redis.execute(SessionHash.SLIDE, List.of(keyspace.sessionKey(sessionId)), lastSeenAt.toString());
    }

    /** Sets the session's team roles while it lasts ({@link SessionHash#SET_TEAMS}). */
    void setTeams(String sessionId, String encodedTeams) {
        redis.execute(SessionHash.SET_TEAMS, List.of(keyspace.sessionKey(sessionId)), encodedTeams);
    }

    boolean delete(String sessionId) {
        return Boolean.TRUE.equals(redis.delete(keyspace.sessionKey(sessionId)));
    }

}
