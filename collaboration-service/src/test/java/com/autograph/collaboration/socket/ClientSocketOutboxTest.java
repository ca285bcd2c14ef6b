package com.autograph.collaboration.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

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
        StalledWire wire = new StalledWire();
        ClientSocket socket = socket(wire);
        // The sender takes the first message and stalls in the write, as when the
        // client's TCP window is full.
        socket.send(LARGE);
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.writing.get() != null);
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

        wire.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.closedWith.get() != null);
        assertThat(wire.closedWith.get().getCode()).isEqualTo(1013);
        assertThat(wire.closedWith.get().getReason()).isEqualTo("too_slow");
        assertThat(socket.queuedChars()).isZero();
    }

    @Test
    void aMessageLargerThanTheLimitAloneInTheOutboxIsSent() throws Exception {
        StalledWire wire = new StalledWire();
        ClientSocket socket = socket(wire);
        String welcome = "w".repeat((int) ClientSocket.MAX_QUEUED_CHARS + 10);
        socket.send(welcome);
        // Being written, it no longer counts against what may wait behind it.
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.writing.get() != null);
        socket.send("{\"type\":\"op\"}");
        wire.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.sent.get() == 2);
        assertThat(socket.isClosed()).isFalse();
        assertThat(socket.queuedChars()).isZero();
    }

    @Test
    void aLongBacklogWrittenByTheWireAtOnceIsSentInOrderWithoutRecursion() {
        StalledWire wire = new StalledWire();
        ClientSocket socket = socket(wire);
        socket.send("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.writing.get() != null);
        for (int i = 0; i < 5_000; i++) {
            socket.send(Integer.toString(i));
        }
        // From now on every write finishes before the wire returns, on the releasing
        // thread.
        wire.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.sent.get() == 5_001);
        assertThat(wire.order).startsWith("first", "0", "1", "2").endsWith("4998", "4999");
        assertThat(wire.deepestStack.get()).as("frames on the stack at a write").isLessThan(200);
        assertThat(socket.queuedChars()).isZero();
        assertThat(socket.isClosed()).isFalse();
    }

    @Test
    void aFailedWriteClosesTheSocketAndDropsTheBacklog() {
        StalledWire wire = new StalledWire();
        ClientSocket socket = socket(wire);
        socket.send("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.writing.get() != null);
        socket.send("second");
        wire.fail();
        await().atMost(Duration.ofSeconds(10)).until(() -> wire.closedWith.get() != null);
        assertThat(wire.closedWith.get().getCode()).isEqualTo(1011);
        assertThat(wire.closedWith.get().getReason()).isEqualTo("send_failed");
        assertThat(wire.order).containsExactly("first");
        assertThat(socket.isClosed()).isTrue();
        assertThat(socket.queuedChars()).isZero();
    }

    private static ClientSocket socket(ClientWire wire) {
        TrustedIdentity reader = new TrustedIdentity("u-slow", "slow@example.com", List.of("user"), "", "jwt");
        return new ClientSocket(wire, "stalled", reader, null, new Grant(Access.VIEW, null),
                JsonMapper.builder().build().createObjectNode(), System.currentTimeMillis());
    }

    /**
     * A wire whose first write waits until {@link #open} (a client that reads nothing);
     * after that, each write finishes before {@code send} returns, as a container's does
     * when the socket's buffer has room.
     */
    private static final class StalledWire implements ClientWire {

        final AtomicReference<String> writing = new AtomicReference<>();

        final AtomicInteger sent = new AtomicInteger();

        final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());

        final AtomicReference<CloseStatus> closedWith = new AtomicReference<>();

        final AtomicInteger deepestStack = new AtomicInteger();

        private boolean open;

        private Consumer<Throwable> pending;

        @Override
        public void send(String message, Consumer<Throwable> done) {
            writing.set(message);
            order.add(message);
            deepestStack.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
            synchronized (this) {
                if (!open) {
                    pending = done;
                    return;
                }
            }
            sent.incrementAndGet();
            done.accept(null);
        }

        void open() {
            Consumer<Throwable> waiting;
            synchronized (this) {
                open = true;
                waiting = pending;
                pending = null;
            }
            if (waiting != null) {
                sent.incrementAndGet();
                waiting.accept(null);
            }
        }

        void fail() {
            Consumer<Throwable> waiting;
            synchronized (this) {
                waiting = pending;
                pending = null;
            }
            waiting.accept(new java.io.IOException("Broken pipe"));
        }

        @Override
        public void close(CloseStatus status) {
            closedWith.compareAndSet(null, status);
        }

        @Override
        public boolean isOpen() {
            return closedWith.get() == null;
        }

    }

}
