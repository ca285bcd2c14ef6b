package com.autograph.ai.generate;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.autograph.ai.icons.IconCatalog;
import com.autograph.ai.offline.OfflineGenerator;
import com.autograph.document.Shape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation set (src/test/resources/eval/prompts.json) through the whole pipeline
 * with the offline generator: every answer parses, and the rates of the right kind, the
 * named components present with the right icon and quality at or above 80 are printed and
 * held to the targets.
 */
class OfflineEvaluationTest {

    static GenerationPipeline offlinePipeline() {
        IconCatalog catalog = new IconCatalog();
        Clock clock = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
        return new GenerationPipeline(List.of(new OfflineGenerator(catalog, Optional.of(clock))), catalog,
                new QualityScorer(catalog), GenerationPipelineTest.properties());
    }

    @Test
    void offlineGeneratorMeetsTheTargetsOnTheEvaluationSet() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/eval/prompts.json")) {
            cases = JsonMapper.builder().build().readTree(in);
        }
        GenerationPipeline pipeline = offlinePipeline();
        int total = 0;
        int parsed = 0;
        int rightKind = 0;
        int components = 0;
        int componentsOk = 0;
        int good = 0;
        List<String> misses = new ArrayList<>();
        for (JsonNode c : cases) {
            total++;
            String prompt = c.path("prompt").asString();
            Generation g = pipeline.run(GenerateCommand.of(prompt, "offline"), e -> {
            });
            parsed++;
            if (g.kind().id().equals(c.path("type").asString())) {
                rightKind++;
            }
            else {
                misses.add("kind " + g.kind().id() + " for: " + prompt);
            }
            if (g.quality().score() >= 80) {
                good++;
            }
            else {
                misses.add("quality " + g.quality() + " for: " + prompt);
            }
            for (JsonNode expected : c.path("components")) {
                components++;
                String name = IconCatalog.normalize(expected.path("name").asString());
                String icon = expected.path("icon").isMissingNode() ? null : expected.path("icon").asString();
                boolean found = g.document()
                    .shapes()
                    .stream()
                    .filter(s -> !s.type().isConnector())
                    .anyMatch(s -> IconCatalog.normalize(label(s)).contains(name)
                            && (icon == null || icon.equals(s.icon().orElse(null))));
                if (found) {
                    componentsOk++;
                }
                else {
                    misses.add("component " + name + " / " + icon + " for: " + prompt);
                }
            }
        }
        double kindRate = 100.0 * rightKind / total;
        double componentRate = 100.0 * componentsOk / components;
        double qualityRate = 100.0 * good / total;
        System.out.printf(
                "Offline evaluation: %d prompts, parsed %d (%.1f %%), expected kind %.1f %%, "
                        + "components present and iconed %.1f %% (%d/%d), quality >= 80 %.1f %%%n",
                total, parsed, 100.0 * parsed / total, kindRate, componentRate, componentsOk, components, qualityRate);
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertThat(total).isGreaterThanOrEqualTo(60);
        assertThat(parsed).isEqualTo(total);
        assertThat(kindRate).isGreaterThanOrEqualTo(95);
        assertThat(componentRate).isGreaterThanOrEqualTo(90);
        assertThat(qualityRate).isEqualTo(100);
    }

    private static String label(Shape s) {
        return s.text().orElse(s.id());
    }

}
