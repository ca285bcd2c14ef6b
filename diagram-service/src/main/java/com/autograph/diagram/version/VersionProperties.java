package com.autograph.diagram.version;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Version history settings ({@code autograph.diagrams.versions.*}).
 *
 * @param autosaveInterval a content change makes a version when the newest one is at
 * least this old
 * @param majorEditShapes a change deleting this many shapes or more makes a version at
 * once
 * @param jobInterval how often the compression and retention job runs
 * @param compression which versions the job gzips
 * @param retention which versions the job deletes (none unless {@code max-age} is set)
 */
@Validated
@ConfigurationProperties("autograph.diagrams.versions")
public record VersionProperties(@NotNull @DefaultValue("5m") Duration autosaveInterval,
        @Min(1) @DefaultValue("10") int majorEditShapes, @NotNull @DefaultValue("15m") Duration jobInterval,
        @Valid @NotNull @DefaultValue Compression compression, @Valid @NotNull @DefaultValue Retention retention) {

    /**
     * @param after versions older than this are compressed…
     * @param keepLatest …unless they are among the newest this many of their file
     * @param batchSize versions compressed per transaction
     */
    public record Compression(@NotNull @DefaultValue("1d") Duration after, @Min(1) @DefaultValue("10") int keepLatest,
            @Min(1) @Max(10_000) @DefaultValue("200") int batchSize) {
    }

    /**
     * @param maxAge unlabelled, unlocked versions older than this are deleted; unset
     * keeps every version
     * @param keepLatest the newest this many versions of a file are kept whatever their
     * age
     */
    public record Retention(Duration maxAge, @Min(1) @DefaultValue("50") int keepLatest) {
    }
}
