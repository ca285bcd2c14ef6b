package com.autograph.collaboration.socket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import com.autograph.collaboration.diagram.DiagramFiles.Access;
import com.autograph.collaboration.diagram.DiagramFiles.Grant;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading: its outbox stops growing at
 * {@link ClientSocket#MAX_QUEUED_CHARS} and the socket is closed with 1013
 * {@code too_slow}, however large the messages the room sends it; a message alone in an
 * empty outbox (a large welcome) is always queued.
 */
class ClientSocketOutboxTest {

    /** Near the largest message a room accepts (256 K characters). */
    private static final String LARGE = "x".repeat(250_000);

    @Test
    void aClientThatStopsReadingIsClosedBeforeItsBacklogPassesTheLimit() {
        StalledSession session = new StalledSession();
        ClientSocket socket = socket(session);
        // The sender takes the first message and stalls in the write, as when the
        // client's TCP window is full.
        socket.send(LARGE);
        await().atMost(Duration.ofSeconds(10)).until(() -> session.writing.get() != null);
        int sent = 1;
        while (!socket.isClosed() && sent < 1_000) {
            socket.send(LARGE);
            sent++;
        }
        assertThat(socket.isClosed()).as("closed after %d messages", sent).isTrue();
        assertThat(sent).isLessThan(1_000);
        assertThat(socket.queuedChars()).isLessThanOrEqualTo(ClientSocket.MAX_QUEUED_CHARS);
        // Later messages are dropped, not queued.
        socket.send(LARGE);
        assertThat(socket.queuedChars()).isLessThanOrEqualTo(ClientSocket.MAX_QUEUED_CHARS);

        session.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> session.closedWith.get() != null);
        assertThat(session.closedWith.get().getCode()).isEqualTo(1013);
        assertThat(session.closedWith.get().getReason()).isEqualTo("too_slow");
        assertThat(socket.queuedChars()).isZero();
    }

    @Test
    void aMessageLargerThanTheLimitAloneInTheOutboxIsSent() throws Exception {
        StalledSession session = new StalledSession();
        ClientSocket socket = socket(session);
        String welcome = "w".repeat((int) ClientSocket.MAX_QUEUED_CHARS + 10);
        socket.send(welcome);
        // Being written, it no longer counts against what may wait behind it.
        await().atMost(Duration.ofSeconds(10)).until(() -> session.writing.get() != null);
        socket.send("{\"type\":\"op\"}");
        session.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> session.sent.get() == 2);
        assertThat(socket.isClosed()).isFalse();
        assertThat(socket.queuedChars()).isZero();
    }

    private static ClientSocket socket(WebSocketSession session) {
        TrustedIdentity reader = new TrustedIdentity("u-slow", "slow@example.com", List.of("user"), "", "jwt");
        return new ClientSocket(session, reader, null, new Grant(Access.VIEW, null),
                JsonMapper.builder().build().createObjectNode(), System.currentTimeMillis());
    }

    /**
     * A session whose writes wait until {@link #release} (a client that reads nothing).
     */
    private static final class StalledSession implements WebSocketSession {

        final CountDownLatch release = new CountDownLatch(1);

        final AtomicReference<WebSocketMessage<?>> writing = new AtomicReference<>();

        final AtomicInteger sent = new AtomicInteger();

        final AtomicReference<CloseStatus> closedWith = new AtomicReference<>();

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            writing.set(message);
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            sent.incrementAndGet();
        }

        @Override
        public void close(CloseStatus status) {
            closedWith.compareAndSet(null, status);
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public boolean isOpen() {
            return closedWith.get() == null;
        }

        @Override
        public String getId() {
            return "stalled";
        }

        @Override
        public URI getUri() {
            return URI.create("ws://localhost/ws/files/x");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return new ConcurrentHashMap<>();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return Integer.MAX_VALUE;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return Integer.MAX_VALUE;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return new ArrayList<>();
        }

    }

}
