package com.autograph.auth.mfa;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.auth.AuthApiClient;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.MutableClock;
import com.autograph.testsupport.MutableClockConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP enrolment, the two-step login, backup codes and disabling, with codes computed as
 * an app would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClockConfiguration.class)
class MfaFlowTest {

    private static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    AuthApiClient api;

    @BeforeEach
    void client() {
        api = new AuthApiClient("http://127.0.0.1:" + port, clock);
    }

    @Test
    void enrolLoginInTwoStepsUseABackupCodeOnceAndDisable() throws Exception {
        String email = "mfa-" + UUID.randomUUID() + "@example.com";
        api.register(email, PASSWORD);
        String access = api.tokens(email, PASSWORD)[0];
        Map<String, String> auth = api.signedIn(access);

        HttpResponse<String> setup = api.post("/api/auth/mfa/setup", "{}", auth);
        assertThat(setup.statusCode()).isEqualTo(200);
        String secret = JsonPath.read(setup.body(), "$.secret");
        assertThat(JsonPath.<String>read(setup.body(), "$.otpauth_uri")).startsWith("otpauth://totp/AutoGraph:")
            .contains("secret=" + secret);
        String stored = jdbc.sql("SELECT mfa_secret FROM users WHERE email = ?")
            .param(email)
            .query(String.class)
            .single();
        assertThat(stored).isNotEqualTo(secret).doesNotContain(secret); // encrypted at
                                                                        // rest

        assertThat(api.post("/api/auth/mfa/enable", "{\"code\":\"000000\"}", auth).statusCode()).isEqualTo(401);
        HttpResponse<String> enabled = api.post("/api/auth/mfa/enable", "{\"code\":\"" + currentCode(secret) + "\"}",
                auth);
        assertThat(enabled.statusCode()).isEqualTo(200);
        List<String> backupCodes = JsonPath.read(enabled.body(), "$.backup_codes");
        assertThat(backupCodes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z0-9]{5}-[a-z0-9]{5}"));

        // The password alone now only yields a challenge.
        HttpResponse<String> first = api.login(email, PASSWORD, "10.7.7.7", false);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(first.body(), "$.mfa_required")).isTrue();
        assertThat(first.body()).doesNotContain("access_token");
        String challenge = JsonPath.read(first.body(), "$.mfa_token");

        HttpResponse<String> wrong = verify(challenge, "123456");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(wrong.body(), "$.code")).isEqualTo("invalid_mfa_code");
        clock.advance(Duration.ofSeconds(30)); // the code used for enabling cannot be
                                               // replayed
        HttpResponse<String> second = verify(challenge, currentCode(secret));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", JsonPath.read(second.body(), "$.access_token")).statusCode()).isEqualTo(200);
        assertThat(verify(challenge, currentCode(secret)).statusCode()).isEqualTo(401); // challenge
                                                                                        // is
                                                                                        // single-use

        // A backup code works once.
        String backup = backupCodes.get(3);
        assertThat(verify(challengeFor(email), backup).statusCode()).isEqualTo(200);
        assertThat(verify(challengeFor(email), backup).statusCode()).isEqualTo(401);

        // Disabling needs the password and a code.
        clock.advance(Duration.ofSeconds(30));
        assertThat(api
            .post("/api/auth/mfa/disable",
                    "{\"password\":\"wrong password!!\",\"code\":\"" + currentCode(secret) + "\"}", auth)
            .statusCode()).isEqualTo(403);
        assertThat(api
            .post("/api/auth/mfa/disable",
                    "{\"password\":\"" + PASSWORD + "\",\"code\":\"" + backupCodes.get(5) + "\"}", auth)
            .statusCode()).isEqualTo(204);
        assertThat(api.login(email, PASSWORD, "10.7.7.7", false).body()).contains("access_token");
    }

    @Test
    void aChallengeDiesAfterFiveWrongCodes() throws Exception {
        String email = "mfa-" + UUID.randomUUID() + "@example.com";
        api.register(email, PASSWORD);
        Map<String, String> auth = api.signedIn(api.tokens(email, PASSWORD)[0]);
        String secret = JsonPath.read(api.post("/api/auth/mfa/setup", "{}", auth).body(), "$.secret");
        api.post("/api/auth/mfa/enable", "{\"code\":\"" + currentCode(secret) + "\"}", auth);
        clock.advance(Duration.ofSeconds(30));

        String challenge = challengeFor(email);
        for (int i = 0; i < 5; i++) {
            verify(challenge, "000000");
        }
        HttpResponse<String> afterwards = verify(challenge, currentCode(secret));
        assertThat(afterwards.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(afterwards.body(), "$.code")).isEqualTo("mfa_challenge_invalid");
    }

    @Test
    void newChallengesDoNotBuyMoreGuessesThanTenAWindow() throws Exception {
        String email = "mfa-" + UUID.randomUUID() + "@example.com";
        api.register(email, PASSWORD);
        Map<String, String> auth = api.signedIn(api.tokens(email, PASSWORD)[0]);
        String secret = JsonPath.read(api.post("/api/auth/mfa/setup", "{}", auth).body(), "$.secret");
        api.post("/api/auth/mfa/enable", "{\"code\":\"" + currentCode(secret) + "\"}", auth);
        clock.advance(Duration.ofSeconds(30));

        // Two challenges, five wrong codes each: ten in the window.
        for (int round = 0; round < 2; round++) {
            String challenge = challengeFor(email);
            for (int i = 0; i < 5; i++) {
                assertThat(verify(challenge, "00000" + i).statusCode()).isEqualTo(401);
            }
        }
        HttpResponse<String> refused = verify(challengeFor(email), currentCode(secret));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(JsonPath.<String>read(refused.body(), "$.code")).isEqualTo("mfa_rate_limited");
        assertThat(refused.headers().firstValue("Retry-After"))
            .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
    }

    private String challengeFor(String email) throws Exception {
        return JsonPath.read(api.login(email, PASSWORD, "10.7.7.7", false).body(), "$.mfa_token");
    }

    private HttpResponse<String> verify(String challenge, String code) throws Exception {
        return api.post("/api/auth/mfa/verify", "{\"mfa_token\":\"" + challenge + "\",\"code\":\"" + code + "\"}");
    }

    private String currentCode(String secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

}
