package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of stand-in services (one real local HTTP server per downstream
 * service, two for diagram-service), on real Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final Map<String, String> PREFIX_TO_SERVICE = new LinkedHashMap<>();
    static {
        PREFIX_TO_SERVICE.put("/api/auth/", "auth-service");
        PREFIX_TO_SERVICE.put("/api/diagrams/", "diagram-service");
        PREFIX_TO_SERVICE.put("/api/ai/", "ai-service");
        PREFIX_TO_SERVICE.put("/api/collaboration/", "collaboration-service");
        PREFIX_TO_SERVICE.put("/api/git/", "git-service");
        PREFIX_TO_SERVICE.put("/api/export/", "export-service");
        PREFIX_TO_SERVICE.put("/api/integrations/", "integration-hub");
    }

    private static final Map<String, StandInService> downstream = new ConcurrentHashMap<>();

    private static StandInService secondDiagramInstance;

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        TestGateway.register(registry);
        for (String service : PREFIX_TO_SERVICE.values()) {
            downstream.put(service, StandInService.start(service));
        }
        secondDiagramInstance = StandInService.start("diagram-service-2");
        for (String service : PREFIX_TO_SERVICE.values()) {
            String urls = downstream.get(service).url()
                    + (service.equals("diagram-service") ? "," + secondDiagramInstance.url() : "");
            registry.add(GatewayRoutes.urlVariable(service), () -> urls);
        }
        registry.add("DIAGRAM_SERVICE_MAX_REQUEST_SIZE", () -> "1KB");
        registry.add("TRUSTED_PROXIES", () -> "127.0.0.1");
        registry.add("CORS_ALLOWED_ORIGINS", () -> "https://app.autograph.test,https://*.preview.autograph.test");
    }

    @AfterAll
    static void stopStandIns() {
        downstream.values().forEach(StandInService::close);
        secondDiagramInstance.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void resetStandIns() {
        downstream.values().forEach(StandInService::reset);
        secondDiagramInstance.reset();
    }

    @Test
    void eachPrefixReachesItsService() throws Exception {
        for (Map.Entry<String, String> route : PREFIX_TO_SERVICE.entrySet()) {
            String path = route.getKey() + "things/42?view=full";
            HttpResponse<String> response = get(path, Map.of());
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
            assertThat(response.body()).as(path)
                .matches(route.getValue() + "(-2)? GET " + java.util.regex.Pattern.quote(path));
        }
    }

    @Test
    void requestsAreBalancedOverEveryConfiguredInstance() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(get("/api/diagrams/" + i, Map.of()).statusCode()).isEqualTo(200);
        }
        assertThat(downstream.get("diagram-service").received).hasSize(3);
        assertThat(secondDiagramInstance.received).hasSize(3);
    }

    @Test
    void anUnknownPathIsAProblemDocument() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here/1", Map.of("X-Correlation-ID", "lost-1"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("urn:autograph:problem:not_found");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("not_found");
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("GET /api/nothing-here/1");
        assertThat(JsonPath.<String>read(response.body(), "$.correlation_id")).isEqualTo("lost-1");
        assertThat(response.body()).doesNotContain("Exception", "trace");
    }

    @Test
    void aPathOrQueryThatIsNotStorableTextIsA400ProblemAndNeverReachesTheService() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/diagrams/ab%00cd", "path");
        cases.put("/api/diagrams/%ED%A0%80", "path");
        cases.put("/api/diagrams?q=a%00b", "query parameter 'q'");
        cases.put("/api/diagrams/search?page=1&q=%ED%A0%80", "query parameter 'q'");
        cases.put("/api/diagrams?a%00=1", "query parameter");
        for (Map.Entry<String, String> each : cases.entrySet()) {
            HttpResponse<String> response = get(each.getKey(), Map.of("X-Correlation-ID", "bad-text"));
            assertThat(response.statusCode()).as(each.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("invalid_text");
            assertThat(JsonPath.<String>read(response.body(), "$.detail")).as(each.getKey()).contains(each.getValue());
            assertThat(JsonPath.<String>read(response.body(), "$.correlation_id")).isEqualTo("bad-text");
        }
        assertThat(downstream.get("diagram-service").received).isEmpty();
        assertThat(secondDiagramInstance.received).isEmpty();

        // Text that is merely unusual passes: an emoji, an escaped percent sign, a plus.
        assertThat(get("/api/diagrams/search?q=%F0%9F%98%80+100%25", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizeBodyIsRefusedWith413BeforeReachingTheService() throws Exception {
        String big = "x".repeat(2048);
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(uri("/api/diagrams/upload"))
            .header("Authorization", bearer())
            .POST(HttpRequest.BodyPublishers.ofString(big))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(JsonPath.<String>read(declared.body(), "$.code")).isEqualTo("payload_too_large");
        assertThat(JsonPath.<String>read(declared.body(), "$.detail")).contains("1024B");

        // No Content-Length: counted while streaming.
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/diagrams/upload"))
            .header("Authorization", bearer())
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(downstream.get("diagram-service").received).isEmpty();
        assertThat(secondDiagramInstance.received).isEmpty();

        HttpResponse<String> small = http.send(HttpRequest.newBuilder(uri("/api/diagrams/upload"))
            .header("Authorization", bearer())
            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(512)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(200);
    }

    @Test
    void theCorrelationIdIsPassedDownstreamAndReturnedOnce() throws Exception {
        HttpResponse<String> given = get("/api/git/abc", Map.of("X-Correlation-ID", "edge-7"));
        assertThat(downstream.get("git-service").last().header("X-Correlation-ID")).isEqualTo("edge-7");
        assertThat(given.headers().allValues("X-Correlation-ID")).containsExactly("edge-7");

        HttpResponse<String> generated = get("/api/auth/login", Map.of());
        List<String> ids = generated.headers().allValues("X-Correlation-ID");
        assertThat(ids).hasSize(1);
        assertThat(downstream.get("auth-service").last().header("X-Correlation-ID")).isEqualTo(ids.get(0));

        // W3C trace context travels on unchanged (DESIGN.md).
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        get("/api/git/traced", Map.of("traceparent", traceparent));
        assertThat(downstream.get("git-service").last().header("traceparent")).isEqualTo(traceparent);
    }

    @Test
    void servicesSeeTheClientAddressTheGatewayDetermined() throws Exception {
        // From a trusted proxy (127.0.0.1 here), the proxy's X-Forwarded-For names the
        // client.
        get("/api/git/abc", Map.of("X-Forwarded-For", "198.51.100.7", "X-Real-IP", "6.6.6.6",
                "X-Client-Address-Signature", "forged"));
        assertThat(downstream.get("git-service").last().header("X-Real-IP")).isEqualTo("198.51.100.7");
        // Signed, anonymous requests included, so that services believe it (and nothing
        // else).
        StandInService.Received received = downstream.get("git-service").last();
        assertThat(TrustedIdentity.verifyClientAddress(received::header,
                TestGateway.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofSeconds(60)))
            .contains("198.51.100.7");
        get("/api/git/abc", Map.of());
        assertThat(downstream.get("git-service").last().header("X-Real-IP")).isEqualTo("127.0.0.1");
    }

    @Test
    void servicesHealthReportsEveryInstanceWithItsLatency() throws Exception {
        secondDiagramInstance.behave((exchange, self) -> self.reply(exchange, 503, "{\"status\":\"DOWN\"}"));
        HttpResponse<String> response = get("/health/services", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
        for (String service : PREFIX_TO_SERVICE.values()) {
            assertThat(JsonPath.<String>read(body, "$.services['" + service + "'].status")).as(service).isEqualTo("UP");
            assertThat(JsonPath.<Integer>read(body, "$.services['" + service + "'].latency_ms"))
                .isGreaterThanOrEqualTo(0);
        }
        assertThat(JsonPath.<List<String>>read(body, "$.services['diagram-service'].instances[*].status"))
            .containsExactly("UP", "DOWN");
        assertThat(downstream.get("ai-service").last().uri()).isEqualTo("/health/readiness");
        assertThat(body).doesNotContain("127.0.0.1");
    }

    @Test
    void healthAndMetricsAreTheGatewaysOwn() throws Exception {
        HttpResponse<String> health = get("/health", Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health.body(), "$.components.redis.status")).isEqualTo("UP");
        assertThat(get("/health/readiness", Map.of()).statusCode()).isEqualTo(200);

        // Metrics only on the management port: the public one answers 404, signed in or
        // not.
        HttpResponse<String> metrics = management("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(PrometheusText.parse(metrics.body()))
            .filteredOn(sample -> sample.name().equals("jvm_memory_used_bytes"))
            .isNotEmpty()
            .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("service", "gateway"));
        for (Map<String, String> headers : List.of(Map.<String, String>of(),
                Map.of("Authorization", TestGateway.bearer("metrics-reader")))) {
            HttpResponse<String> publicly = get("/metrics", headers);
            assertThat(publicly.statusCode()).isIn(401, 404);
            assertThat(publicly.body()).doesNotContain("jvm_memory_used_bytes");
        }
        assertThat(get("/info", Map.of()).body()).doesNotContain("description");
        assertThat(management("/health/readiness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> management(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void corsPreflightsAnswerWithoutCredentialsForAllowedOriginsOnly() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri("/api/diagrams/1"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://pr-7.preview.autograph.test")
            .header("Access-Control-Request-Method", "PATCH")
            .header("Access-Control-Request-Headers", "Authorization, Idempotency-Key")
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
            .hasValue("https://pr-7.preview.autograph.test");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PATCH");
        assertThat(downstream.get("diagram-service").received).isEmpty();

        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(uri("/api/diagrams/1"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "GET")
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void corsHeadersAreOnEveryAnswerOnceAndExposeTheGatewaysHeaders() throws Exception {
        // The service answers CORS itself too; the client must see one value.
        downstream.get("diagram-service").behave((exchange, self) -> {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            self.reply(exchange, 200, "ok");
        });
        HttpResponse<String> proxied = get("/api/diagrams/1", Map.of("Origin", "https://app.autograph.test"));
        assertThat(proxied.headers().allValues("Access-Control-Allow-Origin"))
            .containsExactly("https://app.autograph.test");
        assertThat(String.join(",", proxied.headers().allValues("Access-Control-Expose-Headers")))
            .contains("X-Correlation-ID", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After");

        HttpResponse<String> unauthenticated = http.send(
                HttpRequest.newBuilder(uri("/api/diagrams/1")).header("Origin", "https://app.autograph.test").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("Access-Control-Allow-Origin"))
            .hasValue("https://app.autograph.test");
    }

    @Test
    void securityHeadersAreOnEveryResponseAndEmbedRoutesMayBeFramed() throws Exception {
        for (HttpResponse<String> response : List.of(get("/api/ai/models", Map.of()), get("/api/nothing", Map.of()),
                get("/health", Map.of()))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            // Plain HTTP, not behind TLS: no HSTS.
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
        HttpResponse<String> embed = get("/api/diagrams/embed/abc", Map.of());
        assertThat(embed.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(embed.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors *");

        HttpResponse<String> behindTls = get("/api/ai/models", Map.of("X-Forwarded-Proto", "https"));
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security"))
            .hasValue("max-age=31536000; includeSubDomains");
    }

    @Test
    void metricsCountRequestsPerRouteAndStatusWithLatencyHistogramsAndConnections() throws Exception {
        get("/api/export/x", Map.of());
        List<PrometheusText.Sample> samples = PrometheusText.parse(management("/metrics").body());
        assertThat(samples).filteredOn(s -> s.name().equals("spring_cloud_gateway_requests_seconds_count")
                && "export-service".equals(s.labels().get("routeId")) && "200".equals(s.labels().get("httpStatusCode")))
            .singleElement()
            .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(1));
        assertThat(samples)
            .anySatisfy(s -> assertThat(s.name()).isEqualTo("spring_cloud_gateway_requests_seconds_bucket"));
        // Connections, not requests: the client keeps one open for its requests.
        double accepted = value(samples, "gateway_connections_total");
        for (int i = 0; i < 5; i++) {
            get("/api/export/x" + i, Map.of());
        }
        List<PrometheusText.Sample> after = PrometheusText.parse(management("/metrics").body());
        assertThat(value(after, "gateway_connections_total") - accepted).isLessThan(3);
        assertThat(value(after, "gateway_connections_active")).isGreaterThanOrEqualTo(1);
    }

    private static double value(List<PrometheusText.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(PrometheusText.Sample::value).sum();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * A live session's token: created after the gateway (and its Redis prefix) exists.
     */
    private static String bearer() {
        return TestGateway.bearer("routing-user");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().header("Authorization", bearer());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
