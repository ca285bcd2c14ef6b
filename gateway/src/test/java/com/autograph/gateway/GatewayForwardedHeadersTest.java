package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.routing.GatewayRoutes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway with no trusted proxies (the default): whatever forwarding headers a client
 * writes, the client is the socket's peer, and the request came over plain HTTP. (With
 * shared-lib's {@code forward-headers-strategy: native}, Reactor Netty believed any
 * client's X-Forwarded-For or Forwarded: a new made-up address per request escaped the
 * per-IP limit, and services saw it as the caller's address.) The other gateway tests
 * trust 127.0.0.1, so they cannot see this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayForwardedHeadersTest {

    private static final Map<String, StandInService> downstream = new ConcurrentHashMap<>();

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        TestGateway.register(registry);
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            StandInService service = downstream.computeIfAbsent(route.service(), StandInService::start);
            registry.add(GatewayRoutes.urlVariable(route.service()), service::url);
        }
    }

    @AfterAll
    static void stopStandIns() {
        downstream.values().forEach(StandInService::close);
    }

    @LocalServerPort
    int port;

    @Test
    void forwardingHeadersOfAnUntrustedClientChangeNeitherItsAddressNorItsScheme() throws Exception {
        HttpResponse<String> response = send("GET", "/api/git/abc",
                Map.of("Authorization", TestGateway.bearer("forwarder"), "X-Forwarded-For", "198.51.100.7",
                        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example", "X-Real-IP", "6.6.6.6"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(downstream.get("git-service").last().header("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();

        send("GET", "/api/git/abc", Map.of("Authorization", TestGateway.bearer("forwarder"), "Forwarded",
                "for=198.51.100.8;proto=https;host=evil.example"));
        assertThat(downstream.get("git-service").last().header("X-Real-IP")).isEqualTo("127.0.0.1");
    }

    @Test
    void theAddressLimitCountsTheSocketsAddressWhateverAddressTheClientForwards() throws Exception {
        List<Long> remaining = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> response = send("POST", "/api/auth/login",
                    Map.of("X-Forwarded-For", "203.0.113." + i, "Forwarded", "for=198.51.100." + i));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("1000");
            remaining.add(Long.parseLong(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow()));
        }
        // One counter, the one of 127.0.0.1: down by one per request.
        assertThat(remaining).containsExactly(remaining.getFirst(), remaining.getFirst() - 1, remaining.getFirst() - 2);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
