package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.testsupport.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of stand-in services (one real local HTTP server per downstream service,
 * two for diagram-service), on real Redis.
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
    }

    @AfterAll
    static void stopStandIns() {
        downstream.values().forEach(StandInService::close);
        secondDiagramInstance.close();
    }

    @LocalServerPort
    int port;

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
            assertThat(response.body()).as(path).matches(route.getValue() + "(-2)? GET " + java.util.regex.Pattern.quote(path));
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
    void anOversizeBodyIsRefusedWith413BeforeReachingTheService() throws Exception {
        String big = "x".repeat(2048);
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(uri("/api/diagrams/upload")).header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(JsonPath.<String>read(declared.body(), "$.code")).isEqualTo("payload_too_large");
        assertThat(JsonPath.<String>read(declared.body(), "$.detail")).contains("1024B");

        // No Content-Length: counted while streaming.
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/diagrams/upload")).header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(downstream.get("diagram-service").received).isEmpty();
        assertThat(secondDiagramInstance.received).isEmpty();

        HttpResponse<String> small = http.send(HttpRequest.newBuilder(uri("/api/diagrams/upload")).header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(512))).build(), HttpResponse.BodyHandlers.ofString());
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
            assertThat(JsonPath.<Integer>read(body, "$.services['" + service + "'].latency_ms")).isGreaterThanOrEqualTo(0);
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

        HttpResponse<String> metrics = get("/metrics", Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(PrometheusText.parse(metrics.body()))
                .filteredOn(sample -> sample.name().equals("jvm_memory_used_bytes"))
                .isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("service", "gateway"));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static final String BEARER = TestGateway.bearer("routing-user");

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().header("Authorization", BEARER);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
