package com.autograph.diagram.code;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.autograph.document.ModelLimits;

/**
 * What one import, piece of code or document sent for layout may cost
 * ({@code autograph.diagrams.import.*}), checked by diagram-model while it reads
 * ({@link ModelLimits}). The upper bounds keep the largest accepted input inside the
 * service's heap (see docs/configuration.md); the defaults are
 * {@link ModelLimits#DEFAULTS}.
 *
 * @param maxInputChars characters of one uploaded file or piece of code (413 beyond)
 * @param maxDecompressedBytes what a compressed draw.io page may inflate to
 * @param maxShapes shapes (connectors included) one input may make
 * @param maxDepth nesting of XML elements, JSON values and Eraser groups
 * @param maxTextChars characters of one label
 * @param maxLayoutNodes shapes one automatic layout places (ELK's time grows faster than
 * that)
 * @param maxBytesInFlight uploaded bytes all imports being read at once may add up to:
 * each is bounded, their number is not, and the largest one alone peaks near 200 MB of
 * heap
 * @param busyWait how long an import waits for room before it is answered 429
 */
@Validated
@ConfigurationProperties("autograph.diagrams.import")
public record ImportLimitProperties(@Min(1) @Max(64 * 1024 * 1024) @DefaultValue("10485760") long maxInputChars,
        @NotNull @DefaultValue("10MB") DataSize maxDecompressedBytes,
        @Min(1) @Max(100_000) @DefaultValue("20000") int maxShapes, @Min(8) @Max(500) @DefaultValue("64") int maxDepth,
        @Min(1) @Max(100_000) @DefaultValue("100000") int maxTextChars,
        @Min(1) @Max(20_000) @DefaultValue("5000") int maxLayoutNodes,
        @NotNull @DefaultValue("12MB") DataSize maxBytesInFlight,
        @NotNull @DefaultValue("10s") java.time.Duration busyWait) {

    public ImportLimitProperties {
        if (maxDecompressedBytes != null && (maxDecompressedBytes.toBytes() < 1
                || maxDecompressedBytes.toBytes() > DataSize.ofMegabytes(64).toBytes())) {
            throw new IllegalArgumentException("autograph.diagrams.import.max-decompressed-bytes must be from 1 byte"
                    + " to 64MB, was " + maxDecompressedBytes);
        }
        if (maxBytesInFlight != null && (maxBytesInFlight.toBytes() < DataSize.ofMegabytes(1).toBytes()
                || maxBytesInFlight.toBytes() > DataSize.ofGigabytes(1).toBytes())) {
            throw new IllegalArgumentException(
                    "autograph.diagrams.import.max-bytes-in-flight must be from 1MB to 1GB, was " + maxBytesInFlight);
        }
    }

    /** The same limits, as diagram-model checks them. */
    public ModelLimits toModelLimits() {
        return new ModelLimits(maxInputChars, maxDecompressedBytes.toBytes(), maxShapes, maxDepth, maxTextChars,
                maxLayoutNodes);
    }
}
