package com.autograph.collaboration.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.autograph.collaboration.room.RoomTestKit.TwoInstances;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.autograph.collaboration.room.RoomTestKit.SECRET;
import static com.autograph.collaboration.room.RoomTestKit.client;
import static com.autograph.collaboration.room.RoomTestKit.file;
import static com.autograph.collaboration.room.RoomTestKit.fileEvent;
import static com.autograph.collaboration.room.RoomTestKit.json;
import static com.autograph.collaboration.room.RoomTestKit.message;
import static com.autograph.collaboration.room.RoomTestKit.port;
import static com.autograph.collaboration.room.RoomTestKit.publish;
import static com.autograph.collaboration.room.RoomTestKit.type;
import static com.autograph.collaboration.room.RoomTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations applied in sequence order on two instances and in the saved document,
 * diagram-service's file events as the rooms' clients hear of them, a save made outside
 * the room merged into it, and reconnects older than what is kept. The instances keep a
 * snapshot every 10 entries, 5 entries of log below it and 5 recent entries in memory, so
 * that "too old" comes quickly.
 */
class OperationsAndFileEventsTest {

    private static final int RECENT_ENTRIES = 5;

    private static final int SNAPSHOT_EVERY = 10;

    private static final int LOG_RETENTION = 5;

    @RegisterExtension
    static final TwoInstances rooms = TwoInstances.alike("--autograph.collaboration.save-debounce=200ms",
            "--autograph.collaboration.messages-per-second=10000", "--autograph.collaboration.message-burst=10000",
            "--autograph.collaboration.snapshot-every=" + SNAPSHOT_EVERY,
            "--autograph.collaboration.log-retention=" + LOG_RETENTION,
            "--autograph.collaboration.recent-entries=" + RECENT_ENTRIES);

    private static ObjectNode op(String kind, String id) {
        return json.createObjectNode().put("op", kind).put("id", id);
    }

    private static List<String> ids(SocketClient client) {
        List<String> ids = new ArrayList<>();
        client.document.canvas().path("shapes").forEach(shape -> ids.add(shape.path("id").asString()));
        return ids;
    }

    private static JsonNode shape(SocketClient client, String id) {
        for (JsonNode shape : client.document.canvas().path("shapes")) {
            if (shape.path("id").asString("").equals(id)) {
                return shape;
            }
        }
        throw new AssertionError("No shape " + id + " in " + client.document.canvas());
    }

    private static ObjectNode acknowledged(SocketClient client, String opId, List<ObjectNode> ops) {
        ObjectNode outcome = client.edit(opId, ops);
        assertThat(outcome.path("type").asString()).as(outcome.toString()).isEqualTo("op");
        return outcome;
    }

    /** Waits until the stand-in diagram-service holds what {@code client} holds. */
    private static void awaitSaved(UUID fileId, SocketClient client) {
        await().untilAsserted(() -> {
            StandInDiagramService.StoredFile saved = rooms.diagrams.files.get(fileId);
            assertThat(saved.canvas).isEqualTo(client.document.canvas());
            assertThat(saved.note).isEqualTo(client.document.note());
        });
    }

    /** A save made outside the room (a REST client): a new version of the content. */
    private static String saveElsewhere(UUID fileId, Consumer<ObjectNode> change) {
        StandInDiagramService.StoredFile stored = rooms.diagrams.files.get(fileId);
        synchronized (stored) {
            ObjectNode canvas = stored.canvas.deepCopy();
            change.accept(canvas);
            stored.canvas = canvas;
            stored.version++;
            return stored.etag();
        }
    }

