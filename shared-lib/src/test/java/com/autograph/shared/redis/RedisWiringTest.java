package com.autograph.shared.redis;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.testapp.TestApplication;
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
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        container.addMessageListener((message, pattern) -> received.add(
                new String(message.getChannel()) + " " + new String(message.getBody())),
                new ChannelTopic(keyspace.fileChannel(fileId)));
        container.afterPropertiesSet();
        container.start();
        try {
            String payload = "{\"event\":\"updated\",\"file_id\":\"" + fileId + "\"}";
            // The subscription is asynchronous: publish until someone is listening.
            long receivers = 0;
            for (int i = 0; i < 50 && receivers == 0; i++) {
                receivers = events.publish(fileId, payload);
                if (receivers == 0) {
                    Thread.sleep(100);
                }
            }
            assertThat(receivers).isEqualTo(1);
            assertThat(received.poll(5, TimeUnit.SECONDS))
                    .isEqualTo("test-" + SUFFIX + ":file:" + fileId + " " + payload);
        }
        finally {
            container.stop();
            container.destroy();
        }
    }
}
