package com.autograph.shared.redis;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
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

    /**
     * diagram-service publishes file events there; collaboration and integrations
     * subscribe.
     */
    @Test
    void fileEventChannelsLiveUnderTheKeyPrefix() {
        UUID fileId = UUID.randomUUID();
        assertThat(keyspace.fileChannel(fileId)).isEqualTo("test-" + SUFFIX + ":file:" + fileId);
    }

}
