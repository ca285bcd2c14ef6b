package com.autograph.collaboration.room;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import com.autograph.collaboration.document.CanvasDocument;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client as the protocol describes it: applies the server's ops in sequence order to
 * its copy of the document (no optimistic local edits), remembers the last sequence
 * number, and keeps every message for the test to wait on.
 */
final class SocketClient implements WebSocket.Listener {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final JsonMapper json;

    final TrustedIdentity identity;

    final BlockingQueue<ObjectNode> inbox = new LinkedBlockingQueue<>();

    final List<ObjectNode> seen = new CopyOnWriteArrayList<>();

    private final StringBuilder partial = new StringBuilder();

    volatile CanvasDocument document;

    volatile long seq;

    volatile WebSocket socket;

    volatile boolean closed;

    /** Guards {@link #paused} and {@link #owed}. */
    private final Object demand = new Object();

    /** While paused, the client reads nothing more from its socket. */
    private boolean paused;

    /** A message was received while paused: the next one is asked for on resuming. */
    private boolean owed;

    /**
     * Sockets given up by {@link #drop()}: their late close events are not this client's.
     */
    private final Set<WebSocket> dropped = ConcurrentHashMap.newKeySet();

    /** {@code identity} null: signed out (a share link's holder). */
    SocketClient(JsonMapper json, TrustedIdentity identity) {
        this.json = json;
        this.identity = identity;
    }

    SocketClient connect(int port, UUID fileId, String secret, Long lastSeq) {
        return connect(port, fileId, secret, lastSeq, null);
    }

    /** {@code credentialExpires}: as the gateway passes an access token's expiry. */
    SocketClient connect(int port, UUID fileId, String secret, Long lastSeq, Instant credentialExpires) {
        return connect(port, fileId, secret, lastSeq, credentialExpires, null);
    }

    /** {@code query}: more of the query (a share link's {@code share_token=…}). */
    SocketClient connect(int port, UUID fileId, String secret, Long lastSeq, Instant credentialExpires, String query) {
        String given = (lastSeq == null ? "" : "last_seq=" + lastSeq)
                + (query == null ? "" : (lastSeq == null ? "" : "&") + query);
        open(port, fileId + (given.isEmpty() ? "" : "?" + given), secret, credentialExpires);
        awaitMessage(m -> m.path("type").asString("").equals("welcome"));
        return this;
    }

    /**
     * Opens {@code /ws/files/{target}} without waiting for anything (a refusal comes as
     * an error and a close).
     */
    SocketClient open(int port, String target, String secret, Instant credentialExpires) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        long now = Instant.now().getEpochSecond();
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (identity != null) {
            identity.writeHeaders(key, now, (name, value) -> {
                if (!value.isEmpty()) {
                    builder.header(name, value);
                }
            });
        }
        if (credentialExpires != null) {
            TrustedIdentity.writeCredentialExpiry(identity.userId(), credentialExpires, key, now, builder::header);
        }
        closed = false;
        partial.setLength(0);
        seen.clear();
        inbox.clear();
        socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/files/" + target), this).join();
        return this;
    }

    void send(ObjectNode message) {
        socket.sendText(message.toString(), true).join();
    }

    /** Waits for a message this client received (or receives) that matches. */
    ObjectNode awaitMessage(Predicate<ObjectNode> match) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ObjectNode old : seen) {
            if (match.test(old)) {
                return old;
            }
        }
        try {
            while (System.nanoTime() < until) {
                ObjectNode next = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && match.test(next)) {
                    return next;
                }
                if (next != null && next.path("type").asString("").equals("closed")) {
                    throw new IllegalStateException("The socket closed: " + next);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(
                "No such message; last ones: " + seen.subList(Math.max(0, seen.size() - 5), seen.size()));
    }

    /**
     * Sends an op and waits for its outcome: the op as the room applied it, or an error.
     */
    ObjectNode edit(String opId, List<ObjectNode> ops) {
        return edit(opId, ops, seq);
    }

    /**
     * Builds ops from the document as it is and sends them with the sequence number of
     * that same state: an index into a text is only meaningful with the base it was read
     * at, and the socket's thread applies other ops in between.
     */
    ObjectNode edit(String opId, Function<CanvasDocument, List<ObjectNode>> build) {
        List<ObjectNode> ops;
        long base;
        synchronized (this) {
            ops = build.apply(document);
            base = seq;
        }
        return edit(opId, ops, base);
    }

    private ObjectNode edit(String opId, List<ObjectNode> ops, long base) {
        ObjectNode message = json.createObjectNode().put("type", "op").put("op_id", opId).put("base_seq", base);
        var list = message.putArray("ops");
        ops.forEach(list::add);
        send(message);
        return awaitMessage(m -> opId.equals(m.path("op_id").asString(null))
                && (m.path("type").asString("").equals("op") || m.path("type").asString("").equals("error")));
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            ObjectNode message = (ObjectNode) json.readTree(partial.toString());
            partial.setLength(0);
            receive(message);
        }
        synchronized (demand) {
            if (paused) {
                owed = true;
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    /**
     * Stops reading (after the message being read, if any): what the room sends waits in
     * the socket's buffers and then in the room's outbox, as for a client whose network
     * stalls.
     */
    void pause() {
        synchronized (demand) {
            paused = true;
        }
    }

    /** Reads again. */
    void resume() {
        boolean request;
        synchronized (demand) {
            paused = false;
            request = owed;
            owed = false;
        }
        if (request) {
            socket.request(1);
        }
    }

    private synchronized void receive(ObjectNode message) {
        switch (message.path("type").asString("")) {
            case "welcome" -> {
                if (message.has("document")) {
                    document = new CanvasDocument((ObjectNode) message.get("document"),
                            message.path("note").asString(""), 20_000);
                    seq = message.path("seq").asLong();
                }
                else {
                    for (JsonNode missed : message.path("missed")) {
                        apply((ObjectNode) missed);
                    }
                    seq = Math.max(seq, message.path("seq").asLong());
                }
            }
            case "op" -> apply(message);
            case "snapshot" -> {
                document = new CanvasDocument((ObjectNode) message.get("document"), message.path("note").asString(""),
                        20_000);
                seq = message.path("seq").asLong();
            }
            default -> {
            }
        }
        seen.add(message);
        inbox.add(message);
    }

    private synchronized void apply(ObjectNode op) {
        long opSeq = op.path("seq").asLong();
        if (opSeq <= seq) {
            return;
        }
        for (JsonNode each : op.path("ops")) {
            document.apply((ObjectNode) each);
        }
        seq = opSeq;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (dropped.contains(webSocket)) {
            return null;
        }
        closed = true;
        ObjectNode close = json.createObjectNode().put("type", "closed").put("code", statusCode).put("reason", reason);
        seen.add(close);
        inbox.add(close);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (dropped.contains(webSocket)) {
            return;
        }
        closed = true;
        // Whoever waits for a message hears of it at once (a connection that broke).
        ObjectNode close = json.createObjectNode().put("type", "closed").put("error", error.toString());
        seen.add(close);
        inbox.add(close);
    }

    /** Loses the connection without a closing handshake, as a network failure would. */
    void drop() {
        dropped.add(socket);
        socket.abort();
        closed = true;
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

}
