package com.autograph.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every servlet service must do from day one, checked against a running instance on
 * real PostgreSQL, Redis and S3: health with its dependencies and probe groups,
 * Prometheus metrics tagged with the service name, correlation ids in responses and JSON
 * log lines, and RFC 9457 errors. A service's test only names itself and its
 * dependencies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
public abstract class AbstractServiceSmokeTest {

    protected static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.register(registry);
    }

    /** The service's {@code spring.application.name}. */
    protected abstract String serviceName();

    /** Health contributors the service must report, e.g. db, redis, s3. */
    protected abstract List<String> dependencies();

    @Test
    void healthIsUpAndNamesEveryDependency() throws Exception {
        // S3 buckets may still be provisioning for a moment after start.
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(get("/health").statusCode()).isEqualTo(200));
        HttpResponse<String> health = get("/health");
        assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("UP");
        Map<String, Object> components = JsonPath.read(health.body(), "$.components");
        assertThat(components).containsKeys(dependencies().toArray(String[]::new));
        for (String dependency : dependencies()) {
            assertThat(JsonPath.<String>read(health.body(), "$.components." + dependency + ".status")).as(dependency)
                .isEqualTo("UP");
        }
    }

    @Test
    void livenessAndReadinessProbesAnswer() throws Exception {
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(get("/health/readiness").statusCode()).isEqualTo(200));
        HttpResponse<String> readiness = get("/health/readiness");
        assertThat(JsonPath.<String>read(readiness.body(), "$.status")).isEqualTo("UP");
        Map<String, Object> readinessComponents = JsonPath.read(readiness.body(), "$.components");
        assertThat(readinessComponents).containsKeys(dependencies().toArray(String[]::new));

        HttpResponse<String> liveness = get("/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(liveness.body(), "$.status")).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextTaggedWithTheService() throws Exception {
        get("/does-not-exist-either"); // make sure an http.server.requests sample exists
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        List<PrometheusText.Sample> samples = PrometheusText.parse(metrics.body());
        assertThat(samples).isNotEmpty();
        assertThat(samples).filteredOn(s -> s.name().equals("jvm_memory_used_bytes"))
            .isNotEmpty()
            .allSatisfy(s -> assertThat(s.labels()).containsEntry("service", serviceName()));
        assertThat(samples).anySatisfy(s -> assertThat(s.name()).startsWith("http_server_requests_seconds"));
    }

    @Test
    void theOpenApiDocumentIsPublished() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(docs.body(), "$.openapi")).startsWith("3.");
        for (String path : documentedPaths()) {
            assertThat(JsonPath.<Map<String, Object>>read(docs.body(), "$.paths")).containsKey(path);
        }
    }

    /**
     * Paths the service's OpenAPI document must list (none for a service with no API
     * yet).
     */
    protected List<String> documentedPaths() {
        return List.of();
    }

    @Test
    void correlationIdIsReturnedAndLogged(CapturedOutput output) throws Exception {
        String correlationId = "smoke-" + UUID.randomUUID();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/no-such-endpoint"))
            .header("X-Correlation-ID", correlationId)
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue(correlationId);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.correlation_id")).isEqualTo(correlationId);
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("not_found");
        assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(output.getOut()
                .lines()
                .filter(line -> line.startsWith("{") && line.contains("/no-such-endpoint"))
                .map(line -> JsonPath.<String>read(line, "$.correlation_id"))).contains(correlationId));
    }

    @Test
    void aMissingOrUnsafeCorrelationIdIsReplacedByAUuid() throws Exception {
        HttpResponse<String> none = get("/health/liveness");
        assertThat(UUID.fromString(none.headers().firstValue("X-Correlation-ID").orElseThrow())).isNotNull();

        HttpResponse<String> unsafe = http.send(
                HttpRequest.newBuilder(uri("/health/liveness")).header("X-Correlation-ID", "x\"} forged").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(UUID.fromString(unsafe.headers().firstValue("X-Correlation-ID").orElseThrow())).isNotNull();
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
