package com.autograph.shared.s3;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * S3 (MinIO, S3Proxy or AWS) settings, bound from {@code autograph.s3.*} / {@code S3_*}.
 */
@Validated
@ConfigurationProperties("autograph.s3")
public record S3Properties(@DefaultValue("false") boolean enabled,
        @NotBlank(message = "must be set (S3_ENDPOINT)") String endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @NotBlank(message = "must be set (S3_ACCESS_KEY)") String accessKey,
        @NotBlank(message = "must be set (S3_SECRET_KEY)") String secretKey,
        @Valid @NotNull @DefaultValue Buckets buckets, @NotNull @DefaultValue("15m") Duration presignExpiry,
        @Positive @DefaultValue("7") int exportsRetentionDays, @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("60s") Duration readTimeout) {

    /** Bucket names; S3 allows 3–63 lower-case letters, digits, dots and hyphens. */
    public record Buckets(
            @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") @DefaultValue("diagrams") String diagrams,
            @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") @DefaultValue("exports") String exports,
            @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") @DefaultValue("uploads") String uploads) {

        public List<String> all() {
            return List.of(diagrams, exports, uploads);
        }
    }
}
