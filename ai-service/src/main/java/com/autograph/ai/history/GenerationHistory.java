package com.autograph.ai.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every generation, refinement and prose answer a user asked for
 * ({@code ai_generations}): their history, the per-user daily quota and what each source
 * costs. Writing it never fails a generation: a lost row is logged.
 */
@Component
public class GenerationHistory {

    /** One row as written. */
    public record Record(UUID userId, String kind, String prompt, String source, String model, String diagramType,
            int inputTokens, int outputTokens, double costUsd, Integer quality, long durationMs, boolean cached,
            UUID fileId) {
    }

    /** One row as listed. */
    public record Entry(UUID id, String kind, String prompt, String source, String model, String diagramType,
            int inputTokens, int outputTokens, double costUsd, Integer quality, long durationMs, boolean cached,
            UUID fileId, Instant createdAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(GenerationHistory.class);

    private final JdbcClient jdbc;

    private final Clock clock;

    GenerationHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Record r) {
        try {
            jdbc.sql("""
                    INSERT INTO ai_generations (user_id, kind, prompt, source, model, diagram_type, input_tokens,
                        output_tokens, cost_usd, quality, duration_ms, cached, file_id, created_at)
                    VALUES (:user, :kind, :prompt, :source, :model, :type, :input, :output, :cost, :quality,
                        :duration, :cached, :file, :at)""")
                .param("user", r.userId())
                .param("kind", r.kind())
                .param("prompt", r.prompt())
                .param("source", r.source())
                .param("model", r.model())
                .param("type", r.diagramType())
                .param("input", r.inputTokens())
                .param("output", r.outputTokens())
                .param("cost", r.costUsd())
                .param("quality", r.quality())
                .param("duration", (int) Math.min(Integer.MAX_VALUE, r.durationMs()))
                .param("cached", r.cached())
                .param("file", r.fileId())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        }
        catch (RuntimeException ex) {
            log.warn("Could not record an AI generation in the history: {}", ex.getMessage());
        }
    }

    /**
     * Generations the user ran since the start of today (UTC), cached answers excluded.
     */
    public int usedToday(UUID userId) {
        Instant midnight = LocalDate.now(clock).atStartOfDay(ZoneOffset.UTC).toInstant();
        return jdbc
            .sql("SELECT count(*) FROM ai_generations WHERE user_id = :user AND created_at >= :since AND NOT cached")
            .param("user", userId)
            .param("since", Timestamp.from(midnight))
            .query(Integer.class)
            .single();
    }

    /** The user's newest entries, of one file when {@code fileId} is given. */
    public List<Entry> list(UUID userId, UUID fileId, int limit) {
        return jdbc
            .sql("SELECT id, kind, prompt, source, model, diagram_type, input_tokens, output_tokens, cost_usd, quality,"
                    + " duration_ms, cached, file_id, created_at FROM ai_generations WHERE user_id = :user"
                    + (fileId == null ? "" : " AND file_id = :file") + " ORDER BY created_at DESC, id LIMIT :limit")
            .param("user", userId)
            .param("limit", limit)
            .params(fileId == null ? java.util.Map.of() : java.util.Map.of("file", fileId))
            .query(GenerationHistory::entry)
            .list();
    }

    /**
     * The prompts earlier refinements of a file used, oldest first (the conversation so
     * far).
     */
    public List<String> conversation(UUID userId, UUID fileId, int limit) {
        List<String> newest = jdbc
            .sql("SELECT prompt FROM ai_generations WHERE user_id = :user AND file_id = :file"
                    + " ORDER BY created_at DESC LIMIT :limit")
            .param("user", userId)
            .param("file", fileId)
            .param("limit", limit)
            .query(String.class)
            .list();
        return newest.reversed();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("prompt"),
                rs.getString("source"), rs.getString("model"), rs.getString("diagram_type"), rs.getInt("input_tokens"),
                rs.getInt("output_tokens"), rs.getDouble("cost_usd"), (Integer) rs.getObject("quality"),
                rs.getLong("duration_ms"), rs.getBoolean("cached"), rs.getObject("file_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }

}
