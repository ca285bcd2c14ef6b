package com.autograph.ai.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.generate.DraftRequest;
import com.autograph.ai.provider.ProviderSettings.Breaker;
import com.autograph.ai.provider.ProviderSettings.Provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain over several providers: order, fallback, breakers, accounting, errors. */
@ExtendWith(OutputCaptureExtension.class)
class ProviderChainTest {

    private static final String ANSWER = "```eraser\nWeb App > API\n```";

    private static final DraftRequest REQUEST = new DraftRequest("web app calls api", "eraser", null, List.of(), null,
            null, null);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void whenTheFirstProviderFailsTheSecondAnswersAndIsNamedAsTheSource() throws Exception {
        try (WireServer first = new WireServer().answer(WireServer.json(500, Wire.OPENAI.error(500)));
                WireServer second = new WireServer()
                    .answer(WireServer.json(200, Wire.ANTHROPIC.answer(ANSWER, 100, 20)));
                ProviderChain chain = Chains.chain(registry, Chains.provider("mga", Wire.OPENAI, first),
                        Chains.provider("anthropic", Wire.ANTHROPIC, second))) {
            CodeDraft draft = chain.draft(REQUEST, null);

            assertThat(draft.source()).isEqualTo("anthropic");
            assertThat(draft.code()).isEqualTo("Web App > API");
            assertThat(draft.language()).isEqualTo("eraser");
            assertThat(first.received()).hasSize(1);
            assertThat(second.received()).hasSize(1);
            assertThat(registry.get("autograph.ai.provider.failures")
                .tags("provider", "mga", "reason", "server_error")
                .counter()
                .count()).isEqualTo(1);
            assertThat(registry.get("autograph.ai.provider.requests")
                .tags("provider", "anthropic", "model", "model-a", "outcome", "success")
                .counter()
                .count()).isEqualTo(1);
            assertThat(registry.get("autograph.ai.provider.tokens")
                .tags("provider", "anthropic", "direction", "input")
                .counter()
                .count()).isEqualTo(100);
            assertThat(registry.get("autograph.ai.provider.cost").tags("provider", "anthropic").counter().count())
                .isEqualTo(100 * 0.5 / 1000 + 20 * 1.5 / 1000);
        }
    }

    @Test
    void theOrganisationGatewayIsTriedFirstWhenNoChainIsConfigured() throws Exception {
        try (WireServer openai = new WireServer().answer(WireServer.json(200, Wire.OPENAI.answer(ANSWER, 1, 1)));
                WireServer mga = new WireServer().answer(WireServer.json(200, Wire.OPENAI.answer(ANSWER, 1, 1)));
                ProviderChain chain = Chains.chain(registry, Chains.provider("openai", Wire.OPENAI, openai),
                        Chains.provider("mga", Wire.OPENAI, mga))) {
            assertThat(chain.providerNames()).containsExactly("mga", "openai");
            assertThat(chain.draft(REQUEST, null).source()).isEqualTo("mga");
            assertThat(openai.received()).isEmpty();
        }
    }

    @Test
    void whenEveryProviderFailsTheErrorNamesEachAndWhy() throws Exception {
        try (WireServer first = new WireServer().answer(WireServer.json(401, Wire.OPENAI.error(401)));
                WireServer second = new WireServer();
                ProviderChain chain = Chains.chain(registry, Chains.provider("mga", Wire.OPENAI, first),
                        Chains.provider("gemini", Wire.GEMINI, second, Chains.TIMEOUT))) {
            second.answer(second.stall());
            assertThatThrownBy(() -> chain.draft(REQUEST, null)).isInstanceOfSatisfying(CodeSourceException.class,
                    ex -> {
                        assertThat(ex.status()).isEqualTo(502);
                        assertThat(ex.getMessage()).isEqualTo(
                                "No AI provider answered (mga: invalid API key (401); gemini: timed out after 300 ms).");
                    });
        }
    }

