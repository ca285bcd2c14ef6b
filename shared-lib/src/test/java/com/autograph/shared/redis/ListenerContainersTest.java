package com.autograph.shared.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ListenerContainersTest {

    private final RedisKeyspace keyspace = new RedisKeyspace("test-" + IsolatedInfrastructure.uniqueSuffix() + ":",
            Duration.ofMinutes(5));

    private LettuceConnectionFactory connections;

    private RedisMessageListenerContainer container;

    @BeforeEach
    void start() {
        TestInfrastructure.Redis redis = TestInfrastructure.get().redis();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
        connections.afterPropertiesSet();
        connections.start();
        container = ListenerContainers.forChannelsThatComeAndGo(connections, keyspace, "test");
        container.afterPropertiesSet();
        container.start();
    }

    @AfterEach
    void stop() throws Exception {
        container.destroy();
        connections.destroy();
    }

    /**
     * Channels coming and going on several threads at once (rooms opening and closing)
     * never break the subscription: every add succeeds and a channel added afterwards
     * still receives what is published to it.
     */
    @Test
    void channelsAddedAndRemovedConcurrentlyKeepTheSubscriptionUsable() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String channel = keyspace.keyPrefix() + "churn-" + t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    MessageListener listener = (message, pattern) -> {
                    };
                    container.addMessageListener(listener, new ChannelTopic(channel));
                    container.removeMessageListener(listener, new ChannelTopic(channel));
                }
                return null;
            }));
        }
        for (Future<?> each : done) {
            each.get(); // rethrows RedisInvalidSubscriptionException, if any
        }
        threads.shutdown();

        String channel = keyspace.keyPrefix() + "after-the-churn";
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        container.addMessageListener((message, pattern) -> received.add(new String(message.getBody())),
                new ChannelTopic(channel));
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            redis.convertAndSend(channel, "hello");
            assertThat(received.poll()).isEqualTo("hello");
        });
    }

}
