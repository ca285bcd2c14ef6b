package com.autograph.platform.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of a collaboration room through the gateway, as the web app is one
 * (docs/collaboration-protocol.md): it keeps every message it receives, and its close.
 */
final class RoomSocket implements WebSocket.Listener {

    private static final HttpClient http = HttpClient.newHttpClient();

    private static final Duration WAIT = Duration.ofSeconds(60);

    final List<String> received = new CopyOnWriteArrayList<>();

    private final StringBuilder partial = new StringBuilder();

    private WebSocket socket;

    /** {@link #closeCode} of a socket that ended without a closing handshake. */
    static final int ABORTED = -1;

    volatile int closeCode;

    /**
     * Opens {@code path} (with its query) on the gateway with these request headers and
     * waits for the room's {@code welcome}.
     */
    static RoomSocket open(RunningPlatform platform, String path, Map<String, String> headers) throws Exception {
        RoomSocket room = new RoomSocket();
        room.socket = upgrade(platform, path, headers, room).get(60, TimeUnit.SECONDS);
        room.awaitType("welcome");
        return room;
    }

    /**
     * How an attempt to join is refused: by the gateway, its HTTP status ({@code "401"});
     * by the room after the upgrade, the error's code and the close code
     * ({@code "not_found 4404"}); {@code "joined"} when it is not refused.
     */
    static String refusal(RunningPlatform platform, String path, Map<String, String> headers) throws Exception {
        RoomSocket room = new RoomSocket();
        try {
            room.socket = upgrade(platform, path, headers, room).get(60, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            assertThat(ex.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return Integer.toString(((WebSocketHandshakeException) ex.getCause()).getResponse().statusCode());
        }
        String answer = room.await(message -> List.of("welcome", "error").contains(field(message, "$.type")));
        if ("welcome".equals(field(answer, "$.type"))) {
            room.socket.abort();
            return "joined";
        }
        return field(answer, "$.code") + " " + room.awaitClose();
    }

    private static CompletableFuture<WebSocket> upgrade(RunningPlatform platform, String path,
            Map<String, String> headers, RoomSocket listener) {
        URI address = platform.gateway(path);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder.buildAsync(URI.create("ws" + address.toString().substring("http".length())), listener);
    }

    void send(String message) throws Exception {
        socket.sendText(message, true).get(60, TimeUnit.SECONDS);
    }

    /** The first message received (so far, or within a minute) that matches. */
    String await(Predicate<String> match) {
        String[] found = new String[1];
        Awaitility.await().atMost(WAIT).until(() -> {
            for (String message : received) {
                if (match.test(message)) {
                    found[0] = message;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    String awaitType(String type) {
        return await(message -> type.equals(field(message, "$.type")));
    }

    /** The {@code error} with this code. */
    String awaitError(String code) {
        return await(message -> "error".equals(field(message, "$.type")) && code.equals(field(message, "$.code")));
    }

    /** Waits for the server to close the socket; returns its close code. */
    int awaitClose() {
        Awaitility.await().atMost(WAIT).until(() -> closeCode != 0);
        return closeCode;
    }

    void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(60, TimeUnit.SECONDS);
    }

    /** A field of a JSON message, or null when absent. */
    static Object field(String message, String path) {
        try {
            return JsonPath.read(message, path);
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode = closeCode == 0 ? ABORTED : closeCode;
    }

}
