package com.autograph.collaboration;

import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.testsupport.AbstractServiceSmokeTest;

import static org.assertj.core.api.Assertions.assertThat;

class CollaborationServiceSmokeTest extends AbstractServiceSmokeTest {

    @Autowired
    RedisConnectionFactory redisConnections;

    @Autowired
    WebServerApplicationContext server;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("autograph.identity.signing-secret", () -> "smoke-test-secret-of-at-least-32-bytes!");
        registry.add("autograph.diagram-service.urls", () -> "http://127.0.0.1:9");
    }

    @Override
    protected String serviceName() {
        return "collaboration-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("redis");
    }

    /**
     * Every edit is a Redis round trip on its way to the room: the service runs them on
     * the calling thread through Jedis, not through Lettuce's event loop (the default
     * that the other services keep). Guards the setting and the dependency that choose
     * it.
     */
    @Test
    void redisCommandsRunOnTheCallingThreadThroughJedis() {
        assertThat(redisConnections).isInstanceOf(JedisConnectionFactory.class);
        assertThat(((JedisConnectionFactory) redisConnections).getUsePool()).isTrue();
    }

    /**
     * A room's sends complete on the thread that wrote them, not through Tomcat's pool
     * (socket.InlineSendCompletions): the running connector's executor is the wrapper.
     */
    @Test
    void sendCompletionsRunOnTheWritingThread() {
        Executor executor = ((TomcatWebServer) server.getWebServer()).getTomcat()
            .getConnector()
            .getProtocolHandler()
            .getExecutor();
        assertThat(executor.getClass().getSimpleName()).isEqualTo("InlineSendCompletions");
    }

}
