package com.autograph.collaboration.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.autograph.shared.redis.RedisKeyspace;

/**
 * A room's durable state in Redis, shared by every instance:
 * <ul>
 * <li>{@code collab:{file}:seq} — the room's sequence counter</li>
 * <li>{@code collab:{file}:log} — the operation log, a stream whose entry ids are
 * {@code <seq>-1}: one Lua script increments the counter and appends, so the log's order
 * is the sequence order on every instance</li>
 * <li>{@code collab:{file}:snapshot} — the document at some sequence number (hash: seq,
 * canvas, note); the log is trimmed only below it</li>
 * <li>{@code collab:{file}:saved} — what diagram-service holds (seq, etag, canvas,
 * note)</li>
 * <li>{@code collab:{file}:members}, {@code collab:{file}:member:{connection}} —
 * presence, each member a key with a time to live</li>
 * <li>{@code collab:{file}:activity} — the newest activity entries</li>
 * <li>{@code collab:{file}:presence} — the pub/sub channel of cursors, selections and
 * chat</li>
 * </ul>
 * Every key lives {@link #KEEP} after its last write: a room nobody opens for that long
 * is read from diagram-service again (where it was saved).
 */
@Component
public class RoomLog {

    static final Duration KEEP = Duration.ofDays(2);

    /** A log entry: its sequence number and its JSON. */
    public record Entry(long seq, String json) {
    }

    /** The stored snapshot, or the saved state. */
    public record Stored(long seq, String canvas, String note, String etag) {
    }

    private static final RedisScript<Long> APPEND = new DefaultRedisScript<>("""
            local seq = redis.call('INCR', KEYS[1])
            redis.call('XADD', KEYS[2], seq .. '-1', 'e', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return seq
            """, Long.class);

