package com.autograph.diagram.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.autograph.shared.redis.RedisKeyspace;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the events other services address to a user on Redis
 * ({@link RedisKeyspace#userChannelPattern}) as notifications: for now
 * {@code team.invited} from auth-service's teams. A message that is not one of these, or
 * not JSON, is ignored: the channel is shared with other listeners.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autograph.diagrams.notifications.subscribe", havingValue = "true", matchIfMissing = true)
class UserEvents {

    private static final Logger log = LoggerFactory.getLogger(UserEvents.class);

    @Bean
    RedisMessageListenerContainer userEventsContainer(RedisConnectionFactory connections, Notifications notifications,
            JsonMapper json, RedisKeyspace keyspace) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(new Listener(notifications, json),
                new PatternTopic(keyspace.userChannelPattern()));
        return container;
    }

    record Listener(Notifications notifications, JsonMapper json) implements MessageListener {

        @Override
        public void onMessage(Message message, byte[] pattern) {
            try {
                JsonNode event = json.readTree(message.getBody());
                if ("team.invited".equals(event.path("type").asString(""))) {
                    UUID user = UUID.fromString(event.path("user_id").asString());
                    UUID invitedBy = event.hasNonNull("invited_by")
                            ? UUID.fromString(event.path("invited_by").asString()) : null;
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("team_id", event.path("team_id").asString(""));
                    details.put("team_name", event.path("team_name").asString(""));
                    details.put("invitation_id", event.path("invitation_id").asString(""));
                    notifications.teamInvitation(user, invitedBy, details);
                }
            }
            catch (RuntimeException ex) {
                log.warn("Ignoring an event on {} that is not understood: {}",
                        new String(message.getChannel(), java.nio.charset.StandardCharsets.UTF_8), ex.getMessage());
            }
        }

    }

}
