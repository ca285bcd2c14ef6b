package com.autograph.ai.generate;

import java.util.List;

/**
 * What to draft. {@code currentCode} is set when refining an existing diagram (its code
 * in {@code language}); {@code previousErrors} holds the parser's errors from the last
 * attempt, fed back on the retry. {@code model}, {@code temperature} and
 * {@code maxTokens} are null for the configured defaults. {@code language} is "mermaid"
 * or "eraser".
 */
public record DraftRequest(String prompt, String language, String currentCode, List<String> previousErrors,
        String model, Double temperature, Integer maxTokens) {

    public DraftRequest {
        previousErrors = previousErrors == null ? List.of() : List.copyOf(previousErrors);
    }

}
