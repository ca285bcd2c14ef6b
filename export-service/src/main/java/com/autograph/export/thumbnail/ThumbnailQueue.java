package com.autograph.export.thumbnail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.autograph.export.ExportProperties;
import com.autograph.shared.redis.RedisKeyspace;

/**
 * Thumbnails waiting to be rendered, in Redis so that every instance of export-service
 * shares them: a sorted set of file ids by the time they are due
 * ({@code thumbnails:due}), and per file the set of what to render ({@code head} and
 * version numbers, {@code thumbnails:targets:{id}}). The first change of a file schedules
 * it {@code THUMBNAIL_DELAY} later; changes meanwhile only add targets (a burst of
 * autosaves makes one render). The instance whose ZREM removes a due file owns it: no two
 * instances render the same thumbnails.
 */
@Component
class ThumbnailQueue {

    static final String HEAD = "head";

    /**
     * Targets one claim takes (a file's versions since its last render; more wait for the
     * next).
     */
    private static final int MAX_TARGETS = 100;

    /** A file whose thumbnails are due: {@code head} and/or version numbers. */
    record Claim(UUID fileId, List<String> targets) {
    }

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final Clock clock;

    private final long delayMillis;

    ThumbnailQueue(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock, ExportProperties properties) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.clock = clock;
        this.delayMillis = properties.thumbnails().delay().toMillis();
    }

    void schedule(UUID fileId, String target) {
        redis.opsForSet().add(targets(fileId), target);
        redis.opsForZSet().addIfAbsent(due(), fileId.toString(), clock.millis() + delayMillis);
    }

    /** Takes up to {@code max} due files; each is this instance's alone. */
    List<Claim> claimDue(int max) {
        Set<String> due = redis.opsForZSet().rangeByScore(due(), 0, clock.millis(), 0, max);
        List<Claim> claims = new ArrayList<>();
        if (due == null) {
            return claims;
        }
        for (String file : due) {
            Long removed = redis.opsForZSet().remove(due(), file);
            if (removed != null && removed == 1) {
                UUID fileId = UUID.fromString(file);
                // SPOP, not SMEMBERS + DEL: a target added meanwhile is either taken now
                // or stays for its own schedule.
                List<String> targets = redis.opsForSet().pop(targets(fileId), MAX_TARGETS);
                if (targets != null && !targets.isEmpty()) {
                    claims.add(new Claim(fileId, targets));
                }
            }
        }
        return claims;
    }

    private String due() {
        return keyspace.keyPrefix() + "thumbnails:due";
    }

    private String targets(UUID fileId) {
        return keyspace.keyPrefix() + "thumbnails:targets:" + fileId;
    }

}
