package com.autograph.collaboration.room;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.autograph.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The activity feed merges one person's edits until they pause (here 5 s) or the entry
 * spans 30 s, counts each shape once per verb, keeps people and rooms apart, and writes
 * only from its timer.
 */
class ActivityFeedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final UUID ROOM = UUID.randomUUID();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    private final List<JsonNode> written = new ArrayList<>();

    private final List<UUID> rooms = new ArrayList<>();

    private final ActivityFeed feed = new ActivityFeed(Duration.ofSeconds(5), clock, JSON, (fileId, entry) -> {
        rooms.add(fileId);
        written.add(JSON.readTree(entry));
    });

    @Test
    void aDragOfOneShapeIsOneEntryWrittenOnceItsAuthorPauses() {
        // A drag: an op message every 60 ms for 3 s, each moving the same shape.
        for (int i = 0; i < 50; i++) {
            feed.record(ROOM, ops("ana", "Ana", op("update", "s1")));
            clock.advance(Duration.ofMillis(60));
            feed.writeDue();
        }
        assertThat(written).as("nothing while she is still dragging").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        feed.writeDue();
        assertThat(written).hasSize(1);
        JsonNode entry = written.get(0);
        assertThat(entry.path("summary").asString()).isEqualTo("Ana changed 1 shape");
        assertThat(entry.path("counts").path("changed").asInt()).isEqualTo(1);
        assertThat(entry.path("user_id").asString()).isEqualTo("ana");
        // The time of her last edit.
        assertThat(entry.path("at").asString()).isEqualTo("2026-12-07T10:00:02.940Z");
        assertThat(rooms).containsExactly(ROOM);
        feed.writeDue();
        assertThat(written).as("written once").hasSize(1);
    }

    @Test
    void shapesAddedOneByOneAreCountedTogetherAndEachVerbOnItsOwn() {
        feed.record(ROOM, ops("ana", "Ana", add("a")));
        clock.advance(Duration.ofSeconds(1));
        feed.record(ROOM, ops("ana", "Ana", add("b"), op("update", "a")));
        clock.advance(Duration.ofSeconds(1));
        feed.record(ROOM, ops("ana", "Ana", add("c"), op("text", "a"), op("delete", "b"), page()));
        clock.advance(Duration.ofSeconds(6));
        feed.writeDue();
        assertThat(written).singleElement()
            .satisfies(entry -> assertThat(entry.path("summary").asString())
                .isEqualTo("Ana added 3 shapes and changed 1 shape and edited the text of 1 shape and deleted 1 shape"
                        + " and changed the page"));
    }

    @Test
    void aPauseEndsAnEntryAndTheNextEditStartsAnother() {
        feed.record(ROOM, ops("ana", "Ana", op("update", "s1")));
        clock.advance(Duration.ofSeconds(6));
        feed.record(ROOM, ops("ana", "Ana", op("delete", "s1")));
        assertThat(written).as("the log reader's call never writes").isEmpty();
        feed.writeDue();
        assertThat(written).extracting(entry -> entry.path("summary").asString())
            .containsExactly("Ana changed 1 shape");
        clock.advance(Duration.ofSeconds(5));
        feed.writeDue();
        assertThat(written).extracting(entry -> entry.path("summary").asString())
            .containsExactly("Ana changed 1 shape", "Ana deleted 1 shape");
    }

    @Test
    void anEndlessDragIsWrittenEveryThirtySeconds() {
        for (int second = 0; second < 65; second++) {
            feed.record(ROOM, ops("ana", "Ana", op("update", "s1")));
            clock.advance(Duration.ofSeconds(1));
            feed.writeDue();
        }
        assertThat(written).as("at 30 s and at 60 s, though she never paused").hasSize(2);
    }

    @Test
    void peopleAndRoomsKeepTheirOwnEntries() {
        UUID other = UUID.randomUUID();
        feed.record(ROOM, ops("ana", "Ana", add("a")));
        feed.record(ROOM, ops("bob", "Bob", add("b")));
        feed.record(other, ops("ana", "Ana", op("update", "x")));
        clock.advance(Duration.ofSeconds(5));
        feed.writeDue();
        assertThat(written).extracting(entry -> entry.path("summary").asString())
            .containsExactlyInAnyOrder("Ana added 1 shape", "Bob added 1 shape", "Ana changed 1 shape");
        assertThat(rooms).containsExactlyInAnyOrder(ROOM, ROOM, other);
    }

    @Test
    void anEntryRemembersAtMostAThousandShapesPerVerb() {
        for (int message = 0; message < 15; message++) {
            ObjectNode[] adds = new ObjectNode[100];
            for (int i = 0; i < adds.length; i++) {
                adds[i] = add("s" + message + "-" + i);
            }
            feed.record(ROOM, ops("ana", "Ana", adds));
        }
        clock.advance(Duration.ofSeconds(5));
        feed.writeDue();
        assertThat(written).extracting(entry -> entry.path("summary").asString())
            .containsExactly("Ana added 1000 shapes");
    }

    @Test
    void stoppingWritesWhatIsPending() {
        feed.record(ROOM, ops("ana", "Ana", add("a")));
        feed.writeAll();
        assertThat(written).extracting(entry -> entry.path("summary").asString()).containsExactly("Ana added 1 shape");
    }

    private ObjectNode ops(String userId, String name, ObjectNode... ops) {
        ObjectNode entry = JSON.createObjectNode().put("kind", "ops").put("name", name).put("at", clock.millis());
        entry.putObject("user").put("user_id", userId);
        ArrayNode list = entry.putArray("ops");
        for (ObjectNode op : ops) {
            list.add(op);
        }
        return entry;
    }

    private static ObjectNode op(String kind, String id) {
        return JSON.createObjectNode().put("op", kind).put("id", id);
    }

    private static ObjectNode add(String id) {
        ObjectNode add = JSON.createObjectNode().put("op", "add");
        add.putObject("shape").put("id", id).put("type", "rectangle");
        return add;
    }

    private static ObjectNode page() {
        return JSON.createObjectNode().put("op", "document");
    }

}
