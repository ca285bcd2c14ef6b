package com.autograph.export.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.autograph.shared.redis.RedisKeyspace;

import tools.jackson.databind.json.JsonMapper;

/**
 * A job's progress as server-sent events on any instance: the instance running the job
 * publishes each change on Redis channel {@code export-job:{id}}; a stream subscribes,
 * sends the job as it is now, then every change, and ends when the job does. A comment
 * line every 15 s keeps proxies (the gateway's response timeout counts silence) from
 * closing a stream that waits in the queue.
 */
class JobEvents {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final RedisMessageListenerContainer container;

    private final TaskScheduler scheduler;

    private final JsonMapper json;

    JobEvents(StringRedisTemplate redis, RedisKeyspace keyspace, RedisMessageListenerContainer container,
            TaskScheduler scheduler, JsonMapper json) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.container = container;
        this.scheduler = scheduler;
        this.json = json;
    }

    void publish(JobView job) {
        try {
            redis.convertAndSend(channel(job.id()), json.writeValueAsString(job));
        }
        catch (RuntimeException ex) {
            log.warn("Could not publish progress of export job {}: {}", job.id(), ex.getMessage());
        }
    }

    SseEmitter stream(UUID jobId, Supplier<JobView> current) throws IOException {
        SseEmitter emitter = new SseEmitter();
        ChannelTopic topic = new ChannelTopic(channel(jobId));
        Object lock = new Object();
        MessageListener listener = (message, pattern) -> {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            synchronized (lock) {
                send(emitter, body,
                        body.contains("\"status\":\"succeeded\"") || body.contains("\"status\":\"failed\""));
            }
        };
        container.addMessageListener(listener, topic);
        // The heartbeat also looks at the job: a subscription is confirmed
        // asynchronously, so the
        // last event may go out before it listens; then the stream still ends within one
        // beat.
        ScheduledFuture<?> heartbeat = scheduler.scheduleAtFixedRate(() -> {
            try {
                JobView job = current.get();
                synchronized (lock) {
                    if (job.finished()) {
                        send(emitter, json.writeValueAsString(job), true);
                    }
                    else {
                        emitter.send(SseEmitter.event().comment("waiting"));
                    }
                }
            }
            catch (IOException | RuntimeException gone) {
                emitter.complete();
            }
        }, HEARTBEAT);
        Runnable cleanUp = () -> {
            heartbeat.cancel(false);
            container.removeMessageListener(listener, topic);
        };
        emitter.onCompletion(cleanUp);
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> cleanUp.run());
        // Subscribed first, read second: a change in between arrives as an event, none is
        // lost.
        JobView now = current.get();
        synchronized (lock) {
            send(emitter, json.writeValueAsString(now), now.finished());
        }
        return emitter;
    }

    private static void send(SseEmitter emitter, String job, boolean last) {
        try {
            emitter.send(SseEmitter.event().name("progress").data(job, MediaType.APPLICATION_JSON));
            if (last) {
                emitter.complete();
            }
        }
        catch (IOException | IllegalStateException gone) {
            emitter.complete();
        }
    }

    private String channel(UUID jobId) {
        return keyspace.keyPrefix() + "export-job:" + jobId;
    }

}
