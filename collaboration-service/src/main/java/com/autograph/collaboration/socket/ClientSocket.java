package com.autograph.collaboration.socket;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.CloseStatus;
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
 * outbox written asynchronously, one message at a time, by whichever thread finds the
 * wire free (usually the one that applied an edit, so a broadcast is one loop of
 * non-blocking writes, not a wake-up per client). A slow client never holds up a room: a
 * full outbox, in messages or in characters, closes the socket instead.
 */
final class ClientSocket implements Connection {

    private static final int OUTBOX = 10_000;

    /**
     * How long one message may take to reach a client that stopped reading before the
     * socket is closed (1011 {@code send_failed}); Tomcat's default for blocking writes.
     */
    private static final long SEND_TIMEOUT_MILLIS = 20_000;

    /** The hand-over the current thread is in, if any. */
    private static final ThreadLocal<HandOver> HANDING_OVER = new ThreadLocal<>();

    /**
     * Characters a client's outbox holds at most (besides a message alone in it, such as
     * a large welcome): a client reading slower than its room writes is closed (1013
     * {@code too_slow}) before its backlog can fill the heap. A broadcast is one string
     * shared by every outbox, so this also bounds what all slow readers hold together.
     */
    static final long MAX_QUEUED_CHARS = 8_000_000;

    private static final String[] COLORS = { "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
            "#f032e6", "#469990", "#9a6324", "#800000", "#808000", "#000075" };

    private final String id;

    private final ClientWire wire;

    private final TrustedIdentity identity;

    private final Link link;

    private volatile Access access;

    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();

    private final AtomicInteger queued = new AtomicInteger();

    private final AtomicLong queuedChars = new AtomicLong();

    /**
     * True while a message is on the wire (or the socket is done): one writer at a time.
     */
    private final AtomicBoolean writing = new AtomicBoolean();

    private final AtomicBoolean left = new AtomicBoolean();

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
        this(ClientWire.of(session, SEND_TIMEOUT_MILLIS), session.getId(), identity, link, grant, presence, now);
    }

    ClientSocket(ClientWire wire, String id, TrustedIdentity identity, Link link, Grant grant, ObjectNode presence,
            long now) {
        this.wire = wire;
        this.id = id;
        this.identity = identity;
        this.link = link;
        this.access = grant.access();
        this.linkExpiresAt = expiry(grant);
        this.presence = presence;
        this.lastMessageAt = now;
        this.lastActivityAt = now;
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
        return id;
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
        long chars = queuedChars.addAndGet(message.length());
        int count = queued.incrementAndGet();
        if ((chars > MAX_QUEUED_CHARS && chars != message.length()) || count > OUTBOX) {
            queued.decrementAndGet();
            queuedChars.addAndGet(-message.length());
            close(1013, "too_slow");
            return;
        }
        outbox.add(message);
        writeNext();
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
        outbox.add(new CloseStatus(code, reason));
        writeNext();
    }

    /** The socket closed on its own: stop sending, drop what waits. */
    void closed() {
        closed = true;
        writing.set(true);
        discardOutbox();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * True the first time only: the socket leaves its room once, whether its close is
     * noticed by the close callback or by the join it interrupted.
     */
    boolean leaving() {
        return left.compareAndSet(false, true);
    }

    /**
     * Hands the next message to the wire unless one is on it. A write the wire finishes
     * on this same thread is followed here, in the loop, rather than from its callback: a
     * long backlog must not become a deep recursion.
     */
    private void writeNext() {
        while (writing.compareAndSet(false, true)) {
            Object next = outbox.poll();
            if (next == null) {
                writing.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue;
            }
            if (next instanceof CloseStatus status) {
                end(status);
                return;
            }
            String message = (String) next;
            queued.decrementAndGet();
            queuedChars.addAndGet(-message.length());
            HandOver handOver = new HandOver(this);
            HANDING_OVER.set(handOver);
            try {
                wire.send(message, this::sent);
            }
            catch (RuntimeException ex) {
                failed();
                return;
            }
            finally {
                HANDING_OVER.remove();
            }
            if (!handOver.sent) {
                return;
            }
            writing.set(false);
        }
    }

    private void sent(Throwable failure) {
        if (failure != null) {
            failed();
            return;
        }
        HandOver handOver = HANDING_OVER.get();
        if (handOver != null && handOver.socket == this) {
            handOver.sent = true;
            return;
        }
        writing.set(false);
        writeNext();
    }

    private void failed() {
        closed = true;
        end(new CloseStatus(1011, "send_failed"));
    }

    /**
     * Nothing more is written: the socket closes with {@code status}, off this thread
     * (the room's leave runs from the close and may need the lock the caller holds).
     */
    private void end(CloseStatus status) {
        writing.set(true);
        discardOutbox();
        Thread.ofVirtual().name("collab-close-" + id).start(() -> wire.close(status));
    }

    private void discardOutbox() {
        Object next;
        while ((next = outbox.poll()) != null) {
            if (next instanceof String message) {
                queued.decrementAndGet();
                queuedChars.addAndGet(-message.length());
            }
        }
    }

    /**
     * One message being handed to the wire by one thread: whether the wire finished it
     * before returning.
     */
    private static final class HandOver {

        final ClientSocket socket;

        boolean sent;

        HandOver(ClientSocket socket) {
            this.socket = socket;
        }

    }

}
