package com.autograph.auth;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accounts, logins, token rotation and sessions against real PostgreSQL and Redis, as an
 * API client sees them. A movable clock crosses token expiry and session idle limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClockConfiguration.class)
class AuthFlowTest {

    private static final String PASSWORD = "correct horse battery";

    /** autograph.auth.jwt.secret in the tests' config/application.yml. */
    private static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123";

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
        api = new AuthApiClient("http://127.0.0.1:" + port, clock);
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
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = ?")
            .param(email)
            .query(String.class)
            .single();
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

        HttpResponse<String> missing = api.post("/api/auth/register",
                "{\"email\":\"" + newEmail() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<Map<String, String>>>read(missing.body(), "$.errors"))
            .anySatisfy(error -> assertThat(error).containsEntry("field", "full_name"));

        HttpResponse<String> malformed = api.post("/api/auth/register", "{\"email\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(malformed.body(), "$.code")).isEqualTo("malformed_body");

        HttpResponse<String> tooLong = api.post("/api/auth/register", "{\"email\":\"" + newEmail()
                + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);

        // NUL (PostgreSQL refuses it) and an unpaired surrogate: the client's error,
        // named, never a 500.
        for (String name : List.of("Ann\\u0000", "Ann\\ud800")) {
            HttpResponse<String> unstorable = api.post("/api/auth/register", "{\"email\":\"" + newEmail()
                    + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"" + name + "\"}");
            assertThat(unstorable.statusCode()).as(unstorable.body()).isEqualTo(400);
            assertThat(JsonPath.<String>read(unstorable.body(), "$.code")).isEqualTo("invalid_text");
            assertThat(JsonPath.<String>read(unstorable.body(), "$.errors[0].field")).isEqualTo("full_name");
            assertThat(JsonPath.<String>read(unstorable.body(), "$.detail")).contains("full_name");
        }
        // A number where text belongs, and a key given twice, are refused too.
        HttpResponse<String> number = api.post("/api/auth/register",
                "{\"email\":\"" + newEmail() + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":42}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(number.body(), "$.detail")).isEqualTo("Field 'full_name' must be a string.");
        HttpResponse<String> twice = api.post("/api/auth/register", "{\"email\":\"" + newEmail() + "\",\"password\":\""
                + PASSWORD + "\",\"full_name\":\"A\",\"full_name\":\"B\"}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(twice.body(), "$.detail"))
            .isEqualTo("Field 'full_name' appears more than once.");
        assertThat(countUsers()).isEqualTo(before);

        // 200 characters are 200 characters, even when each is two UTF-16 units.
        HttpResponse<String> emoji = api.post("/api/auth/register", "{\"email\":\"" + newEmail() + "\",\"password\":\""
                + PASSWORD + "\",\"full_name\":\"" + "😀".repeat(200) + "\"}");
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

        // What the gateway verifies: HS256 with JWT_SECRET, this issuer, the user and a
        // live session, an hour.
        Claims claims = verify(access);
        assertThat(claims.get("email", String.class)).isEqualTo(email);
        assertThat(claims.getIssuer()).isEqualTo("autograph");
        assertThat(sessionAlive(access)).isTrue();
        assertThat(Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant())).hasHours(1);
        assertThatThrownBy(() -> verify(access + "x")).isInstanceOf(JwtException.class);

        HttpResponse<String> me = api.get("/api/auth/me", access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.email")).isEqualTo(email);
        assertThat(JsonPath.<String>read(me.body(), "$.id")).isEqualTo(claims.getSubject());
    }

    @Test
    void theServiceBelievesOnlyTheGatewaysSignedIdentityNotATokenSentToItDirectly() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String access = api.tokens(email, PASSWORD)[0];

        // One identity path: a token straight to the service is not checked here, so it
        // is not enough.
        HttpResponse<String> direct = api.send("GET", "/api/auth/me", null,
                Map.of("Authorization", "Bearer " + access));
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(direct.body(), "$.code")).isEqualTo("authentication_required");
        // Nor is an identity the client signed itself.
        Map<String, String> forged = new java.util.HashMap<>(api.signedIn(access));
        forged.put("X-User-Roles", "admin");
        assertThat(api.send("GET", "/api/auth/me", null, forged).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", access).statusCode()).isEqualTo(200);
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
        assertThat(JsonPath.<String>read(wrong.body(), "$.detail"))
            .isEqualTo(JsonPath.read(unknown.body(), "$.detail"));
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
        // Straight to the service from loopback, a new X-Real-IP per attempt: all count
        // for 127.0.0.1.
        String email = newEmail();
        api.register(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            Map<String, String> forged = i % 2 == 0 ? Map.of("X-Real-IP", "10.6.0." + i)
                    : Map.of("X-Real-IP", "10.6.0." + i, "X-Identity-Timestamp",
                            Long.toString(clock.instant().getEpochSecond()), "X-Client-Address-Signature", "forged");
            assertThat(api.login(email, "wrong password here", false, forged).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> sixth = api.login(email, PASSWORD, false, Map.of("X-Real-IP", "10.6.1.1"));
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(jdbc
            .sql("SELECT DISTINCT host(ip_address) FROM audit_log a JOIN users u ON u.id = a.user_id "
                    + "WHERE u.email = ? AND a.action = 'login'")
            .param(email)
            .query(String.class)
            .list()).containsExactly("127.0.0.1");
        // A signed address is believed: another client is not limited by these failures.
        assertThat(api.login(email, PASSWORD, "10.6.2.2", false).statusCode()).isEqualTo(200);
    }

    @Test
    void tenConsecutiveFailuresLockTheAccount() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        for (int i = 0; i < 10; i++) {
            // A different address each time, so the per-address window is not what stops
            // them.
            assertThat(api.login(email, "wrong password here", "10.4.0." + i, false).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = api.login(email, PASSWORD, "10.4.1.1", false);
        assertThat(locked.statusCode()).isEqualTo(423);
        assertThat(JsonPath.<String>read(locked.body(), "$.code")).isEqualTo("account_locked");
        assertThat(auditActions(email)).contains("account_locked:success", "login:failure");
        assertThat(jdbc
            .sql("SELECT host(ip_address) FROM audit_log a JOIN users u ON u.id = a.user_id "
                    + "WHERE u.email = ? AND a.action = 'login' AND a.reason = 'wrong_password' LIMIT 1")
            .param(email)
            .query(String.class)
            .single()).startsWith("10.4.0.");
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
        assertThat(sessionAlive(secondAccess)).isTrue();

        // The old token again: theft is assumed, the whole family goes.
        HttpResponse<String> reuse = api.post("/api/auth/refresh", "{\"refresh_token\":\"" + first[1] + "\"}");
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(reuse.body(), "$.code")).isEqualTo("invalid_refresh_token");
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + secondRefresh + "\"}").statusCode())
            .isEqualTo(401);
        // The session is gone, so the gateway refuses its access tokens at once.
        assertThat(sessionAlive(secondAccess)).isFalse();
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

        assertThat(sessionAlive(accessTokens.get(0))).isFalse();
        for (String token : accessTokens.subList(1, 6)) {
            assertThat(sessionAlive(token)).isTrue();
        }
        HttpResponse<String> list = api.get("/api/auth/sessions", accessTokens.get(5));
        assertThat(JsonPath.<Integer>read(list.body(), "$.total")).isEqualTo(5);
        assertThat(JsonPath.<List<Boolean>>read(list.body(), "$.items[*].current")).containsOnlyOnce(true);
    }

    @Test
    void sessionsLiveADayOrThirtyDaysWithRememberMe() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String normal = sessionIdOf(
                JsonPath.read(api.login(email, PASSWORD, "10.5.5.5", false).body(), "$.access_token"));
        String remembered = sessionIdOf(
                JsonPath.read(api.login(email, PASSWORD, "10.5.5.5", true).body(), "$.access_token"));

        assertThat(redis.getExpire(redisPrefix + "session:" + normal, TimeUnit.SECONDS)).isBetween(86_390L, 86_400L);
        assertThat(redis.getExpire(redisPrefix + "session:" + remembered, TimeUnit.DAYS)).isBetween(29L, 30L);
    }

