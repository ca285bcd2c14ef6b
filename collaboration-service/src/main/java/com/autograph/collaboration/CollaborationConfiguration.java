package com.autograph.collaboration;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.autograph.shared.redis.RedisKeyspace;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CollaborationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Presence channels and file events of the rooms open here. */
    @Bean
    RedisMessageListenerContainer collaborationListeners(RedisConnectionFactory connections, RedisKeyspace keyspace) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // Rooms add and remove their channels concurrently. When the last channel goes,
        // the container closes its subscription, and a room subscribing at that moment
        // fails for good ("Subscription has been unsubscribed", spring-data-redis
        // GH-3080, open). A channel held for the container's lifetime keeps the
        // subscription from ever emptying.
        container.addMessageListener((message, pattern) -> {
        }, new ChannelTopic(keyspace.keyPrefix() + "collaboration:subscription-anchor"));
        return container;
    }

}
