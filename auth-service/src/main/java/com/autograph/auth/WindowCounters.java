package com.autograph.auth;

import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.autograph.shared.redis.RedisKeyspace;

/**
 * Counts in fixed windows kept in Redis, so every auth-service instance sees the same numbers:
 * the first count of a key starts its window, which ends when the key expires. Failed logins,
 * wrong MFA codes and account mails per address are all limited this way.
 */
@Component
public class WindowCounters {

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;

    WindowCounters(StringRedisTemplate redis, RedisKeyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    /** Counts one more under {@code name} (without the key prefix); the new count. */
    public long increment(String name, Duration window) {
        String key = key(name);
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, window);
        }
        return count == null ? 0 : count;
    }

    public long count(String name) {
        String count = redis.opsForValue().get(key(name));
        return count == null ? 0 : Long.parseLong(count);
    }

    /** Until the window ends; at least a second, so a Retry-After is never 0. */
    public Duration remaining(String name) {
        Long ttl = redis.getExpire(key(name));
        return Duration.ofSeconds(ttl == null || ttl < 1 ? 1 : ttl);
    }

    public void reset(String name) {
        redis.delete(key(name));
    }

    private String key(String name) {
        return keyspace.keyPrefix() + name;
    }
}
