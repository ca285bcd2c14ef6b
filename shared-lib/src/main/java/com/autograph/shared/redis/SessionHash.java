package com.autograph.shared.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
     * The user's team roles ({@link #encodeTeams}) as they are now, written by
     * auth-service into every live session of a user whose memberships changed; when
     * present, the gateway believes it rather than the access token's {@code team_roles}
     * claim, so a change applies at the next request, not when the token expires.
     */
    public static final String TEAMS = "teams";

    /** {@link #TEAMS} of a user in no team (an empty field would read as missing). */
    private static final String NO_TEAMS = "none";

    /**
     * What a request's check reads, in this order: whose session, when last used, whether
     * it may idle, the team roles if they changed since login.
     */
    public static final List<String> CHECKED = List.of(USER_ID, LAST_SEEN_AT, REMEMBER_ME, TEAMS);

    /**
     * Moves {@code last_seen_at} (ARGV[1]) of the hash KEYS[1] forward only while the
     * hash exists: a plain HSET on a session that ended meanwhile would recreate it
     * without its TTL.
     */
    public static final RedisScript<Long> SLIDE = RedisScript
        .of("if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], '" + LAST_SEEN_AT
                + "', ARGV[1]) return 1 end return 0", Long.class);

    /**
     * Sets {@link #TEAMS} (ARGV[1]) of the hash KEYS[1] only while the hash exists, like
     * {@link #SLIDE}.
     */
    public static final RedisScript<Long> SET_TEAMS = RedisScript
        .of("if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], '" + TEAMS
                + "', ARGV[1]) return 1 end return 0", Long.class);

    private SessionHash() {
    }

    /** {@code teamId:role,teamId:role} sorted by team id, or {@code none}. */
    public static String encodeTeams(Map<String, String> teamRoles) {
        if (teamRoles.isEmpty()) {
            return NO_TEAMS;
        }
        return new TreeMap<>(teamRoles).entrySet()
            .stream()
            .map(entry -> entry.getKey() + ":" + entry.getValue())
            .collect(Collectors.joining(","));
    }

    /**
     * The team roles of a {@link #TEAMS} field; empty when the field is missing or
     * unreadable (the caller then keeps the token's claim).
     */
    public static Optional<Map<String, String>> decodeTeams(Object field) {
        if (field == null || field.toString().isEmpty()) {
            return Optional.empty();
        }
        String text = field.toString();
        Map<String, String> teams = new TreeMap<>();
        if (text.equals(NO_TEAMS)) {
            return Optional.of(teams);
        }
        for (String entry : text.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                return Optional.empty();
            }
            teams.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return Optional.of(teams);
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
