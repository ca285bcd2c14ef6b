package com.autograph.export;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * export-service settings ({@code autograph.export.*}; the render limits are
 * {@code autograph.export.render.*}, see {@code RenderLimits}).
 *
 * @param maxSourceBytes what one posted piece of code, document or Kroki source may hold,
 * counted after base64 decoding and inflating (checked while reading: an inflation bomb
 * stops here)
 * @param maxConcurrentRenders renders one instance runs at once (each may hold a large
 * image)
 * @param busyWait how long a render waits for a free slot before the answer is 429 with
 * Retry-After
 */
@Validated
@ConfigurationProperties("autograph.export")
public record ExportProperties(@NotNull @DefaultValue("1MB") DataSize maxSourceBytes,
        @Min(1) @Max(64) @DefaultValue("2") int maxConcurrentRenders, @NotNull @DefaultValue("10s") Duration busyWait,
        @Valid @NotNull @DefaultValue Kroki kroki, @Valid @NotNull @DefaultValue Thumbnails thumbnails,
        @Valid @NotNull @DefaultValue Jobs jobs, @Valid @NotNull @DefaultValue Retention retention) {

    /**
     * @param enabled whether {@code /api/export/kroki/**} answers (404
     * {@code kroki_disabled} when not)
     */
    public record Kroki(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param enabled whether file events are turned into thumbnails
     * @param delay how long after the first change of a file its thumbnails are rendered;
     * changes meanwhile join that render (a burst of autosaves makes one thumbnail)
     * @param pollInterval how often due thumbnails are looked for
     */
    public record Thumbnails(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("2s") Duration delay,
            @NotNull @DurationMin(millis = 50) @DefaultValue("500ms") Duration pollInterval) {
    }

    /**
     * @param maxFiles files one batch job may export
     * @param maxActivePerUser a user's queued and running jobs at once (429 beyond)
     * @param maxZipBytes what one job's ZIP may grow to before the job fails
     * @param downloadExpiry how long a finished job's presigned download URL is valid (at
     * most 7 days)
     * @param abandonedAfter a job without progress this long (its instance stopped) is
     * marked failed
     */
    public record Jobs(@Min(1) @Max(1000) @DefaultValue("50") int maxFiles,
            @Min(1) @Max(100) @DefaultValue("2") int maxActivePerUser,
            @NotNull @DefaultValue("200MB") DataSize maxZipBytes,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration downloadExpiry,
            @NotNull @DurationMin(seconds = 10) @DefaultValue("10m") Duration abandonedAfter) {
    }

    /**
     * @param cleanupInterval how often expired exports are deleted where S3 has no
     * lifecycle rule
     */
    public record Retention(@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration cleanupInterval) {
    }
}
