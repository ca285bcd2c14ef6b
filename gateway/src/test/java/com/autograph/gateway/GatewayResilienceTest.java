package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

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
import com.autograph.testsupport.PrometheusText;
import com.autograph.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Circuit breakers, retries, timeouts and Idempotency-Key, through a running gateway.
 * diagram-service sits behind a TCP proxy the test cuts ("stopped") and restores
 * ("restarted"). The breaker keeps its default thresholds (5 failures, 2 half-open
 * calls); only its open wait is shortened to 1 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayResilienceTest {

    private static final Map<String, StandInService> services = new HashMap<>();

    private static TcpProxy diagramLink;

    private static final HttpClient http = HttpClient.newHttpClient();

    /**
     * A live session's token: created after the gateway (and its Redis prefix) exists.
     */
    private static String bearer() {
        return TestGateway.bearer("resilient-user");
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestGateway.register(registry);
        registry.add("BREAKER_OPEN_WAIT", () -> "1s");
        // A route's own breaker settings over the defaults.
        registry.add("autograph.gateway.resilience.breaker.routes.auth-service.window-size", () -> "3");
        registry.add("autograph.gateway.resilience.breaker.routes.auth-service.minimum-calls", () -> "3");
        registry.add("GIT_SERVICE_RESPONSE_TIMEOUT", () -> "500ms");
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            StandInService service = services.computeIfAbsent(route.service(), StandInService::start);
            if (route.service().equals("diagram-service")) {
                diagramLink = TcpProxy.to("127.0.0.1", service.port());
                diagramLink.restore();
                registry.add(GatewayRoutes.urlVariable(route.service()),
                        () -> "http://127.0.0.1:" + diagramLink.port());
            }
            else {
                registry.add(GatewayRoutes.urlVariable(route.service()), service::url);
            }
        }
    }

    @AfterAll
    static void stop() {
        diagramLink.close();
        services.values().forEach(StandInService::close);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void reset() {
        services.values().forEach(StandInService::reset);
    }

    @Test
    void aStoppedServiceOpensItsBreakerThenFailsFastAndRecoversThroughHalfOpen() throws Exception {
        StandInService diagrams = services.get("diagram-service");
        assertThat(get("/api/diagrams/1").statusCode()).isEqualTo(200);
        diagramLink.cut();

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = get("/api/diagrams/" + i);
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(JsonPath.<String>read(failed.body(), "$.code")).isEqualTo("service_unavailable");
        }
        assertThat(breakerState("diagram-service")).isEqualTo("OPEN");

        // Refused at the gateway without trying the service (how fast that is belongs in
        // bench/, not here).
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> fast = get("/api/diagrams/fast-" + i);
            assertThat(fast.statusCode()).isEqualTo(503);
            assertThat(fast.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JsonPath.<String>read(fast.body(), "$.detail")).startsWith("diagram-service is unavailable");
        }
        assertThat(JsonPath
            .<Number>read(get("/health/circuit-breakers").body(),
                    "$.circuit_breakers['diagram-service'].not_permitted_calls")
            .longValue()).isGreaterThanOrEqualTo(20);
        // Other routes are unaffected.
        assertThat(get("/api/ai/models").statusCode()).isEqualTo(200);

        diagramLink.restore();
        int received = diagrams.received.size();
        // After the open wait the breaker lets 2 calls through; both succeed, so it
        // closes.
        HttpResponse<String> probe = afterOpenWait(() -> get("/api/diagrams/probe"));
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(breakerState("diagram-service")).isEqualTo("HALF_OPEN");
        assertThat(get("/api/diagrams/second").statusCode()).isEqualTo(200);
        assertThat(breakerState("diagram-service")).isEqualTo("CLOSED");
        assertThat(diagrams.received.size()).isEqualTo(received + 2);

        List<PrometheusText.Sample> metrics = PrometheusText.parse(http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
            .body());
        assertThat(metrics)
            .filteredOn(s -> s.name().equals("gateway_circuitbreaker_transitions_total")
                    && "diagram-service".equals(s.labels().get("name")))
            .extracting(s -> s.labels().get("to"))
            .contains("OPEN", "HALF_OPEN", "CLOSED");
        assertThat(metrics)
            .filteredOn(s -> s.name().equals("resilience4j_circuitbreaker_state")
                    && "diagram-service".equals(s.labels().get("name")) && "closed".equals(s.labels().get("state")))
            .singleElement()
            .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    }

    @Test
    void serverErrorsReachTheClientButOnlyUnavailabilityCountsWithTheRoutesOwnThreshold() throws Exception {
        StandInService auth = services.get("auth-service");
        // A 500 is one request the service failed (a user's bad input, say): many of them
        // open nothing.
        auth.behave((exchange, self) -> self.reply(exchange, 500,
                "{\"code\":\"internal_error\",\"detail\":\"auth broke\"}"));
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> failed = post("/api/auth/api-keys", Map.of());
            assertThat(failed.statusCode()).isEqualTo(500);
            // The service's own answer, not one made up by the gateway.
            assertThat(failed.body()).contains("auth broke");
        }
        assertThat(auth.received).hasSize(10);
        assertThat(breakerState("auth-service")).isEqualTo("CLOSED");

        // The service saying it cannot serve (503) is its own failure: 3 of 3 open this
        // route.
        auth.reset();
        auth.behave((exchange, self) -> self.reply(exchange, 503,
                "{\"code\":\"service_unavailable\",\"detail\":\"database down\"}"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = post("/api/auth/api-keys", Map.of());
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.body()).contains("database down");
        }
        assertThat(auth.received).hasSize(3);
        // 3 of 3 failed (this route's override; the default needs 5 calls): open, refused
        // at the gateway.
        assertThat(breakerState("auth-service")).isEqualTo("OPEN");
        HttpResponse<String> refused = get("/api/auth/me");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(JsonPath.<String>read(refused.body(), "$.detail")).startsWith("auth-service is unavailable");
        assertThat(auth.received).hasSize(3);

        HttpResponse<String> report = get("/health/circuit-breakers");
        assertThat(JsonPath.<Integer>read(report.body(), "$.circuit_breakers['auth-service'].settings.minimum_calls"))
            .isEqualTo(3);
        assertThat(JsonPath.<Integer>read(report.body(), "$.circuit_breakers['ai-service'].settings.minimum_calls"))
            .isEqualTo(5);

        // Client errors say nothing about the service's health.
        auth.reset();
        auth.behave((exchange, self) -> self.reply(exchange, 404, "no such thing"));
        HttpResponse<String> recovered = afterOpenWait(() -> get("/api/auth/nothing"));
        assertThat(recovered.statusCode()).isEqualTo(404);
        assertThat(get("/api/auth/nothing").statusCode()).isEqualTo(404);
        assertThat(breakerState("auth-service")).isEqualTo("CLOSED");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeOpensItsBreaker() throws Exception {
        services.get("git-service").behave((exchange, self) -> {
            try {
                Thread.sleep(1500);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            self.reply(exchange, 200, "late");
        });
        for (int i = 0; i < 5; i++) {
            assertThat(post("/api/git/repos", Map.of()).statusCode()).isEqualTo(504);
        }
        assertThat(breakerState("git-service")).isEqualTo("OPEN");
        assertThat(post("/api/git/repos", Map.of()).statusCode()).isEqualTo(503);

        // Answering again: half-open after the (1 s) open wait, closed after two good
        // calls.
        services.get("git-service").reset();
        HttpResponse<String> recovered = afterOpenWait(() -> post("/api/git/repos", Map.of()));
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(post("/api/git/repos", Map.of()).statusCode()).isEqualTo(200);
        assertThat(breakerState("git-service")).isEqualTo("CLOSED");
    }

    @Test
    void circuitBreakersReportStateAndCallsPerRoute() throws Exception {
        get("/api/ai/models");
        HttpResponse<String> report = get("/health/circuit-breakers");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(report.body(), "$.circuit_breakers['ai-service'].state")).isEqualTo("CLOSED");
        assertThat(JsonPath.<Integer>read(report.body(), "$.circuit_breakers['ai-service'].successful_calls"))
            .isGreaterThanOrEqualTo(1);
        assertThat(JsonPath.<Object>read(report.body(), "$.circuit_breakers['ai-service'].failure_rate")).isNotNull();
        assertThat(JsonPath.<Integer>read(report.body(), "$.settings.minimum_calls")).isEqualTo(5);
        assertThat(JsonPath.<Integer>read(report.body(), "$.settings.half_open_calls")).isEqualTo(2);
        assertThat(JsonPath.<Map<String, Object>>read(report.body(), "$.circuit_breakers")).containsKeys("auth-service",
                "diagram-service", "ai-service", "collaboration-service", "git-service", "export-service",
                "integration-hub");
    }

    @Test
    void anIdempotentGetIsRetriedAfterATransientFailureButAPostIsNot() throws Exception {
        StandInService ai = services.get("ai-service");
        AtomicInteger calls = new AtomicInteger();
        ai.behave((exchange, self) -> self.reply(exchange, calls.incrementAndGet() == 1 ? 503 : 200,
                "attempt " + calls.get()));
        HttpResponse<String> retried = get("/api/ai/providers");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo("attempt 2");
        assertThat(ai.received).hasSize(2);

        ai.reset();
        calls.set(0);
        ai.behave((exchange, self) -> self.reply(exchange, calls.incrementAndGet() == 1 ? 503 : 200,
                "attempt " + calls.get()));
        HttpResponse<String> notRetried = post("/api/ai/generate", Map.of());
        assertThat(notRetried.statusCode()).isEqualTo(503);
        assertThat(ai.received).hasSize(1);
    }

    @Test
    void aSlowServiceTimesOutWithItsRoutesTimeout() throws Exception {
        services.get("git-service").behave((exchange, self) -> {
            try {
                Thread.sleep(1500);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            self.reply(exchange, 200, "late");
        });
        HttpResponse<String> response = post("/api/git/repos", Map.of());
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("gateway_timeout");
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).startsWith("git-service did not answer in time");
    }

    @Test
    void theSameIdempotencyKeyPerformsAPostOnceAndReplaysItsAnswer() throws Exception {
        StandInService export = services.get("export-service");
        AtomicInteger performed = new AtomicInteger();
        export.behave((exchange, self) -> {
            exchange.getResponseHeaders().set("Location", "/api/export/jobs/" + performed.incrementAndGet());
            self.reply(exchange, 201, "{\"job\": " + performed.get() + "}");
        });
        HttpResponse<String> first = post("/api/export/pdf", Map.of("Idempotency-Key", "k-123"));
        HttpResponse<String> again = post("/api/export/pdf", Map.of("Idempotency-Key", "k-123"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body()).isEqualTo("{\"job\": 1}");
        assertThat(again.headers().firstValue("Location")).hasValue("/api/export/jobs/1");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(export.received).hasSize(1);

        assertThat(post("/api/export/pdf", Map.of("Idempotency-Key", "k-456")).body()).isEqualTo("{\"job\": 2}");
        HttpResponse<String> reused = post("/api/export/png", Map.of("Idempotency-Key", "k-123"));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(JsonPath.<String>read(reused.body(), "$.code")).isEqualTo("idempotency_key_reused");
        assertThat(export.received).hasSize(2);
    }

    @Test
    void concurrentRepeatsOfAnIdempotencyKeyStillPerformOnce() throws Exception {
        StandInService integrations = services.get("integration-hub");
        integrations.behave((exchange, self) -> {
            try {
                Thread.sleep(300);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            self.reply(exchange, 200, "done");
        });
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(http.sendAsync(request("/api/integrations/webhooks", Map.of("Idempotency-Key", "burst-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).containsOnly(200, 409).contains(200);
        assertThat(integrations.received).hasSize(1);
        // Once done, a repeat gets the stored answer.
        assertThat(post("/api/integrations/webhooks", Map.of("Idempotency-Key", "burst-1")).body()).isEqualTo("done");
        assertThat(integrations.received).hasSize(1);
    }

    @Test
    void aFailedAttemptReleasesTheKey() throws Exception {
        StandInService collaboration = services.get("collaboration-service");
        AtomicInteger calls = new AtomicInteger();
        collaboration.behave((exchange, self) -> self.reply(exchange, calls.incrementAndGet() == 1 ? 500 : 201,
                "call " + calls.get()));
        assertThat(post("/api/collaboration/rooms", Map.of("Idempotency-Key", "retry-me")).statusCode()).isEqualTo(500);
        HttpResponse<String> retry = post("/api/collaboration/rooms", Map.of("Idempotency-Key", "retry-me"));
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo("call 2");
    }

    /**
     * The first answer that the open breaker did not refuse: a call is let through only
     * once the open wait (1 s here) has passed, and Resilience4j moves to half-open on
     * that call, not on a timer.
     */
    private static HttpResponse<String> afterOpenWait(Callable<HttpResponse<String>> call) {
        return await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(call, response -> response.statusCode() != 503);
    }

    private String breakerState(String route) throws Exception {
        return JsonPath.read(get("/health/circuit-breakers").body(), "$.circuit_breakers['" + route + "'].state");
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", bearer());
        headers.forEach(request::header);
        return request;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        return http.send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
