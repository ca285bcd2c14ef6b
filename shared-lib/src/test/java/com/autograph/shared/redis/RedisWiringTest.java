package com.autograph.shared.redis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.testapp.TestApplication;
import com.autograph.testsupport.ChannelSubscription;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RedisWiringTest {

    private static final String SUFFIX = IsolatedInfrastructure.uniqueSuffix();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.registerRedis(registry, SUFFIX);
        IsolatedInfrastructure.registerDatabase(registry, TestDatabase.create());
    }

    @Autowired
    SessionStore sessions;

    @Autowired
    RedisKeyspace keyspace;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    TestApplication.PriceCatalogue catalogue;

    @Autowired
    FileEventPublisher events;

    @Autowired
    RedisConnectionFactory connectionFactory;

    @Test
    void sessionsLiveUnderSessionKeysForADay() {
        String id = UUID.randomUUID().toString();
        sessions.save(id, Map.of("user_id", "u-1", "ip", "127.0.0.1"));

        String key = "test-" + SUFFIX + ":session:" + id;
        assertThat(redis.hasKey(key)).isTrue();
        assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(86_390L, 86_400L);
        assertThat(sessions.find(id)).hasValue(Map.of("user_id", "u-1", "ip", "127.0.0.1"));

        assertThat(sessions.touch(id, Duration.ofMinutes(30))).isTrue();
        assertThat(sessions.remainingLifetime(id)).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(
                Duration.ofMinutes(29), Duration.ofMinutes(30)));
        assertThat(sessions.delete(id)).isTrue();
        assertThat(sessions.find(id)).isEmpty();
        assertThat(sessions.touch(id, Duration.ofMinutes(30))).isFalse();
    }

    @Test
    void cachedValuesLiveUnderCacheKeysForFiveMinutes() {
        String item = "item-" + UUID.randomUUID();
        int before = catalogue.lookups();
        assertThat(catalogue.price(item)).containsEntry(item, item.length());
        assertThat(catalogue.price(item)).containsEntry(item, item.length());
        assertThat(catalogue.lookups()).isEqualTo(before + 1);

        String key = "test-" + SUFFIX + ":cache:prices::" + item;
        assertThat(redis.hasKey(key)).as("cache entry %s", key).isTrue();
        assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(290L, 300L);
    }

    @Test
    void fileEventsAreDeliveredOnTheFilesChannel() throws Exception {
        UUID fileId = UUID.randomUUID();
        try (ChannelSubscription subscription = ChannelSubscription.open(connectionFactory, keyspace.fileChannel(fileId))) {
            String payload = "{\"event\":\"updated\",\"file_id\":\"" + fileId + "\"}";
            assertThat(events.publish(fileId, payload)).isEqualTo(1);
            ChannelSubscription.Received received = subscription.nextReceived(Duration.ofSeconds(5));
            assertThat(received).isNotNull();
            assertThat(received.channel() + " " + received.body())
                    .isEqualTo("test-" + SUFFIX + ":file:" + fileId + " " + payload);
        }
    }
}
