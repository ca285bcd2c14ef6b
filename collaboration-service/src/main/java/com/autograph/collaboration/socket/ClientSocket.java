package com.autograph.collaboration.socket;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import com.autograph.collaboration.diagram.DiagramFiles;
import com.autograph.collaboration.diagram.DiagramFiles.Access;
import com.autograph.collaboration.diagram.DiagramFiles.Grant;
import com.autograph.collaboration.diagram.DiagramFiles.Link;
import com.autograph.collaboration.room.Connection;
import com.autograph.collaboration.room.Room;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.node.ObjectNode;

/**
 * One client's socket: its identity and permission, its presence, its rate limit, and an
 * outbox drained by its own virtual thread, so that a slow client never holds up a room
 * (a full outbox, in messages or in characters, closes the socket instead).
 */
final class ClientSocket implements Connection {

    private static final int OUTBOX = 10_000;

    /**
     * Characters a client's outbox holds at most (besides a message alone in it, such as
     * a large welcome): a client reading slower than its room writes is closed (1013
     * {@code too_slow}) before its backlog can fill the heap. A broadcast is one string
     * shared by every outbox, so this also bounds what all slow readers hold together.
     */
    static final long MAX_QUEUED_CHARS = 8_000_000;

    private static final String[] COLORS = { "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
            "#f032e6", "#469990", "#9a6324", "#800000", "#808000", "#000075" };

    private final WebSocketSession session;

    private final TrustedIdentity identity;

    private final Link link;

    private volatile Access access;

    private final BlockingQueue<Object> outbox = new ArrayBlockingQueue<>(OUTBOX);

    private final AtomicLong queuedChars = new AtomicLong();

    private final Thread sender;

    private volatile boolean closed;

    /** Set once the room has welcomed this socket. */
    volatile Room room;

    /** The presence others see (cursor, selection, status…). */
    final ObjectNode presence;

    final StringBuilder partial = new StringBuilder();

    boolean oversized;

    volatile long lastMessageAt;

    volatile long lastActivityAt;

    /**
     * When the credential the socket was opened with expires (epoch ms): it closes then.
     */
    volatile long credentialExpiresAt = Long.MAX_VALUE;

    /**
     * When the share link the connection's permission comes from expires (epoch ms): it
     * closes then.
     */
    volatile long linkExpiresAt = Long.MAX_VALUE;

    /** Cursor updates: the last one sent, and the newest one waiting for its turn. */
    long lastCursorAt;

    ObjectNode pendingCursor;

    boolean cursorFlushScheduled;

    int strikes;

    long lastRateErrorAt;

    ClientSocket(WebSocketSession session, TrustedIdentity identity, Link link, Grant grant, ObjectNode presence,
            long now) {
        this.session = session;
        this.identity = identity;
        this.link = link;
        this.access = grant.access();
        this.linkExpiresAt = expiry(grant);
        this.presence = presence;
        this.lastMessageAt = now;
        this.lastActivityAt = now;
        this.sender = Thread.ofVirtual().name("collab-send-" + session.getId()).start(this::drain);
    }

    static String colorOf(String userId) {
        return COLORS[Math.floorMod(userId.hashCode(), COLORS.length)];
    }

    private static long expiry(Grant grant) {
        return grant.linkExpiresAt() == null ? Long.MAX_VALUE : grant.linkExpiresAt().toEpochMilli();
    }

    /**
     * The e-mail address's local part; a guest is "Guest" and the suffix of their
     * connection's guest id.
     */
    static String nameOf(TrustedIdentity identity) {
        if (DiagramFiles.isGuest(identity)) {
            return "Guest " + identity.userId().substring(identity.userId().length() - 4);
        }
        String email = identity.email();
        return email.isEmpty() ? identity.userId() : email.substring(0, Math.max(1, email.indexOf('@')));
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public TrustedIdentity identity() {
        return identity;
    }

    @Override
    public String name() {
        return presence.path("name").asString("");
    }

    @Override
    public String color() {
        return presence.path("color").asString("");
    }

    @Override
    public Link link() {
        return link;
    }

    @Override
    public Access access() {
        return access;
    }

    @Override
    public void grant(Grant grant) {
        this.access = grant.access();
        this.linkExpiresAt = expiry(grant);
        presence.put("permission", access == Access.EDIT ? "edit" : "view");
    }

    @Override
    public void send(String message) {
        if (closed) {
            return;
        }
        long queued = queuedChars.addAndGet(message.length());
        if ((queued > MAX_QUEUED_CHARS && queued != message.length()) || !outbox.offer(message)) {
            queuedChars.addAndGet(-message.length());
            close(1013, "too_slow");
        }
    }

    /** Characters waiting in the outbox. */
    long queuedChars() {
        return queuedChars.get();
    }

    /** Closes after what is already queued has been sent (an error that says why). */
    @Override
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (!outbox.offer(new CloseStatus(code, reason))) {
            sender.interrupt();
            closeNow(new CloseStatus(code, reason));
        }
    }

    /** The socket closed on its own: stop sending. */
    void closed() {
        closed = true;
        // Not when the sender closed the socket itself: leaving the room (Redis) follows
        // on this thread, and an interrupted thread's Redis commands fail.
        if (Thread.currentThread() != sender) {
            sender.interrupt();
        }
    }

    private void closeNow(CloseStatus status) {
        try {
            session.close(status);
        }
        catch (IOException | RuntimeException ex) {
            // already gone
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void drain() {
        try {
            while (true) {
                Object next = outbox.poll(1, TimeUnit.SECONDS);
                if (next instanceof CloseStatus status) {
                    closeNow(status);
                    return;
                }
                if (next instanceof String message) {
                    queuedChars.addAndGet(-message.length());
                    if (session.isOpen()) {
                        session.sendMessage(new TextMessage(message));
                    }
                }
                if (next == null && !session.isOpen()) {
                    return;
                }
            }
        }
        catch (InterruptedException ex) {
            // closed
        }
        catch (IOException | RuntimeException ex) {
            close(1011, "send_failed");
        }
    }

}
