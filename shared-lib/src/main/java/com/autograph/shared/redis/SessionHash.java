package com.autograph.shared.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The login session hash ({@link RedisKeyspace#sessionKey}) as auth-service writes it and
 * the gateway reads it on every request, and the idle rule both apply: one definition, so
 * the two cannot drift apart.
 */
public final class SessionHash {

    public static final String USER_ID = "user_id";

    public static final String CREATED_AT = "created_at";

    public static final String LAST_SEEN_AT = "last_seen_at";

    public static final String EXPIRES_AT = "expires_at";

    public static final String REMEMBER_ME = "remember_me";

    public static final String IP = "ip";

    public static final String USER_AGENT = "user_agent";

    /**
     * What a request's check reads, in this order: whose session, when last used, whether
     * it may idle.
     */
    public static final List<String> CHECKED = List.of(USER_ID, LAST_SEEN_AT, REMEMBER_ME);

    /**
     * Moves {@code last_seen_at} (ARGV[1]) of the hash KEYS[1] forward only while the
     * hash exists: a plain HSET on a session that ended meanwhile would recreate it
     * without its TTL.
     */
    public static final RedisScript<Long> SLIDE = RedisScript
        .of("if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], '" + LAST_SEEN_AT
                + "', ARGV[1]) return 1 end return 0", Long.class);

    private SessionHash() {
    }

    /**
     * Sessions without remember-me end after {@code idleTimeout} without use; remember-me
     * ones never idle out.
     */
    public static boolean isIdle(Instant lastSeen, boolean rememberMe, Instant now, Duration idleTimeout) {
        return !rememberMe && lastSeen.plus(idleTimeout).isBefore(now);
    }

    /**
     * Whether a use at {@code now} should move {@code last_seen_at} forward: once per
     * tenth of the idle timeout (at most a minute), not per request, which would double
     * the Redis writes of every request for no better precision.
     */
    public static boolean slideDue(Instant lastSeen, Instant now, Duration idleTimeout) {
        Duration tenth = idleTimeout.dividedBy(10);
        Duration every = tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
        return !lastSeen.plus(every).isAfter(now);
    }

}
