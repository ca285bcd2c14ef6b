package com.autograph.shared.error;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.testapp.TestApplication;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The error model and correlation ids as a client of any servlet service sees them. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemDetailsTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        String suffix = IsolatedInfrastructure.uniqueSuffix();
        IsolatedInfrastructure.registerDatabase(registry, TestDatabase.create());
        IsolatedInfrastructure.registerRedis(registry, suffix);
    }

    @LocalServerPort
    int port;

    @Test
    void invalidFieldsAreNamed() throws Exception {
        HttpResponse<String> response = post("/widgets", "{\"name\":\"far-too-long-a-name\",\"size\":1}");

        assertProblem(response, 400, "validation_failed");
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("name");
        List<Map<String, String>> errors = JsonPath.read(response.body(), "$.errors");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "name"));
    }

    @Test
    void malformedJsonIsA400NotA500() throws Exception {
        assertProblem(post("/widgets", "{\"name\": "), 400, "malformed_body");
        assertProblem(post("/widgets", "{\"name\":\"ok\",\"size\":\"big\"}"), 400, "malformed_body");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithoutJavaTypes() throws Exception {
        HttpResponse<String> response = post("/widgets", "{\"name\":\"ok\",\"size\":\"big\"}");

        assertProblem(response, 400, "malformed_body");
        List<Map<String, String>> errors = JsonPath.read(response.body(), "$.errors");
        assertThat(errors).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("field", "size").containsEntry("message", "must be a number"));
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).isEqualTo("Field 'size' must be a number.")
            .doesNotContain("java.");
    }

    @Test
    void apiExceptionsKeepTheirStatusAndCode() throws Exception {
        assertProblem(get("/widgets/missing"), 404, "not_found");
        HttpResponse<String> conflict = get("/widgets/conflict");
        assertProblem(conflict, 409, "widget_conflict");
        assertThat(JsonPath.<String>read(conflict.body(), "$.detail"))
            .isEqualTo("The widget changed meanwhile; reload it.");
    }

    @Test
    void unexpectedFailuresRevealNothingInternal() throws Exception {
        HttpResponse<String> response = get("/widgets/boom");
        assertProblem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("secret internal detail")
            .doesNotContain("IllegalStateException")
            .doesNotContain("at com.");
    }

    @Test
    void wrongMethodAndUnsupportedMediaTypeAreProblemsToo() throws Exception {
        assertProblem(http.send(HttpRequest.newBuilder(uri("/widgets")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()), 405, "method_not_allowed");
        assertProblem(http.send(HttpRequest.newBuilder(uri("/widgets"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("hi"))
            .build(), HttpResponse.BodyHandlers.ofString()), 415, "unsupported_media_type");
    }

    @Test
    void correlationIdAndTraceparentArePassedToDownstreamCalls() throws Exception {
        AtomicReference<String> seenCorrelation = new AtomicReference<>();
        AtomicReference<String> seenTraceparent = new AtomicReference<>();
        HttpServer downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        downstream.createContext("/", exchange -> {
            seenCorrelation.set(exchange.getRequestHeaders().getFirst("X-Correlation-ID"));
            seenTraceparent.set(exchange.getRequestHeaders().getFirst("traceparent"));
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        downstream.start();
        try {
            String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
            String target = "http://127.0.0.1:" + downstream.getAddress().getPort() + "/ping";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/relay?to=" + target))
                .header("X-Correlation-ID", "relay-42")
                .header("traceparent", traceparent)
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("pong");
            assertThat(seenCorrelation.get()).isEqualTo("relay-42");
            assertThat(seenTraceparent.get()).isEqualTo(traceparent);
        }
        finally {
            downstream.stop(0);
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
        assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("urn:autograph:problem:" + code);
        assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
        String correlationId = response.headers().firstValue("X-Correlation-ID").orElseThrow();
        assertThat(JsonPath.<String>read(response.body(), "$.correlation_id")).isEqualTo(correlationId);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