    @Test
    void reorderBindAndNoteEditsApplyInSequenceOrderOnBothInstancesAndInTheSavedDocument() {
        TrustedIdentity ana = user("ana-ops");
        TrustedIdentity bob = user("bob-ops");
        ObjectNode connector = json.createObjectNode().put("id", "c0").put("type", "arrow");
        connector.putObject("start").put("shape_id", "s0");
        connector.putObject("end").put("x", 500).put("y", 500);
        UUID fileId = file(rooms.diagrams, 3, Map.of(ana.userId(), "edit", bob.userId(), "edit"), connector);
        SocketClient anas = client(ana, rooms.first, fileId);
        SocketClient bobs = client(bob, rooms.second, fileId);

        // reorder: s2 to the bottom, then s0 to the top (an index past the end).
        acknowledged(anas, "r1", List.of(op("reorder", "s2").put("index", 0)));
        acknowledged(bobs, "r2", List.of(op("reorder", "s0").put("index", 99)));
        anas.awaitMessage(m -> "r2".equals(m.path("op_id").asString(null)));
        assertThat(ids(anas)).containsExactly("s2", "s1", "c0", "s0");
        assertThat(ids(bobs)).isEqualTo(ids(anas));

        // bind: the connector's end to s1, its start freed to a point.
        ObjectNode toShape = op("bind", "c0").put("end", "end");
        toShape.putObject("to").put("shape_id", "s1");
        ObjectNode toPoint = op("bind", "c0").put("end", "start");
        toPoint.putObject("to").put("x", 5).put("y", 6);
        acknowledged(bobs, "b1", List.of(toShape, toPoint));
        anas.awaitMessage(m -> "b1".equals(m.path("op_id").asString(null)));
        assertThat(shape(anas, "c0").path("end")).isEqualTo(json.createObjectNode().put("shape_id", "s1"));
        assertThat(shape(anas, "c0").path("start")).isEqualTo(json.createObjectNode().put("x", 5).put("y", 6));
        // Refused, and nothing of the message applied.
        ObjectNode toNothing = op("bind", "c0").put("end", "end");
        toNothing.putObject("to").put("shape_id", "ghost");
        assertThat(anas.edit("b2", List.of(toNothing)).path("code").asString()).isEqualTo("unknown_shape");
        ObjectNode toItself = op("bind", "c0").put("end", "end");
        toItself.putObject("to").put("shape_id", "c0");
        assertThat(anas.edit("b3", List.of(toItself)).path("code").asString()).isEqualTo("invalid_shape");
        assertThat(anas.edit("r3", List.of(op("reorder", "s1").put("index", 0), op("reorder", "ghost").put("index", 0)))
            .path("code")
            .asString()).isEqualTo("unknown_shape");
        assertThat(ids(anas)).containsExactly("s2", "s1", "c0", "s0");

        // The note, edited by both from the same base: the earlier seq's insertion first.
        long base = anas.seq;
        await().until(() -> bobs.seq == base);
        anas.send(noteEdit("n1", base, 0, 0, "Hello"));
        bobs.send(noteEdit("n2", base, 0, 0, " world"));
        long anaSeq = anas.awaitMessage(m -> type("op").test(m) && "n1".equals(m.path("op_id").asString(null)))
            .path("seq")
            .asLong();
        long bobSeq = bobs.awaitMessage(m -> type("op").test(m) && "n2".equals(m.path("op_id").asString(null)))
            .path("seq")
            .asLong();
        String both = anaSeq < bobSeq ? "Hello world" : " worldHello";
        await().until(() -> anas.seq == Math.max(anaSeq, bobSeq) && bobs.seq == anas.seq);
        assertThat(anas.document.note()).isEqualTo(both);
        assertThat(bobs.document.note()).isEqualTo(both);
        // A deletion, then an insertion at the end of the text its author saw.
        acknowledged(bobs, "n3", List.of(noteEditOp(0, 1, "")));
        anas.awaitMessage(m -> "n3".equals(m.path("op_id").asString(null)));
        acknowledged(anas, "n4", List.of(noteEditOp(anas.document.note().length(), 0, "!")));
        String expected = both.substring(1) + "!";
        await().until(() -> bobs.seq == anas.seq);
        assertThat(bobs.document.note()).isEqualTo(expected);
        assertThat(bobs.document.canvas()).isEqualTo(anas.document.canvas());
        awaitSaved(fileId, anas);
        assertThat(rooms.diagrams.files.get(fileId).note).isEqualTo(expected);
        anas.close();
        bobs.close();
    }

    private static ObjectNode noteEditOp(int index, int delete, String insert) {
        return op("text", "note").put("index", index).put("delete", delete).put("insert", insert);
    }

    private static ObjectNode noteEdit(String opId, long base, int index, int delete, String insert) {
        ObjectNode message = message("op").put("op_id", opId).put("base_seq", base);
        message.putArray("ops").add(noteEditOp(index, delete, insert));
        return message;
    }

