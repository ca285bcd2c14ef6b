package com.autograph.ai.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The AI providers ({@code autograph.ai.providers[i].*}, {@code autograph.ai.chain}, see
 * docs/ai-providers.md). With no provider configured there is no provider chain and the
 * service answers with its offline generator.
 *
 * @param providers every provider the service may call
 * @param chain the order in which they are tried (provider names); empty for the order of
 * {@code providers}, with one named {@code mga} (the organisation's gateway) first
 * @param breaker the circuit breaker each provider gets
 * @param image limits on pictures sent for image → diagram
 */
@Validated
@ConfigurationProperties("autograph.ai")
public record ProviderSettings(@Valid @NotNull @DefaultValue List<Provider> providers,
        @NotNull @DefaultValue List<String> chain, @Valid @NotNull @DefaultValue Breaker breaker,
        @Valid @NotNull @DefaultValue ImageLimits image) {

    /** The provider that is first when no chain is configured. */
    static final String ORGANISATION_GATEWAY = "mga";

    public ProviderSettings {
        providers = List.copyOf(providers);
        chain = chain.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        Set<String> names = new HashSet<>();
        for (Provider provider : providers) {
            if (provider.name() != null && !names.add(provider.name())) {
                throw new IllegalArgumentException(
                        "autograph.ai.providers: the name '" + provider.name() + "' is used twice");
            }
        }
        for (String name : chain) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(
                        "autograph.ai.chain names '" + name + "', which is not one of autograph.ai.providers " + names);
            }
        }
    }

    /** The providers in the order they are tried. */
    List<Provider> ordered() {
        if (!chain.isEmpty()) {
            return chain.stream()
                .map(name -> providers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow())
                .toList();
        }
        List<Provider> ordered = new ArrayList<>(providers);
        ordered.sort((a, b) -> Boolean.compare(!ORGANISATION_GATEWAY.equals(a.name()),
                !ORGANISATION_GATEWAY.equals(b.name())));
        return ordered;
    }

    /**
     * One provider.
     *
     * @param name stable name in answers, errors and metrics ({@code mga},
     * {@code openai}…)
     * @param kind the wire protocol: {@code openai} (any OpenAI-compatible chat
     * completions server: the organisation gateway, OpenAI, Azure OpenAI's v1 API,
     * Ollama, vLLM), {@code anthropic} (Messages API) or {@code gemini} (Google AI
     * generateContent)
     * @param baseUrl the API root (e.g. {@code http://localhost:11434/v1} for Ollama);
     * blank for the vendor's public endpoint
     * @param apiKey the key sent to the provider; blank for servers that need none
     * @param model the model used when a request names none
     * @param models further models a request may choose with this provider
     * @param timeout how long one answer may take, streaming included
     * @param temperature sampling temperature when the request sets none
     * @param maxTokens answer length limit when the request sets none
     * @param inputPricePer1k US dollars per 1,000 input tokens (for the cost estimate)
     * @param outputPricePer1k US dollars per 1,000 output tokens
     * @param acceptsImages whether this provider's models read pictures (image → diagram)
     */
    public record Provider(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}") String name,
            @NotNull ProviderKind kind, @Pattern(regexp = "(https?://\\S+)?") String baseUrl, String apiKey,
            @NotBlank @Size(max = 128) String model,
            @NotNull @DefaultValue List<@NotBlank @Size(max = 128) String> models,
            @NotNull @DefaultValue("60s") @DurationMin(millis = 50) @DurationMax(minutes = 10) Duration timeout,
            @NotNull @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("2") Double temperature,
            @DefaultValue("4096") @Min(1) @Max(200_000) int maxTokens,
            @NotNull @DefaultValue("0") @DecimalMin("0") BigDecimal inputPricePer1k,
            @NotNull @DefaultValue("0") @DecimalMin("0") BigDecimal outputPricePer1k,
            @DefaultValue("true") boolean acceptsImages) {

        public Provider {
            models = List.copyOf(models);
        }

        /** Whether a request may choose {@code requested} with this provider. */
        boolean offers(String requested) {
            return requested == null || requested.equals(model) || models.contains(requested);
        }

        /** Every model this provider may be asked for. */
        List<String> allModels() {
            List<String> all = new ArrayList<>(List.of(model));
            models.stream().filter(m -> !m.equals(model)).forEach(all::add);
            return all;
        }

    }

    /**
     * The circuit breaker in front of each provider: after {@code minimumCalls} calls of
     * which at least {@code failureRatePercent} failed, the provider is skipped for
     * {@code openFor}, then one trial call decides.
     */
    public record Breaker(@DefaultValue("5") @Min(1) @Max(1000) int minimumCalls,
            @DefaultValue("50") @Min(1) @Max(100) int failureRatePercent,
            @NotNull @DefaultValue("30s") @DurationMin(millis = 1) Duration openFor) {
    }

    /**
     * What a picture for image → diagram may be: at most {@code maxBytes}, one of PNG,
     * JPEG, GIF or WebP (told by its first bytes, not its name); at most
     * {@code maxConcurrent} are in flight at once (each holds the picture, its base64 and
     * the provider request, about five times its size), others get 429.
     */
    public record ImageLimits(@NotNull @DefaultValue("5MB") DataSize maxBytes,
            @DefaultValue("2") @Min(1) @Max(64) int maxConcurrent) {
    }

}
