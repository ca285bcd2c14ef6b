package com.autograph.ai.generate;

/**
 * A source's answer: code in {@code language} ("mermaid" or "eraser"), which source and
 * model produced it, and the tokens it cost (0 for the offline generator).
 */
public record CodeDraft(String code, String language, String source, String model, int inputTokens, int outputTokens,
        double estimatedCostUsd) {
}
