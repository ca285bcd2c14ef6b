package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.shared.security.TrustedIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collaboration socket through the gateway: a real WebSocket server stands in for
 * collaboration-service and a real client connects to the gateway as a browser would. The
 * upgrade is proxied with the gateway's auth, frames flow both ways, and the service's
 * close code reaches the client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewaySocketTest {

    private static final int BURST = 50;

    /** Upgrade requests the stand-in received. */
    private static final List<HttpHeaders> upgrades = new CopyOnWriteArrayList<>();

    /**
     * Greets, echoes each text frame, and on "close" closes with 4403 as a revoked share
     * does.
     */
    private static final DisposableServer collaboration = HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .route(routes -> routes
            // Sends BURST messages, then closes with 1013 as an overflowing queue does:
            // the
            // close is sent once the messages are written.
            .ws("/ws/files/burst",
                    (in, out) -> out.sendString(Flux.range(0, BURST).map(i -> "m" + i))
                        .then()
                        .then(out.sendClose(1013, "too_slow")))
            .ws("/ws/files/{id}", (in, out) -> {
                upgrades.add(in.headers());
                // Reading on to the end: cancelling the inbound side would close without
                // a
                // code.
                return out.sendString(Mono.just("welcome")
                    .concatWith(in.receive()
                        .asString()
                        .concatMap(text -> "close".equals(text)
                                ? out.sendClose(4403, "access_revoked").then(Mono.<String>empty())
                                : Mono.just("echo " + text))));
            }, WebsocketServerSpec.builder().maxFramePayloadLength(8 * 1024 * 1024).build()))
        .bindNow();

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        TestGateway.register(registry);
        String url = "http://127.0.0.1:" + collaboration.port();
        GatewayRoutes.ROUTES.forEach(route -> registry.add(GatewayRoutes.urlVariable(route.service()), () -> url));
    }

    @AfterAll
    static void stop() {
        collaboration.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void framesFlowBothWaysWithTheCallersSignedIdentityAndTheServicesCloseCodeReachesTheClient() throws Exception {
        for (boolean inQuery : List.of(false, true)) {
            upgrades.clear();
            String token = TestGateway.token("socket-user");
            Received received = new Received();
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
            String query = "";
            if (inQuery) {
                query = "?access_token=" + token;
            }
            else {
                builder.header("Authorization", "Bearer " + token);
            }
            WebSocket socket = builder
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/files/f-1" + query), received)
                .get(60, TimeUnit.SECONDS);
            assertThat(received.next()).as("in query: " + inQuery).isEqualTo("welcome");
            socket.sendText("hello", true).get(60, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("echo hello");

            HttpHeaders upgrade = upgrades.getFirst();
            assertThat(
                    TrustedIdentity.verify(upgrade::get, TestGateway.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8),
                            Instant.now(), Duration.ofSeconds(60)))
                .hasValueSatisfying(identity -> assertThat(identity.userId()).isEqualTo("socket-user"));
            // With the token's expiry, at which the service ends the socket.
            assertThat(TrustedIdentity.verifyCredentialExpiry(upgrade::get, "socket-user",
                    TestGateway.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(),
                    Duration.ofSeconds(60)))
                .hasValueSatisfying(expiry -> assertThat(expiry).isBetween(Instant.now().plusSeconds(13 * 60),
                        Instant.now().plusSeconds(16 * 60)));

            socket.sendText("close", true).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.closeCode != 0);
            assertThat(received.closeCode).isEqualTo(4403);
            assertThat(received.closeReason).isEqualTo("access_revoked");
        }
    }

    /**
     * What the service sends before it closes arrives before the close, and the close
     * keeps the service's code (1012–1014 included, which Spring Cloud Gateway's own
     * relay turned into 1002): a refused join's error message used to go missing now and
     * then.
     */
    @Test
    void aCloseArrivesAfterTheMessagesSentBeforeItAndWithTheServicesCode() throws Exception {
        for (int round = 0; round < 40; round++) {
            Received received = new Received();
            http.newWebSocketBuilder()
                .header("Authorization", TestGateway.bearer("burst-user"))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/files/burst"), received)
                .get(60, TimeUnit.SECONDS);
            for (int i = 0; i < BURST; i++) {
                assertThat(received.next()).as("round " + round).isEqualTo("m" + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> received.closeCode != 0);
            assertThat(received.closeCode).as("round " + round).isEqualTo(1013);
            assertThat(received.closeReason).isEqualTo("too_slow");
        }
    }

    @Test
    void aFrameUpToTheLimitPassesAndALargerOneEndsTheSocketAtTheGateway() throws Exception {
        Received received = new Received();
        WebSocket socket = http.newWebSocketBuilder()
            .header("Authorization", TestGateway.bearer("frame-user"))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/files/f-2"), received)
            .get(60, TimeUnit.SECONDS);
        assertThat(received.next()).isEqualTo("welcome");
        // Larger than the service's own message limit (256 KB), which answers it with an
        // error message and keeps the socket: the gateway must let it reach the service.
        String large = "x".repeat(900 * 1024);
        socket.sendText(large, true).get(60, TimeUnit.SECONDS);
        assertThat(received.next()).isEqualTo("echo " + large);
        socket.sendText("y".repeat(1024 * 1024 + 1), true).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.closeCode != 0);
        // Netty's frame decoder ends it as too big or as a protocol violation.
        assertThat(received.closeCode).isIn(1002, 1009);
    }

    @Test
    void anUpgradeWithoutCredentialsIsRefusedAtTheGateway() {
        upgrades.clear();
        CompletableFuture<WebSocket> attempt = http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/files/f-1"), new Received());
        assertThat(attempt).failsWithin(Duration.ofSeconds(60))
            .withThrowableThat()
            .havingRootCause()
            .satisfies(cause -> assertThat(cause.toString()).contains("401"));
        assertThat(upgrades).isEmpty();
    }

    /**
     * A share link's holder needs no sign-in on the room's upgrade (the room has the link
     * checked), but gets no identity from it: forged identity headers are stripped, a bad
     * access token beside the link is still refused, and only a well-formed token on a
     * room's path counts.
     */
    @Test
    void aShareLinksUpgradeNeedsNoSignInButCarriesNoIdentity() throws Exception {
        upgrades.clear();
        Received received = new Received();
        WebSocket socket = http.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .header(TrustedIdentity.USER_ID, "victim")
            .header(TrustedIdentity.SIGNATURE, "forged")
            .header(TrustedIdentity.TIMESTAMP, Long.toString(Instant.now().getEpochSecond()))
            .buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/ws/files/f-1?share_token=Ab-_0123456789abcdefghijklmnopqr"),
                    received)
            .get(60, TimeUnit.SECONDS);
        assertThat(received.next()).isEqualTo("welcome");
        HttpHeaders upgrade = upgrades.getFirst();
        assertThat(upgrade.get(TrustedIdentity.USER_ID)).isNull();
        assertThat(upgrade.get(TrustedIdentity.SIGNATURE)).isNull();
        assertThat(TrustedIdentity.verify(upgrade::get, TestGateway.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8),
                Instant.now(), Duration.ofSeconds(60)))
            .isEmpty();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(60, TimeUnit.SECONDS);

        // The header works as the query does.
        Received byHeader = new Received();
        WebSocket headerSocket = http.newWebSocketBuilder()
            .header("X-Share-Token", "Ab-_0123456789abcdefghijklmnopqr")
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/files/f-1"), byHeader)
            .get(60, TimeUnit.SECONDS);
        // The stand-in records the upgrade before it greets.
        assertThat(byHeader.next()).isEqualTo("welcome");
        headerSocket.abort();

        upgrades.clear();
        for (String refused : List.of("/ws/files/f-1?share_token=" + "a".repeat(65), "/ws/files/f-1?share_token=a%27b",
                "/ws/files/f-1?share_token=", "/ws/files/f-1/more?share_token=abc",
                "/ws/files/f-1?share_token=abc&access_token=" + TestGateway.token("someone") + "x")) {
            CompletableFuture<WebSocket> attempt = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + refused), new Received());
            assertThat(attempt).as(refused)
                .failsWithin(Duration.ofSeconds(60))
                .withThrowableThat()
                .havingRootCause()
                .satisfies(cause -> assertThat(cause.toString()).contains("401"));
        }
        assertThat(upgrades).isEmpty();
    }

    /** What a client socket received: text frames in order, then its close. */
    static final class Received implements WebSocket.Listener {

        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        private final StringBuilder partial = new StringBuilder();

        volatile int closeCode;

        volatile String closeReason;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode = statusCode;
            return null;
        }

        String next() throws InterruptedException {
            String text = texts.poll(60, TimeUnit.SECONDS);
            assertThat(text).as("a frame within 60 s").isNotNull();
            return text;
        }

    }

}
