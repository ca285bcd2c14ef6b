package com.autograph.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.MutableClock;
import com.autograph.testsupport.MutableClockConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail verification and password reset, with the mails sent over SMTP to GreenMail and
 * read back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "autograph.auth.mail.public-url=https://autograph.example.test")
@Import(MutableClockConfiguration.class)
class AccountMailTest {

    private static final String PASSWORD = "correct horse battery";

    private static final Pattern LINK = Pattern
        .compile("https://autograph\\.example\\.test(/[a-z-]+)\\?token=([A-Za-z0-9_-]+)");

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static String redisPrefix;

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        redisPrefix = "test-" + IsolatedInfrastructure.register(registry) + ":";
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @org.springframework.beans.factory.annotation.Value("${autograph.identity.signing-secret}")
    String identitySecret;

    AuthApiClient api;

    @BeforeEach
    void client() {
        api = new AuthApiClient("http://127.0.0.1:" + port, clock);
    }

    @Test
    void registrationMailsASingleUseVerificationLink() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] link = awaitLink(email, "/verify-email");
        String access = api.tokens(email, PASSWORD)[0];
        assertThat(JsonPath.<Boolean>read(api.get("/api/auth/me", access).body(), "$.is_verified")).isFalse();
        assertThat(claim(access, "email_verified")).isEqualTo(false);

        HttpResponse<String> verified = api.post("/api/auth/verify-email", "{\"token\":\"" + link[1] + "\"}");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(verified.body(), "$.is_verified")).isTrue();
        assertThat(claim(api.tokens(email, PASSWORD)[0], "email_verified")).isEqualTo(true);

        HttpResponse<String> again = api.post("/api/auth/verify-email", "{\"token\":\"" + link[1] + "\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(again.body(), "$.code")).isEqualTo("token_used");
        assertThat(JsonPath.<String>read(api.post("/api/auth/verify-email", "{\"token\":\"forged\"}").body(), "$.code"))
            .isEqualTo("token_invalid");
    }

    @Test
    void aVerificationLinkExpiresAfterADay() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] link = awaitLink(email, "/verify-email");

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        HttpResponse<String> late = api.post("/api/auth/verify-email", "{\"token\":\"" + link[1] + "\"}");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(late.body(), "$.code")).isEqualTo("token_expired");
    }

    @Test
    void passwordResetIsAcceptedForAnyAddressAndOnlyMailsRealAccounts() throws Exception {
        String known = newEmail();
        api.register(known, PASSWORD);
        awaitLink(known, "/verify-email");
        int before = smtp.getReceivedMessages().length;

        String unknown = newEmail();
        HttpResponse<String> response = api.post("/api/auth/password-reset", "{\"email\":\"" + unknown + "\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        // Mails go out in request order: once the real account's arrives, one to the
        // unknown address would have too.
        assertThat(api.post("/api/auth/password-reset", "{\"email\":\"" + known + "\"}").statusCode()).isEqualTo(202);
        assertThat(smtp.waitForIncomingEmail(10_000, before + 1)).isTrue();
        assertThat(messagesTo(known)).isEqualTo(2);
        assertThat(messagesTo(unknown)).isZero();
    }

    @Test
    void oneAddressGetsAtMostFiveAccountMailsAnHour() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        awaitLink(email, "/verify-email");
        int before = smtp.getReceivedMessages().length;
        double suppressed = meters.counter("auth.mail.suppressed").count();
        for (int i = 0; i < 7; i++) {
            // Always the same answer: the caller cannot tell a capped request from a sent
            // one.
            assertThat(api.post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}").statusCode())
                .isEqualTo(202);
        }
        // The verification mail and four resets; the last three were dropped (each
        // decided before its 202).
        assertThat(smtp.waitForIncomingEmail(10_000, before + 4)).isTrue();
        assertThat(meters.counter("auth.mail.suppressed").count() - suppressed).isEqualTo(3);
        assertThat(messagesTo(email)).isEqualTo(5);
    }

    /**
     * diagram-service's notification mail: by user id, only for a service identity, and
     * within the same per-address cap as account mail.
     */
    @Test
    void notificationMailGoesByUserIdForServicesOnlyAndWithinTheCap() throws Exception {
        String email = newEmail();
        HttpResponse<String> registered = api.register(email, PASSWORD);
        awaitLink(email, "/verify-email");
        String userId = JsonPath.read(registered.body(), "$.id");
        String mail = """
                {"user_id": "%s", "digest": false, "unsubscribe_url": "https://autograph.example.test/notifications/unsubscribe?token=t",
                 "items": [{"type": "mention", "title": "You were mentioned on Payments", "text": "@you look",
                            "link": "https://autograph.example.test/files/1"}]}"""
            .formatted(userId);

        HttpResponse<String> asUser = api.post("/internal/mail/notifications", mail, identity(userId, "jwt"));
        assertThat(asUser.statusCode()).as(asUser.body()).isEqualTo(403);
        HttpResponse<String> unsigned = api.post("/internal/mail/notifications", mail);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = api.post("/internal/mail/notifications",
                mail.replace(userId, UUID.randomUUID().toString()), service());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);

        int before = smtp.getReceivedMessages().length;
        for (int i = 0; i < 6; i++) {
            assertThat(api.post("/internal/mail/notifications", mail, service()).statusCode()).isEqualTo(202);
        }
        // The verification mail and four notifications: five an hour per address, whoever
        // sends.
        assertThat(smtp.waitForIncomingEmail(10_000, before + 4)).isTrue();
        assertThat(messagesTo(email)).isEqualTo(5);
        MimeMessage last = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
        assertThat(last.getSubject()).isEqualTo("AutoGraph: You were mentioned on Payments");
        assertThat(GreenMailUtil.getBody(last).replace("=\r\n", "")).contains("@you look")
            .contains("notifications/unsubscribe?token=");
    }

    private java.util.Map<String, String> service() {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        com.autograph.shared.security.ServiceIdentity.of("diagram-service")
            .writeHeaders(identitySecret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    clock.instant().getEpochSecond(), headers::put);
        return headers;
    }

    private java.util.Map<String, String> identity(String userId, String method) {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        new com.autograph.shared.security.TrustedIdentity(userId, "x@example.com", java.util.List.of("editor"), "s",
                method)
            .writeHeaders(identitySecret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    clock.instant().getEpochSecond(), headers::put);
        return headers;
    }

    @Test
    void resettingThePasswordEndsEverySessionAndLiftsALock() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] before = api.tokens(email, PASSWORD);
        for (int i = 0; i < 10; i++) {
            api.login(email, "wrong password here", "10.9.0." + i, false);
        }
        assertThat(api.login(email, PASSWORD, "10.9.1.1", false).statusCode()).isEqualTo(423);

        assertThat(api.post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}").statusCode()).isEqualTo(202);
        String[] link = awaitLink(email, "/reset-password");
        String newPassword = "a brand new passphrase";
        HttpResponse<String> weak = api.post("/api/auth/password-reset/confirm",
                "{\"token\":\"" + link[1] + "\",\"new_password\":\"short\"}");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(api
            .post("/api/auth/password-reset/confirm",
                    "{\"token\":\"" + link[1] + "\",\"new_password\":\"" + newPassword + "\"}")
            .statusCode()).isEqualTo(204);

        assertThat(sessionAlive(before[0])).isFalse();
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + before[1] + "\"}").statusCode())
            .isEqualTo(401);
        assertThat(api.login(email, PASSWORD, "10.9.2.2", false).statusCode()).isEqualTo(401);
        assertThat(api.login(email, newPassword, "10.9.2.2", false).statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(
                api.post("/api/auth/password-reset/confirm",
                        "{\"token\":\"" + link[1] + "\",\"new_password\":\"yet another passphrase\"}")
                    .body(),
                "$.code"))
            .isEqualTo("token_used");
    }

    @Test
    void aResetLinkExpiresAfterAnHour() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        api.post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}");
        String[] link = awaitLink(email, "/reset-password");

        clock.advance(Duration.ofMinutes(61));
        HttpResponse<String> late = api.post("/api/auth/password-reset/confirm",
                "{\"token\":\"" + link[1] + "\",\"new_password\":\"a brand new passphrase\"}");
        assertThat(JsonPath.<String>read(late.body(), "$.code")).isEqualTo("token_expired");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] other = api.tokens(email, PASSWORD);
        String[] mine = api.tokens(email, PASSWORD);

        HttpResponse<String> wrong = api.post("/api/auth/password/change",
                "{\"current_password\":\"not it at all\",\"new_password\":\"a brand new passphrase\"}",
                api.signedIn(mine[0]));
        assertThat(wrong.statusCode()).isEqualTo(403);

        HttpResponse<String> changed = api.post("/api/auth/password/change",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"a brand new passphrase\"}",
                api.signedIn(mine[0]));
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(sessionAlive(mine[0])).isTrue();
        assertThat(sessionAlive(other[0])).isFalse();
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + other[1] + "\"}").statusCode())
            .isEqualTo(401);
    }

    /**
     * Whether the token's session still exists, which the gateway checks on every
     * request.
     */
    private boolean sessionAlive(String accessToken) {
        return Boolean.TRUE.equals(redis.hasKey(redisPrefix + "session:" + AuthApiClient.sessionIdOf(accessToken)));
    }

    private static String newEmail() {
        return "mail-" + UUID.randomUUID() + "@example.com";
    }

    private static Object claim(String accessToken, String name) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        return JsonPath.read(payload, "$." + name);
    }

    private static long messagesTo(String email) throws Exception {
        long count = 0;
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                count++;
            }
        }
        return count;
    }

    /** Waits for the newest mail to the address and returns {path, token} of its link. */
    private static String[] awaitLink(String email, String path) {
        String[] found = new String[2];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            MimeMessage latest = null;
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(email)) {
                    Matcher m = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
                    if (m.find() && m.group(1).equals(path)) {
                        latest = message;
                        found[0] = m.group(1);
                        found[1] = m.group(2);
                    }
                }
            }
            assertThat(latest).as("a mail with a %s link to %s", path, email).isNotNull();
        });
        return found;
    }

}
