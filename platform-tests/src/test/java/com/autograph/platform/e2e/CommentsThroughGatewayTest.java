package com.autograph.platform.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.autograph.platform.e2e.GatewayClient.PASSWORD;
import static com.autograph.platform.e2e.GatewayClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A review through the gateway as three users, against the packaged gateway, auth-service
 * and diagram-service with real PostgreSQL, Redis and SMTP (GreenMail in this JVM): a
 * thread on a shape mentioning a reviewer by e-mail reaches them in the app and by mail
 * (diagram-service → auth-service → SMTP); resolve and reopen; the shape deleted leaves
 * the thread orphaned but kept; a viewer comments but cannot edit.
 */
class CommentsThroughGatewayTest {

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static final String CANVAS = """
            {"schema_version": 1, "shapes": [
              {"id": "api", "type": "rectangle", "x": 0, "y": 0, "width": 160, "height": 60, "text": "Payment API"},
              {"id": "db", "type": "ellipse", "x": 300, "y": 0, "width": 100, "height": 60, "text": "Ledger"}]}""";

    private static RunningPlatform platform;

    private static GatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        smtp.start();
        platform = RunningPlatform.start(List.of("auth-service", "diagram-service"), "4",
                Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()),
                        "NOTIFICATION_MAIL_INTERVAL", "500ms"));
        client = new GatewayClient(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    @Test
    void aReviewThreadOnAShapeWithAMention() throws Exception {
        String ownerEmail = uniqueEmail("owner");
        String reviewerEmail = uniqueEmail("reviewer");
        String viewerEmail = uniqueEmail("viewer");
        client.register(ownerEmail);
        String reviewerId = client.register(reviewerEmail);
        String viewerId = client.register(viewerEmail);
        String owner = client.loginTokens(ownerEmail, PASSWORD, "192.0.2.10").access();
        String reviewer = client.loginTokens(reviewerEmail, PASSWORD, "192.0.2.11").access();
        String viewer = client.loginTokens(viewerEmail, PASSWORD, "192.0.2.12").access();

        HttpResponse<String> created = client.as(owner, "POST", "/api/diagrams",
                "{\"title\": \"Payments\", \"type\": \"canvas\", \"canvas_data\": " + CANVAS + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String file = JsonPath.read(created.body(), "$.id");

        // Mentioning someone who cannot see the file is refused, offering to share.
        HttpResponse<String> refused = client.as(owner, "POST", "/api/diagrams/" + file + "/comments",
                "{\"content\": \"@reviewer?\", \"mentions\": [\"" + reviewerEmail + "\"]}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(JsonPath.<Boolean>read(refused.body(), "$.can_share")).isTrue();
        for (String user : List.of(reviewerId, viewerId)) {
            assertThat(client
                .as(owner, "PUT", "/api/diagrams/" + file + "/shares/users/" + user, "{\"permission\": \"view\"}")
                .statusCode()).isEqualTo(200);
        }

        HttpResponse<String> thread = client.as(owner, "POST", "/api/diagrams/" + file + "/comments",
                "{\"content\": \"Is the retry idempotent?\", \"anchor\": {\"kind\": \"shape\", \"shape_id\": \"api\"},"
                        + " \"mentions\": [\"" + reviewerEmail.toUpperCase() + "\"]}");
        assertThat(thread.statusCode()).as(thread.body()).isEqualTo(201);
        String threadId = JsonPath.read(thread.body(), "$.id");

        // In the app…
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> inbox = client.get(reviewer, "/api/diagrams/notifications?unread=true");
            assertThat(JsonPath.<List<String>>read(inbox.body(), "$.items[*].type")).contains("mention");
        });
        // …and by mail, with an unsubscribe link.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            MimeMessage mention = null;
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(reviewerEmail)
                        && message.getSubject().contains("mentioned")) {
                    mention = message;
                }
            }
            assertThat(mention).isNotNull();
            assertThat(GreenMailUtil.getBody(mention).replace("=\r\n", "")).contains("Is the retry idempotent?")
                .contains("/notifications/unsubscribe?token");
        });

        // The reviewer replies, resolves; the owner reopens.
        assertThat(client
            .as(reviewer, "POST", "/api/diagrams/comments/" + threadId + "/replies",
                    "{\"content\": \"Yes, by request id\"}")
            .statusCode()).isEqualTo(201);
        HttpResponse<String> resolved = client.as(reviewer, "POST", "/api/diagrams/comments/" + threadId + "/resolve",
                null);
        assertThat(JsonPath.<String>read(resolved.body(), "$.status")).isEqualTo("resolved");
        HttpResponse<String> reopened = client.as(owner, "POST", "/api/diagrams/comments/" + threadId + "/reopen",
                null);
        assertThat(JsonPath.<String>read(reopened.body(), "$.status")).isEqualTo("open");

        // A viewer comments but cannot edit the diagram.
        assertThat(client.as(viewer, "POST", "/api/diagrams/" + file + "/comments", "{\"content\": \"Nice\"}")
            .statusCode()).isEqualTo(201);
        HttpResponse<String> read = client.get(viewer, "/api/diagrams/" + file);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> edit = client.send("PATCH", "/api/diagrams/" + file, "{\"title\": \"Mine\"}",
                Map.of("Authorization", "Bearer " + viewer, "If-Match", etag));
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(403);

        // The shape is deleted: the thread is kept, orphaned.
        HttpResponse<String> deleted = client.send("PATCH", "/api/diagrams/" + file,
                "{\"canvas_data\": {\"schema_version\": 1, \"shapes\": []}}",
                Map.of("Authorization", "Bearer " + owner, "If-Match", etag));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        HttpResponse<String> kept = client.get(owner, "/api/diagrams/comments/" + threadId);
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(kept.body(), "$.orphaned")).isTrue();
        assertThat(JsonPath.<Integer>read(kept.body(), "$.reply_count")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(client.get(owner, "/api/diagrams/" + file).body(), "$.comment_count"))
            .isEqualTo(3);
    }

}
