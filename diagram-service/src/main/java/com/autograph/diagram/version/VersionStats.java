package com.autograph.diagram.version;

/**
 * A file's history in numbers: how many versions, how many are compressed, labelled or
 * locked, and their size as snapshots ({@code size_bytes}) against what they take stored
 * ({@code stored_bytes}).
 */
public record VersionStats(long versionCount, long compressedCount, long labelledCount, long lockedCount,
        Integer latestVersion, long sizeBytes, long storedBytes) {
}
