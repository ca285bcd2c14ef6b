package com.autograph.diagram;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * diagram-service settings ({@code autograph.diagrams.*}).
 *
 * @param trashRetention how long trashed files are kept before the purge job deletes them
 * @param trashPurgeInterval how often that job runs
 * @param publicUrl the address clients reach the platform at (share link and embed URLs)
 * @param searchWordVariants how many dictionary words (closest spellings first) one query
 * word stands for in search: bounds the work of short, prefix-like words such as "pa"
 * @param maxFolderDepth how deep folders may nest (a top-level folder is depth 1);
 * creating or moving a folder beyond it is refused, and permission walks stop there
 * @param maxTransferItems the most files and folders one transfer of a folder may hand
 * over (its subtree); a larger one is refused before anything changes
 * @param statementTimeout the longest one SQL statement may run before PostgreSQL cancels
 * it (the request then gets 503): no request can hold a pooled connection for ever
 */
@Validated
@ConfigurationProperties("autograph.diagrams")
public record DiagramProperties(@NotNull @DefaultValue("30d") Duration trashRetention,
        @NotNull @DefaultValue("1h") Duration trashPurgeInterval,
        @NotBlank @DefaultValue("http://localhost:8080") String publicUrl,
        @Min(1) @Max(1000) @DefaultValue("50") int searchWordVariants,
        @Min(1) @Max(1000) @DefaultValue("32") int maxFolderDepth,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxTransferItems,
        @NotNull @DurationMin(millis = 1) @DefaultValue("15s") Duration statementTimeout) {
}
