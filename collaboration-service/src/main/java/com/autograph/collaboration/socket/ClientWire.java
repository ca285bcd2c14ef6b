package com.autograph.collaboration.socket;

import java.io.IOException;
import java.util.function.Consumer;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.WebSocketSession;

/**
 * The write side of one client's socket: a message is handed to the container without
 * waiting for the client, and {@code sent} hears when it was written (or why not). A room
 * thus writes to all its clients from the thread that applied an edit, instead of waking
 * one sender thread per client.
 */
interface ClientWire {

    /**
     * Starts writing {@code message}; {@code sent} gets null once it is written, or the
     * failure. One message at a time: the next starts only after {@code sent}. It may run
     * on the calling thread.
     */
    void send(String message, Consumer<Throwable> sent);

    void close(CloseStatus status);

    boolean isOpen();

    /**
     * The container's asynchronous sender of a Spring session. A client that reads
     * nothing for {@code sendTimeoutMillis} fails the write (the socket then closes), as
     * a blocking write would time out.
     */
    static ClientWire of(WebSocketSession session, long sendTimeoutMillis) {
        Session container = session instanceof NativeWebSocketSession nativeSession
                ? nativeSession.getNativeSession(Session.class) : null;
        if (container == null) {
            throw new IllegalArgumentException("Not a jakarta.websocket session: " + session);
        }
        RemoteEndpoint.Async remote = container.getAsyncRemote();
        remote.setSendTimeout(sendTimeoutMillis);
        return new ClientWire() {
            @Override
            public void send(String message, Consumer<Throwable> sent) {
                remote.sendText(message, result -> sent.accept(result.isOK() ? null : result.getException()));
            }

            @Override
            public void close(CloseStatus status) {
                try {
                    session.close(status);
                }
                catch (IOException | RuntimeException ex) {
                    // already gone
                }
            }

            @Override
            public boolean isOpen() {
                return session.isOpen();
            }
        };
    }

}