    /**
     * A client that stops reading while the room keeps writing (6 MB, more than the
     * socket's buffers hold): its sends wait, complete later on whichever thread finds
     * the socket writable, and the next message follows from there. The others get every
     * message meanwhile; once it reads again it has every message too, in order.
     */
    @Test
    void aClientThatPausesReadingGetsEveryMessageInOrderOnceItReadsAgain() {
        TrustedIdentity ana = user("ana-pause");
        TrustedIdentity bob = user("bob-pause");
        TrustedIdentity cy = user("cy-pause");
        UUID fileId = file(rooms.diagrams, 1, Map.of(ana.userId(), "edit", bob.userId(), "edit", cy.userId(), "edit"));
        SocketClient anas = client(ana, rooms.first, fileId);
        SocketClient bobs = client(bob, rooms.first, fileId);
        SocketClient cys = client(cy, rooms.second, fileId);
        int edits = 100;
        anas.pause();
        List<Long> applied = new ArrayList<>();
        for (int i = 0; i < edits; i++) {
            String text = String.valueOf((char) ('a' + i % 26)).repeat(60_000) + i;
            ObjectNode update = op("update", "s0");
            update.putObject("set").put("text", text);
            applied.add(acknowledged(cys, "big-" + i, List.of(update)).path("seq").asLong());
        }
        bobs.awaitMessage(m -> ("big-" + (edits - 1)).equals(m.path("op_id").asString(null)));
        assertThat(anas.seen).noneMatch(m -> ("big-" + (edits - 1)).equals(m.path("op_id").asString(null)));

        anas.resume();
        anas.awaitMessage(m -> ("big-" + (edits - 1)).equals(m.path("op_id").asString(null)));
        assertThat(anas.seen.stream()
            .filter(m -> m.path("op_id").asString("").startsWith("big-"))
            .map(m -> m.path("seq").asLong())
            .toList()).isEqualTo(applied);
        assertThat(anas.document.canvas()).isEqualTo(bobs.document.canvas()).isEqualTo(cys.document.canvas());
        assertThat(anas.closed).isFalse();
    }

    /**
     * diagram-service's events on {@code file:{id}} reach every client as
     * {@code file_event} with their fields; a rename (a {@code file.updated} of the
     * title, with a new ETag) leaves the room's document and everyone's undo alone.
     */
    @Test
    void fileEventsReachTheClientsAndARenameChangesNothingInTheRoom() {
        TrustedIdentity ana = user("ana-events");
        TrustedIdentity bob = user("bob-events");
        UUID fileId = file(rooms.diagrams, 1, Map.of(ana.userId(), "edit", bob.userId(), "view"));
        SocketClient anas = client(ana, rooms.first, fileId);
        SocketClient bobs = client(bob, rooms.second, fileId);
        ObjectNode move = op("update", "s0");
        move.putObject("set").put("x", 11);
        acknowledged(anas, "e1", List.of(move));
        awaitSaved(fileId, anas);

        int readsBefore = rooms.diagrams.reads(fileId);
        String renamed;
        StandInDiagramService.StoredFile stored = rooms.diagrams.files.get(fileId);
        synchronized (stored) {
            stored.version++;
            renamed = stored.etag();
        }
        ObjectNode rename = fileEvent("file.updated", fileId, ana).put("etag", renamed);
        rename.putArray("fields").add("title");
        publish(rooms.first, fileId, rename);
        ObjectNode restored = fileEvent("file.restored", fileId, ana);
        publish(rooms.second, fileId, restored);
        ObjectNode version = fileEvent("version.created", fileId, ana).put("version_number", 3)
            .put("reason", "autosave");
        publish(rooms.first, fileId, version);
        for (SocketClient client : List.of(anas, bobs)) {
            ObjectNode heard = client
                .awaitMessage(m -> type("file_event").test(m) && m.path("event").asString().equals("file.updated"));
            assertThat(heard.path("fields")).isEqualTo(rename.get("fields"));
            assertThat(heard.path("etag").asString()).isEqualTo(renamed);
            assertThat(heard.path("actor_id").asString()).isEqualTo(ana.userId());
            assertThat(client
                .awaitMessage(m -> type("file_event").test(m) && m.path("event").asString().equals("file.restored"))
                .path("file_id")
                .asString()).isEqualTo(fileId.toString());
            ObjectNode created = client
                .awaitMessage(m -> type("file_event").test(m) && m.path("event").asString().equals("version.created"));
            assertThat(created.path("version_number").asInt()).isEqualTo(3);
            assertThat(created.path("reason").asString()).isEqualTo("autosave");
        }
        // The room looks at the file (a change it did not make) and, its content being
        // the same, keeps its document, history and undo.
        await().until(() -> rooms.diagrams.reads(fileId) > readsBefore);
        await().until(() -> !saving(fileId));
        anas.send(message("undo").put("op_id", "u1"));
        ObjectNode undo = anas.awaitMessage(m -> "u1".equals(m.path("op_id").asString(null)));
        assertThat(undo.path("type").asString()).as(undo.toString()).isEqualTo("op");
        bobs.awaitMessage(m -> "u1".equals(m.path("op_id").asString(null)));
        assertThat(shape(bobs, "s0").path("x").asInt()).isZero();
        awaitSaved(fileId, anas);
        for (SocketClient client : List.of(anas, bobs)) {
            assertThat(client.seen).noneMatch(type("snapshot"));
        }
        anas.close();
        bobs.close();
    }

