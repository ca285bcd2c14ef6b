package com.autograph.export.history;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.export.web.Callers;
import com.autograph.shared.security.TrustedIdentity;

@RestController
@Validated
@RequestMapping("/api/export/history")
class HistoryController {

    private final ExportHistory history;

    HistoryController(ExportHistory history) {
        this.history = history;
    }

    @Operation(summary = "List your exports (format, size, time), newest first; of one file with file_id")
    @GetMapping
    ExportHistory.Page list(TrustedIdentity identity, @RequestParam(name = "file_id", required = false) UUID fileId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return history.list(Callers.userId(identity), fileId, page, size);
    }

}
