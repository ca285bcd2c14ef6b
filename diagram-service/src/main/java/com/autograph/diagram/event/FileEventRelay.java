package com.autograph.diagram.event;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.autograph.shared.redis.RedisKeyspace;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link FileEvent}s to Redis after commit, on the file's channel
 * ({@link RedisKeyspace#fileChannel}, which collaboration and integrations subscribe to):
 * subscribers never hear of a change that was rolled back. A Redis outage loses the
 * notification, not the change (subscribers re-read the file). diagram-service is the
 * only publisher.
 */
@Component
class FileEventRelay {

    private static final Logger log = LoggerFactory.getLogger(FileEventRelay.class);

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final JsonMapper json;

    FileEventRelay(StringRedisTemplate redis, RedisKeyspace keyspace, JsonMapper json) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.json = json;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void publish(FileEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event.event());
        payload.put("file_id", event.fileId().toString());
        payload.put("actor_id", event.actorId() == null ? null : event.actorId().toString());
        payload.put("at", event.at().toString());
        payload.putAll(event.details());
        try {
            redis.convertAndSend(keyspace.fileChannel(event.fileId()), json.writeValueAsString(payload));
        }
        catch (RuntimeException ex) {
            log.warn("Could not publish {} for file {}: {}", event.event(), event.fileId(), ex.getMessage());
        }
    }

}
