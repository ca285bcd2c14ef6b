package com.autograph.shared.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.json.JsonMapper;

/**
 * The internal-call rules every service relies on, against a real HTTP server: signed
 * identity, retry on the next instance, 4xx passed on, the peer's failures (and only
 * those) opening the breaker.
 */
class PeerServiceTest {

    private static final IdentityProperties IDENTITY = new IdentityProperties(true,
            "a-signing-secret-of-at-least-32-bytes!", Duration.ofMinutes(2));

    private static final TrustedIdentity CALLER = new TrustedIdentity("user-1", "a@example.com", List.of("jwt"), "",
            "jwt");

    private final JsonMapper json = JsonMapper.builder().build();

    private final AtomicInteger hits = new AtomicInteger();

    private final AtomicReference<String> identityHeader = new AtomicReference<>();

    private final AtomicInteger answer = new AtomicInteger(200);

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/thing", exchange -> {
            hits.incrementAndGet();
            identityHeader.set(exchange.getRequestHeaders().getFirst("X-User-Id"));
            int status = answer.get();
            byte[] body = status == 404
                    ? "{\"code\":\"not_found\",\"detail\":\"There is no thing 7.\"}".getBytes(StandardCharsets.UTF_8)
                    : "\"ok\"".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PeerService peer(List<URI> urls) {
        return new PeerService("thing-service", RestClient.builder(), urls, Duration.ofSeconds(1),
                Duration.ofSeconds(2), new PeerService.Breaker(4, 4, Duration.ofMinutes(1)), IDENTITY,
                Clock.systemUTC(), () -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "things_unavailable",
                        "Things cannot be read right now."));
    }

    private URI live() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private String get(PeerService peer) {
        return peer.client()
            .get()
            .uri(peer.uri("/thing"))
            .headers(headers -> peer.sign(CALLER, headers))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 200) {
                    throw peer.refusal(response, "reading thing 7", json);
                }
                return response.bodyTo(String.class);
            });
    }

    @Test
    void signsTheCallersIdentity() {
        PeerService peer = peer(List.of(live()));

        assertThat(peer.idempotent(() -> get(peer))).isEqualTo("\"ok\"");
        assertThat(identityHeader.get()).isEqualTo("user-1");
    }

    @Test
    void aCallSafeToRepeatMovesOnToTheNextInstanceAfterAConnectionFailure() throws IOException {
        PeerService peer = peer(List.of(closedPort(), live()));

        assertThat(peer.idempotent(() -> get(peer))).isEqualTo("\"ok\"");
        assertThat(hits).hasValue(1);
    }

    @Test
    void aCallNeverRepeatedIsTriedOnceAndAnsweredInTheOwnersWords() throws IOException {
        PeerService peer = peer(List.of(closedPort(), live()));

        assertThatThrownBy(() -> peer.once(() -> get(peer))).isInstanceOfSatisfying(ApiException.class, ex -> {
            assertThat(ex.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(ex.code()).isEqualTo("things_unavailable");
        });
        assertThat(hits).hasValue(0);
    }

    @Test
    void thePeersRefusalIsPassedOnAndNeverOpensTheBreaker() {
        PeerService peer = peer(List.of(live()));
        answer.set(404);

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> peer.idempotent(() -> get(peer))).isInstanceOfSatisfying(ApiException.class,
                    ex -> {
                        assertThat(ex.status()).isEqualTo(HttpStatus.NOT_FOUND);
                        assertThat(ex.code()).isEqualTo("not_found");
                        assertThat(ex.getMessage()).isEqualTo("There is no thing 7.");
                    });
        }
        assertThat(hits).hasValue(10);
    }

    @Test
    void failuresOfThePeerOpenTheBreakerSoItIsNoLongerCalled() {
        PeerService peer = peer(List.of(live()));
        answer.set(401);

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> peer.once(() -> get(peer))).isInstanceOfSatisfying(ApiException.class,
                    ex -> assertThat(ex.code()).isEqualTo("things_unavailable"));
        }
        int before = hits.get();
        answer.set(200);

        assertThatThrownBy(() -> peer.once(() -> get(peer))).isInstanceOf(ApiException.class);
        assertThat(hits).hasValue(before);
    }

}
