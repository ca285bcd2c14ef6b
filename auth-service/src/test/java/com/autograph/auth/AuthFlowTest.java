package com.autograph.auth;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.MutableClock;
import com.autograph.testsupport.MutableClockConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts, logins, token rotation and sessions against real PostgreSQL and Redis, as an API
 * client sees them. A movable clock crosses token expiry and session idle limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClockConfiguration.class)
class AuthFlowTest {

    private static final String PASSWORD = "correct horse battery";
    private static String redisPrefix;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        redisPrefix = "test-" + IsolatedInfrastructure.register(registry) + ":";
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    Clock injectedClock;

    AuthApiClient api;

    @BeforeEach
    void client() {
        api = new AuthApiClient("http://127.0.0.1:" + port);
        assertThat(injectedClock).isSameAs(clock);
    }

    private static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void registerNormalisesTheEmailHashesWithBcrypt12AndRevealsNoSecrets() throws Exception {
        String email = newEmail();
        HttpResponse<String> created = api.register("  " + email.toUpperCase() + " ", PASSWORD);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JsonPath.<String>read(created.body(), "$.email")).isEqualTo(email);
        assertThat(JsonPath.<String>read(created.body(), "$.full_name")).isEqualTo("Test User");
        assertThat(JsonPath.<String>read(created.body(), "$.role")).isEqualTo("editor");
        assertThat(created.body()).doesNotContain("password").doesNotContain("$2a$");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = ?").param(email).query(String.class).single();
        assertThat(hash).startsWith("$2a$12$");
        assertThat(auditActions(email)).contains("register:success");
    }

    @Test
    void aDuplicateEmailInAnyCaseIsAConflict() throws Exception {
        String email = newEmail();
        assertThat(api.register(email, PASSWORD).statusCode()).isEqualTo(201);

        HttpResponse<String> again = api.register(email.toUpperCase(), PASSWORD);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JsonPath.<String>read(again.body(), "$.code")).isEqualTo("email_taken");
    }

    @Test
    void badInputIsRefusedNamingTheProblemAndWritesNothing() throws Exception {
        long before = countUsers();
        HttpResponse<String> weak = api.register(newEmail(), "short");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(JsonPath.<String>read(weak.body(), "$.code")).isEqualTo("weak_password");
        assertThat(JsonPath.<String>read(weak.body(), "$.detail")).contains("at least 12 characters");

        HttpResponse<String> email = api.register("not-an-email", PASSWORD);
        assertThat(email.statusCode()).isEqualTo(422);
        assertThat(JsonPath.<String>read(email.body(), "$.code")).isEqualTo("invalid_email");

        HttpResponse<String> missing = api.post("/api/auth/register", "{\"email\":\"" + newEmail() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<Map<String, String>>>read(missing.body(), "$.errors"))
                .anySatisfy(error -> assertThat(error).containsEntry("field", "full_name"));

        HttpResponse<String> malformed = api.post("/api/auth/register", "{\"email\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(malformed.body(), "$.code")).isEqualTo("malformed_body");

        HttpResponse<String> tooLong = api.post("/api/auth/register", "{\"email\":\"" + newEmail()
                + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);

        // NUL (PostgreSQL refuses it) and an unpaired surrogate: the client's error, named, never a 500.
        for (String name : List.of("Ann\\u0000", "Ann\\ud800")) {
            HttpResponse<String> unstorable = api.post("/api/auth/register", "{\"email\":\"" + newEmail()
                    + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"" + name + "\"}");
            assertThat(unstorable.statusCode()).as(unstorable.body()).isEqualTo(400);
            assertThat(JsonPath.<String>read(unstorable.body(), "$.code")).isEqualTo("invalid_text");
            assertThat(JsonPath.<String>read(unstorable.body(), "$.errors[0].field")).isEqualTo("full_name");
            assertThat(JsonPath.<String>read(unstorable.body(), "$.detail")).contains("full_name");
        }
        // A number where text belongs, and a key given twice, are refused too.
        HttpResponse<String> number = api.post("/api/auth/register", "{\"email\":\"" + newEmail()
                + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":42}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(number.body(), "$.detail")).isEqualTo("Field 'full_name' must be a string.");
        HttpResponse<String> twice = api.post("/api/auth/register", "{\"email\":\"" + newEmail()
                + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"A\",\"full_name\":\"B\"}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(twice.body(), "$.detail")).isEqualTo("Field 'full_name' appears more than once.");
        assertThat(countUsers()).isEqualTo(before);

        // 200 characters are 200 characters, even when each is two UTF-16 units.
        HttpResponse<String> emoji = api.post("/api/auth/register", "{\"email\":\"" + newEmail()
                + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"" + "😀".repeat(200) + "\"}");
        assertThat(emoji.statusCode()).as(emoji.body()).isEqualTo(201);
    }

    @Test
    void loginIssuesTokensThatIdentifyTheCaller() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);

        HttpResponse<String> login = api.login(email, PASSWORD, "10.1.1.1", false);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(login.body(), "$.token_type")).isEqualTo("Bearer");
        assertThat(JsonPath.<Integer>read(login.body(), "$.expires_in")).isEqualTo(3600);
        String access = JsonPath.read(login.body(), "$.access_token");

        HttpResponse<String> me = api.get("/api/auth/me", access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.email")).isEqualTo(email);
        assertThat(api.get("/api/auth/me", access + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);

        HttpResponse<String> wrong = api.login(email, "wrong password here", "10.2.2.2", false);
        HttpResponse<String> unknown = api.login(newEmail(), PASSWORD, "10.2.2.2", false);

        for (HttpResponse<String> response : List.of(wrong, unknown)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("invalid_credentials");
        }
        assertThat(JsonPath.<String>read(wrong.body(), "$.detail")).isEqualTo(JsonPath.read(unknown.body(), "$.detail"));
        assertThat(auditReasons(email)).contains("wrong_password");
    }

    @Test
    void theSixthAttemptInTheWindowIsRateLimited() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(api.login(email, "wrong password here", "10.3.3.3", false).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> sixth = api.login(email, PASSWORD, "10.3.3.3", false);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(JsonPath.<String>read(sixth.body(), "$.code")).isEqualTo("too_many_login_attempts");
        long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 900L);

        // Another client address is not blocked by this one's failures.
        assertThat(api.login(email, PASSWORD, "10.3.3.4", false).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnsignedOrForgedClientAddressIsIgnoredAndTheCallerLimitedByItsOwn() throws Exception {
        // Straight to the service from loopback, a new X-Real-IP per attempt: all count for 127.0.0.1.
        String email = newEmail();
        api.register(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            Map<String, String> forged = i % 2 == 0 ? Map.of("X-Real-IP", "10.6.0." + i)
                    : Map.of("X-Real-IP", "10.6.0." + i, "X-Identity-Timestamp", Long.toString(clock.instant().getEpochSecond()),
                            "X-Client-Address-Signature", "forged");
            assertThat(api.login(email, "wrong password here", false, forged).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> sixth = api.login(email, PASSWORD, false, Map.of("X-Real-IP", "10.6.1.1"));
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(jdbc.sql("SELECT DISTINCT host(ip_address) FROM audit_log a JOIN users u ON u.id = a.user_id "
                + "WHERE u.email = ? AND a.action = 'login'").param(email).query(String.class).list())
                .containsExactly("127.0.0.1");
        // A signed address is believed: another client is not limited by these failures.
        assertThat(api.login(email, PASSWORD, "10.6.2.2", false).statusCode()).isEqualTo(200);
    }

    @Test
    void tenConsecutiveFailuresLockTheAccount() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        for (int i = 0; i < 10; i++) {
            // A different address each time, so the per-address window is not what stops them.
            assertThat(api.login(email, "wrong password here", "10.4.0." + i, false).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = api.login(email, PASSWORD, "10.4.1.1", false);
        assertThat(locked.statusCode()).isEqualTo(423);
        assertThat(JsonPath.<String>read(locked.body(), "$.code")).isEqualTo("account_locked");
        assertThat(auditActions(email)).contains("account_locked:success", "login:failure");
        assertThat(jdbc.sql("SELECT host(ip_address) FROM audit_log a JOIN users u ON u.id = a.user_id "
                + "WHERE u.email = ? AND a.action = 'login' AND a.reason = 'wrong_password' LIMIT 1").param(email)
                .query(String.class).single()).startsWith("10.4.0.");
    }

    @Test
    void refreshRotatesAndReusingARotatedTokenEndsTheSession() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] first = api.tokens(email, PASSWORD);

        HttpResponse<String> rotated = api.post("/api/auth/refresh", "{\"refresh_token\":\"" + first[1] + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String secondAccess = JsonPath.read(rotated.body(), "$.access_token");
        String secondRefresh = JsonPath.read(rotated.body(), "$.refresh_token");
        assertThat(secondRefresh).isNotEqualTo(first[1]);
        assertThat(api.get("/api/auth/me", secondAccess).statusCode()).isEqualTo(200);

        // The old token again: theft is assumed, the whole family goes.
        HttpResponse<String> reuse = api.post("/api/auth/refresh", "{\"refresh_token\":\"" + first[1] + "\"}");
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(reuse.body(), "$.code")).isEqualTo("invalid_refresh_token");
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + secondRefresh + "\"}").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", secondAccess).statusCode()).isEqualTo(401);
        assertThat(auditActions(email)).contains("refresh_reuse:failure");
    }

    @Test
    void theSixthConcurrentSessionEndsTheFirst() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        List<String> accessTokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accessTokens.add(api.tokens(email, PASSWORD)[0]);
        }

        HttpResponse<String> first = api.get("/api/auth/me", accessTokens.get(0));
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(first.body(), "$.code")).isEqualTo("session_ended");
        for (String token : accessTokens.subList(1, 6)) {
            assertThat(api.get("/api/auth/me", token).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> list = api.get("/api/auth/sessions", accessTokens.get(5));
        assertThat(JsonPath.<Integer>read(list.body(), "$.total")).isEqualTo(5);
        assertThat(JsonPath.<List<Boolean>>read(list.body(), "$.items[*].current")).containsOnlyOnce(true);
    }

    @Test
    void sessionsLiveADayOrThirtyDaysWithRememberMe() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String normal = sessionIdOf(JsonPath.read(api.login(email, PASSWORD, "10.5.5.5", false).body(), "$.access_token"));
        String remembered = sessionIdOf(JsonPath.read(api.login(email, PASSWORD, "10.5.5.5", true).body(), "$.access_token"));

        assertThat(redis.getExpire(redisPrefix + "session:" + normal, TimeUnit.SECONDS)).isBetween(86_390L, 86_400L);
        assertThat(redis.getExpire(redisPrefix + "session:" + remembered, TimeUnit.DAYS)).isBetween(29L, 30L);
    }

    @Test
    void idleSessionsEndAfterThirtyMinutesAndAccessTokensAfterAnHour() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] tokens = api.tokens(email, PASSWORD);

        clock.advance(Duration.ofMinutes(20));
        assertThat(api.get("/api/auth/me", tokens[0]).statusCode()).isEqualTo(200); // use slides the idle limit
        clock.advance(Duration.ofMinutes(20));
        assertThat(api.get("/api/auth/me", tokens[0]).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> idle = api.get("/api/auth/me", tokens[0]);
        assertThat(idle.statusCode()).isEqualTo(401);

        String[] fresh = api.tokens(email, PASSWORD);
        for (int i = 0; i < 3; i++) { // keep the session busy while the token ages
            clock.advance(Duration.ofMinutes(20));
            api.get("/api/auth/me", fresh[0]);
        }
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> expired = api.get("/api/auth/me", fresh[0]);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(expired.body(), "$.code")).isEqualTo("invalid_token");
        // The refresh token still gets a new access token for the live session.
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + fresh[1] + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void logoutEndsThisSessionAndLogoutAllEndsEveryOne() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] a = api.tokens(email, PASSWORD);
        String[] b = api.tokens(email, PASSWORD);
        String[] c = api.tokens(email, PASSWORD);

        assertThat(api.postAuthorized("/api/auth/logout", a[0]).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/auth/me", a[0]).statusCode()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + a[1] + "\"}").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", b[0]).statusCode()).isEqualTo(200);

        String sessionOfC = sessionIdOf(c[0]);
        assertThat(api.delete("/api/auth/sessions/" + sessionOfC, b[0]).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/auth/me", c[0]).statusCode()).isEqualTo(401);
        assertThat(api.delete("/api/auth/sessions/" + sessionOfC, b[0]).statusCode()).isEqualTo(404);

        assertThat(api.postAuthorized("/api/auth/logout-all", b[0]).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/auth/me", b[0]).statusCode()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + b[1] + "\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void endpointsNeedAToken() throws Exception {
        HttpResponse<String> anonymous = api.post("/api/auth/logout", "{}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(anonymous.body(), "$.code")).isEqualTo("authentication_required");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(api.get("/api/auth/sessions", "not.a.jwt").statusCode()).isEqualTo(401);
    }

    private String sessionIdOf(String accessToken) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        return JsonPath.read(payload, "$.sid");
    }

    private long countUsers() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    private List<String> auditActions(String email) {
        return jdbc.sql("SELECT a.action || ':' || a.outcome FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.email = ?")
                .param(email).query(String.class).list();
    }

    private List<String> auditReasons(String email) {
        return jdbc.sql("SELECT coalesce(a.reason, '') FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.email = ?")
                .param(email).query(String.class).list();
    }
}
