package com.autograph.ai.prose;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.ai.AiProperties;
import com.autograph.ai.Callers;
import com.autograph.ai.files.DiagramFiles;
import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.generate.ProseSource;
import com.autograph.ai.generate.SourceSelector;
import com.autograph.ai.history.GenerationHistory;
import com.autograph.document.formats.eraser.EraserLanguage;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Prose about a diagram, of a file or posted as code: explain it, critique it (missing
 * parts, single points of failure, unlabelled connections) or suggest labels, icons and
 * connections.
 */
@RestController
@RequestMapping("/api/ai")
@Tag(name = "AI")
class ProseController {

    private static final Logger log = LoggerFactory.getLogger(ProseController.class);

    record ProseRequest(UUID fileId, String code, @Size(max = 2000) String instruction,
            @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}",
                    message = "must be a provider name such as offline") String provider) {
    }

    record ProseResponse(String task, String text, String source, boolean ruleBased, boolean fellBackToOffline) {
    }

    private final SourceSelector<ProseSource> sources;

    private final DiagramFiles files;

    private final GenerationHistory history;

    private final AiProperties properties;

    private final java.time.Clock clock;

    ProseController(List<ProseSource> sources, DiagramFiles files, GenerationHistory history, AiProperties properties,
            java.time.Clock clock) {
        this.sources = new SourceSelector<>(sources);
        this.files = files;
        this.history = history;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "Explain, critique or suggest improvements to a diagram",
            description = "task is explain, critique or suggest. Give file_id (read with your permissions) or code "
                    + "(Mermaid or the Eraser-style language).")
    @ApiResponse(responseCode = "200", description = "The answer in prose.")
    @ApiResponse(responseCode = "400", description = "Neither or both of file_id and code, or code too long.")
    @ApiResponse(responseCode = "422", description = "The code does not parse.")
    @PostMapping("/{task:explain|critique|suggest}")
    ProseResponse answer(TrustedIdentity identity, @PathVariable String task,
            @Valid @RequestBody ProseRequest request) {
        UUID user = Callers.userId(identity);
        if ((request.fileId() == null) == (request.code() == null)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "diagram_required", "Give exactly one of file_id and code.");
        }
        if (request.code() != null && request.code().length() > properties.maxCodeChars()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "code_too_long",
                    "The code is longer than " + properties.maxCodeChars() + " characters.");
        }
        int used = history.usedToday(user);
        if (used >= properties.dailyQuota()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "quota_exceeded",
                    "You have used your " + properties.dailyQuota() + " AI generations for today (UTC).");
        }
        long started = clock.millis();
        String code = request.code() != null ? request.code()
                : new EraserLanguage().render(files.open(identity, request.fileId()).document());
        ProseSource source = sources.choose(request.provider());
        boolean fellBack = false;
        String text;
        try {
            text = source.answer(task, code, request.instruction(), part -> {
            });
        }
        catch (CodeSourceException ex) {
            Optional<ProseSource> offline = sources.offline();
            if (source.name().equals(SourceSelector.OFFLINE) || !properties.fallbackToOffline() || offline.isEmpty()) {
                HttpStatus status = Optional.ofNullable(HttpStatus.resolve(ex.status())).orElse(HttpStatus.BAD_GATEWAY);
                throw new ApiException(status,
                        status == HttpStatus.UNPROCESSABLE_CONTENT ? "unreadable_diagram" : "provider_failed",
                        ex.getMessage());
            }
            log.warn("{} failed ({}), answering with the offline generator", source.name(), ex.getMessage());
            source = offline.get();
            fellBack = true;
            text = source.answer(task, code, request.instruction(), part -> {
            });
        }
        boolean ruleBased = source.name().equals(SourceSelector.OFFLINE);
        history
            .record(new GenerationHistory.Record(user, task, request.instruction() == null ? "" : request.instruction(),
                    source.name(), null, null, 0, 0, 0, null, clock.millis() - started, false, request.fileId()));
        return new ProseResponse(task, text, source.name(), ruleBased, fellBack);
    }

}