    /**
     * The snapshot unless one exists: at the counter's value (nothing can be in the log
     * above it before a snapshot exists, since rooms open with one).
     */
    private static final RedisScript<Long> INITIAL = new DefaultRedisScript<>("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
            local seq = redis.call('GET', KEYS[2]) or '0'
            redis.call('HSET', KEYS[1], 'seq', seq, 'canvas', ARGV[1], 'note', ARGV[2])
            redis.call('HSET', KEYS[3], 'seq', seq, 'canvas', ARGV[1], 'note', ARGV[2], 'etag', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('PEXPIRE', KEYS[3], ARGV[4])
            return tonumber(seq)
            """, Long.class);

    /** Replaces a stored state only with a newer one; trims the log below a snapshot. */
    private static final RedisScript<Long> NEWER = new DefaultRedisScript<>("""
            local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or '-1')
            if tonumber(ARGV[1]) <= current then return 0 end
            redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'canvas', ARGV[2], 'note', ARGV[3], 'etag', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            if KEYS[2] and tonumber(ARGV[6]) > 0 then
              redis.call('XTRIM', KEYS[2], 'MINID', ARGV[6] .. '-0')
            end
            return 1
            """, Long.class);

    /** Pushes an activity entry and keeps the newest ones: one round trip. */
    private static final RedisScript<Long> ACTIVITY = new DefaultRedisScript<>("""
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    public RoomLog(StringRedisTemplate redis, RedisKeyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    String key(UUID fileId, String part) {
        return keyspace.keyPrefix() + "collab:" + fileId + ":" + part;
    }

    public String logKey(UUID fileId) {
        return key(fileId, "log");
    }

    /** Appends an entry; returns its sequence number once Redis has it. */
    public long append(UUID fileId, String json) {
        return redis.execute(APPEND, List.of(key(fileId, "seq"), logKey(fileId)), json, Long.toString(KEEP.toMillis()));
    }

    /** Entries from {@code fromSeq} on, at most {@code count}. */
    public List<Entry> range(UUID fileId, long fromSeq, int count) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
            .range(logKey(fileId), Range.closed(Math.max(fromSeq, 1) + "-0", "+"), Limit.limit().count(count));
        List<Entry> entries = new ArrayList<>();
        if (records != null) {
            for (MapRecord<String, Object, Object> record : records) {
                entries.add(new Entry(record.getId().getTimestamp(), (String) record.getValue().get("e")));
            }
        }
        return entries;
    }

    /**
     * The snapshot; written first (with the saved state) from {@code initial} when the
     * room has none.
     */
    public Stored snapshot(UUID fileId, java.util.function.Supplier<Stored> initial) {
        Stored stored = read(key(fileId, "snapshot"));
        if (stored != null) {
            return stored;
        }
        Stored first = initial.get();
        redis.execute(INITIAL, List.of(key(fileId, "snapshot"), key(fileId, "seq"), key(fileId, "saved")),
                first.canvas(), first.note(), first.etag(), Long.toString(KEEP.toMillis()));
        return read(key(fileId, "snapshot"));
    }

    /** Keeps a newer snapshot and trims the log to {@code retention} entries below it. */
    public void snapshot(UUID fileId, long seq, String canvas, String note, int retention) {
        redis.execute(NEWER, List.of(key(fileId, "snapshot"), logKey(fileId)), Long.toString(seq), canvas, note, "",
                Long.toString(KEEP.toMillis()), Long.toString(Math.max(0, seq - retention)));
    }

    /** What diagram-service holds, as far as the rooms know. */
    public Stored saved(UUID fileId) {
        return read(key(fileId, "saved"));
    }

    public void saved(UUID fileId, long seq, String canvas, String note, String etag) {
        redis.execute(NEWER, List.of(key(fileId, "saved")), Long.toString(seq), canvas, note, etag,
                Long.toString(KEEP.toMillis()), "0");
    }

    /** One instance at a time saves a room: true when this call got the turn. */
    public boolean claimSave(UUID fileId, String instance, Duration hold) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key(fileId, "saving"), instance, hold));
    }

    public void releaseSave(UUID fileId, String instance) {
        String key = key(fileId, "saving");
        if (instance.equals(redis.opsForValue().get(key))) {
            redis.delete(key);
        }
    }

    private Stored read(String key) {
        Map<Object, Object> hash = redis.opsForHash().entries(key);
        if (hash.isEmpty() || hash.get("seq") == null) {
            return null;
        }
        return new Stored(Long.parseLong((String) hash.get("seq")), (String) hash.get("canvas"),
                (String) hash.getOrDefault("note", ""), (String) hash.getOrDefault("etag", ""));
    }

    // ---- presence and activity

    public void member(UUID fileId, String connectionId, String json, Duration ttl) {
        storeMembers(List.of(new Member(fileId, connectionId, json)), ttl);
    }

    /** A member's presence to store: its room, its connection and its JSON. */
    public record Member(UUID fileId, String connectionId, String json) {
    }

    /**
     * Stores (or renews) members' presence for {@code ttl}, all in one round trip (an
     * instance renews all its connections every few seconds).
     */
    public void storeMembers(List<Member> members, Duration ttl) {
        if (members.isEmpty()) {
            return;
        }
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
                for (Member member : members) {
                    ops.opsForValue().set(key(member.fileId(), "member:" + member.connectionId()), member.json(), ttl);
                    ops.opsForSet().add(key(member.fileId(), "members"), member.connectionId());
                    ops.expire(key(member.fileId(), "members"), KEEP);
                }
                return null;
            }
        });
    }

    /**
     * Removes a member; true when this call removed it (exactly one instance announces
     * it).
     */
    public boolean removeMember(UUID fileId, String connectionId) {
        redis.delete(key(fileId, "member:" + connectionId));
        Long removed = redis.opsForSet().remove(key(fileId, "members"), connectionId);
        return removed != null && removed > 0;
    }

    /** Live members' JSON by connection id; ids whose key expired are listed as null. */
    public Map<String, String> members(UUID fileId) {
        java.util.Set<String> ids = redis.opsForSet().members(key(fileId, "members"));
        Map<String, String> members = new java.util.LinkedHashMap<>();
        if (ids == null || ids.isEmpty()) {
            return members;
        }
        List<String> order = new ArrayList<>(ids);
        List<String> values = redis.opsForValue()
            .multiGet(order.stream().map(id -> key(fileId, "member:" + id)).toList());
        for (int i = 0; i < order.size(); i++) {
            members.put(order.get(i), values == null ? null : values.get(i));
        }
        return members;
    }

    public void activity(UUID fileId, String json, int keep) {
        redis.execute(ACTIVITY, List.of(key(fileId, "activity")), json, Integer.toString(keep),
                Long.toString(KEEP.toMillis()));
    }

    public List<String> activity(UUID fileId, int count) {
        List<String> entries = redis.opsForList().range(key(fileId, "activity"), 0, count - 1);
        return entries == null ? List.of() : entries;
    }

    public String presenceChannel(UUID fileId) {
        return key(fileId, "presence");
    }

    public void publish(String channel, String message) {
        redis.convertAndSend(channel, message);
    }

}
