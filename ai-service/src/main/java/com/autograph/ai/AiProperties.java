package com.autograph.ai;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How ai-service generates (every setting is listed in docs/ai.md).
 *
 * @param maxPromptChars longest prompt or instruction accepted (longer: 400)
 * @param maxCodeChars longest diagram code accepted for explain, critique and suggest
 * @param qualityTarget a draft scoring below this is retried with other parameters
 * @param qualityRetries how many such retries at most (the best draft is kept)
 * @param fallbackToOffline when the provider chain fails, answer with the offline
 * generator (the answer says so) instead of the chain's error
 * @param cacheTtl how long an identical recent request is answered from the cache
 * @param dailyQuota generations one user may run per UTC day (429 beyond)
 * @param historyLimit most history entries one request lists
 */
@Validated
@ConfigurationProperties("autograph.ai")
public record AiProperties(@Min(1) @Max(100_000) int maxPromptChars, @Min(1) @Max(1_000_000) int maxCodeChars,
        @Min(0) @Max(100) int qualityTarget, @Min(0) @Max(5) int qualityRetries, boolean fallbackToOffline,
        @NotNull Duration cacheTtl, @Min(1) @Max(1_000_000) int dailyQuota, @Min(1) @Max(500) int historyLimit) {
}