    private static boolean saving(UUID fileId) {
        return rooms.first.getBean(StringRedisTemplate.class)
            .hasKey(rooms.first.getBean(RoomLog.class).key(fileId, "saving"));
    }

    /**
     * A save made outside the room, announced ({@code file.updated} with an ETag the room
     * did not make) or found by a refused save (412), is merged into the room's document
     * and reaches every client as a {@code snapshot} ({@code merged_external_change});
     * the merge is what diagram-service ends up holding.
     */
    @Test
    void aSaveMadeElsewhereIsMergedIntoTheRoomAndSentAsASnapshot() {
        TrustedIdentity ana = user("ana-merge");
        TrustedIdentity bob = user("bob-merge");
        UUID fileId = file(rooms.diagrams, 3, Map.of(ana.userId(), "edit", bob.userId(), "edit"));
        SocketClient anas = client(ana, rooms.first, fileId);
        SocketClient bobs = client(bob, rooms.second, fileId);
        ObjectNode move = op("update", "s0");
        move.putObject("set").put("x", 11);
        acknowledged(anas, "m1", List.of(move));
        awaitSaved(fileId, anas);

        // Announced: the room's change and theirs both survive.
        String etag = saveElsewhere(fileId, canvas -> {
            ((ObjectNode) canvas.get("shapes").get(1)).put("y", 77);
            canvas.withArray("shapes")
                .addObject()
                .put("id", "theirs")
                .put("type", "ellipse")
                .put("x", 1)
                .put("y", 1)
                .put("width", 5)
                .put("height", 5);
        });
        ObjectNode updated = fileEvent("file.updated", fileId, ana).put("etag", etag);
        updated.putArray("fields").add("canvas_data");
        publish(rooms.second, fileId, updated);
        for (SocketClient client : List.of(anas, bobs)) {
            ObjectNode snapshot = client.awaitMessage(type("snapshot"));
            assertThat(snapshot.path("reason").asString()).isEqualTo("merged_external_change");
            assertThat(shape(client, "s0").path("x").asInt()).isEqualTo(11);
            assertThat(shape(client, "s1").path("y").asInt()).isEqualTo(77);
            assertThat(ids(client)).containsExactly("s0", "s1", "s2", "theirs");
        }
        assertThat(bobs.document.canvas()).isEqualTo(anas.document.canvas());
        awaitSaved(fileId, anas);

        // Unannounced: the room's next save is refused (412) and merges.
        saveElsewhere(fileId, canvas -> ((ObjectNode) canvas.get("shapes").get(2)).put("text", "their words"));
        ObjectNode other = op("update", "s1");
        other.putObject("set").put("x", 5);
        acknowledged(bobs, "m2", List.of(other));
        for (SocketClient client : List.of(anas, bobs)) {
            ObjectNode snapshot = client.awaitMessage(m -> type("snapshot").test(m)
                    && m.path("document").path("shapes").get(2).path("text").asString("").equals("their words"));
            assertThat(snapshot.path("reason").asString()).isEqualTo("merged_external_change");
            assertThat(snapshot.path("document").path("shapes").get(1).path("x").asInt()).isEqualTo(5);
        }
        awaitSaved(fileId, bobs);
        // Edits go on from the snapshot.
        move.putObject("set").put("x", 12);
        acknowledged(anas, "m3", List.of(move));
        bobs.awaitMessage(m -> "m3".equals(m.path("op_id").asString(null)));
        assertThat(bobs.document.canvas()).isEqualTo(anas.document.canvas());
        awaitSaved(fileId, bobs);
        anas.close();
        bobs.close();
    }

