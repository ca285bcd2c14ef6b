package com.autograph.diagram.user;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.TrustedIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link UserDirectory} against a stand-in auth-service on a local port that answers
 * {@code POST /internal/users/lookup} in auth-service's wire format (and checks the
 * caller's signed identity as auth-service does). The end-to-end path through the real
 * services is DiagramsThroughGatewayTest.filesAndFoldersAreSharedByEMailAddress.
 */
class UserDirectoryTest {

    private static final String SECRET = "test-identity-signing-secret-0123456789-abcdef";

    private static final TrustedIdentity CALLER = new TrustedIdentity(UUID.randomUUID().toString(), "a@example.com",
            List.of("editor"), "s1", "jwt");

    private HttpServer authService;

    private final Map<String, UUID> accounts = new ConcurrentHashMap<>();

    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private final AtomicInteger calls = new AtomicInteger();

    private volatile int failWith;

    @BeforeEach
    void standIn() throws IOException {
        authService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        authService.createContext("/internal/users/lookup", this::lookup);
        authService.start();
    }

    @AfterEach
    void stop() {
        authService.stop(0);
    }

    private void lookup(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        boolean signed = TrustedIdentity
            .verify(exchange.getRequestHeaders()::getFirst, SECRET.getBytes(StandardCharsets.UTF_8),
                    java.time.Instant.now(), Duration.ofMinutes(2))
            .map(id -> id.userId().equals(CALLER.userId()))
            .orElse(false);
        String email = body.replaceAll("(?s).*\"email\"\\s*:\\s*\"([^\"]*)\".*", "$1").toLowerCase();
        if (failWith != 0) {
            answer(exchange, failWith, "{\"code\":\"internal_error\"}");
        }
        else if (!signed) {
            answer(exchange, 401, "{\"code\":\"authentication_required\"}");
        }
        else if (accounts.containsKey(email)) {
            answer(exchange, 200, "{\"id\":\"" + accounts.get(email) + "\",\"email\":\"" + email + "\"}");
        }
        else {
            answer(exchange, 404,
                    "{\"type\":\"urn:autograph:problem:unknown_user\",\"status\":404,\"code\":\"unknown_user\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
            .set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private UserDirectory directory(URI... urls) {
        return new UserDirectory(RestClient.builder(),
                new AuthServiceProperties(List.of(urls), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                new IdentityProperties(true, SECRET, Duration.ofMinutes(2)), Clock.systemUTC());
    }

    private URI standInUrl() {
        return URI.create("http://127.0.0.1:" + authService.getAddress().getPort());
    }

    @Test
    void anAddressResolvesThroughAuthServiceWithTheCallersSignedIdentity() {
        UUID b = UUID.randomUUID();
        accounts.put("b@example.com", b);

        assertThat(directory(standInUrl()).resolve(CALLER, "B@Example.com")).isEqualTo(b);
        assertThat(bodies).singleElement().asString().contains("B@Example.com");
    }

    @Test
    void userIdsNeedNoLookupAndNonsenseIsA400() {
        UUID id = UUID.randomUUID();
        UserDirectory directory = directory(standInUrl());

        assertThat(directory.resolve(CALLER, id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> directory.resolve(CALLER, "not-a-user")).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThatThrownBy(() -> directory.resolve(CALLER, "x".repeat(320) + "@example.com")).isInstanceOfSatisfying(
                ApiException.class, ex -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(calls).hasValue(0);
    }

    @Test
    void sharingWithYourselfIsRefused() {
        UserDirectory directory = directory(standInUrl());
        assertThatThrownBy(() -> directory.resolveOther(CALLER, CALLER.userId()))
            .isInstanceOfSatisfying(ApiException.class, ex -> {
                assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                assertThat(ex.code()).isEqualTo("cannot_share_with_yourself");
            });
    }

    @Test
    void unknownAddressesAre404sAndNeverOpenTheBreaker() {
        UserDirectory directory = directory(standInUrl());
        for (int i = 0; i < 20; i++) {
            String email = "nobody-" + i + "@example.com";
            assertThatThrownBy(() -> directory.resolve(CALLER, email)).isInstanceOfSatisfying(ApiException.class,
                    ex -> {
                        assertThat(ex.status()).isEqualTo(HttpStatus.NOT_FOUND);
                        assertThat(ex.code()).isEqualTo("unknown_user");
                        assertThat(ex.getMessage()).contains(email).contains("not supported yet");
                    });
        }
        // One call each (no retries for an answer), and still answering: the breaker
        // stayed closed.
        assertThat(calls).hasValue(20);
        accounts.put("late@example.com", UUID.randomUUID());
        assertThat(directory.resolve(CALLER, "late@example.com")).isNotNull();
    }

    @Test
    void aFailingAuthServiceIsRetriedThenA503AndTheBreakerStopsCalling() throws IOException {
        failWith = 500;
        UserDirectory directory = directory(standInUrl());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> directory.resolve(CALLER, "b@example.com")).isInstanceOfSatisfying(
                    ApiException.class, ex -> assertThat(ex.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        }
        assertThat(calls).hasValue(10);

        failWith = 0;
        accounts.put("b@example.com", UUID.randomUUID());
        assertThatThrownBy(() -> directory.resolve(CALLER, "b@example.com")).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.code()).isEqualTo("lookup_unavailable"));
        assertThat(calls).as("an open breaker does not call").hasValue(10);
    }

    @Test
    void anInstanceThatCannotBeReachedIsSkippedByTheRetry() throws IOException {
        UUID b = UUID.randomUUID();
        accounts.put("b@example.com", b);
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        assertThat(directory(closed, standInUrl()).resolve(CALLER, "b@example.com")).isEqualTo(b);
    }

}
