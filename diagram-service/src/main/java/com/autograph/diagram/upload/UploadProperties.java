package com.autograph.diagram.upload;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.autograph.document.uploads.UploadLimits;

/**
 * Pictures and over-long labels an import stores in the S3 uploads bucket
 * ({@code autograph.diagrams.uploads.*}).
 *
 * @param maxImageBytes one picture, decoded (checked from the base64's length before
 * decoding)
 * @param maxBytesPerFile all pictures and long labels of one import together; each import
 * holds them in memory until they are stored, so this bounds its heap
 * @param maxImagePixels width × height of one picture, from its header: a browser or
 * export decoding it needs about four bytes a pixel
 * @param maxConcurrentInlines exports that put stored content back into a document at
 * once (each holds up to {@code maxBytesPerFile} plus its base64); more wait
 * {@code busyWait}, then 429
 * @param busyWait how long such an export waits for its turn
 * @param cacheMaxAge how long a browser may keep a served upload (content never changes
 * under its key; {@code private}, as access may be withdrawn)
 */
@Validated
@ConfigurationProperties("autograph.diagrams.uploads")
public record UploadProperties(@NotNull @DefaultValue("5MB") DataSize maxImageBytes,
        @NotNull @DefaultValue("10MB") DataSize maxBytesPerFile,
        @Min(1) @Max(268_435_456) @DefaultValue("40000000") long maxImagePixels,
        @Min(1) @Max(64) @DefaultValue("2") int maxConcurrentInlines, @NotNull @DefaultValue("10s") Duration busyWait,
        @NotNull @DefaultValue("1d") Duration cacheMaxAge) {

    private static final DataSize CEILING = DataSize.ofMegabytes(64);

    public UploadProperties {
        check("max-image-bytes", maxImageBytes);
        check("max-bytes-per-file", maxBytesPerFile);
    }

    private static void check(String name, DataSize size) {
        if (size != null && (size.toBytes() < 1 || size.toBytes() > CEILING.toBytes())) {
            throw new IllegalArgumentException(
                    "autograph.diagrams.uploads." + name + " must be from 1 byte to 64MB, was " + size);
        }
    }

    /** The same limits, as diagram-model checks them. */
    public UploadLimits toLimits() {
        return new UploadLimits(maxImageBytes.toBytes(), maxBytesPerFile.toBytes(), maxImagePixels);
    }

}