    @Test
    void aProviderThatKeepsFailingIsSkippedOnceItsBreakerOpens() throws Exception {
        try (WireServer failing = new WireServer().answer(WireServer.json(503, Wire.OPENAI.error(503)));
                WireServer healthy = new WireServer().answer(WireServer.json(200, Wire.GEMINI.answer(ANSWER, 1, 1)));
                ProviderChain chain = Chains.chain(registry, new Breaker(2, 50, Duration.ofMinutes(5)),
                        Chains.provider("mga", Wire.OPENAI, failing),
                        Chains.provider("gemini", Wire.GEMINI, healthy))) {
            chain.draft(REQUEST, null);
            chain.draft(REQUEST, null);
            CodeDraft third = chain.draft(REQUEST, null);

            assertThat(third.source()).isEqualTo("gemini");
            assertThat(failing.received()).hasSize(2);
            assertThat(healthy.received()).hasSize(3);
            assertThat(registry.get("autograph.ai.provider.circuit.open").tags("provider", "mga").gauge().value())
                .isEqualTo(1);
            assertThat(registry.get("autograph.ai.provider.failures")
                .tags("provider", "mga", "reason", "circuit_open")
                .counter()
                .count()).isEqualTo(1);
        }
    }

    @Test
    void withEveryBreakerOpenTheAnswerIs503() throws Exception {
        try (WireServer failing = new WireServer().answer(WireServer.json(500, Wire.OPENAI.error(500)));
                ProviderChain chain = Chains.chain(registry, new Breaker(1, 100, Duration.ofMinutes(5)),
                        Chains.provider("mga", Wire.OPENAI, failing))) {
            assertThatThrownBy(() -> chain.draft(REQUEST, null)).hasMessageContaining("server error (500)");
            assertThatThrownBy(() -> chain.draft(REQUEST, null)).isInstanceOfSatisfying(CodeSourceException.class,
                    ex -> {
                        assertThat(ex.status()).isEqualTo(503);
                        assertThat(ex.getMessage()).contains("mga: skipped, circuit open");
                    });
            assertThat(failing.received()).hasSize(1);
        }
    }

