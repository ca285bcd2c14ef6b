package com.autograph.export.thumbnail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import com.autograph.export.ExportProperties;
import com.autograph.shared.redis.RedisKeyspace;

import tools.jackson.databind.json.JsonMapper;

/**
 * Thumbnails after saves, asynchronously and apart from the save: diagram-service
 * publishes its file events on Redis and knows nothing of thumbnails (a failed or slow
 * thumbnail can never fail or slow a save). This instance subscribes to every
 * {@code file:*} channel, queues what changed ({@link ThumbnailQueue}) and renders what
 * is due every poll interval. Off with {@code THUMBNAILS_ENABLED=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autograph.export.thumbnails.enabled", havingValue = "true", matchIfMissing = true)
class ThumbnailWorker {

    private static final Logger log = LoggerFactory.getLogger(ThumbnailWorker.class);

    /**
     * Files one poll takes; the rest wait for the next (renders are one at a time here).
     */
    private static final int CLAIMS_PER_POLL = 4;

    @Bean
    RedisMessageListenerContainer fileEvents(RedisConnectionFactory connections, RedisKeyspace keyspace,
            ThumbnailQueue queue, Thumbnails thumbnails, JsonMapper json) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(new FileEventSubscriber(queue, thumbnails, json),
                new PatternTopic(keyspace.keyPrefix() + "file:*"));
        return container;
    }

    @Bean
    SchedulingConfigurer thumbnailPolling(ThumbnailQueue queue, Thumbnails thumbnails, ExportProperties properties) {
        return registrar -> registrar.addFixedDelayTask(() -> poll(queue, thumbnails),
                properties.thumbnails().pollInterval());
    }

    static void poll(ThumbnailQueue queue, Thumbnails thumbnails) {
        try {
            for (ThumbnailQueue.Claim claim : queue.claimDue(CLAIMS_PER_POLL)) {
                for (String target : claim.targets()) {
                    try {
                        thumbnails.make(claim.fileId(), target);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    catch (RuntimeException ex) {
                        // The file may be gone, or diagram-service down: this thumbnail
                        // is skipped, the next change makes one.
                        log.warn("Thumbnail {} of file {} failed: {}", target, claim.fileId(), ex.getMessage());
                    }
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Looking for due thumbnails failed (Redis?); trying again: {}", ex.getMessage());
        }
    }

}
