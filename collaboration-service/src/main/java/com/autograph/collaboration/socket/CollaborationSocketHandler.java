package com.autograph.collaboration.socket;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.autograph.collaboration.diagram.DiagramFiles;
import com.autograph.collaboration.diagram.DiagramFiles.Access;
import com.autograph.collaboration.diagram.DiagramFiles.Grant;
import com.autograph.collaboration.diagram.DiagramFiles.Link;
import com.autograph.collaboration.room.CollaborationProperties;
import com.autograph.collaboration.room.Room;
import com.autograph.collaboration.room.RoomLog;
import com.autograph.collaboration.room.Rooms;
import com.autograph.document.DocumentValidator;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ws/files/{fileId}}: the protocol of docs/collaboration-protocol.md. Every
 * message is checked for size (before parsing), rate (a token bucket per user on this
 * instance: refused with an error, and the socket closed after {@code flood-strikes}
 * refusals), shape and permission before it reaches the room; a bad message gets an
 * {@code error} and leaves the socket and the room as they were.
 */
class CollaborationSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(CollaborationSocketHandler.class);

    static final String IDENTITY = "autograph.identity";

    static final String FILE = "autograph.file";

    static final String GRANT = "autograph.grant";

    static final String LINK = "autograph.link";

    static final String LAST_SEQ = "autograph.last-seq";

    static final String CREDENTIAL_EXPIRES = "autograph.credential-expires";

    /** The client's address (the gateway's signed one), which guests are counted by. */
    static final String ADDRESS = "autograph.address";

    /** Why the socket may not join (an {@link ApiException}): it is told and closed. */
    static final String REFUSED = "autograph.refused";

    private static final int MAX_ID = DocumentValidator.MAX_ID_LENGTH;

    private static final int MAX_CHAT = 500;

    private static final Set<String> OPERATIONS = Set.of("add", "update", "delete", "reorder", "bind", "text",
            "document");

    private final Rooms rooms;

    private final CollaborationProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    private final TaskScheduler scheduler;

    private final Map<String, ClientSocket> sockets = new ConcurrentHashMap<>();

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    private final SocketQuota quota;

    /** The quota holder of each admitted socket, by session id: released on close. */
    private final Map<String, String> holders = new ConcurrentHashMap<>();

    CollaborationSocketHandler(Rooms rooms, JsonMapper json, Clock clock, TaskScheduler scheduler) {
        this.rooms = rooms;
        this.properties = rooms.properties();
        this.json = json;
        this.clock = clock;
        this.scheduler = scheduler;
        this.quota = new SocketQuota(properties.maxSockets(), properties.maxSocketsPerUser(),
                properties.maxGuestSocketsPerAddress());
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        ApiException refusal = (ApiException) session.getAttributes().get(REFUSED);
        if (refusal == null) {
            refusal = admit(session);
        }
        if (refusal instanceof ApiException refused) {
            try {
                session.sendMessage(new TextMessage(error(refused.code(), refused.getMessage(), null)));
                session.close(new CloseStatus(closeCode(refused), refused.code()));
            }
            catch (IOException ex) {
                // gone already
            }
            return;
        }
        TrustedIdentity identity = (TrustedIdentity) session.getAttributes().get(IDENTITY);
        UUID fileId = (UUID) session.getAttributes().get(FILE);
        Grant grant = (Grant) session.getAttributes().get(GRANT);
        Link link = (Link) session.getAttributes().get(LINK);
        long now = clock.millis();
        ObjectNode presence = json.createObjectNode()
            .put("connection_id", session.getId())
            .put("user_id", identity.userId())
            .put("name", ClientSocket.nameOf(identity))
            .put("color", ClientSocket.colorOf(identity.userId()))
            .put("guest", DiagramFiles.isGuest(identity))
            .put("permission", grant.access() == Access.EDIT ? "edit" : "view")
            .put("status", "online")
            .put("joined_at", Instant.ofEpochMilli(now).toString())
            .put("last_seen", Instant.ofEpochMilli(now).toString());
        ClientSocket socket = new ClientSocket(session, identity, link, grant, presence, now);
        if (session.getAttributes().get(CREDENTIAL_EXPIRES) instanceof Instant expiry) {
            socket.credentialExpiresAt = expiry.toEpochMilli();
        }
        sockets.put(session.getId(), socket);
        ObjectNode welcome = json.createObjectNode().put("type", "welcome");
        welcome.put("file_id", fileId.toString()).put("connection_id", session.getId());
        welcome.set("you", presence.deepCopy());
        welcome.put("max_message_size", properties.maxMessageSize().toBytes())
            .put("max_ops_per_message", properties.maxOpsPerMessage())
            .put("cursor_updates_per_second", properties.cursorUpdatesPerSecond());
        try {
            rooms.present(fileId, socket.id(), presence);
            Room room = rooms.join(fileId, socket, (Long) session.getAttributes().get(LAST_SEQ), welcome);
            socket.send(welcome.toString());
            socket.room = room;
            if (socket.isClosed()) {
                // It closed while joining, before it had a room to leave.
                leave(socket);
                return;
            }
            ObjectNode joined = json.createObjectNode().put("type", "joined");
            joined.set("member", presence.deepCopy());
            rooms.publish(fileId, socket.id(), joined);
        }
        catch (ApiException ex) {
            socket.send(error(ex.code(), ex.getMessage(), null));
            socket.close(closeCode(ex), ex.code());
        }
        catch (RuntimeException ex) {
            log.warn("Could not open room {}: {}", fileId, ex.toString());
            socket.send(error("room_unavailable", "The room cannot be opened right now; reconnect in a few seconds.",
                    null));
            socket.close(1011, "room_unavailable");
        }
    }

    /**
     * Takes the socket's place in the quota (null), or says why there is none: the socket
     * is then told and closed before it costs a room anything.
     */
    private ApiException admit(WebSocketSession session) {
        TrustedIdentity identity = (TrustedIdentity) session.getAttributes().get(IDENTITY);
        String holder = SocketQuota.holder(identity.userId(), DiagramFiles.isGuest(identity),
                String.valueOf(session.getAttributes().get(ADDRESS)));
        try {
            quota.admit(holder);
        }
        catch (ApiException ex) {
            return ex;
        }
        holders.put(session.getId(), holder);
        return null;
    }

    /**
     * Over a limit, or this instance full: 1013, try again later; else 4000 + the HTTP
     * status (diagram-service unavailable stays 4503, as documented).
     */
    private static int closeCode(ApiException ex) {
        int status = ex.status().value();
        return status == 429 || SocketQuota.SERVER_BUSY.equals(ex.code()) ? 1013 : 4000 + status;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        String holder = holders.remove(session.getId());
        if (holder != null) {
            quota.release(holder);
        }
        ClientSocket socket = sockets.remove(session.getId());
        if (socket == null) {
            return;
        }
        socket.closed();
        leave(socket);
    }

    /** Leaves the socket's room, once, if it joined one. */
    private void leave(ClientSocket socket) {
        Room room = socket.room;
        if (room == null || !socket.leaving()) {
            return;
        }
        try {
            rooms.leave(room, socket);
        }
        catch (RuntimeException ex) {
            log.warn("Leaving room {} failed: {}", room.fileId(), ex.toString());
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ClientSocket socket = sockets.get(session.getId());
        if (socket == null || socket.room == null) {
            return;
        }
        String text;
        synchronized (socket) {
            long limit = properties.maxMessageSize().toBytes();
            if (!socket.oversized && socket.partial.length() + message.getPayloadLength() > limit) {
                socket.oversized = true;
                socket.partial.setLength(0);
            }
            if (!socket.oversized) {
                socket.partial.append(message.getPayload());
            }
            if (!message.isLast()) {
                return;
            }
            if (socket.oversized) {
                socket.oversized = false;
                socket.send(error("message_too_large", "A message may have at most " + limit + " characters.", null));
                return;
            }
            text = socket.partial.toString();
            socket.partial.setLength(0);
        }
        long now = clock.millis();
        socket.lastMessageAt = now;
        if (!bucket(socket).take(now)) {
            refuseFlood(socket, now);
            return;
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        }
        catch (JacksonException ex) {
            socket.send(error("malformed_message", "The message is not JSON.", null));
            return;
        }
        if (!(parsed instanceof ObjectNode object) || !object.path("type").isString()) {
            socket.send(error("malformed_message", "A message is a JSON object with a string \"type\".", null));
            return;
        }
        try {
            handle(socket, object, now);
        }
        catch (Refusal refusal) {
            socket.send(error(refusal.code, refusal.getMessage(), object.path("op_id").asString(null)));
        }
        catch (ApiException ex) {
            socket.send(error(ex.code(), ex.getMessage(), object.path("op_id").asString(null)));
        }
        catch (RuntimeException ex) {
            log.warn("A message in room {} failed: {}", socket.room.fileId(), ex.toString());
            socket.send(error("temporarily_unavailable", "The message could not be handled; send it again.",
                    object.path("op_id").asString(null)));
        }
    }

    private void handle(ClientSocket socket, ObjectNode message, long now) {
        Room room = socket.room;
        UUID fileId = room.fileId();
        String type = message.get("type").asString();
        switch (type) {
            case "op" -> {
                requireEdit(socket);
                activity(socket, now);
                ObjectNode entry = json.createObjectNode().put("kind", "ops");
                entry.put("op_id", opId(message));
                JsonNode base = message.get("base_seq");
                if (base != null && !(base.isIntegralNumber() && base.asLong() >= 0)) {
                    throw new Refusal("invalid_message", "base_seq must be a whole number from 0.");
                }
                entry.put("base_seq", base == null ? room.seq() : base.asLong());
                entry.set("ops", operations(message.get("ops")));
                rooms.submit(room, socket, entry);
            }
            case "undo", "redo" -> {
                requireEdit(socket);
                activity(socket, now);
                rooms.submit(room, socket, json.createObjectNode().put("kind", type).put("op_id", opId(message)));
            }
            case "lock", "unlock" -> {
                requireEdit(socket);
                rooms.submit(room, socket,
                        json.createObjectNode()
                            .put("kind", type)
                            .put("op_id", opId(message))
                            .put("id", shapeId(message.get("id"))));
            }
            case "resync" -> {
                JsonNode last = message.get("last_seq");
                ObjectNode welcome = json.createObjectNode().put("type", "welcome");
                welcome.put("file_id", fileId.toString()).put("connection_id", socket.id());
                welcome.set("you", socket.presence.deepCopy());
                rooms.join(fileId, socket, last != null && last.isIntegralNumber() ? last.asLong() : null, welcome);
                socket.send(welcome.toString());
            }
            case "cursor" -> {
                activity(socket, now);
                cursor(socket,
                        json.createObjectNode()
                            .put("type", "cursor")
                            .put("connection_id", socket.id())
                            .put("x", number(message, "x"))
                            .put("y", number(message, "y")),
                        now);
            }
            case "selection" -> {
                activity(socket, now);
                ObjectNode selection = json.createObjectNode()
                    .put("type", "selection")
                    .put("connection_id", socket.id());
                var ids = selection.putArray("ids");
                JsonNode given = message.path("ids");
                if (!given.isArray() || given.size() > properties.maxShapes()) {
                    throw new Refusal("invalid_message", "ids must be an array of shape ids.");
                }
                given.forEach(id -> ids.add(shapeId(id)));
                socket.presence.set("selection", ids.deepCopy());
                rooms.publish(fileId, socket.id(), selection);
            }
            case "viewport" -> {
                ObjectNode viewport = json.createObjectNode()
                    .put("type", "viewport")
                    .put("connection_id", socket.id())
                    .put("x", number(message, "x"))
                    .put("y", number(message, "y"))
                    .put("zoom", number(message, "zoom"));
                socket.presence.set("viewport", viewport.deepCopy());
                rooms.publish(fileId, socket.id(), viewport);
            }
            case "editing" -> {
                activity(socket, now);
                JsonNode id = message.get("id");
                ObjectNode editing = json.createObjectNode().put("type", "editing").put("connection_id", socket.id());
                if (id == null || id.isNull()) {
                    editing.putNull("id");
                    socket.presence.remove("editing");
                }
                else {
                    editing.put("id", shapeId(id));
                    socket.presence.put("editing", editing.get("id").asString());
                }
                rooms.publish(fileId, socket.id(), editing);
            }
            case "typing" -> {
                activity(socket, now);
                ObjectNode typing = json.createObjectNode()
                    .put("type", "typing")
                    .put("connection_id", socket.id())
                    .put("id", shapeId(message.get("id")))
                    .put("typing", message.path("typing").asBoolean(true));
                rooms.publish(fileId, socket.id(), typing);
            }
            case "status" -> {
                String status = message.path("status").asString("");
                if (!status.equals("online") && !status.equals("away")) {
                    throw new Refusal("invalid_message", "status must be online or away.");
                }
                setStatus(socket, status, now);
            }
            case "chat" -> {
                activity(socket, now);
                String text = message.path("text").asString("");
                if (text.isBlank() || text.codePointCount(0, text.length()) > MAX_CHAT) {
                    throw new Refusal("invalid_message", "text must be 1 to " + MAX_CHAT + " characters.");
                }
                ObjectNode chat = json.createObjectNode()
                    .put("type", "chat")
                    .put("connection_id", socket.id())
                    .put("user_id", socket.identity().userId())
                    .put("name", socket.name())
                    .put("text", text)
                    .put("at", Instant.ofEpochMilli(now).toString());
                if (message.has("x") || message.has("y")) {
                    chat.put("x", number(message, "x")).put("y", number(message, "y"));
                }
                rooms.publish(fileId, socket.id(), chat);
            }
            case "ping" -> socket.send(json.createObjectNode().put("type", "pong").put("seq", room.seq()).toString());
            default -> throw new Refusal("unknown_message_type", "There is no message type \"" + type + "\".");
        }
    }

    private void requireEdit(ClientSocket socket) {
        if (socket.access() != Access.EDIT) {
            throw new Refusal("read_only", "You can view this file but not edit it.");
        }
    }

    private String opId(ObjectNode message) {
        JsonNode id = message.get("op_id");
        if (id == null || id.isNull()) {
            return "";
        }
        if (!id.isString() || id.asString().length() > 64) {
            throw new Refusal("invalid_message", "op_id must be a string of at most 64 characters.");
        }
        return id.asString();
    }

    /** The operations of an op message, checked for shape before they reach the room. */
    private JsonNode operations(JsonNode ops) {
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw new Refusal("invalid_message", "ops must be a non-empty array of operations.");
        }
        if (ops.size() > properties.maxOpsPerMessage()) {
            throw new Refusal("too_many_operations",
                    "A message may carry at most " + properties.maxOpsPerMessage() + " operations.");
        }
        Set<String> texts = new HashSet<>();
        for (JsonNode op : ops) {
            if (!(op instanceof ObjectNode object) || !OPERATIONS.contains(object.path("op").asString(""))) {
                throw new Refusal("unknown_operation",
                        "Each operation is an object whose op is add, update, delete, reorder, bind, text or document.");
            }
            String kind = object.get("op").asString();
            if (kind.equals("add")) {
                if (!(object.get("shape") instanceof ObjectNode shape)) {
                    throw new Refusal("invalid_operation", "add needs a shape object.");
                }
                shapeId(shape.get("id"));
            }
            else if (!kind.equals("document")) {
                String id = shapeId(object.get("id"));
                if (kind.equals("text")) {
                    if (!texts.add(id)) {
                        throw new Refusal("invalid_operation",
                                "One message may edit each text once; send further edits after the op is acknowledged.");
                    }
                    if (!object.path("index").isIntegralNumber() || object.path("index").asLong() < 0
                            || object.path("index").asLong() > DocumentValidator.MAX_TEXT_LENGTH
                            || (object.has("delete")
                                    && (!object.get("delete").isIntegralNumber() || object.get("delete").asLong() < 0
                                            || object.get("delete").asLong() > DocumentValidator.MAX_TEXT_LENGTH))
                            || (object.has("insert") && !object.get("insert").isString())) {
                        throw new Refusal("invalid_operation",
                                "text needs index and delete (whole numbers from 0) and insert (a string).");
                    }
                }
            }
        }
        return ops;
    }

    private static String shapeId(JsonNode id) {
        if (id == null || !id.isString() || id.asString().isEmpty() || id.asString().length() > MAX_ID) {
            throw new Refusal("invalid_operation", "A shape id is a string of 1 to " + MAX_ID + " characters.");
        }
        return id.asString();
    }

    private static double number(ObjectNode message, String name) {
        JsonNode value = message.get(name);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())
                || Math.abs(value.asDouble()) > DocumentValidator.MAX_MAGNITUDE) {
            throw new Refusal("invalid_message", name + " must be a finite number.");
        }
        return value.asDouble();
    }

    /**
     * At most {@code cursor-updates-per-second} go out; in between, only the newest waits
     * and goes out at the next turn.
     */
    private void cursor(ClientSocket socket, ObjectNode cursor, long now) {
        long interval = 1000L / properties.cursorUpdatesPerSecond();
        synchronized (socket) {
            socket.presence.putObject("cursor")
                .put("x", cursor.get("x").asDouble())
                .put("y", cursor.get("y").asDouble());
            if (now - socket.lastCursorAt >= interval && !socket.cursorFlushScheduled) {
                socket.lastCursorAt = now;
            }
            else {
                socket.pendingCursor = cursor;
                if (!socket.cursorFlushScheduled) {
                    socket.cursorFlushScheduled = true;
                    scheduler.schedule(() -> flushCursor(socket), Instant.ofEpochMilli(socket.lastCursorAt + interval));
                }
                return;
            }
        }
        rooms.publish(socket.room.fileId(), socket.id(), cursor);
    }

    private void flushCursor(ClientSocket socket) {
        ObjectNode cursor;
        synchronized (socket) {
            cursor = socket.pendingCursor;
            socket.pendingCursor = null;
            socket.cursorFlushScheduled = false;
            socket.lastCursorAt = clock.millis();
        }
        if (cursor != null && !socket.isClosed()) {
            rooms.publish(socket.room.fileId(), socket.id(), cursor);
        }
    }

    private void activity(ClientSocket socket, long now) {
        socket.lastActivityAt = now;
        if ("away".equals(socket.presence.path("status").asString(""))) {
            setStatus(socket, "online", now);
        }
    }

    private void setStatus(ClientSocket socket, String status, long now) {
        socket.presence.put("status", status).put("last_seen", Instant.ofEpochMilli(now).toString());
        rooms.present(socket.room.fileId(), socket.id(), socket.presence);
        rooms.publish(socket.room.fileId(), socket.id(),
                json.createObjectNode()
                    .put("type", "status")
                    .put("connection_id", socket.id())
                    .put("status", status)
                    .put("last_seen", Instant.ofEpochMilli(now).toString()));
    }

    private TokenBucket bucket(ClientSocket socket) {
        return buckets.computeIfAbsent(socket.identity().userId(),
                user -> new TokenBucket(properties.messageBurst(), properties.messagesPerSecond(), clock.millis()));
    }

    private void refuseFlood(ClientSocket socket, long now) {
        int strikes;
        synchronized (socket) {
            strikes = ++socket.strikes;
        }
        if (strikes >= properties.floodStrikes()) {
            socket.send(error("flood", "Too many messages: the connection is closed.", null));
            socket.close(1008, "flood");
            return;
        }
        if (now - socket.lastRateErrorAt >= 1000) {
            socket.lastRateErrorAt = now;
            socket.send(error("rate_limited", "Too many messages: at most " + properties.messagesPerSecond()
                    + " per second; messages over the limit are dropped.", null));
        }
    }

    /**
     * Every few seconds: presence kept alive for open sockets, idle ones shown away,
     * silent ones and those whose access token has expired closed, and buckets of users
     * gone forgotten.
     */
    void tick() {
        long now = clock.millis();
        Set<String> users = new HashSet<>();
        List<RoomLog.Member> renewed = new ArrayList<>();
        for (ClientSocket socket : sockets.values()) {
            if (socket.room == null || socket.isClosed()) {
                continue;
            }
            users.add(socket.identity().userId());
            if (now >= socket.credentialExpiresAt) {
                socket.send(error("credential_expired",
                        "The access token this connection was opened with has expired; reconnect with a fresh one.",
                        null));
                socket.close(4401, "credential_expired");
                continue;
            }
            if (now >= socket.linkExpiresAt) {
                socket.send(error("link_expired",
                        "The share link this connection was opened with has expired; ask its owner for a new one.",
                        null));
                socket.close(4410, "link_expired");
                continue;
            }
            if (now - socket.lastMessageAt > properties.heartbeatTimeout().toMillis()) {
                socket.send(error("heartbeat_timeout", "Nothing was heard from this connection; reconnect.", null));
                socket.close(1001, "heartbeat_timeout");
                continue;
            }
            if (now - socket.lastActivityAt > properties.idleAfter().toMillis()
                    && "online".equals(socket.presence.path("status").asString(""))) {
                // Last seen when last active, not when the idle limit was noticed.
                setStatus(socket, "away", socket.lastActivityAt);
            }
            else {
                renewed.add(new RoomLog.Member(socket.room.fileId(), socket.id(), socket.presence.toString()));
            }
        }
        try {
            rooms.present(renewed);
        }
        catch (RuntimeException ex) {
            log.warn("Could not renew the presence of {} connections: {}", renewed.size(), ex.toString());
        }
        buckets.keySet().retainAll(users);
    }

    private String error(String code, String message, String opId) {
        ObjectNode error = json.createObjectNode().put("type", "error").put("code", code).put("message", message);
        if (opId != null && !opId.isEmpty()) {
            error.put("op_id", opId);
        }
        return error.toString();
    }

    /** A message refused before it reaches the room. */
    static final class Refusal extends RuntimeException {

        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

    }

}
