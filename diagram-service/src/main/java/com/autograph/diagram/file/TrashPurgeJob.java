package com.autograph.diagram.file;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.autograph.diagram.DiagramProperties;

/**
 * Deletes files that have been in the trash longer than {@code trash-retention} (30
 * days). Safe to run on every instance at once: each row is deleted once, the others find
 * nothing.
 */
@Component
public class TrashPurgeJob {

    private static final Logger log = LoggerFactory.getLogger(TrashPurgeJob.class);

    private final Files files;

    private final DiagramProperties properties;

    private final Clock clock;

    TrashPurgeJob(Files files, DiagramProperties properties, Clock clock) {
        this.files = files;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${autograph.diagrams.trash-purge-interval:1h}", initialDelayString = "1m")
    public void run() {
        purgeAsOf(clock.instant());
    }

    /**
     * Purges what was trashed more than the retention before {@code now}; returns how
     * many.
     */
    public int purgeAsOf(Instant now) {
        int purged = files.purgeTrashedBefore(now.minus(properties.trashRetention()));
        if (purged > 0) {
            log.info("Purged {} files from the trash", purged);
        }
        return purged;
    }

}
