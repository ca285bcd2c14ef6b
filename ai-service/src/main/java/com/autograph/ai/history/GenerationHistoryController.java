package com.autograph.ai.history;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.ai.AiProperties;
import com.autograph.ai.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/** The caller's own generations, newest first. */
@RestController
@RequestMapping("/api/ai")
@Tag(name = "AI")
class GenerationHistoryController {

    record HistoryResponse(List<GenerationHistory.Entry> items, int usedToday, int dailyQuota) {
    }

    private final GenerationHistory history;

    private final AiProperties properties;

    GenerationHistoryController(GenerationHistory history, AiProperties properties) {
        this.history = history;
        this.properties = properties;
    }

    @Operation(summary = "Your AI generation history",
            description = "Prompt, source, model, tokens, estimated cost, quality, duration and the resulting file "
                    + "of each generation, refinement and prose answer; of one file with file_id.")
    @GetMapping("/history")
    HistoryResponse list(TrustedIdentity identity, @RequestParam(name = "file_id", required = false) UUID fileId,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > properties.historyLimit()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_limit",
                    "limit must be 1–" + properties.historyLimit() + ".");
        }
        UUID user = Callers.userId(identity);
        return new HistoryResponse(history.list(user, fileId, limit), history.usedToday(user), properties.dailyQuota());
    }

}
