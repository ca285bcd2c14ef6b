package com.autograph.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of stand-in services (one local HTTP server per downstream service, each
 * answering with its own name), on real Redis.
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

    private static final Map<String, HttpServer> downstream = new ConcurrentHashMap<>();
    private static final Map<String, String> lastCorrelationId = new ConcurrentHashMap<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) throws IOException {
        IsolatedInfrastructure.registerRedis(registry, IsolatedInfrastructure.uniqueSuffix());
        for (String service : PREFIX_TO_SERVICE.values()) {
            HttpServer server = standIn(service);
            downstream.put(service, server);
            String variable = service.equals("integration-hub") ? "INTEGRATION_HUB_URL"
                    : service.replace("-service", "").toUpperCase() + "_SERVICE_URL";
            registry.add(variable, () -> "http://127.0.0.1:" + server.getAddress().getPort());
        }
    }

    private static HttpServer standIn(String service) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            lastCorrelationId.put(service, String.valueOf(exchange.getRequestHeaders().getFirst("X-Correlation-ID")));
            byte[] body = (service + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            // Services echo the correlation id, as shared-lib makes them do.
            exchange.getResponseHeaders().set("X-Correlation-ID", exchange.getRequestHeaders().getFirst("X-Correlation-ID"));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stopStandIns() {
        downstream.values().forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;

    @Test
    void eachPrefixReachesItsService() throws Exception {
        for (Map.Entry<String, String> route : PREFIX_TO_SERVICE.entrySet()) {
            String path = route.getKey() + "things/42?view=full";
            HttpResponse<String> response = get(path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(route.getValue() + " " + path);
        }
    }

    @Test
    void theCorrelationIdIsPassedDownstreamAndReturnedOnce() throws Exception {
        HttpResponse<String> given = get("/api/diagrams/abc", Map.of("X-Correlation-ID", "edge-7"));
        assertThat(lastCorrelationId.get("diagram-service")).isEqualTo("edge-7");
        assertThat(given.headers().allValues("X-Correlation-ID")).containsExactly("edge-7");

        HttpResponse<String> generated = get("/api/auth/me", Map.of());
        List<String> ids = generated.headers().allValues("X-Correlation-ID");
        assertThat(ids).hasSize(1);
        assertThat(lastCorrelationId.get("auth-service")).isEqualTo(ids.get(0));
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

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
