package com.autograph.collaboration.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.autograph.collaboration.document.CanvasDocument;
import com.autograph.collaboration.document.OperationRefused;
import com.autograph.collaboration.document.TextEdit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One file's room on this instance: the document at sequence number {@link #seq()}, made
 * by applying the room's log in order (every instance applies the same entries in the
 * same order to the same snapshot, so every instance holds the same document), and the
 * local connections that hear about each entry. Text edits are transformed against the
 * edits the author had not seen ({@link TextEdit}); per-user undo, element locks and the
 * same-shape warning are derived from the log too, so they agree across instances.
 * Entries are applied by one thread at a time (the instance's log reader, or the opener
 * while catching up), under this room's monitor.
 */
public final class Room {

    /** A text edit as applied, kept to transform later edits made without seeing it. */
    private record AppliedText(long seq, String target, TextEdit edit) {
    }

    /** What undoes (or redoes) one of a user's entries, made at {@code seq}. */
    private record Step(long seq, List<ObjectNode> operations) {
    }

    private record Lock(String userId, String connectionId, String name, long until) {
    }

    private record LastEdit(String userId, String name, long at) {
    }

    private record Recent(long seq, String message) {
    }

    private static final int TEXT_HISTORY = 2000;

    private final UUID fileId;

    private final CollaborationProperties properties;

    private final JsonMapper json;

    private CanvasDocument document;

    private long seq;

    private final Deque<AppliedText> texts = new ArrayDeque<>();

    /** Text edits at or below this sequence number are no longer kept. */
    private long textFloor;

    private final Map<String, Deque<Step>> undo = new HashMap<>();

    private final Map<String, Deque<Step>> redo = new HashMap<>();

    private final Map<String, Lock> locks = new LinkedHashMap<>();

    private final Map<String, LastEdit> lastEdits = new LinkedHashMap<>();

    private final Deque<Recent> recent = new ArrayDeque<>();

    /** Entries up to here are in {@link #recent} (or were refused and need no replay). */
    private long recentFloor;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    /** The last editor's identity as the log carries it: whom saves are signed as. */
    private ObjectNode lastEditor;

    private long lastEditAt;

    Room(UUID fileId, CanvasDocument document, long seq, CollaborationProperties properties, JsonMapper json) {
        this.fileId = fileId;
        this.document = document;
        this.seq = seq;
        this.textFloor = seq;
        this.recentFloor = seq;
        this.properties = properties;
        this.json = json;
    }

    public UUID fileId() {
        return fileId;
    }

    public synchronized long seq() {
        return seq;
    }

    synchronized CanvasDocument copy() {
        return document.copy();
    }

    synchronized ObjectNode lastEditor() {
        return lastEditor;
    }

    synchronized long lastEditAt() {
        return lastEditAt;
    }

    Map<String, Connection> connections() {
        return connections;
    }

    /**
     * Adds a connection and returns its welcome (document or missed entries) atomically
     * with respect to applying entries: nothing is lost or repeated between the two.
     */
    synchronized ObjectNode join(Connection connection, Long lastSeq, ObjectNode welcome) {
        welcome.put("seq", seq);
        List<String> missed = lastSeq == null ? null : since(lastSeq);
        if (missed != null) {
            ArrayNode replay = welcome.putArray("missed");
            for (String message : missed) {
                replay.add(json.readTree(message));
            }
        }
        else {
            welcome.set("document", document.canvas().deepCopy());
            welcome.put("note", document.note());
        }
        ArrayNode held = welcome.putArray("locks");
        locks.forEach((shape, lock) -> held.addObject()
            .put("id", shape)
            .put("user_id", lock.userId())
            .put("name", lock.name())
            .put("expires_at", java.time.Instant.ofEpochMilli(lock.until()).toString()));
        connections.put(connection.id(), connection);
        return welcome;
    }

    /** The messages after {@code lastSeq}, or null when they are no longer all here. */
    private List<String> since(long lastSeq) {
        if (lastSeq > seq || lastSeq < recentFloor) {
            return null;
        }
        List<String> messages = new ArrayList<>();
        for (Recent entry : recent) {
            if (entry.seq() > lastSeq) {
                messages.add(entry.message());
            }
        }
        return messages;
    }

    void leave(String connectionId) {
        connections.remove(connectionId);
    }

    /**
     * Applies one log entry (in sequence order) and tells the local connections; returns
     * what they were told (null when the entry was refused or changed nothing).
     */
    synchronized String apply(long entrySeq, ObjectNode entry) {
        if (entrySeq <= seq) {
            return null;
        }
        seq = entrySeq;
        String kind = entry.path("kind").asString("");
        String message;
        try {
            message = switch (kind) {
                case "ops" -> operations(entrySeq, entry);
                case "undo", "redo" -> undoOrRedo(entrySeq, entry, kind.equals("undo"));
                case "lock" -> lock(entrySeq, entry);
                case "unlock" -> unlock(entrySeq, entry);
                case "leave" -> leaveEntry(entrySeq, entry);
                case "reset" -> reset(entrySeq, entry);
                default -> null;
            };
        }
        catch (OperationRefused refused) {
            message = null;
            tellAuthor(entry, error(refused.code(), refused.getMessage(), entry, entrySeq));
        }
        if (message != null) {
            recent.addLast(new Recent(entrySeq, message));
            while (recent.size() > properties.recentEntries()) {
                recentFloor = recent.removeFirst().seq();
            }
            broadcast(message, null);
        }
        return message;
    }

