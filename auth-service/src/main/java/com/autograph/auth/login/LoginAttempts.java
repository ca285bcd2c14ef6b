package com.autograph.auth.login;

import java.time.Duration;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.autograph.auth.AuthProperties;
import com.autograph.shared.redis.RedisKeyspace;

/**
 * Failed logins per client IP and e-mail in a Redis window ({@code login-failures:{ip}:{email}}),
 * so the limit holds across auth-service instances.
 */
@Component
class LoginAttempts {

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final AuthProperties.LoginProtection settings;

    LoginAttempts(StringRedisTemplate redis, RedisKeyspace keyspace, AuthProperties properties) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.settings = properties.login();
    }

    /** How long the caller must wait, or zero when another attempt is allowed. */
    Duration retryAfter(String ip, String email) {
        String key = key(ip, email);
        String failures = redis.opsForValue().get(key);
        if (failures == null || Integer.parseInt(failures) < settings.maxFailuresPerWindow()) {
            return Duration.ZERO;
        }
        Long ttl = redis.getExpire(key);
        return Duration.ofSeconds(ttl == null || ttl < 1 ? 1 : ttl);
    }

    void recordFailure(String ip, String email) {
        String key = key(ip, email);
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, settings.failureWindow());
        }
    }

    void clear(String ip, String email) {
        redis.delete(key(ip, email));
    }

    private String key(String ip, String email) {
        return keyspace.keyPrefix() + "login-failures:" + ip + ":" + email.toLowerCase(Locale.ROOT);
    }
}
