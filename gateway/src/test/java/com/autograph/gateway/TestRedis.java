package com.autograph.gateway;

import java.time.Duration;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestInfrastructure;

/**
 * The real Redis for tests of one gateway filter without a running gateway: a template
 * and a keyspace of its own.
 */
public final class TestRedis implements AutoCloseable {

    private final LettuceConnectionFactory connections;

    public final ReactiveStringRedisTemplate redis;

    public final RedisKeyspace keyspace = new RedisKeyspace("test-" + IsolatedInfrastructure.uniqueSuffix() + ":",
            Duration.ofMinutes(5));

    public TestRedis() {
        this(TestInfrastructure.get().redis().port());
    }

    /**
     * A Redis at {@code port} on this host: a port where none listens stands for an
     * outage.
     */
    public TestRedis(int port) {
        TestInfrastructure.Redis server = TestInfrastructure.get().redis();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), port));
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @Override
    public void close() {
        connections.destroy();
    }

}
