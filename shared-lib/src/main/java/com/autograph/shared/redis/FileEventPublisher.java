package com.autograph.shared.redis;

import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Publishes a file's events on its channel {@code file:{fileId}}; collaboration and integrations
 * subscribe. The payload is the JSON the owning service chose for the event.
 */
public class FileEventPublisher {

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;

    public FileEventPublisher(StringRedisTemplate redis, RedisKeyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    /** @return how many subscribers received the message */
    public long publish(UUID fileId, String eventJson) {
        Long receivers = redis.convertAndSend(keyspace.fileChannel(fileId), eventJson);
        return receivers == null ? 0 : receivers;
    }
}
