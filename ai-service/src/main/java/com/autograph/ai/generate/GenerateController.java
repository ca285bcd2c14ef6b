package com.autograph.ai.generate;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.autograph.document.DocumentCodec;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.error.Problems;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Plain language to a diagram: generate a new one, or refine a file in place. Each
 * answers JSON, or with {@code Accept: text/event-stream} streams every stage of the
 * pipeline (events {@code stage}, {@code partial}, then {@code result} or {@code error}).
 */
@RestController
@RequestMapping("/api/ai")
@Tag(name = "AI", description = "Plain language to diagram: generate, refine, explain")
class GenerateController {

    static final String PROVIDER_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    record GenerateRequest(@NotNull String prompt,
            @Pattern(regexp = PROVIDER_PATTERN, message = "must be a provider name such as offline") String provider,
            @Size(max = 128) String model, @DecimalMin("0") @DecimalMax("2") Double temperature,
            @Min(1) @Max(32_000) Integer maxTokens, Boolean save, @Size(min = 1, max = 255) String title) {

        Generations.Options options() {
            return new Generations.Options(provider, model, temperature, maxTokens);
        }

    }

    record RefineRequest(@NotNull String instruction,
            @Pattern(regexp = PROVIDER_PATTERN, message = "must be a provider name such as offline") String provider,
            @Size(max = 128) String model, @DecimalMin("0") @DecimalMax("2") Double temperature,
            @Min(1) @Max(32_000) Integer maxTokens) {
    }

    record Tokens(int input, int output) {
    }

    /**
     * What a generation answers: the laid-out document, its code, the kind of diagram,
     * its quality, which source made it (and whether rule-based) and what it cost.
     */
    record GenerateResponse(@JsonRawValue String document, String code, String language, String type, Quality quality,
            String source, String model, boolean ruleBased, Tokens tokens, double estimatedCostUsd, int attempts,
            boolean fellBackToOffline, boolean cached, long durationMs, UUID fileId, String etag, String title,
            java.util.List<String> conversation) {

        static GenerateResponse of(Generations.Answer a) {
            Generation g = a.generation();
            return new GenerateResponse(DocumentCodec.write(g.document()), g.code(), g.language(), g.kind().id(),
                    g.quality(), g.source(), g.model(), g.ruleBased(), new Tokens(g.inputTokens(), g.outputTokens()),
                    g.costUsd(), g.attempts(), g.fellBack(), a.cached(), a.durationMs(), a.fileId(), a.etag(),
                    a.title(), a.conversation());
        }

    }

    private final Generations generations;

    private final ExecutorService streams;

    GenerateController(Generations generations, ExecutorService aiStreams) {
        this.generations = generations;
        this.streams = aiStreams;
    }

    @Operation(summary = "Generate a diagram from a prompt",
            description = "Prompt → source (a configured provider, or the rule-based offline generator) → code → "
                    + "parse → icons → layout → quality score, retried below the quality target. With save=true or "
                    + "a title the diagram is saved as a new file in your list.")
    @ApiResponse(responseCode = "200", description = "The generated diagram.")
    @ApiResponse(responseCode = "400", description = "Empty or overlong prompt, or an unknown provider.")
    @ApiResponse(responseCode = "422", description = "Nothing to draw, or a draft that did not parse twice.")
    @ApiResponse(responseCode = "429", description = "Your daily quota is used, or a provider's rate limit.")
    @PostMapping(path = "/generate", produces = MediaType.APPLICATION_JSON_VALUE)
    GenerateResponse generate(TrustedIdentity identity, @Valid @RequestBody GenerateRequest request) {
        return GenerateResponse.of(generations.generate(identity, request.prompt(), request.options(),
                Boolean.TRUE.equals(request.save()), request.title(), event -> {
                }));
    }

    @Operation(summary = "Generate a diagram, streaming each stage",
            description = "Server-sent events: `stage` ({stage, …}), `partial` (code as it is drafted), then "
                    + "`result` (the same body as the JSON answer) or `error` (a problem document).")
    @PostMapping(path = "/generate", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter generateStream(TrustedIdentity identity, @Valid @RequestBody GenerateRequest request) {
        generations.checkPrompt(request.prompt(), "prompt");
        return stream(events -> generations.generate(identity, request.prompt(), request.options(),
                Boolean.TRUE.equals(request.save()), request.title(), events));
    }

    @Operation(summary = "Refine a file in place",
            description = "Reads the file's head, changes it as the instruction says (earlier instructions for the "
                    + "file are remembered as context) and saves the result as the new head with If-Match; shapes "
                    + "left untouched keep their ids and positions.")
    @ApiResponse(responseCode = "200", description = "The refined diagram, saved.")
    @ApiResponse(responseCode = "404", description = "No such file, or not yours to see.")
    @ApiResponse(responseCode = "412", description = "The file changed while it was refined; retry.")
    @ApiResponse(responseCode = "422", description = "Nothing this source can change was understood.")
    @PostMapping(path = "/files/{id}/refine", produces = MediaType.APPLICATION_JSON_VALUE)
    GenerateResponse refine(TrustedIdentity identity, @PathVariable UUID id,
            @Valid @RequestBody RefineRequest request) {
        return GenerateResponse.of(generations.refine(identity, id, request.instruction(), options(request), e -> {
        }));
    }

    @Operation(summary = "Refine a file in place, streaming each stage")
    @PostMapping(path = "/files/{id}/refine", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter refineStream(TrustedIdentity identity, @PathVariable UUID id,
            @Valid @RequestBody RefineRequest request) {
        generations.checkPrompt(request.instruction(), "instruction");
        return stream(events -> generations.refine(identity, id, request.instruction(), options(request), events));
    }

    private static Generations.Options options(RefineRequest r) {
        return new Generations.Options(r.provider(), r.model(), r.temperature(), r.maxTokens());
    }

    private SseEmitter stream(Function<Consumer<PipelineEvent>, Generations.Answer> work) {
        SseEmitter emitter = new SseEmitter(120_000L);
        streams.execute(() -> {
            try {
                Generations.Answer answer = work.apply(event -> send(emitter, event));
                emitter.send(SseEmitter.event().name("result").data(GenerateResponse.of(answer)));
                emitter.complete();
            }
            catch (ApiException ex) {
                ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
                trySend(emitter, problem);
            }
            catch (IOException | IllegalStateException ex) {
                emitter.completeWithError(ex);
            }
            catch (RuntimeException ex) {
                trySend(emitter, Problems.of(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR,
                        "generation_failed", "The generation failed unexpectedly."));
            }
        });
        return emitter;
    }

    private static void trySend(SseEmitter emitter, ProblemDetail problem) {
        try {
            emitter.send(SseEmitter.event().name("error").data(problem));
            emitter.complete();
        }
        catch (IOException | IllegalStateException ex) {
            emitter.completeWithError(ex);
        }
    }

    private static void send(SseEmitter emitter, PipelineEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (event.type().equals("partial")) {
            data.put("code", event.data());
        }
        else {
            data.put("stage", event.stage());
            if (event.data() instanceof Map<?, ?> m) {
                m.forEach((k, v) -> data.put(String.valueOf(k), v));
            }
        }
        try {
            emitter.send(SseEmitter.event().name(event.type()).data(data));
        }
        catch (IOException ex) {
            throw new IllegalStateException("the client left the event stream", ex);
        }
    }

}
