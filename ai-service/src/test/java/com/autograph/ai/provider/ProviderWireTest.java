package com.autograph.ai.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.generate.DraftRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each provider client against a local server speaking that provider's documented wire
 * format: answers in one piece and streamed, the request it sends, and how 401, 429, 5xx
 * and timeouts are reported.
 */
class ProviderWireTest {

    private static final String MERMAID = "flowchart LR\n  web --> api";

    private static final String ANSWER = "Here it is:\n```mermaid\n" + MERMAID + "\n```\n";

    private static DraftRequest request(String model, Double temperature, Integer maxTokens, List<String> errors) {
        return new DraftRequest("a web app calling an api", "mermaid", null, errors, model, temperature, maxTokens);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void answersInOnePieceAndSendsTheConfiguredDefaults(Wire wire) throws Exception {
        try (WireServer server = new WireServer().answer(WireServer.json(200, wire.answer(ANSWER, 120, 30)));
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(), Chains.provider("p1", wire, server))) {
            CodeDraft draft = chain.draft(request(null, null, null, null), null);

            assertThat(draft.code()).isEqualTo(MERMAID);
            assertThat(draft.language()).isEqualTo("mermaid");
            assertThat(draft.source()).isEqualTo("p1");
            assertThat(draft.inputTokens()).isEqualTo(120);
            assertThat(draft.outputTokens()).isEqualTo(30);
            // 120 × 0.5 / 1000 + 30 × 1.5 / 1000
            assertThat(draft.estimatedCostUsd()).isEqualTo(0.105);
            WireServer.Received sent = server.last();
            assertThat(wire.model(sent)).isEqualTo("model-a");
            assertThat(wire.temperature(sent)).isEqualTo(0.2);
            assertThat(wire.maxTokens(sent)).isEqualTo(1000);
            assertThat(sent.body()).contains("a web app calling an api").contains("```mermaid");
            assertThat(sent.headers().toString()).contains("key-p1");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void streamsDeltasAndCountsTokensFromTheStream(Wire wire) throws Exception {
        List<String> chunks = List.of("```mermaid\nflow", "chart LR\n  web -", "-> api\n```");
        try (WireServer server = new WireServer().answer(WireServer.events(wire.stream(chunks, 200, 40)));
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(), Chains.provider("p1", wire, server))) {
            List<String> deltas = new CopyOnWriteArrayList<>();
            CodeDraft draft = chain.draft(request(null, null, null, null), deltas::add);

            assertThat(deltas).containsExactlyElementsOf(chunks);
            assertThat(draft.code()).isEqualTo(MERMAID);
            assertThat(draft.inputTokens()).isEqualTo(200);
            assertThat(draft.outputTokens()).isEqualTo(40);
            assertThat(server.last().body()).contains("a web app calling an api");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void sendsTheRequestedModelSettingsAndTheParserErrorsBack(Wire wire) throws Exception {
        try (WireServer server = new WireServer().answer(WireServer.json(200, wire.answer(ANSWER, 1, 1)));
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(), Chains.provider("p1", wire, server))) {
            chain.draft(request("model-b", 0.7, 512, List.of("line 2: unknown arrow '=>'", "line 5: missing end")),
                    null);

            WireServer.Received sent = server.last();
            assertThat(wire.model(sent)).isEqualTo("model-b");
            assertThat(wire.temperature(sent)).isEqualTo(0.7);
            assertThat(wire.maxTokens(sent)).isEqualTo(512);
            assertThat(sent.body()).contains("did not parse")
                .contains("line 2: unknown arrow '=>'")
                .contains("line 5: missing end");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anInvalidKeyIsA502NamingTheProvider(Wire wire) throws Exception {
        try (WireServer server = new WireServer().answer(WireServer.json(401, wire.error(401)));
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(), Chains.provider("p1", wire, server))) {
            assertThatThrownBy(() -> chain.draft(request(null, null, null, null), null))
                .isInstanceOfSatisfying(CodeSourceException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(502);
                    assertThat(ex.getMessage()).contains("p1: invalid API key (401)")
                        .doesNotContain("a web app calling an api");
                });
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aRateLimitIsA429(Wire wire) throws Exception {
        try (WireServer server = new WireServer().answer(WireServer.json(429, wire.error(429)));
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(), Chains.provider("p1", wire, server))) {
            assertThatThrownBy(() -> chain.draft(request(null, null, null, null), text -> {
            })).isInstanceOfSatisfying(CodeSourceException.class, ex -> {
                assertThat(ex.status()).isEqualTo(429);
                assertThat(ex.getMessage()).contains("p1: rate limited (429)");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aServerErrorIsA502(Wire wire) throws Exception {
        try (WireServer server = new WireServer().answer(WireServer.json(503, wire.error(503)));
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(), Chains.provider("p1", wire, server))) {
            assertThatThrownBy(() -> chain.draft(request(null, null, null, null), null))
                .isInstanceOfSatisfying(CodeSourceException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(502);
                    assertThat(ex.getMessage()).contains("p1: server error (503)");
                });
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aSilentProviderTimesOutWithA504(Wire wire) throws Exception {
        try (WireServer server = new WireServer();
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(),
                        Chains.provider("p1", wire, server, Chains.TIMEOUT))) {
            server.answer(server.stall());
            assertThatThrownBy(() -> chain.draft(request(null, null, null, null), null))
                .isInstanceOfSatisfying(CodeSourceException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(504);
                    assertThat(ex.getMessage()).contains("p1: timed out after 300 ms");
                });
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aStreamThatStopsMidwayTimesOutWithA504(Wire wire) throws Exception {
        List<String> events = wire.stream(List.of("```mermaid\nflow"), 1, 1);
        try (WireServer server = new WireServer();
                ProviderChain chain = Chains.chain(new SimpleMeterRegistry(),
                        Chains.provider("p1", wire, server, Chains.TIMEOUT))) {
            server.answer(server.stallAfter(events.subList(0, Math.min(2, events.size() - 1))));
            assertThatThrownBy(() -> chain.draft(request(null, null, null, null), text -> {
            })).isInstanceOfSatisfying(CodeSourceException.class, ex -> {
                assertThat(ex.status()).isEqualTo(504);
                assertThat(ex.getMessage()).contains("p1: timed out after 300 ms");
            });
        }
    }

}
