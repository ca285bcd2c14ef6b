package com.autograph.collaboration;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.autograph.shared.redis.ListenerContainers;
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
        return ListenerContainers.forChannelsThatComeAndGo(connections, keyspace, "collaboration");
    }

}
