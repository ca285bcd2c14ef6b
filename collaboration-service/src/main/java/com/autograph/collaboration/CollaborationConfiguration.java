package com.autograph.collaboration;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CollaborationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Presence channels and file events of the rooms open here. */
    @Bean
    RedisMessageListenerContainer collaborationListeners(RedisConnectionFactory connections) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // Never without a subscription: when a room's listeners go and leave none, the
        // container closes its subscription, and a room opening meanwhile failed with
        // "Subscription has been unsubscribed" (seen in RoomsAcrossInstancesTest).
        container.addMessageListener((message, pattern) -> {
        }, new ChannelTopic("collaboration:keep-subscribed"));
        return container;
    }

}
