package com.autograph.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.autograph.shared.redis.RedisKeyspace;

/**
 * Counts in fixed windows kept in Redis, so every auth-service instance sees the same
 * numbers: the first count of a key starts its window, which ends when the key expires.
 * Failed logins, wrong MFA codes and account mails per address are all limited this way.
 */
@Component
public class WindowCounters {

    /**
     * INCR and, for a window's first count, PEXPIRE in one atomic call: as two calls, a
     * failure between them left a counter without expiry, which would block its address
     * or account for good.
     */
    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return count""", Long.class);

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    WindowCounters(StringRedisTemplate redis, RedisKeyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    /** Counts one more under {@code name} (without the key prefix); the new count. */
    public long increment(String name, Duration window) {
        Long count = redis.execute(INCREMENT, List.of(key(name)), Long.toString(window.toMillis()));
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
