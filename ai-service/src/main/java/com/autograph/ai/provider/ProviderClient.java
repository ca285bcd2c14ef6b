package com.autograph.ai.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import com.autograph.ai.provider.ProviderSettings.Provider;

/**
 * One configured provider: its LangChain4j chat models (one answering in one piece, one
 * streaming) and its circuit breaker. Every call ends within the provider's timeout,
 * streaming included: a stream still running then is cancelled and its late text dropped.
 */
final class ProviderClient {

    private final Provider settings;

    private final ChatModel chat;

    private final StreamingChatModel streaming;

    private final CircuitBreaker breaker;

    private final ExecutorService calls;

    ProviderClient(Provider settings, ChatModel chat, StreamingChatModel streaming, CircuitBreaker breaker,
            ExecutorService calls) {
        this.settings = settings;
        this.chat = chat;
        this.streaming = streaming;
        this.breaker = breaker;
        this.calls = calls;
    }

    Provider settings() {
        return settings;
    }

    String name() {
        return settings.name();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** Text a model answered, the model that answered and what it cost in tokens. */
    record Reply(String text, String model, int inputTokens, int outputTokens) {
    }

    /** A call that failed, and why. */
    static final class CallFailed extends RuntimeException {

        private final transient ProviderFailure failure;

        CallFailed(ProviderFailure failure, Throwable cause) {
            super(failure.reason(), cause, false, false);
            this.failure = failure;
        }

        ProviderFailure failure() {
            return failure;
        }

    }

    /**
     * Asks the model. {@code partial} (null for an answer in one piece) receives the text
     * as it streams in.
     * @throws CallFailed when the provider does not answer in time or answers with an
     * error
     */
    Reply call(List<ChatMessage> messages, String model, Double temperature, Integer maxTokens,
            Consumer<String> partial) {
        String chosen = model != null ? model : settings.model();
        ChatRequest request = ChatRequest.builder()
            .messages(messages)
            .modelName(chosen)
            .temperature(temperature != null ? temperature : settings.temperature())
            .maxOutputTokens(maxTokens != null ? maxTokens : settings.maxTokens())
            .build();
        Duration timeout = settings.timeout();
        AtomicBoolean open = new AtomicBoolean(true);
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        CompletableFuture<ChatResponse> answer = partial == null
                ? CompletableFuture.supplyAsync(() -> chat.chat(request), calls)
                : stream(request, partial, open, handle);
        try {
            ChatResponse response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            TokenUsage usage = response.tokenUsage();
            return new Reply(text == null ? "" : text, response.modelName() != null ? response.modelName() : chosen,
                    usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                    usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
        }
        catch (TimeoutException ex) {
            open.set(false);
            StreamingHandle running = handle.get();
            if (running != null) {
                running.cancel();
            }
            answer.cancel(true);
            throw new CallFailed(ProviderFailure.timedOut(timeout), ex);
        }
        catch (ExecutionException ex) {
            throw new CallFailed(ProviderFailure.of(ex.getCause(), timeout), ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new CallFailed(new ProviderFailure(503, "interrupted", "interrupted"), ex);
        }
    }

    private CompletableFuture<ChatResponse> stream(ChatRequest request, Consumer<String> partial, AtomicBoolean open,
            AtomicReference<StreamingHandle> handle) {
        CompletableFuture<ChatResponse> answer = new CompletableFuture<>();
        try {
            startStream(request, partial, open, handle, answer);
        }
        catch (RuntimeException ex) {
            answer.completeExceptionally(ex);
        }
        return answer;
    }

    private void startStream(ChatRequest request, Consumer<String> partial, AtomicBoolean open,
            AtomicReference<StreamingHandle> handle, CompletableFuture<ChatResponse> answer) {
        streaming.chat(request, new StreamingChatResponseHandler() {

            @Override
            public void onPartialResponse(String text) {
                deliver(text);
            }

            @Override
            public void onPartialResponse(PartialResponse response, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                deliver(response.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(error);
            }

            private void deliver(String text) {
                if (text == null || text.isEmpty() || !open.get()) {
                    return;
                }
                try {
                    partial.accept(text);
                }
                catch (RuntimeException ex) {
                    // The listener is gone (a closed event stream): keep reading the
                    // answer.
                    open.set(false);
                }
            }

        });
    }

}
