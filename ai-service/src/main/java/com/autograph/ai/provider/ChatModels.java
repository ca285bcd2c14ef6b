package com.autograph.ai.provider;

import java.time.Duration;
import java.util.function.Consumer;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import com.autograph.ai.provider.ProviderSettings.Provider;

/**
 * LangChain4j's chat models for a provider, plain and streaming. Their own retries are
 * off: the chain moves to the next provider instead, and the breaker remembers. Request
 * and response logging stays off (it would log prompts).
 */
final class ChatModels {

    /** A provider's two clients. */
    record Models(ChatModel chat, StreamingChatModel streaming) {
    }

    /**
     * What every client is given. Servers without keys (Ollama, vLLM) ignore the header;
     * the clients insist on one. No base URL: the vendor's own.
     */
    private record Common(String key, String model, Double temperature, Integer maxTokens, Duration timeout,
            String baseUrl) {

        static Common of(Provider p) {
            return new Common(hasText(p.apiKey()) ? p.apiKey() : "none", p.model(), p.temperature(), p.maxTokens(),
                    p.timeout(), hasText(p.baseUrl()) ? p.baseUrl() : null);
        }

        void baseUrl(Consumer<String> setter) {
            if (baseUrl != null) {
                setter.accept(baseUrl);
            }
        }

    }

    private ChatModels() {
    }

    static Models of(Provider p) {
        Common c = Common.of(p);
        return switch (p.kind()) {
            case OPENAI -> openAi(c);
            case ANTHROPIC -> anthropic(c);
            case GEMINI -> gemini(c);
        };
    }

    private static Models openAi(Common c) {
        var chat = OpenAiChatModel.builder()
            .apiKey(c.key())
            .modelName(c.model())
            .temperature(c.temperature())
            .maxTokens(c.maxTokens())
            .timeout(c.timeout())
            .maxRetries(0);
        var streaming = OpenAiStreamingChatModel.builder()
            .apiKey(c.key())
            .modelName(c.model())
            .temperature(c.temperature())
            .maxTokens(c.maxTokens())
            .timeout(c.timeout());
        c.baseUrl(chat::baseUrl);
        c.baseUrl(streaming::baseUrl);
        return new Models(chat.build(), streaming.build());
    }

    private static Models anthropic(Common c) {
        var chat = AnthropicChatModel.builder()
            .apiKey(c.key())
            .modelName(c.model())
            .temperature(c.temperature())
            .maxTokens(c.maxTokens())
            .timeout(c.timeout())
            .maxRetries(0);
        var streaming = AnthropicStreamingChatModel.builder()
            .apiKey(c.key())
            .modelName(c.model())
            .temperature(c.temperature())
            .maxTokens(c.maxTokens())
            .timeout(c.timeout());
        c.baseUrl(chat::baseUrl);
        c.baseUrl(streaming::baseUrl);
        return new Models(chat.build(), streaming.build());
    }

    private static Models gemini(Common c) {
        var chat = GoogleAiGeminiChatModel.builder()
            .apiKey(c.key())
            .modelName(c.model())
            .temperature(c.temperature())
            .maxOutputTokens(c.maxTokens())
            .timeout(c.timeout())
            .maxRetries(0);
        var streaming = GoogleAiGeminiStreamingChatModel.builder()
            .apiKey(c.key())
            .modelName(c.model())
            .temperature(c.temperature())
            .maxOutputTokens(c.maxTokens())
            .timeout(c.timeout());
        c.baseUrl(chat::baseUrl);
        c.baseUrl(streaming::baseUrl);
        return new Models(chat.build(), streaming.build());
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

}
