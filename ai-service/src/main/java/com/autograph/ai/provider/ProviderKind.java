package com.autograph.ai.provider;

/** The wire protocol a provider speaks. */
public enum ProviderKind {

    /**
     * OpenAI chat completions, as served by OpenAI, Azure OpenAI, Ollama, vLLM and
     * gateways.
     */
    OPENAI,

    /** Anthropic Messages. */
    ANTHROPIC,

    /** Google AI Gemini generateContent. */
    GEMINI

}
