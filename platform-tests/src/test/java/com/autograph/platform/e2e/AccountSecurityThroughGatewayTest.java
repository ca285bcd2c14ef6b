package com.autograph.platform.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The account protections of auth-service as a client meets them through the gateway: login
 * limits and lockout, sessions ended at the edge, mailed single-use links that expire, TOTP and
 * backup codes, and API-key scopes. Mails go over SMTP to GreenMail in this JVM; link lifetimes
 * are shortened to seconds so expiry can be crossed without a clock.
 */
class AccountSecurityThroughGatewayTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern LINK = Pattern.compile("/(verify-email|reset-password)\\?token=([A-Za-z0-9_-]+)");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static RunningPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        smtp.start();
        platform = RunningPlatform.start(List.of("auth-service"), "10", Map.of(
                "SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "EMAIL_VERIFICATION_TTL", "6s", "PASSWORD_RESET_TTL", "6s",
                // The test client plays several client addresses through X-Forwarded-For.
                "TRUSTED_PROXIES", "127.0.0.1/32"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    @Test
    void theSixthFailedLoginInAWindowIs429AndTenInARowLockTheAccount() throws Exception {
        String email = register();
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "wrong password here", "203.0.113.10").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> sixth = login(email, PASSWORD, "203.0.113.10");
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(JsonPath.<String>read(sixth.body(), "$.code")).isEqualTo("too_many_login_attempts");
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();

        for (int i = 0; i < 5; i++) { // five more, from other addresses: ten in a row
            assertThat(login(email, "wrong password here", "203.0.113." + (20 + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login(email, PASSWORD, "203.0.113.99");
        assertThat(locked.statusCode()).isEqualTo(423);
        assertThat(JsonPath.<String>read(locked.body(), "$.code")).isEqualTo("account_locked");
    }

    @Test
    void theSixthSessionEndsTheFirstAndEndedSessionsStopAtTheGateway() throws Exception {
        String email = register();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tokens.add(JsonPath.read(login(email, PASSWORD, "203.0.113.50").body(), "$.access_token"));
        }
        // /api/diagrams is not even running here: the gateway itself refuses the ended session.
        HttpResponse<String> first = get("/api/diagrams", tokens.getFirst());
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(first.body(), "$.detail")).contains("session has ended");
        assertThat(get("/api/auth/me", tokens.get(5)).statusCode()).isEqualTo(200);

        assertThat(post("/api/auth/logout", "{}", Map.of("Authorization", "Bearer " + tokens.get(5))).statusCode()).isEqualTo(204);
        assertThat(get("/api/auth/sessions", tokens.get(5)).statusCode()).isEqualTo(401);
    }

    @Test
    void mailedLinksWorkOnceAndExpire() throws Exception {
        String email = register();
        String verification = awaitLink(email, "verify-email", 1);
        assertThat(post("/api/auth/verify-email", "{\"token\":\"" + verification + "\"}", Map.of()).statusCode()).isEqualTo(200);
        assertThat(code(post("/api/auth/verify-email", "{\"token\":\"" + verification + "\"}", Map.of()))).isEqualTo("token_used");

        assertThat(post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}", Map.of()).statusCode()).isEqualTo(202);
        String reset = awaitLink(email, "reset-password", 1);
        String newPassword = "another long passphrase";
        assertThat(post("/api/auth/password-reset/confirm", "{\"token\":\"" + reset + "\",\"new_password\":\"" + newPassword
                + "\"}", Map.of()).statusCode()).isEqualTo(204);
        assertThat(code(post("/api/auth/password-reset/confirm", "{\"token\":\"" + reset
                + "\",\"new_password\":\"yet another passphrase\"}", Map.of()))).isEqualTo("token_used");
        assertThat(login(email, newPassword, "203.0.113.60").statusCode()).isEqualTo(200);

        assertThat(post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}", Map.of()).statusCode()).isEqualTo(202);
        String late = awaitLink(email, "reset-password", 2);
        Thread.sleep(6_500); // the link lives 6 s here
        assertThat(code(post("/api/auth/password-reset/confirm", "{\"token\":\"" + late
                + "\",\"new_password\":\"a third long passphrase\"}", Map.of()))).isEqualTo("token_expired");
    }

    @Test
    void totpIsEnabledWithAComputedCodeAndBackupCodesFinishTheLogin() throws Exception {
        String email = register();
        String access = JsonPath.read(login(email, PASSWORD, "203.0.113.70").body(), "$.access_token");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + access);
        String secret = JsonPath.read(post("/api/auth/mfa/setup", "{}", auth).body(), "$.secret");

        HttpResponse<String> enabled = post("/api/auth/mfa/enable", "{\"code\":\"" + totp(secret, Instant.now()) + "\"}", auth);
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        List<String> backupCodes = JsonPath.read(enabled.body(), "$.backup_codes");

        HttpResponse<String> challenge = login(email, PASSWORD, "203.0.113.70");
        assertThat(JsonPath.<Boolean>read(challenge.body(), "$.mfa_required")).isTrue();
        String mfaToken = JsonPath.read(challenge.body(), "$.mfa_token");
        assertThat(post("/api/auth/mfa/verify", "{\"mfa_token\":\"" + mfaToken + "\",\"code\":\"000000\"}", Map.of())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> verified = post("/api/auth/mfa/verify",
                "{\"mfa_token\":\"" + mfaToken + "\",\"code\":\"" + backupCodes.getFirst() + "\"}", Map.of());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(get("/api/auth/me", JsonPath.read(verified.body(), "$.access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    void anApiKeysScopeIsEnforcedAndRevocationIsImmediate() throws Exception {
        String email = register();
        String access = JsonPath.read(login(email, PASSWORD, "203.0.113.80").body(), "$.access_token");
        HttpResponse<String> created = post("/api/auth/api-keys", "{\"name\":\"ci\",\"scopes\":[\"read\"]}",
                Map.of("Authorization", "Bearer " + access));
        String key = JsonPath.read(created.body(), "$.key");
        String id = JsonPath.read(created.body(), "$.id");

        HttpResponse<String> read = send("GET", "/api/auth/me", null, Map.of("X-API-Key", key));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(read.body(), "$.email")).isEqualTo(email);
        HttpResponse<String> write = send("POST", "/api/auth/logout", "{}", Map.of("X-API-Key", key));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(code(write)).isEqualTo("insufficient_scope");

        assertThat(send("DELETE", "/api/auth/api-keys/" + id, null, Map.of("Authorization", "Bearer " + access)).statusCode())
                .isEqualTo(204);
        HttpResponse<String> revoked = send("GET", "/api/auth/me", null, Map.of("X-API-Key", key));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(code(revoked)).isEqualTo("invalid_api_key");
    }

    private static String register() throws Exception {
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"E2E\"}", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return email;
    }

    private static HttpResponse<String> login(String email, String password, String clientIp) throws Exception {
        return post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                Map.of("X-Forwarded-For", clientIp));
    }

    private static HttpResponse<String> get(String path, String access) throws Exception {
        return send("GET", path, null, Map.of("Authorization", "Bearer " + access));
    }

    private static HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        return send("POST", path, json, headers);
    }

    private static HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gateway(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) {
        return JsonPath.read(response.body(), "$.code");
    }

    /** The token of the n-th link of this kind mailed to the address. */
    private static String awaitLink(String email, String kind, int nth) {
        String[] token = new String[1];
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> found = new ArrayList<>();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(email)) {
                    Matcher m = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
                    if (m.find() && m.group(1).equals(kind)) {
                        found.add(m.group(2));
                    }
                }
            }
            assertThat(found).hasSizeGreaterThanOrEqualTo(nth);
            token[0] = found.get(nth - 1);
        });
        return token[0];
    }

    /** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes it. */
    private static String totp(String base32Secret, Instant now) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(now.getEpochSecond() / 30).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }
}