    @Test
    void idleSessionsEndAfterThirtyMinutesAndUseSlidesTheLimit() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] tokens = api.tokens(email, PASSWORD);

        // Every request through the gateway is a use (GatewayAuthTest); here, a refresh
        // is one too.
        String refresh = tokens[1];
        for (int i = 0; i < 3; i++) { // an hour and more, never idle for 30 minutes
            clock.advance(Duration.ofMinutes(20));
            HttpResponse<String> rotated = api.post("/api/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            refresh = JsonPath.read(rotated.body(), "$.refresh_token");
        }
        assertThat(sessionAlive(tokens[0])).isTrue();

        clock.advance(Duration.ofMinutes(31));
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}").statusCode())
            .isEqualTo(401);
        assertThat(sessionAlive(tokens[0])).isFalse();
    }

    @Test
    void theSessionListLeavesIdleSessionsOutAndEndsThem() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String idle = api.tokens(email, PASSWORD)[0];
        clock.advance(Duration.ofMinutes(31));
        String fresh = api.tokens(email, PASSWORD)[0];

        HttpResponse<String> list = api.get("/api/auth/sessions", fresh);
        assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].id"))
            .containsExactly(AuthApiClient.sessionIdOf(fresh));
        assertThat(sessionAlive(idle)).isFalse();
    }

    @Test
    void logoutEndsThisSessionAndLogoutAllEndsEveryOne() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        String[] a = api.tokens(email, PASSWORD);
        String[] b = api.tokens(email, PASSWORD);
        String[] c = api.tokens(email, PASSWORD);

        assertThat(api.postAuthorized("/api/auth/logout", a[0]).statusCode()).isEqualTo(204);
        assertThat(sessionAlive(a[0])).isFalse();
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + a[1] + "\"}").statusCode()).isEqualTo(401);
        assertThat(sessionAlive(b[0])).isTrue();

        String sessionOfC = sessionIdOf(c[0]);
        assertThat(api.delete("/api/auth/sessions/" + sessionOfC, b[0]).statusCode()).isEqualTo(204);
        assertThat(sessionAlive(c[0])).isFalse();
        assertThat(api.delete("/api/auth/sessions/" + sessionOfC, b[0]).statusCode()).isEqualTo(404);
        // Someone else's session is not found either.
        String[] stranger = strangerTokens();
        assertThat(api.delete("/api/auth/sessions/" + sessionIdOf(stranger[0]), b[0]).statusCode()).isEqualTo(404);
        assertThat(sessionAlive(stranger[0])).isTrue();

        assertThat(api.postAuthorized("/api/auth/logout-all", b[0]).statusCode()).isEqualTo(204);
        assertThat(sessionAlive(b[0])).isFalse();
        assertThat(api.post("/api/auth/refresh", "{\"refresh_token\":\"" + b[1] + "\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void endpointsNeedAToken() throws Exception {
        HttpResponse<String> anonymous = api.post("/api/auth/logout", "{}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(anonymous.body(), "$.code")).isEqualTo("authentication_required");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> unsigned = api.send("GET", "/api/auth/sessions", null, Map.of("X-User-Id",
                UUID.randomUUID().toString(), "X-Session-Id", UUID.randomUUID().toString(), "X-Auth-Method", "jwt"));
        assertThat(unsigned.statusCode()).isEqualTo(401);
    }

    private static String sessionIdOf(String accessToken) {
        return AuthApiClient.sessionIdOf(accessToken);
    }

    /**
     * Whether the token's session still exists, which the gateway checks on every
     * request.
     */
    private boolean sessionAlive(String accessToken) {
        return Boolean.TRUE.equals(redis.hasKey(redisPrefix + "session:" + sessionIdOf(accessToken)));
    }

    private String[] strangerTokens() throws Exception {
        String email = newEmail();
        api.register(email, PASSWORD);
        return api.tokens(email, PASSWORD);
    }

    private Claims verify(String accessToken) {
        return Jwts.parser()
            .verifyWith(Keys.hmacShaKeyFor(JWT_SECRET.getBytes(StandardCharsets.UTF_8)))
            .requireIssuer("autograph")
            .clock(() -> Date.from(clock.instant()))
            .build()
            .parseSignedClaims(accessToken)
            .getPayload();
    }

    private long countUsers() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    private List<String> auditActions(String email) {
        return jdbc.sql(
                "SELECT a.action || ':' || a.outcome FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.email = ?")
            .param(email)
            .query(String.class)
            .list();
    }

    private List<String> auditReasons(String email) {
        return jdbc
            .sql("SELECT coalesce(a.reason, '') FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.email = ?")
            .param(email)
            .query(String.class)
            .list();
    }

}
