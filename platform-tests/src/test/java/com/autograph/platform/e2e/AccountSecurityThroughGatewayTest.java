package com.autograph.platform.e2e;

import java.net.http.HttpResponse;
import java.time.Instant;
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
import static com.autograph.platform.e2e.GatewayClient.code;
import static com.autograph.platform.e2e.GatewayClient.totp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account protections of auth-service as a client meets them through the gateway:
 * login limits and lockout, sessions ended at the edge, mailed single-use links that
 * expire, TOTP and backup codes, and API-key scopes. Mails go over SMTP to GreenMail in
 * this JVM; link lifetimes are shortened to seconds so expiry can be crossed without a
 * clock.
 */
class AccountSecurityThroughGatewayTest {

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static RunningPlatform platform;

    private static GatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        smtp.start();
        platform = RunningPlatform.start(List.of("auth-service"), "10",
                Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()),
                        "EMAIL_VERIFICATION_TTL", "6s", "PASSWORD_RESET_TTL", "6s",
                        // The test client plays several client addresses through
                        // X-Forwarded-For.
                        "TRUSTED_PROXIES", "127.0.0.1/32"));
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
        // /api/diagrams is not even running here: the gateway itself refuses the ended
        // session.
        HttpResponse<String> first = get("/api/diagrams", tokens.getFirst());
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(first.body(), "$.detail")).contains("session has ended");
        assertThat(get("/api/auth/me", tokens.get(5)).statusCode()).isEqualTo(200);

        assertThat(post("/api/auth/logout", "{}", Map.of("Authorization", "Bearer " + tokens.get(5))).statusCode())
            .isEqualTo(204);
        assertThat(get("/api/auth/sessions", tokens.get(5)).statusCode()).isEqualTo(401);
    }

    @Test
    void mailedLinksWorkOnceAndExpire() throws Exception {
        String email = register();
        String verification = awaitLink(email, "verify-email", 1);
        assertThat(post("/api/auth/verify-email", "{\"token\":\"" + verification + "\"}", Map.of()).statusCode())
            .isEqualTo(200);
        assertThat(code(post("/api/auth/verify-email", "{\"token\":\"" + verification + "\"}", Map.of())))
            .isEqualTo("token_used");

        assertThat(post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}", Map.of()).statusCode())
            .isEqualTo(202);
        String reset = awaitLink(email, "reset-password", 1);
        String newPassword = "another long passphrase";
        assertThat(post("/api/auth/password-reset/confirm",
                "{\"token\":\"" + reset + "\",\"new_password\":\"" + newPassword + "\"}", Map.of())
            .statusCode()).isEqualTo(204);
        assertThat(code(post("/api/auth/password-reset/confirm",
                "{\"token\":\"" + reset + "\",\"new_password\":\"yet another passphrase\"}", Map.of())))
            .isEqualTo("token_used");
        assertThat(login(email, newPassword, "203.0.113.60").statusCode()).isEqualTo(200);

        assertThat(post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}", Map.of()).statusCode())
            .isEqualTo(202);
        String late = awaitLink(email, "reset-password", 2);
        Thread.sleep(6_500); // the link lives 6 s here
        assertThat(code(post("/api/auth/password-reset/confirm",
                "{\"token\":\"" + late + "\",\"new_password\":\"a third long passphrase\"}", Map.of())))
            .isEqualTo("token_expired");
    }

    @Test
    void totpIsEnabledWithAComputedCodeAndBackupCodesFinishTheLogin() throws Exception {
        String email = register();
        String access = JsonPath.read(login(email, PASSWORD, "203.0.113.70").body(), "$.access_token");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + access);
        String secret = JsonPath.read(post("/api/auth/mfa/setup", "{}", auth).body(), "$.secret");

        HttpResponse<String> enabled = post("/api/auth/mfa/enable",
                "{\"code\":\"" + totp(secret, Instant.now()) + "\"}", auth);
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

        assertThat(send("DELETE", "/api/auth/api-keys/" + id, null, Map.of("Authorization", "Bearer " + access))
            .statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = send("GET", "/api/auth/me", null, Map.of("X-API-Key", key));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(code(revoked)).isEqualTo("invalid_api_key");
    }

    private static String register() throws Exception {
        String email = GatewayClient.uniqueEmail("e2e");
        client.register(email);
        return email;
    }

    private static HttpResponse<String> login(String email, String password, String clientIp) throws Exception {
        return client.login(email, password, clientIp);
    }

    private static HttpResponse<String> get(String path, String access) throws Exception {
        return client.get(access, path);
    }

    private static HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        return client.post(path, json, headers);
    }

    private static HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
            throws Exception {
        return client.send(method, path, json, headers);
    }

    private static String awaitLink(String email, String kind, int nth) {
        return GatewayClient.awaitLink(smtp, email, kind, nth);
    }

}