    @Test
    void aRequestedModelGoesToTheProvidersOfferingIt() throws Exception {
        Provider onlyDefault = new Provider("mga", ProviderKind.OPENAI, "http://127.0.0.1:9/v1", "k", "small",
                List.of(), Chains.PATIENT, 0.2, 100, BigDecimal.ZERO, BigDecimal.ZERO, true);
        try (WireServer server = new WireServer().answer(WireServer.json(200, Wire.GEMINI.answer(ANSWER, 1, 1)));
                ProviderChain chain = Chains.chain(registry, onlyDefault,
                        Chains.provider("gemini", Wire.GEMINI, server))) {
            CodeDraft draft = chain.draft(new DraftRequest("x", "mermaid", null, null, "model-b", null, null), null);

            assertThat(draft.source()).isEqualTo("gemini");
            assertThat(Wire.GEMINI.model(server.last())).isEqualTo("model-b");
            assertThatThrownBy(
                    () -> chain.draft(new DraftRequest("x", "mermaid", null, null, "gpt-unlisted", null, null), null))
                .isInstanceOfSatisfying(CodeSourceException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(400);
                    assertThat(ex.getMessage()).contains("gpt-unlisted").contains("mga: small");
                });
        }
    }

    @Test
    void anUnreachableProviderIsNamedAsSuch() {
        Provider closed = new Provider("local", ProviderKind.OPENAI, "http://127.0.0.1:9/v1", null, "llama", List.of(),
                Chains.PATIENT, 0.2, 100, BigDecimal.ZERO, BigDecimal.ZERO, false);
        try (ProviderChain chain = Chains.chain(registry, closed)) {
            assertThatThrownBy(() -> chain.draft(REQUEST, null)).isInstanceOfSatisfying(CodeSourceException.class,
                    ex -> {
                        assertThat(ex.status()).isEqualTo(502);
                        assertThat(ex.getMessage()).contains("local: unreachable");
                    });
        }
    }

    @Test
    void proseAnswersComeBackAsText() throws Exception {
        try (WireServer server = new WireServer()
            .answer(WireServer.events(Wire.ANTHROPIC.stream(List.of("The web app ", "calls the API."), 5, 5)));
                ProviderChain chain = Chains.chain(registry, Chains.provider("anthropic", Wire.ANTHROPIC, server))) {
            StringBuilder streamed = new StringBuilder();
            String answer = chain.answer("explain", "Web App > API", "keep it short", streamed::append);

            assertThat(answer).isEqualTo("The web app calls the API.");
            assertThat(streamed).hasToString(answer);
            assertThat(server.last().body()).contains("Task: explain")
                .contains("Web App > API")
                .contains("keep it short");
        }
    }

    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I',
            'F' };

    @Test
    void picturesGoAsAnOpenAiImagePartWithADataUrl() throws Exception {
        try (WireServer server = new WireServer().answer(WireServer.json(200, Wire.OPENAI.answer(ANSWER, 1, 1)));
                ProviderChain chain = Chains.chain(registry, Chains.provider("mga", Wire.OPENAI, server))) {
            CodeDraft draft = chain.draftFromImage(ImageInput.of(JPEG), "eraser", null, null, null);

            assertThat(draft.code()).isEqualTo("Web App > API");
            String base64 = java.util.Base64.getEncoder().encodeToString(JPEG);
            assertThat(JsonPath.<List<String>>read(server.last().body(), "$.messages[1].content[*].image_url.url"))
                .containsExactly("data:image/jpeg;base64," + base64);
        }
    }

    @Test
    void picturesGoAsAnAnthropicBase64ImageBlock() throws Exception {
        try (WireServer server = new WireServer().answer(WireServer.json(200, Wire.ANTHROPIC.answer(ANSWER, 1, 1)));
                ProviderChain chain = Chains.chain(registry, Chains.provider("claude", Wire.ANTHROPIC, server))) {
            chain.draftFromImage(ImageInput.of(JPEG), "eraser", "only the backend", null, null);

            String body = server.last().body();
            assertThat(
                    JsonPath.<List<String>>read(body, "$.messages[0].content[?(@.type == 'image')].source.media_type"))
                .containsExactly("image/jpeg");
            assertThat(JsonPath.<List<String>>read(body, "$.messages[0].content[?(@.type == 'image')].source.data"))
                .containsExactly(java.util.Base64.getEncoder().encodeToString(JPEG));
            assertThat(body).contains("only the backend");
        }
    }

    @Test
    void anEmptyCodeBlockForAPictureIs422() throws Exception {
        try (WireServer server = new WireServer()
            .answer(WireServer.json(200, Wire.OPENAI.answer("No diagram here.\n```eraser\n```", 1, 1)));
                ProviderChain chain = Chains.chain(registry, Chains.provider("mga", Wire.OPENAI, server))) {
            assertThatThrownBy(() -> chain.draftFromImage(ImageInput.of(JPEG), "eraser", null, null, null))
                .isInstanceOfSatisfying(CodeSourceException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(422);
                    assertThat(ex.getMessage()).contains("no diagram mga could read");
                });
        }
    }

    @Test
    void promptsNeverReachTheLogs(CapturedOutput output) throws Exception {
        String secret = "prompt-" + java.util.UUID.randomUUID();
        try (WireServer failing = new WireServer().answer(WireServer.json(500, Wire.OPENAI.error(500)));
                WireServer answering = new WireServer()
                    .answer(WireServer.events(Wire.OPENAI.stream(List.of(ANSWER), 1, 1)));
                ProviderChain chain = Chains.chain(registry, Chains.provider("mga", Wire.OPENAI, failing),
                        Chains.provider("openai", Wire.OPENAI, answering))) {
            chain.draft(new DraftRequest(secret, "eraser", null, List.of(), null, null, null), text -> {
            });

            assertThat(answering.last().body()).contains(secret);
            assertThat(output.getAll()).contains("AI provider mga (model-a) failed: server error (500)")
                .doesNotContain(secret);
        }
    }

}
