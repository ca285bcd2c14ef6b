package com.autograph.collaboration.room;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import com.autograph.collaboration.diagram.DiagramFiles;
import com.autograph.collaboration.diagram.DiagramFiles.Access;
import com.autograph.collaboration.document.CanvasDocument;
import com.autograph.collaboration.document.ThreeWayMerge;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rooms open on this instance and their link to the others through Redis
 * ({@link RoomLog}): entries are appended to a room's log and applied by this instance's
 * log reader, one thread that follows the logs of every open room with a blocking
 * {@code XREAD} on its own connection, so local and remote entries reach a room in the
 * same order; presence travels on a pub/sub channel and lives in keys with a time to
 * live; diagram-service's file events reach the room's clients. A room is saved to
 * diagram-service after edits settle, when its last local client leaves and on shutdown.
 */
@Component
@EnableConfigurationProperties(CollaborationProperties.class)
public class Rooms implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Rooms.class);

    /** The prefix of diagram-service's comment events ({@code comment.created}…). */
    private static final String COMMENT_EVENT = "comment.";

    /**
     * Below the Redis command timeout (REDIS_TIMEOUT, 2 s by default), which a blocking
     * read counts against.
     */
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);

    private static final Duration SAVE_HOLD = Duration.ofSeconds(30);

    private final RoomLog roomLog;

    private final DiagramFiles files;

    private final CollaborationProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    private final RedisKeyspace keyspace;

    private final RedisConnectionFactory connectionFactory;

    private final StringRedisTemplate redis;

    private final RedisMessageListenerContainer listeners;

    private final TaskScheduler scheduler;

    private final String instance = UUID.randomUUID().toString();

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();

    private final Map<String, Room> roomsByLog = new ConcurrentHashMap<>();

    private final Map<UUID, List<Subscription>> subscriptions = new ConcurrentHashMap<>();

    private final Map<UUID, Object> openLocks = new ConcurrentHashMap<>();

    /** ETags of this instance's own saves: their file.updated events are no news. */
    private final Set<String> ownSaves = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 1000;
        }
    }));

    /**
     * The newest sequence number known to be saved, per room: settled rooms cost nothing.
     */
    private final Map<UUID, Long> savedThrough = new ConcurrentHashMap<>();

    private record Subscription(MessageListener listener, ChannelTopic topic) {
    }

    /** Told of every connection that joins or leaves a room here. */
    interface Watcher {

        /** Also for a connection that joins again (a resync). */
        void joined(UUID fileId, Connection connection);

        void left(Connection connection);

    }

    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    private final ActivityFeed activityFeed;

    private volatile boolean running;

    private Thread reader;

    private String wakeId = "0-0";

    public Rooms(RoomLog roomLog, DiagramFiles files, CollaborationProperties properties, JsonMapper json, Clock clock,
            RedisKeyspace keyspace, RedisConnectionFactory connectionFactory, StringRedisTemplate redis,
            RedisMessageListenerContainer collaborationListeners, TaskScheduler scheduler) {
        this.roomLog = roomLog;
        this.files = files;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.keyspace = keyspace;
        this.connectionFactory = connectionFactory;
        this.redis = redis;
        this.listeners = collaborationListeners;
        this.scheduler = scheduler;
        this.activityFeed = new ActivityFeed(properties.activityMerge(), clock, json,
                (fileId, entry) -> roomLog.activity(fileId, entry, properties.activitySize()));
    }

    public CollaborationProperties properties() {
        return properties;
    }

    void watch(Watcher watcher) {
        watchers.add(watcher);
    }

    // ---- joining and leaving

    /**
     * Joins {@code connection} to the file's room (opening it here if needed) and returns
     * the welcome: the document or the entries after {@code lastSeq}, members, locks and
     * recent activity.
     */
    public Room join(UUID fileId, Connection connection, Long lastSeq, ObjectNode welcome) {
        synchronized (openLock(fileId)) {
            Room room = rooms.get(fileId);
            if (room == null) {
                room = open(fileId, connection);
            }
            Map<String, String> members = roomLog.members(fileId);
            long live = members.values().stream().filter(value -> value != null).count();
            if (live >= properties.maxMembers()) {
                if (room.connections().isEmpty()) {
                    close(room);
                }
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "room_full",
                        "This file has " + properties.maxMembers() + " people in it already; try again later.");
            }
            room.join(connection, lastSeq, welcome);
            watchers.forEach(watcher -> watcher.joined(fileId, connection));
            ArrayNode list = welcome.putArray("members");
            members.values().stream().filter(value -> value != null).map(json::readTree).forEach(list::add);
            ArrayNode activity = welcome.putArray("activity");
            roomLog.activity(fileId, 20).stream().map(json::readTree).forEach(activity::add);
            return room;
        }
    }

    /** The connection left (closed or dropped): presence ends, its locks are released. */
    public void leave(Room room, Connection connection) {
        room.leave(connection.id());
        watchers.forEach(watcher -> watcher.left(connection));
        if (roomLog.removeMember(room.fileId(), connection.id())) {
            announceLeft(room.fileId(), connection.id(), connection.identity().userId());
        }
        synchronized (openLock(room.fileId())) {
            if (room.connections().isEmpty() && rooms.get(room.fileId()) == room) {
                scheduler.schedule(() -> closeIfEmpty(room, connection), clock.instant());
            }
        }
    }

    /**
     * {@code departed}, the last to leave, may be the only one able to save (a guest with
     * an edit link).
     */
    private void closeIfEmpty(Room room, Connection departed) {
        save(room, departed);
        synchronized (openLock(room.fileId())) {
            if (room.connections().isEmpty() && rooms.get(room.fileId()) == room) {
                close(room);
            }
        }
    }

    private void announceLeft(UUID fileId, String connectionId, String userId) {
        ObjectNode left = json.createObjectNode()
            .put("type", "left")
            .put("connection_id", connectionId)
            .put("user_id", userId);
        publish(fileId, connectionId, left);
        ObjectNode entry = json.createObjectNode().put("kind", "leave").put("connection_id", connectionId);
        append(fileId, entry);
    }

    private Room open(UUID fileId, Connection opener) {
        RoomLog.Stored snapshot = roomLog.snapshot(fileId, () -> {
            DiagramFiles.FileState state = files.read(opener.identity(), opener.link(), fileId);
            return new RoomLog.Stored(0, state.canvas().toString(), state.note(), state.etag());
        });
        Room room = new Room(fileId, document(snapshot.canvas(), snapshot.note()), snapshot.seq(), properties, json);
        for (List<RoomLog.Entry> batch = roomLog.range(fileId, room.seq() + 1, 1000); !batch.isEmpty(); batch = roomLog
            .range(fileId, room.seq() + 1, 1000)) {
            for (RoomLog.Entry entry : batch) {
                room.apply(entry.seq(), (ObjectNode) json.readTree(entry.json()));
            }
        }
        subscribe(room);
        rooms.put(fileId, room);
        roomsByLog.put(roomLog.logKey(fileId), room);
        wake();
        return room;
    }

    private void close(Room room) {
        rooms.remove(room.fileId(), room);
        roomsByLog.remove(roomLog.logKey(room.fileId()), room);
        List<Subscription> subscribed = subscriptions.remove(room.fileId());
        if (subscribed != null) {
            subscribed.forEach(s -> listeners.removeMessageListener(s.listener(), s.topic()));
        }
        openLocks.remove(room.fileId());
        savedThrough.remove(room.fileId());
    }

    private Object openLock(UUID fileId) {
        return openLocks.computeIfAbsent(fileId, id -> new Object());
    }

    // ---- edits

    /**
     * Appends an entry to the room's log, stamped with the author and the time; the
     * author hears the outcome when the log reader applies it (an {@code op} message
     * carrying its {@code op_id}, or an error).
     */
    public long submit(Room room, Connection author, ObjectNode entry) {
        TrustedIdentity identity = author.identity();
        ObjectNode user = entry.putObject("user")
            .put("user_id", identity.userId())
            .put("email", identity.email())
            .put("session_id", identity.sessionId())
            .put("method", identity.method());
        ArrayNode roles = user.putArray("roles");
        identity.roles().forEach(roles::add);
        ObjectNode teams = user.putObject("teams");
        identity.teams().forEach(teams::put);
        entry.put("name", author.name()).put("connection_id", author.id());
        return append(room.fileId(), entry);
    }

    private long append(UUID fileId, ObjectNode entry) {
        entry.put("at", clock.millis());
        return roomLog.append(fileId, entry.toString());
    }

    // ---- presence

    /** Tells every other connection in the room, on every instance. */
    public void publish(UUID fileId, String fromConnection, ObjectNode message) {
        ObjectNode envelope = json.createObjectNode().put("from", fromConnection);
        envelope.set("message", message);
        roomLog.publish(roomLog.presenceChannel(fileId), envelope.toString());
    }

    /** Stores a member's presence for {@code heartbeat-timeout}. */
    public void present(UUID fileId, String connectionId, ObjectNode member) {
        roomLog.member(fileId, connectionId, member.toString(), properties.heartbeatTimeout());
    }

    /** Renews the presence of many members at once (one Redis round trip). */
    public void present(List<RoomLog.Member> members) {
        roomLog.storeMembers(members, properties.heartbeatTimeout());
    }

    public List<JsonNode> members(UUID fileId) {
        return roomLog.members(fileId)
            .values()
            .stream()
            .filter(v -> v != null)
            .map(v -> (JsonNode) json.readTree(v))
            .toList();
    }

    public List<JsonNode> activity(UUID fileId, int count) {
        return roomLog.activity(fileId, count).stream().map(v -> (JsonNode) json.readTree(v)).toList();
    }

    /**
     * Members whose presence expired (an instance died with them): announced as left
     * once.
     */
    void sweep() {
        for (Room room : rooms.values()) {
            try {
                roomLog.members(room.fileId()).forEach((connectionId, value) -> {
                    if (value == null && roomLog.removeMember(room.fileId(), connectionId)) {
                        announceLeft(room.fileId(), connectionId, "");
                    }
                });
            }
            catch (RuntimeException ex) {
                log.warn("Could not sweep the presence of room {}: {}", room.fileId(), ex.toString());
            }
        }
    }

    private void subscribe(Room room) {
        UUID fileId = room.fileId();
        MessageListener presence = (message, pattern) -> {
            JsonNode envelope = json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            room.broadcast(envelope.path("message").toString(), envelope.path("from").asString(""));
        };
        MessageListener events = (message, pattern) -> fileEvent(room,
                (ObjectNode) json.readTree(new String(message.getBody(), StandardCharsets.UTF_8)));
        List<Subscription> subscribed = List.of(
                new Subscription(presence, new ChannelTopic(roomLog.presenceChannel(fileId))),
                new Subscription(events, new ChannelTopic(keyspace.fileChannel(fileId))));
        subscribed.forEach(s -> listeners.addMessageListener(s.listener(), s.topic()));
        subscriptions.put(fileId, subscribed);
    }

    /**
     * diagram-service's events: told to the clients; sharing changes re-check everyone's
     * permission (a revoked one ends the socket); a deleted file ends them all; a save
     * made elsewhere is merged into the room.
     */
    private void fileEvent(Room room, ObjectNode event) {
        String name = event.path("event").asString("");
        ObjectNode message = event.deepCopy();
        message.remove("event");
        if (name.startsWith(COMMENT_EVENT)) {
            // Comment threads change beside the document: clients refresh the thread.
            message.put("type", "comment").put("event", name.substring(COMMENT_EVENT.length()));
            room.broadcast(message.toString(), null);
            return;
        }
        message.put("type", "file_event").put("event", name);
        room.broadcast(message.toString(), null);
        switch (name) {
            case "file.deleted", "file.purged" ->
                room.connections().values().forEach(c -> c.close(4404, "file_deleted"));
            case "file.shared", "file.unshared", "file.link_revoked", "file.moved", "file.transferred" -> {
                files.forget(room.fileId());
                Thread.startVirtualThread(() -> recheck(room));
            }
            case "file.updated" -> {
                String etag = event.path("etag").asString("");
                if (!etag.isEmpty() && !ownSaves.contains(etag)) {
                    scheduler.schedule(() -> reconcile(room), clock.instant().plusSeconds(1));
                }
            }
            default -> {
            }
        }
    }

    /**
     * Every connection's permission read again (with the link it came with): a revoked or
     * expired link ends its holders' sockets with 4410, any other lost access with 4403.
     */
    private void recheck(Room room) {
        for (Connection connection : room.connections().values()) {
            try {
                connection.grant(files.grant(connection.identity(), connection.link(), room.fileId()));
            }
            catch (ApiException ex) {
                if (ex.status().is4xxClientError()) {
                    if (ex.status() == HttpStatus.GONE) {
                        // A revoked or expired link: its holders are told which (4410).
                        connection.send(json.createObjectNode()
                            .put("type", "error")
                            .put("code", ex.code())
                            .put("message", ex.getMessage())
                            .toString());
                        connection.close(4410, ex.code());
                    }
                    else {
                        revoke(connection);
                    }
                }
            }
        }
    }

    /** The user lost access to the file: told, and the socket closed with 4403. */
    void revoke(Connection connection) {
        connection.send(json.createObjectNode()
            .put("type", "error")
            .put("code", "access_revoked")
            .put("message", "You no longer have access to this file.")
            .toString());
        connection.close(4403, "access_revoked");
    }

    // ---- the log reader

    /**
     * Follows the logs until the instance stops. A failed read gives its connection back
     * and the next read takes another one: a connection Redis dropped (a restart, an idle
     * timeout) is not used again.
     */
    private void read() {
        while (running) {
            try (RedisConnection connection = connectionFactory.getConnection()) {
                readOn(connection);
            }
            catch (RuntimeException ex) {
                if (running) {
                    log.warn("Reading the rooms' logs failed, retrying on a new connection: {}", ex.toString());
                    sleepQuietly();
                }
            }
        }
    }

    private void readOn(RedisConnection connection) {
        String wakeKey = wakeKey();
        while (running) {
            List<StreamOffset<byte[]>> offsets = new ArrayList<>();
            offsets.add(StreamOffset.create(wakeKey.getBytes(StandardCharsets.UTF_8), ReadOffset.from(wakeId)));
            for (Map.Entry<String, Room> room : roomsByLog.entrySet()) {
                offsets.add(StreamOffset.create(room.getKey().getBytes(StandardCharsets.UTF_8),
                        ReadOffset.from(room.getValue().seq() + "-1")));
            }
            @SuppressWarnings("unchecked")
            List<ByteRecord> records = connection.streamCommands()
                .xRead(StreamReadOptions.empty().count(1000).block(READ_BLOCK), offsets.toArray(new StreamOffset[0]));
            if (records == null) {
                continue;
            }
            for (ByteRecord record : records) {
                String stream = new String(record.getStream(), StandardCharsets.UTF_8);
                if (stream.equals(wakeKey)) {
                    wakeId = record.getId().getValue();
                    continue;
                }
                Room room = roomsByLog.get(stream);
                if (room != null) {
                    deliver(room, record);
                }
            }
        }
    }

    private void deliver(Room room, ByteRecord record) {
        long seq = record.getId().getTimestamp();
        String body = null;
        for (Map.Entry<byte[], byte[]> field : record.getValue().entrySet()) {
            if ("e".equals(new String(field.getKey(), StandardCharsets.UTF_8))) {
                body = new String(field.getValue(), StandardCharsets.UTF_8);
            }
        }
        if (body == null) {
            return;
        }
        ObjectNode entry = (ObjectNode) json.readTree(body);
        String message = room.apply(seq, entry);
        String kind = entry.path("kind").asString("");
        if (message != null && kind.equals("ops")
                && room.connections().containsKey(entry.path("connection_id").asString(""))) {
            activityFeed.record(room.fileId(), entry);
        }
        if (seq % properties.snapshotEvery() == 0) {
            CanvasDocument copy = room.copy();
            scheduler.schedule(() -> roomLog.snapshot(room.fileId(), seq, copy.canvas().toString(), copy.note(),
                    properties.logRetention()), clock.instant());
        }
    }

    private String wakeKey() {
        return keyspace.keyPrefix() + "collab:wake:" + instance;
    }

    /** Makes the log reader start a new read that includes newly opened rooms. */
    private void wake() {
        redis.opsForStream().add(StreamRecords.string(Map.of("w", "1")).withStreamKey(wakeKey()));
        redis.opsForStream().trim(wakeKey(), 10);
        redis.expire(wakeKey(), Duration.ofHours(1));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- saving

    /** Saves rooms whose edits have settled. */
    void saveSettled() {
        long now = clock.millis();
        for (Room room : rooms.values()) {
            if (room.lastEditAt() > 0 && now - room.lastEditAt() >= properties.saveDebounce().toMillis()
                    && room.seq() > savedThrough.getOrDefault(room.fileId(), 0L)) {
                save(room);
            }
        }
    }

    /**
     * Saves the room's document to diagram-service if it moved on since the last save,
     * with If-Match; a file changed elsewhere meanwhile is merged first
     * ({@link #reconcile}).
     */
    void save(Room room) {
        save(room, null);
    }

    private void save(Room room, Connection departed) {
        UUID fileId = room.fileId();
        Writer writer = writer(room, departed);
        // A guest's edits are saved by the instance that holds their link.
        if (writer == null || !roomLog.claimSave(fileId, instance, SAVE_HOLD)) {
            return;
        }
        try {
            RoomLog.Stored saved = roomLog.saved(fileId);
            long seq;
            CanvasDocument document;
            synchronized (room) {
                seq = room.seq();
                document = room.copy();
            }
            if (saved != null && seq <= saved.seq()) {
                savedThrough.merge(fileId, saved.seq(), Math::max);
                return;
            }
            if (saved == null) {
                return;
            }
            try {
                String etag;
                try {
                    etag = writer.save(files, fileId, saved.etag(), document);
                }
                catch (ApiException refused) {
                    // The last editor may have lost access meanwhile: save as an editor
                    // still here.
                    Writer present = room.connections()
                        .values()
                        .stream()
                        .filter(c -> c.access() == Access.EDIT
                                && !c.identity().userId().equals(writer.identity().userId()))
                        .map(Writer::of)
                        .findFirst()
                        .orElseThrow(() -> refused);
                    etag = present.save(files, fileId, saved.etag(), document);
                }
                ownSaves.add(etag);
                roomLog.saved(fileId, seq, document.canvas().toString(), document.note(), etag);
                savedThrough.merge(fileId, seq, Math::max);
            }
            catch (DiagramFiles.Conflict conflict) {
                merge(room, writer, saved);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not save room {}: {}", fileId, ex.toString());
        }
        finally {
            roomLog.releaseSave(fileId, instance);
        }
    }

    /** Who saves, as whom: a user, or a share link's holder with the link. */
    private record Writer(TrustedIdentity identity, DiagramFiles.Link link) {

        static Writer of(Connection connection) {
            return new Writer(connection.identity(), connection.link());
        }

        String save(DiagramFiles files, UUID fileId, String etag, CanvasDocument document) {
            return files.save(identity, link, fileId, etag, document.canvas(), document.note());
        }

    }

    /**
     * Who saves the room: the last editor, through this instance's connection of theirs
     * when it has one (it knows their link); a signed-in editor elsewhere as themselves;
     * for a guest elsewhere, an editor here, else nobody here (their instance saves).
     */
    private Writer writer(Room room, Connection departed) {
        TrustedIdentity last = editor(room.lastEditor());
        if (last == null) {
            return null;
        }
        List<Connection> here = new ArrayList<>(room.connections().values());
        if (departed != null) {
            here.add(departed);
        }
        return here.stream()
            .filter(c -> c.identity().userId().equals(last.userId()) && c.access() == Access.EDIT)
            .findFirst()
            .or(() -> DiagramFiles.isGuest(last) ? here.stream().filter(c -> c.access() == Access.EDIT).findFirst()
                    : Optional.empty())
            .map(Writer::of)
            .orElse(DiagramFiles.isGuest(last) ? null : new Writer(last, null));
    }

    /** A save made elsewhere (a REST client): merged into the room, then saved. */
    void reconcile(Room room) {
        UUID fileId = room.fileId();
        if (!rooms.containsKey(fileId)) {
            return;
        }
        Writer writer = writer(room, null);
        if (writer == null) {
            writer = room.connections().values().stream().findFirst().map(Writer::of).orElse(null);
        }
        if (writer == null || !roomLog.claimSave(fileId, instance, SAVE_HOLD)) {
            return;
        }
        try {
            RoomLog.Stored saved = roomLog.saved(fileId);
            if (saved != null) {
                merge(room, writer, saved);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not merge a change of file {}: {}", fileId, ex.toString());
        }
        finally {
            roomLog.releaseSave(fileId, instance);
        }
    }

    /**
     * Reads the file as saved elsewhere, merges it with the room ({@link ThreeWayMerge},
     * the last save as base), makes the result the room's document for everyone (a
     * {@code reset} entry) and saves it with the file's new ETag.
     */
    private void merge(Room room, Writer writer, RoomLog.Stored saved) {
        UUID fileId = room.fileId();
        DiagramFiles.FileState theirs = files.read(writer.identity(), writer.link(), fileId);
        if (theirs.etag().equals(saved.etag())) {
            return;
        }
        CanvasDocument base = document(saved.canvas(), saved.note());
        if (theirs.canvas().equals(base.canvas()) && theirs.note().equals(base.note())) {
            // Only the file's details changed (a rename): the room's document, its
            // history and everyone's undo stay; its edits are saved on the new ETag.
            saveOn(room, writer, theirs.etag(), saved.seq());
            return;
        }
        CanvasDocument merged = ThreeWayMerge.merge(base, room.copy(),
                new CanvasDocument(theirs.canvas(), theirs.note(), properties.maxShapes()), properties.maxShapes());
        ObjectNode reset = json.createObjectNode()
            .put("kind", "reset")
            .put("reason", "merged_external_change")
            .put("canvas", merged.canvas().toString())
            .put("note", merged.note());
        long seq = append(fileId, reset);
        String etag = writer.save(files, fileId, theirs.etag(), merged);
        ownSaves.add(etag);
        roomLog.saved(fileId, seq, merged.canvas().toString(), merged.note(), etag);
    }

    private void saveOn(Room room, Writer writer, String etag, long savedSeq) {
        long seq;
        CanvasDocument document;
        synchronized (room) {
            seq = room.seq();
            document = room.copy();
        }
        if (seq > savedSeq) {
            String newTag = writer.save(files, room.fileId(), etag, document);
            ownSaves.add(newTag);
            roomLog.saved(room.fileId(), seq, document.canvas().toString(), document.note(), newTag);
            savedThrough.merge(room.fileId(), seq, Math::max);
        }
    }

    private TrustedIdentity editor(ObjectNode user) {
        if (user == null) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        user.path("roles").forEach(role -> roles.add(role.asString("")));
        Map<String, String> teams = new LinkedHashMap<>();
        user.path("teams").properties().forEach(team -> teams.put(team.getKey(), team.getValue().asString("")));
        return new TrustedIdentity(user.path("user_id").asString(""), user.path("email").asString(""), roles,
                user.path("session_id").asString(""), user.path("method").asString(""), teams);
    }

    private CanvasDocument document(String canvas, String note) {
        JsonNode tree = canvas == null || canvas.isBlank() ? json.createObjectNode() : json.readTree(canvas);
        return new CanvasDocument(tree instanceof ObjectNode object ? object : json.createObjectNode(), note,
                properties.maxShapes());
    }

    // ---- lifecycle

    @Override
    public void start() {
        running = true;
        redis.delete(wakeKey());
        reader = Thread.ofPlatform().name("collaboration-log-reader").daemon().start(this::read);
        scheduler.scheduleAtFixedRate(this::saveSettledQuietly, Duration.ofMillis(500));
        scheduler.scheduleAtFixedRate(this::sweep, Duration.ofSeconds(5));
        scheduler.scheduleAtFixedRate(this::writeActivityQuietly, Duration.ofSeconds(1));
    }

    private void writeActivityQuietly() {
        try {
            activityFeed.writeDue();
        }
        catch (RuntimeException ex) {
            log.warn("Could not record the rooms' activity: {}", ex.toString());
        }
    }

    private void saveSettledQuietly() {
        try {
            saveSettled();
        }
        catch (RuntimeException ex) {
            log.warn("Saving rooms failed: {}", ex.toString());
        }
    }

    /**
     * Saves every room, ends this instance's presence and closes its sockets with 1012
     * (restart), so that clients reconnect to another instance.
     */
    @Override
    public void stop() {
        try {
            activityFeed.writeAll();
        }
        catch (RuntimeException ex) {
            log.warn("Could not record the rooms' activity: {}", ex.toString());
        }
        for (Room room : rooms.values()) {
            save(room);
            for (Connection connection : room.connections().values()) {
                connection.close(1012, "service_restarting");
            }
        }
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
        redis.delete(wakeKey());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server does, while Redis and diagram-service still answer. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

}
