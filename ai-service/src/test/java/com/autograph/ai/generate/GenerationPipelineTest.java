package com.autograph.ai.generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.autograph.ai.AiProperties;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.ai.offline.OfflineGenerator;
import com.autograph.shared.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationPipelineTest {

    static AiProperties properties() {
        return properties(true);
    }

    static AiProperties properties(boolean fallback) {
        return new AiProperties(4000, 200_000, 80, 2, fallback, Duration.ofMinutes(10), 200, 50);
    }

    private final IconCatalog catalog = new IconCatalog();

    private final OfflineGenerator offline = new OfflineGenerator(catalog, Optional.empty());

    /** A provider stand-in answering from a script, recording what it was asked. */
    static final class ScriptedSource implements CodeSource {

        final List<DraftRequest> requests = new ArrayList<>();

        private final List<Object> answers;

        ScriptedSource(Object... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public String name() {
            return "providers";
        }

        @Override
        public boolean ruleBased() {
            return false;
        }

        @Override
        public CodeDraft draft(DraftRequest request, Consumer<String> partial) {
            requests.add(request);
            Object answer = answers.get(Math.min(requests.size() - 1, answers.size() - 1));
            if (answer instanceof CodeSourceException ex) {
                throw ex;
            }
            partial.accept((String) answer);
            return new CodeDraft((String) answer, "mermaid", "providers", "test-model", 10, 20, 0.001);
        }

    }

    private GenerationPipeline pipeline(CodeSource source, boolean fallback) {
        return new GenerationPipeline(List.of(source, offline), catalog, new QualityScorer(catalog),
                properties(fallback));
    }

    @Test
    void brokenCodeIsRetriedOnceWithTheParserErrors() {
        ScriptedSource source = new ScriptedSource("flowchart TD\n  a -=> b\n",
                "flowchart TD\n  a[Start] --> b[End]\n");
        List<PipelineEvent> events = new ArrayList<>();
        Generation g = pipeline(source, true).run(GenerateCommand.of("a flowchart from start to end", null),
                events::add);
        assertThat(source.requests).hasSizeGreaterThanOrEqualTo(2);
        assertThat(source.requests.get(0).previousErrors()).isEmpty();
        assertThat(source.requests.get(1).previousErrors()).isNotEmpty();
        assertThat(g.source()).isEqualTo("providers");
        assertThat(g.ruleBased()).isFalse();
        assertThat(g.document().shapes()).isNotEmpty();
        assertThat(events).anyMatch(e -> "retry".equals(e.stage()));
    }

    @Test
    void codeBrokenTwiceIsA422AndNeverAnswered() {
        ScriptedSource source = new ScriptedSource("flowchart TD\n  a -=> b\n");
        assertThatThrownBy(() -> pipeline(source, true).run(GenerateCommand.of("a flowchart", null), e -> {
        })).isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.status().value()).isEqualTo(422));
        assertThat(source.requests).hasSize(2);
    }

    @Test
    void lowQualityIsRetriedWithOtherParametersAndTheBestKept() {
        ScriptedSource source = new ScriptedSource("flowchart TD\n  a --> b\n");
        Generation g = pipeline(source, true)
            .run(GenerateCommand.of("an AWS architecture with CloudFront, EC2 and RDS", null), e -> {
            });
        // The wrong kind without the named parts caps the score under 80, so both retries
        // run.
        assertThat(source.requests).hasSize(3);
        assertThat(source.requests.get(1).temperature()).isNotNull();
        assertThat(g.attempts()).isEqualTo(3);
        assertThat(g.quality().kind()).isZero();
    }

    @Test
    void providerFailureFallsBackToOfflineWhenConfigured() {
        ScriptedSource source = new ScriptedSource(new CodeSourceException(503, "providers: mga timed out", null));
        Generation g = pipeline(source, true).run(GenerateCommand.of("AWS architecture with EC2 and RDS", null), e -> {
        });
        assertThat(g.source()).isEqualTo("offline");
        assertThat(g.fellBack()).isTrue();
        assertThat(g.ruleBased()).isTrue();
    }

    @Test
    void providerFailureIsReportedWithItsStatusWithoutFallback() {
        ScriptedSource source = new ScriptedSource(new CodeSourceException(503, "providers: mga timed out", null));
        assertThatThrownBy(() -> pipeline(source, false).run(GenerateCommand.of("AWS with EC2", null), e -> {
        })).isInstanceOfSatisfying(ApiException.class, ex -> {
            assertThat(ex.status().value()).isEqualTo(503);
            assertThat(ex.getMessage()).contains("mga timed out");
        });
    }

    @Test
    void offlineIsForcedByName() {
        ScriptedSource source = new ScriptedSource("flowchart TD\n  a --> b\n");
        Generation g = pipeline(source, false).run(GenerateCommand.of("AWS with EC2 and S3", "offline"), e -> {
        });
        assertThat(g.source()).isEqualTo("offline");
        assertThat(source.requests).isEmpty();
    }

    @Test
    void unknownProviderIs400() {
        assertThatThrownBy(() -> pipeline(offline, true).run(GenerateCommand.of("AWS with EC2", "gpt-99"), e -> {
        })).isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.status().value()).isEqualTo(400));
    }

    @Test
    void aPromptWithNothingToDrawIs422NamingWhatWasMissing() {
        GenerationPipeline p = new GenerationPipeline(List.of(offline), catalog, new QualityScorer(catalog),
                properties());
        assertThatThrownBy(() -> p.run(GenerateCommand.of("what a lovely day it is today", null), e -> {
        })).isInstanceOfSatisfying(ApiException.class, ex -> {
            assertThat(ex.status().value()).isEqualTo(422);
            assertThat(ex.getMessage()).contains("no kind of diagram").doesNotContain("lovely");
        });
    }

    @Test
    void everyStageIsReported() {
        GenerationPipeline p = new GenerationPipeline(List.of(offline), catalog, new QualityScorer(catalog),
                properties());
        List<PipelineEvent> events = new ArrayList<>();
        p.run(GenerateCommand.of("AWS architecture with CloudFront, an ALB, EC2 and RDS", null), events::add);
        assertThat(events.stream().filter(e -> e.type().equals("stage")).map(PipelineEvent::stage)).contains("draft",
                "parse", "icons", "layout", "score");
        assertThat(events).anyMatch(e -> e.type().equals("partial"));
    }

    @Test
    void aMermaidMadeDocumentIsRefinedOfflineInPlace() {
        var parsed = com.autograph.document.code.DiagramLanguages.find("mermaid")
            .orElseThrow()
            .parse("flowchart TD\n  a[Take order] --> b[Check stock]\n  b --> c[Ship order]\n");
        var current = com.autograph.document.layout.DiagramLayout.layout(parsed.document());
        ScriptedSource provider = new ScriptedSource(new CodeSourceException(503, "providers: down", null));
        List<PipelineEvent> events = new ArrayList<>();
        Generation g = pipeline(provider, true).run(new GenerateCommand("rename Check stock to Reserve stock", null,
                null, null, null, current, "a > b", "eraser", List.of()), events::add);
        assertThat(g.fellBack()).isTrue();
        assertThat(g.kind()).isEqualTo(DiagramKind.FLOWCHART);
        assertThat(g.document().shape("b").orElseThrow().text()).hasValue("Reserve stock");
        for (var s : current.shapes()) {
            if (!s.type().isConnector()) {
                assertThat(g.document().shape(s.id()).orElseThrow().x()).isEqualTo(s.x());
                assertThat(g.document().shape(s.id()).orElseThrow().y()).isEqualTo(s.y());
            }
        }
        assertThat(events).extracting(PipelineEvent::stage).contains("fallback", "parse", "layout", "score");
        assertThatThrownBy(() -> pipeline(offline, true).run(new GenerateCommand("make it nicer", "offline", null, null,
                null, current, "a > b", "eraser", List.of()), e -> {
                }))
            .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.status().value()).isEqualTo(422));
    }

}
