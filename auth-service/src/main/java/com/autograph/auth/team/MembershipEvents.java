package com.autograph.auth.team;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.autograph.auth.session.Sessions;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.redis.SessionHash;

import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a membership change count at once, once its transaction has committed: the user's
 * team roles, read again from the database, are written into each of their live sessions
 * ({@link SessionHash#TEAMS}, which the gateway reads on every request and prefers to the
 * access token's claim), and an event goes out on the user's channel
 * ({@link RedisKeyspace#userChannel}) for open collaboration sockets and in-app
 * notifications. If Redis does not answer, the change still holds in the database and
 * reaches the gateway with the user's next access token.
 */
@Component
class MembershipEvents {

    private static final Logger log = LoggerFactory.getLogger(MembershipEvents.class);

    private static final JsonMapper json = JsonMapper.builder().build();

    private final TeamRepository teams;

    private final Sessions sessions;

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    MembershipEvents(TeamRepository teams, Sessions sessions, StringRedisTemplate redis, RedisKeyspace keyspace) {
        this.teams = teams;
        this.sessions = sessions;
        this.redis = redis;
        this.keyspace = keyspace;
    }

    /**
     * {@code role}: the user's role in the team now, null when no longer a member.
     */
    void membershipChanged(UUID userId, UUID teamId, String role) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "team.membership_changed");
        event.put("user_id", userId.toString());
        event.put("team_id", teamId.toString());
        event.put("role", role);
        afterCommit(() -> {
            sessions.updateTeams(userId, SessionHash.encodeTeams(teams.teamRolesOf(userId)));
            publish(userId, event);
        });
    }

    void invited(UUID userId, UUID teamId, String teamName, UUID invitedBy, UUID invitationId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "team.invited");
        event.put("user_id", userId.toString());
        event.put("team_id", teamId.toString());
        event.put("team_name", teamName);
        event.put("invited_by", invitedBy.toString());
        event.put("invitation_id", invitationId.toString());
        afterCommit(() -> publish(userId, event));
    }

    private void publish(UUID userId, Map<String, Object> event) {
        redis.convertAndSend(keyspace.userChannel(userId), json.writeValueAsString(event));
    }

    private static void afterCommit(Runnable action) {
        Runnable guarded = () -> {
            try {
                action.run();
            }
            catch (DataAccessException unavailable) {
                log.warn("Team membership event not delivered, Redis did not answer: {}", unavailable.getMessage());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    guarded.run();
                }
            });
        }
        else {
            guarded.run();
        }
    }

}
