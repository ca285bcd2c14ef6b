package com.autograph.shared.redis;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Listener containers for channels that are added and removed while the service runs (a
 * room's channels, an export job's progress).
 */
public final class ListenerContainers {

    private ListenerContainers() {
    }

    /**
     * A container whose subscription never empties. When the last channel is removed the
     * container closes its subscription, and a channel added at that moment fails for
     * good with "Subscription has been unsubscribed" (spring-data-redis GH-3080, open); a
     * channel held for the container's lifetime closes that window.
     * @param owner names the anchor channel, e.g. {@code "collaboration"}
     */
    public static RedisMessageListenerContainer forChannelsThatComeAndGo(RedisConnectionFactory connections,
            RedisKeyspace keyspace, String owner) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) -> {
        }, new ChannelTopic(keyspace.keyPrefix() + owner + ":subscription-anchor"));
        return container;
    }

}
