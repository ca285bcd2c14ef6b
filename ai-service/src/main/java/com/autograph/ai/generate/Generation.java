package com.autograph.ai.generate;

import com.autograph.document.DiagramDocument;

/**
 * A generated, parsed, iconed, laid-out and scored diagram: the best of the attempts.
 *
 * @param fellBack true when the provider chain failed and the offline generator answered
 * @param attempts drafts made (quality retries and the parse retry included)
 */
public record Generation(DiagramDocument document, String code, String language, DiagramKind kind, Quality quality,
        String source, String model, boolean ruleBased, int inputTokens, int outputTokens, double costUsd, int attempts,
        boolean fellBack) {
}
