package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.testsupport.PrometheusText;
import com.autograph.testsupport.TcpProxy;
import com.autograph.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits with the default settings (100 per user, 1000 per IP per minute), counted
 * in real Redis and shared by a second gateway instance started beside the test's one.
 * Each test uses its own client address (X-Forwarded-For from the trusted loopback proxy)
 * and user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRateLimitTest {

    private static final Map<String, StandInService> services = new HashMap<>();

    private static final Map<String, Object> shared = new HashMap<>();

    private static final List<ConfigurableApplicationContext> others = new ArrayList<>();

    private static final HttpClient http = HttpClient.newHttpClient();

    /**
     * Public port → management port of the gateways started by
     * {@link #startAnotherGateway}.
     */
    private static final Map<Integer, Integer> managementPorts = new java.util.concurrent.ConcurrentHashMap<>();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String prefix = TestGateway.register(registry);
        shared.put("REDIS_KEY_PREFIX", prefix);
        shared.put("REDIS_HOST", TestInfrastructure.get().redis().host());
        shared.put("REDIS_PORT", TestInfrastructure.get().redis().port());
        shared.put("JWT_SECRET", TestGateway.JWT_SECRET);
        shared.put("IDENTITY_SIGNING_SECRET", TestGateway.IDENTITY_SECRET);
        shared.put("TRUSTED_PROXIES", "127.0.0.1");
        registry.add("TRUSTED_PROXIES", () -> "127.0.0.1");
        // Counts must be exact: on a busy machine a Redis answer slower than the
        // production 250 ms
        // would let a request through uncounted (limits fail open).
        shared.put("RATE_LIMIT_REDIS_TIMEOUT", "5s");
        registry.add("RATE_LIMIT_REDIS_TIMEOUT", () -> "5s");
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            StandInService service = services.computeIfAbsent(route.service(), StandInService::start);
            registry.add(GatewayRoutes.urlVariable(route.service()), service::url);
            shared.put(GatewayRoutes.urlVariable(route.service()), service.url());
        }
    }

    /** Another gateway instance with the same settings, plus overrides. */
    private static int startAnotherGateway(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.putAll(overrides);
        // As command-line arguments: they outrank application.yml, as the environment
        // does in production.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(
                properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        others.add(context);
        managementPorts.put(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")),
                Integer.parseInt(context.getEnvironment().getProperty("local.management.port")));
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * A gateway's Prometheus text, from its management port (the public one has no
     * /metrics).
     */
    private List<PrometheusText.Sample> metricsOf(int gatewayPort) throws Exception {
        int management = gatewayPort == port ? managementPort : managementPorts.get(gatewayPort);
        return PrometheusText.parse(get(management, "/metrics", "203.0.113.99", null).body());
    }

    @AfterAll
    static void stop() {
        others.forEach(ConfigurableApplicationContext::close);
        services.values().forEach(StandInService::close);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void the101stRequestOfAUserInAMinuteIs429() throws Exception {
        String bearer = TestGateway.bearer("busy-user");
        for (int i = 1; i <= 100; i++) {
            HttpResponse<String> ok = get(port, "/api/diagrams/" + i, "203.0.113.10", bearer);
            assertThat(ok.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(100 - i));
        }
        HttpResponse<String> limited = get(port, "/api/diagrams/101", "203.0.113.10", bearer);
        assertTooManyRequests(limited, "100");
        // Another user from the same address is not affected.
        assertThat(get(port, "/api/diagrams/1", "203.0.113.10", TestGateway.bearer("calm-user")).statusCode())
            .isEqualTo(200);

        List<PrometheusText.Sample> metrics = metricsOf(port);
        assertThat(metrics).filteredOn(
                s -> s.name().equals("gateway_ratelimit_rejected_total") && "user".equals(s.labels().get("key_type")))
            .singleElement()
            .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void the1001stRequestFromOneAddressIs429() throws Exception {
        String ip = "203.0.113.20";
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                statuses.add(pool.submit(() -> post(port, "/api/auth/login", ip).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        HttpResponse<String> limited = post(port, "/api/auth/login", ip);
        assertTooManyRequests(limited, "1000");
        assertThat(JsonPath.<String>read(limited.body(), "$.detail")).contains("your address");
        assertThat(post(port, "/api/auth/login", "203.0.113.21").statusCode()).isEqualTo(200);
    }

    @Test
    void twoGatewayInstancesShareTheCounters() throws Exception {
        int second = startAnotherGateway(Map.of());
        String bearer = TestGateway.bearer("roaming-user");
        for (int i = 0; i < 100; i++) {
            int target = i % 2 == 0 ? port : second;
            assertThat(get(target, "/api/git/" + i, "203.0.113.30", bearer).statusCode()).as("request %d", i)
                .isEqualTo(200);
        }
        assertTooManyRequests(get(second, "/api/git/x", "203.0.113.30", bearer), "100");
        assertTooManyRequests(get(port, "/api/git/y", "203.0.113.30", bearer), "100");
    }

    @Test
    void whenRedisIsUnreachableRequestsPassByDefaultAndAreRefusedWhenFailingClosed() throws Exception {
        try (TcpProxy redis = TcpProxy.to(TestInfrastructure.get().redis().host(),
                TestInfrastructure.get().redis().port())) {
            // The proxy stays cut: Redis never answers these two instances.
            int open = startAnotherGateway(
                    Map.of("REDIS_PORT", redis.port(), "REDIS_HOST", "127.0.0.1", "RATE_LIMIT_REDIS_TIMEOUT", "250ms"));
            int closed = startAnotherGateway(Map.of("REDIS_PORT", redis.port(), "REDIS_HOST", "127.0.0.1",
                    "RATE_LIMIT_REDIS_TIMEOUT", "250ms", "RATE_LIMIT_FAIL_OPEN", "false"));

            HttpResponse<String> passed = get(open, "/api/ai/models", "203.0.113.40", TestGateway.bearer("u-open"));
            assertThat(passed.statusCode()).isEqualTo(200);
            assertThat(passed.headers().firstValue("X-RateLimit-Limit")).isEmpty();
            List<PrometheusText.Sample> metrics = metricsOf(open);
            assertThat(metrics).filteredOn(s -> s.name().equals("gateway_ratelimit_unavailable_total"))
                .singleElement()
                .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1));
            // The session is read in the same Redis call: it went unchecked too, and was
            // counted.
            assertThat(metrics).filteredOn(s -> s.name().equals("gateway_session_check_unavailable_total"))
                .singleElement()
                .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1));

            HttpResponse<String> refused = get(closed, "/api/ai/models", "203.0.113.41",
                    TestGateway.bearer("u-closed"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JsonPath.<String>read(refused.body(), "$.code")).isEqualTo("rate_limit_unavailable");
        }
    }

    @Test
    void withLimitsOffTheSessionIsStillChecked() throws Exception {
        int unlimited = startAnotherGateway(Map.of("RATE_LIMIT_ENABLED", "false"));
        HttpResponse<String> live = get(unlimited, "/api/git/repos", "203.0.113.50", TestGateway.bearer("u-unlimited"));
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("X-RateLimit-Limit")).isEmpty();

        HttpResponse<String> ended = get(unlimited, "/api/git/repos", "203.0.113.50",
                "Bearer " + TestGateway.tokenOfEndedSession("u-unlimited"));
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(ended.body(), "$.code")).isEqualTo("invalid_token");
        assertThat(JsonPath.<String>read(ended.body(), "$.detail")).contains("session has ended");
        assertThat(ended.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
    }

    @Test
    void anEndedSessionIs401WithinTheLimitsCall() throws Exception {
        HttpResponse<String> ended = get(port, "/api/git/repos", "203.0.113.51",
                "Bearer " + TestGateway.tokenOfEndedSession("u-ended"));
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<String>read(ended.body(), "$.code")).isEqualTo("invalid_token");
        assertThat(JsonPath.<String>read(ended.body(), "$.detail")).contains("session has ended");
    }

    private static void assertTooManyRequests(HttpResponse<String> response, String limit) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("rate_limited");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue(limit);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(reset).isBetween(1L, 60L);
        assertThat(retryAfter).isEqualTo(reset);
    }

    private static HttpResponse<String> get(int port, String path, String clientIp, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .GET()
            .header("X-Forwarded-For", clientIp);
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String clientIp) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .header("X-Forwarded-For", clientIp)
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
