package com.autograph.shared.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Login sessions as Redis hashes under {@code session:{id}}. Written by auth-service, read by the
 * gateway to reject tokens of ended sessions; the TTL is what ends an idle session.
 */
public class SessionStore {

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;

    public SessionStore(StringRedisTemplate redis, RedisKeyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    /** Stores a session with the default lifetime ({@code autograph.redis.session-ttl}). */
    public void save(String sessionId, Map<String, String> attributes) {
        save(sessionId, attributes, keyspace.sessionTtl());
    }

    /** Stores a session with an explicit lifetime (remember-me sessions live longer). */
    public void save(String sessionId, Map<String, String> attributes, Duration ttl) {
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

    public Optional<Map<String, String>> find(String sessionId) {
        Map<Object, Object> entries = redis.opsForHash().entries(keyspace.sessionKey(sessionId));
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entries.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString())));
    }

    /** Slides the session's expiry forward; false when it has already ended. */
    public boolean touch(String sessionId, Duration ttl) {
        return Boolean.TRUE.equals(redis.expire(keyspace.sessionKey(sessionId), ttl));
    }

    public Optional<Duration> remainingLifetime(String sessionId) {
        Long seconds = redis.getExpire(keyspace.sessionKey(sessionId));
        return seconds == null || seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    public boolean delete(String sessionId) {
        return Boolean.TRUE.equals(redis.delete(keyspace.sessionKey(sessionId)));
    }
}
