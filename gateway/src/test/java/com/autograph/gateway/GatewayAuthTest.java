package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication at the edge, through a running gateway with real Redis and stand-in
 * services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayAuthTest {

    private static final Map<String, StandInService> services = new LinkedHashMap<>();

    private static final HttpClient http = HttpClient.newHttpClient();

    private static String redisPrefix;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        redisPrefix = TestGateway.register(registry);
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            StandInService service = services.computeIfAbsent(route.service(), StandInService::start);
            registry.add(GatewayRoutes.urlVariable(route.service()), service::url);
        }
    }

    @AfterAll
    static void stop() {
        services.values().forEach(StandInService::close);
    }

    /**
     * Runs with real time (signatures are checked against it) and moves forward past a
     * key's expiry.
     */
    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.ticking();
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MutableClock clock;

    private StandInService auth;

    private static volatile Instant shortLivedKeyExpiry = Instant.now();

    private StandInService diagrams;

    @BeforeEach
    void reset() {
        services.values().forEach(StandInService::reset);
        auth = services.get("auth-service");
        diagrams = services.get("diagram-service");
        // auth-service's API key check, as the gateway calls it.
        auth.behave((exchange, self) -> {
            if (exchange.getRequestURI().getPath().equals("/api/auth/api-keys/verify")) {
                String body = self.last().body();
                if (body.contains("\"short-lived-key\"")) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    self.reply(exchange, 200,
                            "{\"user_id\":\"key-owner\",\"email\":\"ci@example.com\",\"roles\":[\"ci\"],"
                                    + "\"key_id\":\"k2\",\"scopes\":[\"read\"],\"expires_at\":\"" + shortLivedKeyExpiry
                                    + "\"}");
                    return;
                }
                if (body.contains("\"good-key\"") || body.contains("\"read-key\"")) {
                    String scopes = body.contains("\"good-key\"") ? "[\"write\"]" : "[\"read\"]";
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    self.reply(exchange, 200,
                            "{\"user_id\":\"key-owner\",\"email\":\"ci@example.com\",\"roles\":[\"ci\"],"
                                    + "\"key_id\":\"k1\",\"scopes\":" + scopes + "}");
                }
                else {
                    self.reply(exchange, 401, "");
                }
                return;
            }
            StandInService.ECHO.handle(exchange, self);
        });
    }

    @Test
    void noCredentialsIs401WithAChallenge() throws Exception {
        HttpResponse<String> response = get("/api/diagrams/1", Map.of());
        assertUnauthorized(response, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"autograph\"");
        assertThat(diagrams.received).isEmpty();
    }

    @Test
    void aBadSignatureIs401() throws Exception {
        String forged = TestGateway.token("mallory", Duration.ofMinutes(5), Map.of(),
                "some-other-secret-0123456789-abcdefghijklmno");
        HttpResponse<String> response = get("/api/diagrams/1", Map.of("Authorization", "Bearer " + forged));
        assertUnauthorized(response, "invalid_token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer realm=\"autograph\", error=\"invalid_token\""));
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        String expired = TestGateway.token("alice", Duration.ofMinutes(-5), Map.of(), TestGateway.JWT_SECRET);
        HttpResponse<String> response = get("/api/diagrams/1", Map.of("Authorization", "Bearer " + expired));
        assertUnauthorized(response, "invalid_token");
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("expired");
    }

    @Test
    void anUnsignedAlgNoneTokenIs401() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"admin\",\"roles\":[\"admin\"],\"exp\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + "}")
            .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = get("/api/diagrams/1",
                Map.of("Authorization", "Bearer " + header + "." + claims + "."));
        assertUnauthorized(response, "invalid_token");
    }

    @Test
    void garbageAndRefreshTokensAre401NeverA500() throws Exception {
        assertUnauthorized(get("/api/diagrams/1", Map.of("Authorization", "Bearer not.a.jwt")), "invalid_token");
        assertUnauthorized(get("/api/diagrams/1", Map.of("Authorization", "Bearer %%%")), "invalid_token");
        String refresh = TestGateway.token("alice", Duration.ofDays(7), Map.of("token_type", "refresh"),
                TestGateway.JWT_SECRET);
        assertUnauthorized(get("/api/diagrams/1", Map.of("Authorization", "Bearer " + refresh)), "invalid_token");
    }

    @Test
    void aValidTokenPassesWithSignedIdentityHeaders() throws Exception {
        String token = TestGateway.token("u-42", Duration.ofMinutes(5),
                Map.of("email", "ada@example.com", "roles", List.of("user", "admin"), "sid", "s-7"),
                TestGateway.JWT_SECRET);
        HttpResponse<String> response = get("/api/diagrams/1", Map.of("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).isEqualTo(200);
        StandInService.Received received = diagrams.last();
        assertThat(received.header("X-User-Id")).isEqualTo("u-42");
        assertThat(received.header("X-User-Email")).isEqualTo("ada@example.com");
        assertThat(received.header("X-User-Roles")).isEqualTo("user,admin");
        assertThat(received.header("X-Session-Id")).isEqualTo("s-7");
        assertThat(TrustedIdentity.verify(received::header,
                TestGateway.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofSeconds(60)))
            .contains(new TrustedIdentity("u-42", "ada@example.com", List.of("user", "admin"), "s-7", "jwt"));
    }

    @Test
    void theSocketPathAloneTakesTheAccessTokenFromTheQuery() throws Exception {
        String token = TestGateway.token("u-ws", Duration.ofMinutes(5), Map.of("sid", "s-ws"), TestGateway.JWT_SECRET);
        HttpResponse<String> socket = get("/ws/files/1?access_token=" + token, Map.of());
        assertThat(socket.statusCode()).isEqualTo(200);
        assertThat(services.get("collaboration-service").last().header("X-User-Id")).isEqualTo("u-ws");
        assertUnauthorized(get("/api/diagrams/1?access_token=" + token, Map.of()), "unauthenticated");
        String expired = TestGateway.token("u-ws", Duration.ofMinutes(-5), Map.of(), TestGateway.JWT_SECRET);
        assertThat(get("/ws/files/1?access_token=" + expired, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void forgedIdentityHeadersAreStripped() throws Exception {
        Map<String, String> forged = Map.of("X-User-Id", "admin", "X-User-Roles", "admin", "X-User-Email",
                "boss@example.com", "X-Identity-Signature", "abc", "X-Identity-Timestamp", "1");
        // On a public path: nothing of the client's claim arrives.
        assertThat(post("/api/auth/login", forged).statusCode()).isEqualTo(200);
        StandInService.Received login = auth.last();
        List<String> clientAddress = List.of(TrustedIdentity.CLIENT_ADDRESS, TrustedIdentity.TIMESTAMP,
                TrustedIdentity.CLIENT_ADDRESS_SIGNATURE);
        for (String header : TrustedIdentity.HEADERS) {
            if (!clientAddress.contains(header)) {
                assertThat(login.header(header)).as(header).isNull();
            }
        }
        // Only the client address, which the gateway signs itself, anonymous requests
        // included.
        assertThat(login.header(TrustedIdentity.TIMESTAMP)).isNotEqualTo("1");
        assertThat(TrustedIdentity.verifyClientAddress(login::header,
                TestGateway.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofSeconds(60)))
            .contains("127.0.0.1");
        // With a valid token: the verified identity replaces the forged one.
        Map<String, String> withToken = new LinkedHashMap<>(forged);
        withToken.put("Authorization", TestGateway.bearer("bob"));
        assertThat(get("/api/diagrams/2", withToken).statusCode()).isEqualTo(200);
        assertThat(diagrams.last().headers().get("x-user-id")).containsExactly("bob");
        assertThat(diagrams.last().header("X-User-Roles")).isEqualTo("user");
        assertThat(diagrams.last().header("X-Identity-Signature")).isNotEqualTo("abc");
    }

    @Test
    void publicPathsIgnoreStaleCredentials() throws Exception {
        String expired = TestGateway.token("alice", Duration.ofMinutes(-5), Map.of(), TestGateway.JWT_SECRET);
        HttpResponse<String> refresh = post("/api/auth/refresh", Map.of("Authorization", "Bearer " + expired));
        assertThat(refresh.statusCode()).isEqualTo(200);
        assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
        // The allow-list is per method: GET /api/auth/login is not public.
        assertUnauthorized(get("/api/auth/login", Map.of()), "unauthenticated");
    }

    @Test
    void anApiKeyIsCheckedWithAuthServiceAndCachedInRedis() throws Exception {
        HttpResponse<String> first = get("/api/git/repos", Map.of("X-API-Key", "good-key"));
        HttpResponse<String> second = get("/api/git/repos", Map.of("X-API-Key", "good-key"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(auth.received).filteredOn(r -> r.uri().equals("/api/auth/api-keys/verify")).hasSize(1);
        StandInService.Received received = services.get("git-service").last();
        assertThat(received.header("X-User-Id")).isEqualTo("key-owner");
        assertThat(received.header("X-User-Roles")).isEqualTo("ci");
        assertThat(received.header("X-Auth-Method")).isEqualTo("api_key");
        assertThat(redis.keys(redisPrefix + "cache:api-key::*")).hasSize(1)
            .allSatisfy(key -> assertThat(key).doesNotContain("good-key"));

        HttpResponse<String> bad = get("/api/git/repos", Map.of("X-API-Key", "revoked-key"));
        assertUnauthorized(bad, "invalid_api_key");
    }

    @Test
    void aCachedApiKeyStopsAtItsExpiryNotAtTheEndOfTheCacheTtl() throws Exception {
        shortLivedKeyExpiry = clock.instant().plusSeconds(2);
        assertThat(get("/api/git/repos", Map.of("X-API-Key", "short-lived-key")).statusCode()).isEqualTo(200);
        assertThat(get("/api/git/repos", Map.of("X-API-Key", "short-lived-key")).statusCode()).isEqualTo(200);
        assertThat(auth.received).filteredOn(r -> r.uri().equals("/api/auth/api-keys/verify")).hasSize(1);
        // Cached no longer than the key lives (API_KEY_CACHE_TTL is 60 s).
        assertThat(redis.keys(redisPrefix + "cache:api-key::*"))
            .anySatisfy(key -> assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, 2_000L));

        clock.advance(Duration.ofSeconds(3));
        // Past its expiry the key is refused, whether the cached answer is still there or
        // auth-service is asked again.
        auth.behave((exchange, self) -> self.reply(exchange, 401, ""));
        assertUnauthorized(get("/api/git/repos", Map.of("X-API-Key", "short-lived-key")), "invalid_api_key");
    }

    @Test
    void anApiKeysScopesAreEnforced() throws Exception {
        assertThat(get("/api/diagrams/7", Map.of("X-API-Key", "read-key")).statusCode()).isEqualTo(200);
        HttpResponse<String> write = post("/api/diagrams", Map.of("X-API-Key", "read-key"));
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(JsonPath.<String>read(write.body(), "$.code")).isEqualTo("insufficient_scope");
        assertThat(post("/api/diagrams", Map.of("X-API-Key", "good-key")).statusCode()).isEqualTo(200);
        HttpResponse<String> admin = get("/api/auth/admin/users", Map.of("X-API-Key", "good-key"));
        assertThat(JsonPath.<String>read(admin.body(), "$.code")).isEqualTo("insufficient_scope");
    }

    @Test
    void aTokenOfAnEndedSessionIs401() throws Exception {
        HttpResponse<String> response = get("/api/diagrams/1",
                Map.of("Authorization", "Bearer " + TestGateway.tokenOfEndedSession("dave")));
        assertUnauthorized(response, "invalid_token");
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("session has ended");
        assertThat(diagrams.received).isEmpty();
    }

    @Test
    void aTokenNamingSomeoneElsesSessionIs401() throws Exception {
        // Carol is signed in; a token with Alice's sub and Carol's sid must not pass as
        // either.
        String carols = TestGateway.token("carol", Duration.ofMinutes(5), Map.of("sid", "s-carols-login"),
                TestGateway.JWT_SECRET);
        assertThat(get("/api/diagrams/1", Map.of("Authorization", "Bearer " + carols)).statusCode()).isEqualTo(200);
        int before = diagrams.received.size();

        String mixed = TestGateway.tokenNamingSession("alice", "s-carols-login");
        HttpResponse<String> response = get("/api/diagrams/1", Map.of("Authorization", "Bearer " + mixed));
        assertUnauthorized(response, "invalid_token");
        assertThat(diagrams.received).hasSize(before);
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutEndsAtTheGatewayAndUseSlidesIt() throws Exception {
        String idle = TestGateway.token("fay", Duration.ofMinutes(5), Map.of("sid", "s-idle"), TestGateway.JWT_SECRET);
        lastSeen("s-idle", Instant.now().minus(Duration.ofMinutes(31)), false);
        HttpResponse<String> response = get("/api/diagrams/1", Map.of("Authorization", "Bearer " + idle));
        assertUnauthorized(response, "invalid_token");
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("session has ended");
        assertThat(diagrams.received).isEmpty();

        // Remember-me sessions have no inactivity limit.
        lastSeen("s-idle", Instant.now().minus(Duration.ofMinutes(31)), true);
        assertThat(get("/api/diagrams/1", Map.of("Authorization", "Bearer " + idle)).statusCode()).isEqualTo(200);

        // A request through the gateway is a use: it moves last_seen_at forward.
        Instant fiveMinutesAgo = Instant.now().minus(Duration.ofMinutes(5));
        lastSeen("s-idle", fiveMinutesAgo, false);
        assertThat(get("/api/diagrams/1", Map.of("Authorization", "Bearer " + idle)).statusCode()).isEqualTo(200);
        Instant slid = Instant
            .parse(String.valueOf(redis.opsForHash().get(redisPrefix + "session:s-idle", "last_seen_at")));
        assertThat(slid).isAfter(Instant.now().minusSeconds(30));
    }

    private void lastSeen(String sessionId, Instant when, boolean rememberMe) {
        String key = redisPrefix + "session:" + sessionId;
        redis.opsForHash().put(key, "last_seen_at", when.toString());
        redis.opsForHash().put(key, "remember_me", Boolean.toString(rememberMe));
    }

    @Test
    void teamRolesTravelInTheSignedIdentity() throws Exception {
        String token = TestGateway.token("erin", Duration.ofMinutes(5),
                Map.of("email", "erin@example.com", "roles", List.of("editor"), "team_roles", Map.of("t-1", "admin")),
                TestGateway.JWT_SECRET);
        assertThat(get("/api/diagrams/1", Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
        StandInService.Received received = diagrams.last();
        assertThat(received.header("X-User-Teams")).isEqualTo("t-1:admin");
        assertThat(TrustedIdentity.verify(received::header,
                TestGateway.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofSeconds(60)))
            .hasValueSatisfying(identity -> assertThat(identity.teamRole("t-1")).hasValue("admin"));
    }

    @Test
    void shareLinksOpenAnonymouslyAndCarryTheIdentityOfASignedInCaller() throws Exception {
        // Anonymous: through, with no identity.
        assertThat(get("/api/diagrams/links/tok-1", Map.of()).statusCode()).isEqualTo(200);
        assertThat(diagrams.last().header("X-User-Id")).isNull();
        // Signed in (a team-only link needs to know who opens it): the verified identity
        // goes along.
        assertThat(get("/api/diagrams/links/tok-1", Map.of("Authorization", TestGateway.bearer("team-member")))
            .statusCode()).isEqualTo(200);
        assertThat(diagrams.last().header("X-User-Id")).isEqualTo("team-member");
        assertThat(diagrams.last().header("X-Identity-Signature")).isNotBlank();
        // Bad credentials are not silently dropped: the client learns to sign in again.
        String expired = TestGateway.token("alice", Duration.ofMinutes(-5), Map.of(), TestGateway.JWT_SECRET);
        int before = diagrams.received.size();
        assertUnauthorized(get("/api/diagrams/links/tok-1", Map.of("Authorization", "Bearer " + expired)),
                "invalid_token");
        assertThat(diagrams.received).hasSize(before);
        // Only the link itself: the file behind it still needs credentials.
        assertUnauthorized(get("/api/diagrams/tok-1", Map.of()), "unauthenticated");
    }

    @Test
    void anUnknownPathWithValidCredentialsIs404() throws Exception {
        HttpResponse<String> response = get("/api/nowhere", Map.of("Authorization", TestGateway.bearer("carol")));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("not_found");
    }

    private static void assertUnauthorized(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
        assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("urn:autograph:problem:" + code);
        assertThat(JsonPath.<String>read(response.body(), "$.correlation_id")).isNotBlank();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