    private String operations(long entrySeq, ObjectNode entry) {
        String userId = entry.path("user").path("user_id").asString("");
        long at = entry.path("at").asLong();
        long base = entry.path("base_seq").asLong(entrySeq - 1);
        List<ObjectNode> ops = new ArrayList<>();
        for (JsonNode op : entry.path("ops")) {
            ObjectNode copy = ((ObjectNode) op).deepCopy();
            checkLock(copy.path("id").asString(""), userId, at);
            if ("text".equals(copy.path("op").asString(""))) {
                copy = transformed(copy, base);
            }
            ops.add(copy);
        }
        List<ObjectNode> inverse = document.applyAll(ops);
        recordTexts(entrySeq, ops);
        push(undo, userId, new Step(entrySeq, inverse));
        redo.remove(userId);
        lastEditor = (ObjectNode) entry.get("user");
        lastEditAt = at;
        warnOnSameShape(ops, userId, entry.path("name").asString(""), at);
        return opMessage(entrySeq, entry, ops, null);
    }

    private String undoOrRedo(long entrySeq, ObjectNode entry, boolean isUndo) {
        String userId = entry.path("user").path("user_id").asString("");
        Deque<Step> from = (isUndo ? undo : redo).get(userId);
        if (from == null || from.isEmpty()) {
            throw new OperationRefused(isUndo ? "nothing_to_undo" : "nothing_to_redo",
                    isUndo ? "You have no operation to undo." : "You have no undone operation to redo.");
        }
        Step step = from.removeLast();
        List<ObjectNode> ops = new ArrayList<>();
        for (ObjectNode op : step.operations()) {
            ObjectNode copy = op.deepCopy();
            checkLock(copy.path("id").asString(""), userId, entry.path("at").asLong());
            ops.add("text".equals(copy.path("op").asString("")) ? transformed(copy, step.seq()) : copy);
        }
        List<ObjectNode> inverse = document.applyAll(ops);
        recordTexts(entrySeq, ops);
        push(isUndo ? redo : undo, userId, new Step(entrySeq, inverse));
        lastEditor = (ObjectNode) entry.get("user");
        lastEditAt = entry.path("at").asLong();
        return opMessage(entrySeq, entry, ops, isUndo ? "undo" : "redo");
    }

    private String lock(long entrySeq, ObjectNode entry) {
        String id = entry.path("id").asString("");
        if (!document.hasShape(id)) {
            throw new OperationRefused("unknown_shape", "There is no shape with id \"" + id + "\".");
        }
        String userId = entry.path("user").path("user_id").asString("");
        long at = entry.path("at").asLong();
        checkLock(id, userId, at);
        Lock lock = new Lock(userId, entry.path("connection_id").asString(""), entry.path("name").asString(""),
                at + properties.lockTtl().toMillis());
        locks.put(id, lock);
        ObjectNode message = json.createObjectNode()
            .put("type", "lock")
            .put("seq", entrySeq)
            .put("id", id)
            .put("user_id", userId)
            .put("name", lock.name())
            .put("expires_at", java.time.Instant.ofEpochMilli(lock.until()).toString());
        return message.toString();
    }

    private String unlock(long entrySeq, ObjectNode entry) {
        String id = entry.path("id").asString("");
        String userId = entry.path("user").path("user_id").asString("");
        Lock lock = locks.get(id);
        if (lock == null || !lock.userId().equals(userId)) {
            throw new OperationRefused("not_locked", "You hold no lock on \"" + id + "\".");
        }
        locks.remove(id);
        return unlockMessage(entrySeq, id);
    }

    private String leaveEntry(long entrySeq, ObjectNode entry) {
        String connectionId = entry.path("connection_id").asString("");
        List<String> released = new ArrayList<>();
        for (Iterator<Map.Entry<String, Lock>> it = locks.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Lock> lock = it.next();
            if (lock.getValue().connectionId().equals(connectionId)) {
                released.add(lock.getKey());
                it.remove();
            }
        }
        if (released.isEmpty()) {
            return null;
        }
        ObjectNode message = json.createObjectNode().put("type", "unlock").put("seq", entrySeq);
        ArrayNode ids = message.putArray("ids");
        released.forEach(ids::add);
        return message.toString();
    }

