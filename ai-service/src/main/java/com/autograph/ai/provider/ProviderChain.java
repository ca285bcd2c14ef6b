package com.autograph.ai.provider;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.langchain4j.data.message.ChatMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.CodeSource;
import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.generate.DraftRequest;
import com.autograph.ai.generate.ProseSource;
import com.autograph.ai.provider.ProviderClient.CallFailed;
import com.autograph.ai.provider.ProviderClient.Reply;
import com.autograph.ai.provider.ProviderSettings.Provider;

/**
 * The configured AI providers, tried in order: the first that answers wins and is named
 * in the draft's {@code source}; one whose breaker is open is skipped. When none answers,
 * the {@link CodeSourceException} names every provider tried and why. Prompts never reach
 * the logs.
 *
 * <p>
 * A provider that fails after streaming part of its answer has already handed that text
 * to {@code partial}; the next provider's text follows it.
 */
public final class ProviderChain implements CodeSource, ProseSource, AutoCloseable {

    public static final String NAME = "providers";

    private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);

    private final List<ProviderClient> providers;

    private final DiagramPrompts prompts;

    private final ProviderMetrics metrics;

    private final ExecutorService calls;

    ProviderChain(List<ProviderClient> providers, DiagramPrompts prompts, ProviderMetrics metrics,
            ExecutorService calls) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a provider chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
        this.prompts = prompts;
        this.metrics = metrics;
        this.calls = calls;
        this.providers.forEach(p -> metrics.watch(p.breaker(), p.name()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ruleBased() {
        return false;
    }

    /** The provider names in the order they are tried. */
    public List<String> providerNames() {
        return providers.stream().map(ProviderClient::name).toList();
    }

    @Override
    public CodeDraft draft(DraftRequest request, Consumer<String> partial) {
        String language = DiagramPrompts.language(request.language());
        List<ChatMessage> messages = prompts.draft(request);
        return firstAnswer(candidates(request.model(), false), messages, request.model(), request.temperature(),
                request.maxTokens(), partial, language);
    }

    @Override
    public String answer(String task, String diagramCode, String instruction, Consumer<String> partial) {
        List<ChatMessage> messages = prompts.prose(task, diagramCode, instruction);
        Answer answer = attempt(candidates(null, false), messages, null, null, null, partial, reply -> reply.text());
        return answer.text();
    }

    /**
     * Drafts code from a picture with the first provider that reads images.
     * @throws CodeSourceException 422 when no configured provider reads images or the
     * picture holds no diagram, else as {@link #draft}
     */
    CodeDraft draftFromImage(ImageInput image, String language, String instruction, String model,
            Consumer<String> partial) {
        String lang = DiagramPrompts.language(language);
        List<ChatMessage> messages = prompts.image(image, lang, instruction, List.of());
        CodeDraft draft = firstAnswer(candidates(model, true), messages, model, null, null, partial, lang);
        if (draft.code().isBlank()) {
            throw new CodeSourceException(422, "The picture shows no diagram " + draft.source() + " could read.", null);
        }
        return draft;
    }

    private CodeDraft firstAnswer(List<ProviderClient> candidates, List<ChatMessage> messages, String model,
            Double temperature, Integer maxTokens, Consumer<String> partial, String language) {
        Answer answer = attempt(candidates, messages, model, temperature, maxTokens, partial,
                reply -> CodeBlocks.extract(reply.text(), language));
        Reply reply = answer.reply();
        return new CodeDraft(answer.text(), language, answer.provider().name(), reply.model(), reply.inputTokens(),
                reply.outputTokens(), cost(answer.provider().settings(), reply));
    }

    private record Answer(ProviderClient provider, Reply reply, String text) {
    }

    private record Tried(String provider, ProviderFailure failure) {
    }

    private Answer attempt(List<ProviderClient> candidates, List<ChatMessage> messages, String model,
            Double temperature, Integer maxTokens, Consumer<String> partial,
            java.util.function.Function<Reply, String> text) {
        List<Tried> tried = new ArrayList<>();
        Throwable last = null;
        for (ProviderClient provider : candidates) {
            String chosen = model != null ? model : provider.settings().model();
            if (!provider.breaker().tryAcquirePermission()) {
                tried.add(new Tried(provider.name(), ProviderFailure.CIRCUIT_OPEN));
                metrics.failed(provider.name(), chosen, Duration.ZERO, ProviderFailure.CIRCUIT_OPEN);
                continue;
            }
            long start = System.nanoTime();
            try {
                Reply reply = provider.call(messages, model, temperature, maxTokens, partial);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                String answered = text.apply(reply);
                if (reply.text().isBlank()) {
                    throw new CallFailed(ProviderFailure.NO_CODE, null);
                }
                provider.breaker().onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
                double cost = cost(provider.settings(), reply);
                metrics.succeeded(provider.name(), chosen, took, reply.inputTokens(), reply.outputTokens(), cost);
                log.debug("AI provider {} answered with {} ({} input, {} output tokens)", provider.name(), chosen,
                        reply.inputTokens(), reply.outputTokens());
                return new Answer(provider, reply, answered);
            }
            catch (CallFailed failed) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                ProviderFailure failure = failed.failure();
                if ("rejected".equals(failure.tag())) {
                    // The request, not the provider, was at fault: the breaker should not
                    // count it.
                    provider.breaker().releasePermission();
                }
                else {
                    provider.breaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, failed);
                }
                metrics.failed(provider.name(), chosen, took, failure);
                log.warn("AI provider {} ({}) failed: {}", provider.name(), chosen, failure.reason());
                tried.add(new Tried(provider.name(), failure));
                last = failed.getCause() != null ? failed.getCause() : failed;
            }
        }
        throw exhausted(tried, last);
    }

    private static CodeSourceException exhausted(List<Tried> tried, Throwable last) {
        int status = tried.stream().map(t -> t.failure().status()).distinct().count() == 1
                ? tried.get(0).failure().status() : 502;
        String reasons = tried.stream()
            .map(t -> t.provider() + ": " + t.failure().reason())
            .collect(Collectors.joining("; "));
        return new CodeSourceException(status, "No AI provider answered (" + reasons + ").", last);
    }

    /** The providers to try, in order, for a request's model (null for each default). */
    private List<ProviderClient> candidates(String model, boolean images) {
        List<ProviderClient> offering = providers.stream().filter(p -> p.settings().offers(model)).toList();
        if (offering.isEmpty()) {
            throw new CodeSourceException(400,
                    "No configured AI provider offers the model '" + model + "' ("
                            + providers.stream()
                                .map(p -> p.name() + ": " + String.join(", ", p.settings().allModels()))
                                .collect(Collectors.joining("; "))
                            + ").",
                    null);
        }
        if (!images) {
            return offering;
        }
        List<ProviderClient> seeing = offering.stream().filter(p -> p.settings().acceptsImages()).toList();
        if (seeing.isEmpty()) {
            throw new CodeSourceException(422,
                    "No configured AI provider reads images (" + offering.stream()
                        .map(p -> p.name() + ": accepts-images is false")
                        .collect(Collectors.joining("; ")) + "); image to diagram needs one that does.",
                    null);
        }
        return seeing;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    static double cost(Provider settings, Reply reply) {
        BigDecimal thousand = BigDecimal.valueOf(1000);
        BigDecimal input = settings.inputPricePer1k()
            .multiply(BigDecimal.valueOf(reply.inputTokens()))
            .divide(thousand, MathContext.DECIMAL64);
        BigDecimal output = settings.outputPricePer1k()
            .multiply(BigDecimal.valueOf(reply.outputTokens()))
            .divide(thousand, MathContext.DECIMAL64);
        return input.add(output).doubleValue();
    }

}
