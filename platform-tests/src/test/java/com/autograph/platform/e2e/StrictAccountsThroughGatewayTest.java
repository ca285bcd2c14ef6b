package com.autograph.platform.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.autograph.platform.e2e.GatewayClient.PASSWORD;
import static com.autograph.platform.e2e.GatewayClient.awaitLink;
import static com.autograph.platform.e2e.GatewayClient.claims;
import static com.autograph.platform.e2e.GatewayClient.code;
import static com.autograph.platform.e2e.GatewayClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform configured strictly, through the gateway: BCrypt at its production cost
 * (12), so login timing is realistic; REQUIRE_VERIFIED_EMAIL=true; a session inactivity
 * timeout of a few seconds and verification links that expire in seconds, so both can be
 * crossed in a test.
 */
class StrictAccountsThroughGatewayTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);

    private static final Duration LINK_LIFETIME = Duration.ofSeconds(10);

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static RunningPlatform platform;

    private static GatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        smtp.start();
        platform = RunningPlatform.start(List.of("auth-service"), "12",
                Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()),
                        "REQUIRE_VERIFIED_EMAIL", "true", "SESSION_IDLE_TIMEOUT", IDLE_TIMEOUT.toSeconds() + "s",
                        "EMAIL_VERIFICATION_TTL", LINK_LIFETIME.toSeconds() + "s", "TRUSTED_PROXIES", "127.0.0.1/32"));
        client = new GatewayClient(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    /**
     * An unknown e-mail costs the same BCrypt work as a wrong password. Medians of
     * interleaved tries, with a tolerance of 2× either way: wide enough for a busy 2-core
     * machine, far too narrow for a path that skips BCrypt (a few ms against a few
     * hundred at cost 12).
     */
    @Test
    void aLoginWithAnUnknownEmailTakesAsLongAsAWrongPassword() throws Exception {
        String known = uniqueEmail("timing");
        client.register(known);
        String unknown = uniqueEmail("timing-unknown");
        List<Long> knownTimes = new ArrayList<>();
        List<Long> unknownTimes = new ArrayList<>();
        HttpResponse<String> wrongPassword = null;
        HttpResponse<String> noSuchAccount = null;
        // Two rounds of warm-up, then seven measured; nine failures stay below the lock
        // at ten.
        for (int round = 0; round < 9; round++) {
            long start = System.nanoTime();
            wrongPassword = client.login(known, "not the right password", "203.0.113." + (10 + round));
            long knownNanos = System.nanoTime() - start;
            start = System.nanoTime();
            noSuchAccount = client.login(unknown, "not the right password", "203.0.113." + (30 + round));
            long unknownNanos = System.nanoTime() - start;
            assertThat(wrongPassword.statusCode()).isEqualTo(401);
            assertThat(noSuchAccount.statusCode()).isEqualTo(401);
            if (round >= 2) {
                knownTimes.add(knownNanos / 1_000_000);
                unknownTimes.add(unknownNanos / 1_000_000);
            }
        }
        // Nor does the answer: same code and words (an unverified account too: the
        // password is checked first).
        assertThat(code(noSuchAccount)).isEqualTo(code(wrongPassword)).isEqualTo("invalid_credentials");
        assertThat(JsonPath.<String>read(noSuchAccount.body(), "$.detail"))
            .isEqualTo(JsonPath.<String>read(wrongPassword.body(), "$.detail"));

        long knownMedian = median(knownTimes);
        long unknownMedian = median(unknownTimes);
        String report = "wrong password " + knownTimes + " ms (median " + knownMedian + "), unknown e-mail "
                + unknownTimes + " ms (median " + unknownMedian + ")";
        System.out.println("Login timing through the gateway at BCrypt cost 12: " + report);
        assertThat(knownMedian).as("BCrypt at cost 12 is doing the work: " + report).isGreaterThanOrEqualTo(50);
        assertThat(unknownMedian).as(report).isBetween(knownMedian / 2, knownMedian * 2);
    }

    @Test
    void anUnverifiedAccountCannotLogInUntilItConfirmsItsAddress() throws Exception {
        String email = uniqueEmail("unverified");
        client.register(email);
        String token = awaitLink(smtp, email, "verify-email", 1);

        HttpResponse<String> refused = client.login(email, PASSWORD, "198.51.100.1");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("email_not_verified");
        assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("/api/auth/verify-email/request");
        assertThat(refused.body()).doesNotContain("access_token", "mfa_token");

        HttpResponse<String> verified = client.post("/api/auth/verify-email", "{\"token\":\"" + token + "\"}");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(verified.body(), "$.is_verified")).isTrue();
        GatewayClient.Tokens tokens = client.loginTokens(email, PASSWORD, "198.51.100.1");
        assertThat(claims(tokens.access())).containsEntry("email_verified", true);
    }

    @Test
    void anExpiredVerificationLinkIsReplacedWithoutALogin() throws Exception {
        String email = uniqueEmail("expired-link");
        client.register(email);
        String first = awaitLink(smtp, email, "verify-email", 1);
        Thread.sleep(LINK_LIFETIME.plusMillis(500).toMillis());
        assertThat(code(client.post("/api/auth/verify-email", "{\"token\":\"" + first + "\"}")))
            .isEqualTo("token_expired");
        assertThat(code(client.login(email, PASSWORD, "198.51.100.2"))).isEqualTo("email_not_verified");

        // The caller cannot log in, so the new link is asked for by address; the answer
        // reveals nothing.
        HttpResponse<String> requested = client.post("/api/auth/verify-email/request",
                "{\"email\":\"" + email.toUpperCase() + "\"}");
        HttpResponse<String> nobody = client.post("/api/auth/verify-email/request",
                "{\"email\":\"" + uniqueEmail("nobody") + "\"}");
        assertThat(requested.statusCode()).isEqualTo(202);
        assertThat(nobody.statusCode()).isEqualTo(202);
        assertThat(nobody.body()).isEqualTo(requested.body());
        String second = awaitLink(smtp, email, "verify-email", 2);

        assertThat(client.post("/api/auth/verify-email", "{\"token\":\"" + second + "\"}").statusCode()).isEqualTo(200);
        client.loginTokens(email, PASSWORD, "198.51.100.2");
        // A verified account gets no more links.
        int mailed = smtp.getReceivedMessages().length;
        assertThat(client.post("/api/auth/verify-email/request", "{\"email\":\"" + email + "\"}").statusCode())
            .isEqualTo(202);
        assertThat(smtp.waitForIncomingEmail(1_000, mailed + 1)).as("a mail after the request").isFalse();
        assertThat(GatewayClient.links(smtp, email, "verify-email")).hasSize(2);
    }

    @Test
    void requestsToAnyServiceKeepASessionAliveAndIdleSessionsEndAtTheGateway() throws Exception {
        String email = verifiedAccount();
        String access = client.loginTokens(email, PASSWORD, "198.51.100.3").access();
        // Requests only to another service (diagram-service is not running here: 503 once
        // past the gateway).
        for (int i = 0; i < 4; i++) {
            assertThat(client.get(access, "/api/diagrams").statusCode()).isNotIn(401, 403);
            Thread.sleep(IDLE_TIMEOUT.toMillis() / 2);
        }
        // Longer than the timeout since auth-service last saw the session, yet it was in
        // use.
        assertThat(client.get(access, "/api/auth/me").statusCode()).isEqualTo(200);

        Thread.sleep(IDLE_TIMEOUT.plusSeconds(1).toMillis());
        HttpResponse<String> idle = client.get(access, "/api/diagrams");
        assertThat(idle.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(idle.body(), "$.detail")).contains("session has ended");
        assertThat(client.get(access, "/api/auth/me").statusCode()).isEqualTo(401);

        // Remember-me sessions have no inactivity limit.
        HttpResponse<String> remembered = client.post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"remember_me\":true}",
                Map.of("X-Forwarded-For", "198.51.100.3"));
        String lasting = JsonPath.read(remembered.body(), "$.access_token");
        Thread.sleep(IDLE_TIMEOUT.plusSeconds(1).toMillis());
        assertThat(client.get(lasting, "/api/diagrams").statusCode()).isNotIn(401, 403);
        assertThat(client.get(lasting, "/api/auth/me").statusCode()).isEqualTo(200);
    }

    private static String verifiedAccount() throws Exception {
        String email = uniqueEmail("verified");
        client.register(email);
        String token = awaitLink(smtp, email, "verify-email", 1);
        assertThat(client.post("/api/auth/verify-email", "{\"token\":\"" + token + "\"}").statusCode()).isEqualTo(200);
        return email;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
