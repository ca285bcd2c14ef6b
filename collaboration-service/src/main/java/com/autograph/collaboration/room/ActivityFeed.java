package com.autograph.collaboration.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rooms' activity feeds ("Ana added 3 shapes"), kept by the instance that holds the
 * author's socket. One person's edits in one room merge into one entry until they pause
 * for {@code activity-merge} or the entry spans {@link #LONGEST}: a drag sends an op
 * message every 60 ms, and an entry for each would fill the feed with "changed 1 shape"
 * within seconds (and cost a Redis write per message). Shapes are counted once per verb
 * however often they changed. An instance that dies loses what it had not written yet, at
 * most {@link #LONGEST} of one person's activity. Entries are written by
 * {@link #writeDue} on a timer, never on the log reader's thread, which goes on to the
 * next entry instead of waiting for Redis.
 */
final class ActivityFeed {

    /**
     * The longest an entry gathers edits before it is written, however busy its author.
     */
    static final Duration LONGEST = Duration.ofSeconds(30);

    /**
     * Shape ids remembered per verb in one entry; past it the count stops growing (a
     * summary says at most "changed 1000 shapes"), so an entry stays small however much
     * its author edits.
     */
    private static final int MAX_IDS = 1_000;

    /**
     * Ended entries waiting for the timer; past this (Redis not answering for long) newer
     * ones are dropped rather than memory spent.
     */
    private static final int MAX_ENDED = 10_000;

    private record Author(UUID fileId, String userId) {
    }

    /** One person's edits in one room, not yet written. */
    private static final class Pending {

        final String name;

        final long firstAt;

        long lastAt;

        /** Shape ids by verb, in the order the verbs first appeared. */
        final Map<String, Set<String>> shapes = new LinkedHashMap<>();

        boolean pageChanged;

        Pending(String name, long at) {
            this.name = name;
            this.firstAt = at;
            this.lastAt = at;
        }

    }

    private final Map<Author, Pending> pending = new HashMap<>();

    /** Entries ended by their author's pause and resumption, to be written next. */
    private final List<Map.Entry<Author, Pending>> ended = new ArrayList<>();

    private final Duration merge;

    private final Clock clock;

    private final JsonMapper json;

    private final BiConsumer<UUID, String> writer;

    private long unnamed;

    /**
     * @param writer stores an entry (its JSON) in a room's feed
     */
    ActivityFeed(Duration merge, Clock clock, JsonMapper json, BiConsumer<UUID, String> writer) {
        this.merge = merge;
        this.clock = clock;
        this.json = json;
        this.writer = writer;
    }

    /**
     * Adds an applied {@code ops} entry of the room's log to its author's pending entry.
     */
    void record(UUID fileId, ObjectNode entry) {
        String userId = entry.path("user").path("user_id").asString("");
        long at = entry.path("at").asLong(clock.millis());
        synchronized (this) {
            Author author = new Author(fileId, userId);
            Pending current = pending.get(author);
            if (current != null
                    && (at - current.lastAt >= merge.toMillis() || at - current.firstAt >= LONGEST.toMillis())) {
                if (ended.size() < MAX_ENDED) {
                    ended.add(Map.entry(author, current));
                }
                current = null;
            }
            if (current == null) {
                current = new Pending(entry.path("name").asString(""), at);
                pending.put(author, current);
            }
            current.lastAt = Math.max(current.lastAt, at);
            for (JsonNode op : entry.path("ops")) {
                String kind = op.path("op").asString("");
                if (kind.equals("document")) {
                    current.pageChanged = true;
                    continue;
                }
                String verb = switch (kind) {
                    case "add" -> "added";
                    case "delete" -> "deleted";
                    case "text" -> "edited the text of";
                    default -> "changed";
                };
                Set<String> ids = current.shapes.computeIfAbsent(verb, key -> new HashSet<>());
                if (ids.size() < MAX_IDS) {
                    String id = op.path("id").asString(op.path("shape").path("id").asString(""));
                    ids.add(id.isEmpty() ? "#" + unnamed++ : id);
                }
            }
        }
    }

    /** Writes the entries whose author paused or that span {@link #LONGEST}. */
    void writeDue() {
        long now = clock.millis();
        List<Map.Entry<Author, Pending>> due;
        synchronized (this) {
            due = new ArrayList<>(ended);
            ended.clear();
            Iterator<Map.Entry<Author, Pending>> entries = pending.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<Author, Pending> entry = entries.next();
                Pending edits = entry.getValue();
                if (now - edits.lastAt >= merge.toMillis() || now - edits.firstAt >= LONGEST.toMillis()) {
                    due.add(Map.entry(entry.getKey(), edits));
                    entries.remove();
                }
            }
        }
        due.forEach(entry -> write(entry.getKey().fileId(), entry.getKey().userId(), entry.getValue()));
    }

    /** Writes every pending entry (the instance is stopping). */
    void writeAll() {
        List<Map.Entry<Author, Pending>> all;
        synchronized (this) {
            all = new ArrayList<>(ended);
            all.addAll(pending.entrySet());
            ended.clear();
            pending.clear();
        }
        all.forEach(entry -> write(entry.getKey().fileId(), entry.getKey().userId(), entry.getValue()));
    }

    private void write(UUID fileId, String userId, Pending edits) {
        List<String> parts = new ArrayList<>();
        ObjectNode activity = json.createObjectNode()
            .put("at", Instant.ofEpochMilli(edits.lastAt).toString())
            .put("user_id", userId)
            .put("name", edits.name);
        ObjectNode counts = json.createObjectNode();
        edits.shapes.forEach((verb, ids) -> {
            int n = ids.size();
            parts.add(verb + " " + n + (n == 1 ? " shape" : " shapes"));
            counts.put(verb, n);
        });
        if (edits.pageChanged) {
            parts.add("changed the page");
            counts.put("changed the page", 1);
        }
        activity.put("summary", edits.name + " " + String.join(" and ", parts));
        activity.set("counts", counts);
        writer.accept(fileId, activity.toString());
    }

}