    private String reset(long entrySeq, ObjectNode entry) {
        ObjectNode canvas = (ObjectNode) json.readTree(entry.path("canvas").asString("{}"));
        document = new CanvasDocument(canvas, entry.path("note").asString(""), properties.maxShapes());
        texts.clear();
        textFloor = entrySeq;
        undo.clear();
        redo.clear();
        ObjectNode message = json.createObjectNode()
            .put("type", "snapshot")
            .put("seq", entrySeq)
            .put("reason", entry.path("reason").asString("reloaded"));
        message.set("document", canvas.deepCopy());
        message.put("note", document.note());
        return message.toString();
    }

    private void checkLock(String shapeId, String userId, long at) {
        Lock lock = locks.get(shapeId);
        if (lock == null) {
            return;
        }
        if (lock.until() < at) {
            locks.remove(shapeId);
            return;
        }
        if (!lock.userId().equals(userId)) {
            throw new OperationRefused("shape_locked",
                    "\"" + shapeId + "\" is locked by " + lock.name() + " until they release it.");
        }
    }

    private ObjectNode transformed(ObjectNode op, long base) {
        String target = op.path("id").asString("");
        if (base < textFloor) {
            throw new OperationRefused("stale_base", "base_seq " + base
                    + " is too old to merge this text edit; resync and send it again on the current text.");
        }
        TextEdit edit = CanvasDocument.textEdit(op);
        for (AppliedText applied : texts) {
            if (applied.seq() > base && applied.target().equals(target)) {
                edit = edit.after(applied.edit());
            }
        }
        return CanvasDocument.textOperation(target, edit);
    }

    private void recordTexts(long entrySeq, List<ObjectNode> ops) {
        for (ObjectNode op : ops) {
            if ("text".equals(op.path("op").asString(""))) {
                texts.addLast(new AppliedText(entrySeq, op.path("id").asString(""), CanvasDocument.textEdit(op)));
            }
        }
        while (texts.size() > TEXT_HISTORY) {
            textFloor = texts.removeFirst().seq();
        }
    }

    private void push(Map<String, Deque<Step>> stacks, String userId, Step step) {
        Deque<Step> stack = stacks.computeIfAbsent(userId, id -> new ArrayDeque<>());
        stack.addLast(step);
        while (stack.size() > properties.undoDepth()) {
            stack.removeFirst();
        }
    }

    /** Two users changing one shape within the conflict window: both are warned. */
    private void warnOnSameShape(List<ObjectNode> ops, String userId, String name, long at) {
        for (ObjectNode op : ops) {
            String id = op.path("id").asString("");
            if (id.isEmpty()) {
                continue;
            }
            LastEdit last = lastEdits.put(id, new LastEdit(userId, name, at));
            if (last != null && !last.userId().equals(userId)
                    && at - last.at() <= properties.conflictWindow().toMillis()) {
                ObjectNode warning = json.createObjectNode().put("type", "conflict_warning").put("id", id);
                warning.putArray("users").add(userId).add(last.userId());
                warning.putArray("names").add(name).add(last.name());
                String message = warning.toString();
                for (Connection connection : connections.values()) {
                    String user = connection.identity().userId();
                    if (user.equals(userId) || user.equals(last.userId())) {
                        connection.send(message);
                    }
                }
            }
        }
        if (lastEdits.size() > 10_000) {
            lastEdits.clear();
        }
    }

    private String opMessage(long entrySeq, ObjectNode entry, List<ObjectNode> ops, String kind) {
        ObjectNode message = json.createObjectNode()
            .put("type", "op")
            .put("seq", entrySeq)
            .put("user_id", entry.path("user").path("user_id").asString(""))
            .put("name", entry.path("name").asString(""))
            .put("connection_id", entry.path("connection_id").asString(""))
            .put("op_id", entry.path("op_id").asString(""));
        if (kind != null) {
            message.put("kind", kind);
        }
        ArrayNode list = message.putArray("ops");
        ops.forEach(list::add);
        return message.toString();
    }

    private String unlockMessage(long entrySeq, String id) {
        ObjectNode message = json.createObjectNode().put("type", "unlock").put("seq", entrySeq);
        message.putArray("ids").add(id);
        return message.toString();
    }

    private String error(String code, String detail, ObjectNode entry, long entrySeq) {
        return json.createObjectNode()
            .put("type", "error")
            .put("code", code)
            .put("message", detail)
            .put("op_id", entry.path("op_id").asString(""))
            .put("seq", entrySeq)
            .toString();
    }

    private void tellAuthor(ObjectNode entry, String message) {
        Connection author = connections.get(entry.path("connection_id").asString(""));
        if (author != null) {
            author.send(message);
        }
    }

    /** Sends to every local connection but {@code exceptConnection}. */
    void broadcast(String message, String exceptConnection) {
        for (Connection connection : connections.values()) {
            if (!connection.id().equals(exceptConnection)) {
                connection.send(message);
            }
        }
    }

}
