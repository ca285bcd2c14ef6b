package com.autograph.ai.provider;

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
 * LangChain4j's chat models for a provider. Their own retries are off: the chain moves to
 * the next provider instead, and the breaker remembers. Request and response logging
 * stays off (it would log prompts).
 */
final class ChatModels {

    private ChatModels() {
    }

    static ChatModel chat(Provider p) {
        return switch (p.kind()) {
            case OPENAI -> {
                var b = OpenAiChatModel.builder()
                    .apiKey(key(p))
                    .modelName(p.model())
                    .temperature(p.temperature())
                    .maxTokens(p.maxTokens())
                    .timeout(p.timeout())
                    .maxRetries(0);
                if (hasText(p.baseUrl())) {
                    b.baseUrl(p.baseUrl());
                }
                yield b.build();
            }
            case ANTHROPIC -> {
                var b = AnthropicChatModel.builder()
                    .apiKey(key(p))
                    .modelName(p.model())
                    .temperature(p.temperature())
                    .maxTokens(p.maxTokens())
                    .timeout(p.timeout())
                    .maxRetries(0);
                if (hasText(p.baseUrl())) {
                    b.baseUrl(p.baseUrl());
                }
                yield b.build();
            }
            case GEMINI -> {
                var b = GoogleAiGeminiChatModel.builder()
                    .apiKey(key(p))
                    .modelName(p.model())
                    .temperature(p.temperature())
                    .maxOutputTokens(p.maxTokens())
                    .timeout(p.timeout())
                    .maxRetries(0);
                if (hasText(p.baseUrl())) {
                    b.baseUrl(p.baseUrl());
                }
                yield b.build();
            }
        };
    }

    static StreamingChatModel streaming(Provider p) {
        return switch (p.kind()) {
            case OPENAI -> {
                var b = OpenAiStreamingChatModel.builder()
                    .apiKey(key(p))
                    .modelName(p.model())
                    .temperature(p.temperature())
                    .maxTokens(p.maxTokens())
                    .timeout(p.timeout());
                if (hasText(p.baseUrl())) {
                    b.baseUrl(p.baseUrl());
                }
                yield b.build();
            }
            case ANTHROPIC -> {
                var b = AnthropicStreamingChatModel.builder()
                    .apiKey(key(p))
                    .modelName(p.model())
                    .temperature(p.temperature())
                    .maxTokens(p.maxTokens())
                    .timeout(p.timeout());
                if (hasText(p.baseUrl())) {
                    b.baseUrl(p.baseUrl());
                }
                yield b.build();
            }
            case GEMINI -> {
                var b = GoogleAiGeminiStreamingChatModel.builder()
                    .apiKey(key(p))
                    .modelName(p.model())
                    .temperature(p.temperature())
                    .maxOutputTokens(p.maxTokens())
                    .timeout(p.timeout());
                if (hasText(p.baseUrl())) {
                    b.baseUrl(p.baseUrl());
                }
                yield b.build();
            }
        };
    }

    /**
     * Servers without keys (Ollama, vLLM) ignore the header; the clients insist on one.
     */
    private static String key(Provider p) {
        return hasText(p.apiKey()) ? p.apiKey() : "none";
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

}
