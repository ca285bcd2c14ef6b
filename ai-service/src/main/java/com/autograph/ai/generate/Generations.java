package com.autograph.ai.generate;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.autograph.ai.AiProperties;
import com.autograph.ai.Callers;
import com.autograph.ai.files.DiagramFiles;
import com.autograph.ai.history.GenerationHistory;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.formats.eraser.EraserLanguage;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.security.Sha256;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Generation as the API offers it: checks the prompt and the caller's daily quota,
 * answers identical recent requests from the cache, runs the {@link GenerationPipeline},
 * saves the result as a new file (or, when refining, as the file's new head with
 * If-Match) and records it in the caller's history.
 */
@Component
public class Generations {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    /** Earlier instructions of a file a refinement is told about. */
    static final int CONVERSATION_LENGTH = 10;

    /** What one generation answers. */
    public record Answer(Generation generation, UUID fileId, String etag, String title, boolean cached, long durationMs,
            List<String> conversation) {
    }

    /** Optional settings of a generation; nulls take the configured defaults. */
    public record Options(String provider, String model, Double temperature, Integer maxTokens) {
    }

    private final GenerationPipeline pipeline;

    private final GenerationHistory history;

    private final DiagramFiles files;

    private final AiProperties properties;

    private final Optional<StringRedisTemplate> redis;

    private final RedisKeyspace keyspace;

    private final JsonMapper json;

    private final Clock clock;

    Generations(GenerationPipeline pipeline, GenerationHistory history, DiagramFiles files, AiProperties properties,
            Optional<StringRedisTemplate> redis, Optional<RedisKeyspace> keyspace, JsonMapper json, Clock clock) {
        this.pipeline = pipeline;
        this.history = history;
        this.files = files;
        this.properties = properties;
        this.redis = redis;
        this.keyspace = keyspace.orElse(new RedisKeyspace("", properties.cacheTtl()));
        this.json = json;
        this.clock = clock;
    }

