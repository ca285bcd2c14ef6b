package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.autograph.diagram.notification.NotificationMailer;
import com.autograph.shared.redis.RedisKeyspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications: who is told of what, reading and marking, the team invitations heard on
 * Redis, and the mail job (to a stand-in auth-service) with its per-type choices.
 */
class NotificationApiTest extends DiagramApiTestBase {

    @Autowired
    NotificationMailer mailer;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeyspace keyspace;

    @Test
    void mentionsRepliesCommentsAndSharesTellTheRightPeopleOnce() {
        Api.User owner = newUser();
        Api.User reviewer = newUser();
        Api.User other = newUser();
        String file = createFile(owner, "Notified");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + reviewer.id(), "{\"permission\": \"view\"}");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + other.id(), "{\"permission\": \"edit\"}");
        assertThat(types(reviewer)).containsExactly("share");

        // The reviewer starts a thread mentioning the other: a mention for them, a
        // comment on their file for the owner.
        String thread = read(api.post(reviewer, "/api/diagrams/" + file + "/comments",
                "{\"content\": \"@other check the SLA\", \"mentions\": [\"" + other.id() + "\"]}"), "$.id");
        assertThat(types(other)).containsExactlyInAnyOrder("mention", "share");
        assertThat(types(owner)).containsExactly("comment_on_file");
        // The owner replies: the reviewer hears of a reply; nobody hears of their own
        // comment.
        api.post(owner, "/api/diagrams/comments/" + thread + "/replies", "{\"content\": \"On it\"}");
        assertThat(types(reviewer)).containsExactlyInAnyOrder("reply", "share");
        assertThat(types(owner)).containsExactly("comment_on_file");

        HttpResponse<String> list = api.get(reviewer, "/api/diagrams/notifications?unread=true");
        assertThat((Integer) read(list, "$.unread_count")).isEqualTo(2);
        assertThat(read(list, "$.items[?(@.type == 'reply')].details.excerpt").toString()).contains("On it");
        String reply = JsonPath.<List<String>>read(list.body(), "$.items[?(@.type == 'reply')].id").get(0);
        assertProblem(api.post(other, "/api/diagrams/notifications/" + reply + "/read", null), 404, "not_found");
        assertThat(api.post(reviewer, "/api/diagrams/notifications/" + reply + "/read", null).statusCode())
            .isEqualTo(204);
        assertThat((Integer) read(api.get(reviewer, "/api/diagrams/notifications"), "$.unread_count")).isEqualTo(1);
        assertThat((Integer) read(api.post(reviewer, "/api/diagrams/notifications/read-all", null), "$.marked"))
            .isEqualTo(1);
        assertThat((Integer) read(api.get(reviewer, "/api/diagrams/notifications"), "$.unread_count")).isZero();
        assertProblem(api.get(reviewer, "/api/diagrams/notifications?size=101"), 400, "invalid_parameter");
    }

    @Test
    void teamInvitationsArriveOnTheUserChannel() {
        Api.User invitee = newUser();
        UUID invitation = UUID.randomUUID();
        String event = """
                {"type": "team.invited", "user_id": "%s", "team_id": "%s", "team_name": "Platform",
                 "invited_by": null, "invitation_id": "%s"}""".formatted(invitee.id(), UUID.randomUUID(), invitation);
        redis.convertAndSend(keyspace.userChannel(invitee.id()), "not json");
        redis.convertAndSend(keyspace.userChannel(invitee.id()), event);
        redis.convertAndSend(keyspace.userChannel(invitee.id()), event);
        await().atMost(Duration.ofSeconds(10)).until(() -> types(invitee).contains("team_invitation"));
        HttpResponse<String> list = api.get(invitee, "/api/diagrams/notifications");
        assertThat(read(list, "$.items[0].details.team_name").toString()).isEqualTo("Platform");
        assertThat(types(invitee)).containsExactly("team_invitation");
    }

    @Test
    void mailGoesAtOnceOrInADailyDigestAsChosenAndUnsubscribeTurnsItOff() {
        Api.User owner = newUser();
        Api.User reviewer = newUser();
        String file = createFile(owner, "Mailed");
        api.put(owner, "/api/diagrams/" + file + "/shares/users/" + reviewer.id(), "{\"permission\": \"view\"}");
        assertThat(api.put(reviewer, "/api/diagrams/notifications/preferences", "{\"share\": \"off\"}").statusCode())
            .isEqualTo(200);
        assertProblem(api.put(reviewer, "/api/diagrams/notifications/preferences", "{\"share\": \"hourly\"}"), 400,
                "validation_failed");
        assertProblem(api.put(reviewer, "/api/diagrams/notifications/preferences", "{\"gossip\": \"off\"}"), 400,
                "validation_failed");
        String thread = read(api.post(owner, "/api/diagrams/" + file + "/comments",
                "{\"content\": \"Please review\", \"mentions\": [\"" + reviewer.id() + "\"]}"), "$.id");
        // A thread of the reviewer's own: a comment on the owner's file, which the owner
        // gets daily.
        api.post(reviewer, "/api/diagrams/" + file + "/comments", "{\"content\": \"Done\"}");
        mailer.run();

        // The mention went at once; the share was off; the owner's comment_on_file waits
        // for the digest.
        List<String> toReviewer = mailsTo(reviewer.id());
        assertThat(toReviewer).hasSize(1);
        assertThat(JsonPath.<String>read(toReviewer.get(0), "$.items[0].type")).isEqualTo("mention");
        assertThat(JsonPath.<Boolean>read(toReviewer.get(0), "$.digest")).isFalse();
        assertThat(mailsTo(owner.id())).isEmpty();
        mailer.run();
        assertThat(mailsTo(reviewer.id())).hasSize(1);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        mailer.run();
        List<String> toOwner = mailsTo(owner.id());
        assertThat(toOwner).hasSize(1);
        assertThat(JsonPath.<Boolean>read(toOwner.get(0), "$.digest")).isTrue();
        assertThat(JsonPath.<String>read(toOwner.get(0), "$.items[0].text")).isEqualTo("Done");

        String link = JsonPath.read(toReviewer.get(0), "$.unsubscribe_url");
        String token = link.substring(link.indexOf("token=") + 6);
        assertProblem(api.post(null, "/api/diagrams/notifications/unsubscribe", "{\"token\": \"" + token + "x\"}"), 400,
                "invalid_token");
        HttpResponse<String> unsubscribed = api.post(null, "/api/diagrams/notifications/unsubscribe",
                "{\"token\": \"" + token + "\"}");
        assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
        assertThat(read(api.get(reviewer, "/api/diagrams/notifications/preferences"), "$.mention").toString())
            .isEqualTo("off");
        api.post(owner, "/api/diagrams/comments/" + thread + "/replies",
                "{\"content\": \"Thanks\", \"mentions\": [\"" + reviewer.id() + "\"]}");
        mailer.run();
        assertThat(mailsTo(reviewer.id())).hasSize(1);
    }

    private List<String> types(Api.User user) {
        HttpResponse<String> list = api.get(user, "/api/diagrams/notifications");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JsonPath.read(list.body(), "$.items[*].type");
    }

    private static List<String> mailsTo(UUID user) {
        return StandInAuthService.mails.stream().filter(mail -> mail.contains(user.toString())).toList();
    }

}