    /** A deleted file's room tells its clients and closes their sockets with 4404. */
    @Test
    void aDeletedFileClosesEverySocketInItsRoom() {
        TrustedIdentity ana = user("ana-deleted");
        TrustedIdentity bob = user("bob-deleted");
        UUID fileId = file(rooms.diagrams, 1, Map.of(ana.userId(), "edit", bob.userId(), "view"));
        SocketClient anas = client(ana, rooms.first, fileId);
        SocketClient bobs = client(bob, rooms.second, fileId);
        rooms.diagrams.files.remove(fileId);
        publish(rooms.first, fileId, fileEvent("file.deleted", fileId, ana));
        for (SocketClient client : List.of(anas, bobs)) {
            client.awaitMessage(m -> type("file_event").test(m) && m.path("event").asString().equals("file.deleted"));
            assertThat(client.awaitMessage(type("closed")).path("code").asInt()).isEqualTo(4404);
        }
        SocketClient again = new SocketClient(json, ana).open(port(rooms.second), fileId.toString(), SECRET, null);
        assertThat(again.awaitMessage(type("error")).path("code").asString()).isEqualTo("not_found");
        assertThat(again.awaitMessage(type("closed")).path("code").asInt()).isEqualTo(4404);
    }

    /**
     * A reconnect whose {@code last_seq} is older than what the instance keeps gets the
     * whole document, not a partial replay; a recent one gets exactly what it missed. The
     * log in Redis keeps {@code log-retention} entries below the newest snapshot, and a
     * room opening on the other instance from that snapshot answers old reconnects with
     * the document too.
     */
    @Test
    void aReconnectOlderThanWhatIsKeptGetsTheWholeDocument() {
        TrustedIdentity ana = user("ana-old");
        TrustedIdentity bob = user("bob-old");
        UUID fileId = file(rooms.diagrams, 1, Map.of(ana.userId(), "edit", bob.userId(), "edit"));
        SocketClient anas = client(ana, rooms.first, fileId);
        assertThat(anas.awaitMessage(type("welcome")).path("cursor_updates_per_second").asInt()).isEqualTo(20);
        SocketClient bobs = client(bob, rooms.first, fileId);
        ObjectNode move = op("update", "s0");
        move.putObject("set").put("y", 1);
        acknowledged(anas, "o0", List.of(move));
        bobs.awaitMessage(m -> "o0".equals(m.path("op_id").asString(null)));
        long lastSeen = bobs.seq;
        bobs.close();
        int edits = 2 * SNAPSHOT_EVERY;
        for (int i = 1; i <= edits; i++) {
            move.putObject("set").put("y", i + 1);
            acknowledged(anas, "o" + i, List.of(move));
        }
        // Older than the instance's recent entries: the whole document.
        bobs.connect(port(rooms.first), fileId, SECRET, lastSeen);
        ObjectNode welcome = bobs.awaitMessage(type("welcome"));
        assertThat(welcome.has("missed")).isFalse();
        assertThat(welcome.path("seq").asLong()).isEqualTo(anas.seq);
        assertThat(bobs.document.canvas()).isEqualTo(anas.document.canvas());
        assertThat(shape(bobs, "s0").path("y").asInt()).isEqualTo(edits + 1);
        // Recent: exactly what was missed.
        long caughtUp = bobs.seq;
        bobs.close();
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            move.putObject("set").put("x", i + 1);
            missed.add(acknowledged(anas, "p" + i, List.of(move)).path("seq").asLong());
        }
        bobs.connect(port(rooms.first), fileId, SECRET, caughtUp);
        List<Long> replayed = new ArrayList<>();
        bobs.awaitMessage(type("welcome")).path("missed").forEach(m -> replayed.add(m.path("seq").asLong()));
        assertThat(replayed).isEqualTo(missed);
        assertThat(bobs.document.canvas()).isEqualTo(anas.document.canvas());
        bobs.close();

        // The log keeps log-retention entries below the newest snapshot; a room opening
        // from that snapshot on the other instance answers an old reconnect with the
        // document.
        RoomLog log = rooms.first.getBean(RoomLog.class);
        StringRedisTemplate redis = rooms.first.getBean(StringRedisTemplate.class);
        await().untilAsserted(() -> {
            long seq = Long.parseLong(redis.opsForValue().get(log.key(fileId, "seq")));
            assertThat(log.range(fileId, 1, 1).get(0).seq())
                .isEqualTo(seq / SNAPSHOT_EVERY * SNAPSHOT_EVERY - LOG_RETENTION);
        });
        bobs.connect(port(rooms.second), fileId, SECRET, lastSeen);
        assertThat(bobs.awaitMessage(type("welcome")).has("missed")).isFalse();
        assertThat(bobs.document.canvas()).isEqualTo(anas.document.canvas());
        bobs.close();
        anas.close();
    }

}