    /**
     * A prompt or instruction: present and not over the configured length (400
     * otherwise).
     */
    public void checkPrompt(String prompt, String field) {
        if (prompt == null || prompt.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "prompt_required", "The " + field + " is empty.");
        }
        if (prompt.codePointCount(0, prompt.length()) > properties.maxPromptChars()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "prompt_too_long",
                    "The " + field + " is longer than " + properties.maxPromptChars() + " characters; shorten it.");
        }
    }

    /** 429 once the caller has used today's generations. */
    public void checkQuota(UUID userId) {
        int used = history.usedToday(userId);
        if (used >= properties.dailyQuota()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "quota_exceeded", "You have used your "
                    + properties.dailyQuota() + " AI generations for today (UTC); more are possible tomorrow.");
        }
    }

    public Answer generate(TrustedIdentity caller, String prompt, Options options, boolean save, String title,
            Consumer<PipelineEvent> events) {
        checkPrompt(prompt, "prompt");
        UUID user = Callers.userId(caller);
        checkQuota(user);
        long started = clock.millis();
        String cacheKey = cacheKey(prompt, options);
        Optional<Generation> cached = cached(cacheKey);
        Generation g = cached.orElseGet(() -> pipeline.run(new GenerateCommand(prompt, options.provider(),
                options.model(), options.temperature(), options.maxTokens(), null, null, null, List.of()), events));
        if (cached.isPresent()) {
            events.accept(PipelineEvent.stage("cache", java.util.Map.of("hit", true)));
        }
        else {
            store(cacheKey, g);
        }
        UUID fileId = null;
        String etag = null;
        String fileTitle = null;
        if (save || title != null) {
            fileTitle = title != null && !title.isBlank() ? title.strip() : defaultTitle(g);
            events.accept(PipelineEvent.stage("save", java.util.Map.of("title", fileTitle)));
            DiagramFiles.OpenFile file = files.create(caller, fileTitle, g.document());
            fileId = file.id();
            etag = file.etag();
        }
        long duration = clock.millis() - started;
        history.record(new GenerationHistory.Record(user, "generate", prompt, g.source(), g.model(), g.kind().id(),
                cached.isPresent() ? 0 : g.inputTokens(), cached.isPresent() ? 0 : g.outputTokens(),
                cached.isPresent() ? 0 : g.costUsd(), g.quality().score(), duration, cached.isPresent(), fileId));
        return new Answer(g, fileId, etag, fileTitle, cached.isPresent(), duration, List.of());
    }

    /**
     * Refines a file in place: reads its head, changes it as the instruction says (the
     * earlier instructions for it as context) and saves the result as the new head over
     * the version read.
     */
    public Answer refine(TrustedIdentity caller, UUID fileId, String instruction, Options options,
            Consumer<PipelineEvent> events) {
        checkPrompt(instruction, "instruction");
        UUID user = Callers.userId(caller);
        checkQuota(user);
        long started = clock.millis();
        events.accept(PipelineEvent.stage("read", java.util.Map.of("file_id", fileId.toString())));
        DiagramFiles.OpenFile file = files.open(caller, fileId);
        if (file.document().shapes().isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "nothing_to_refine",
                    "The file has no diagram to refine; generate one first.");
        }
        String code = new EraserLanguage().render(file.document());
        List<String> conversation = history.conversation(user, fileId, CONVERSATION_LENGTH);
        Generation g = pipeline.run(new GenerateCommand(instruction, options.provider(), options.model(),
                options.temperature(), options.maxTokens(), file.document(), code, EraserLanguage.ID, conversation),
                events);
        events.accept(PipelineEvent.stage("save", java.util.Map.of("file_id", fileId.toString())));
        DiagramFiles.OpenFile saved = files.replaceContent(caller, fileId, file.etag(), g.document());
        long duration = clock.millis() - started;
        history.record(new GenerationHistory.Record(user, "refine", instruction, g.source(), g.model(), g.kind().id(),
                g.inputTokens(), g.outputTokens(), g.costUsd(), g.quality().score(), duration, false, fileId));
        return new Answer(g, fileId, saved.etag(), file.title(), false, duration, conversation);
    }

    private static String defaultTitle(Generation g) {
        String kind = g.kind().id();
        return switch (kind) {
            case "er" -> "ER diagram";
            default -> Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " diagram";
        } + " (AI)";
    }

    private String cacheKey(String prompt, Options o) {
        return keyspace.cachePrefix() + "ai-generation:"
                + Sha256.hex(String.join("\u0000", prompt, String.valueOf(o.provider()), String.valueOf(o.model()),
                        String.valueOf(o.temperature()), String.valueOf(o.maxTokens())));
    }

    private Optional<Generation> cached(String key) {
        if (redis.isEmpty()) {
            return Optional.empty();
        }
        try {
            String value = redis.get().opsForValue().get(key);
            return value == null ? Optional.empty() : Optional.of(fromJson(json.readTree(value)));
        }
        catch (RuntimeException ex) {
            log.warn("The AI answer cache could not be read: {}", ex.getMessage());
            return Optional.empty();
        }
    }

    private void store(String key, Generation g) {
        if (redis.isEmpty()) {
            return;
        }
        try {
            redis.get().opsForValue().set(key, toJson(g).toString(), properties.cacheTtl());
        }
        catch (RuntimeException ex) {
            log.warn("The AI answer cache could not be written: {}", ex.getMessage());
        }
    }

    private ObjectNode toJson(Generation g) {
        ObjectNode n = json.createObjectNode();
        n.set("document", DocumentCodec.toTree(g.document()));
        n.put("code", g.code());
        n.put("language", g.language());
        n.put("kind", g.kind().id());
        n.set("quality", json.valueToTree(g.quality()));
        n.put("source", g.source());
        n.put("model", g.model());
        n.put("rule_based", g.ruleBased());
        n.put("input_tokens", g.inputTokens());
        n.put("output_tokens", g.outputTokens());
        n.put("cost", g.costUsd());
        n.put("attempts", g.attempts());
        n.put("fell_back", g.fellBack());
        return n;
    }

    private Generation fromJson(JsonNode n) {
        DiagramDocument doc = DocumentCodec.read(n.path("document"));
        Quality q = json.treeToValue(n.path("quality"), Quality.class);
        return new Generation(doc, n.path("code").asString(), n.path("language").asString(),
                DiagramKind.of(n.path("kind").asString().toLowerCase(Locale.ROOT)).orElse(DiagramKind.FLOWCHART), q,
                n.path("source").asString(), n.path("model").asString(null), n.path("rule_based").asBoolean(),
                n.path("input_tokens").asInt(), n.path("output_tokens").asInt(), n.path("cost").asDouble(),
                n.path("attempts").asInt(), n.path("fell_back").asBoolean());
    }

}
