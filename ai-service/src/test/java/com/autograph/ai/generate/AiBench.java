package com.autograph.ai.generate;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.layout.DiagramLayout;

/**
 * bench/ai: the evaluation set through the offline pipeline in-process (prompt → code →
 * parse → icons → layout → score), its rates, and the median and p95 time per generation
 * against the peer measured in the same run: parsing and laying out the same generated
 * code alone (what any source's answer costs after it arrives).
 */
public final class AiBench {

    private AiBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 3);
        JsonNode cases;
        try (InputStream in = AiBench.class.getResourceAsStream("/eval/prompts.json")) {
            cases = JsonMapper.builder().build().readTree(in);
        }
        GenerationPipeline pipeline = OfflineEvaluationTest.offlinePipeline();
        List<Long> full = new ArrayList<>();
        List<Long> peer = new ArrayList<>();
        int total = 0;
        int rightKind = 0;
        int good = 0;
        for (int r = 0; r < runs; r++) {
            for (JsonNode c : cases) {
                String prompt = c.path("prompt").asString();
                long t0 = System.nanoTime();
                Generation g = pipeline.run(GenerateCommand.of(prompt, "offline"), e -> {
                });
                long t1 = System.nanoTime();
                var parsed = DiagramLanguages.find(g.language()).orElseThrow().parse(g.code());
                boolean unplaced = parsed.document()
                    .shapes()
                    .stream()
                    .anyMatch(s -> !s.type().isConnector() && !s.hasPosition());
                if (unplaced) {
                    DiagramLayout.layout(parsed.document());
                }
                long t2 = System.nanoTime();
                if (r == runs - 1) {
                    full.add(t1 - t0);
                    peer.add(t2 - t1);
                    total++;
                    rightKind += g.kind().id().equals(c.path("type").asString()) ? 1 : 0;
                    good += g.quality().score() >= 80 ? 1 : 0;
                }
            }
        }
        Collections.sort(full);
        Collections.sort(peer);
        System.out.printf("bench/ai (offline, in-process, last of %d runs): %d prompts, expected kind %.1f %%, "
                + "quality >= 80 %.1f %%%n", runs, total, 100.0 * rightKind / total, 100.0 * good / total);
        System.out.printf("  generation  median %6.1f ms  p95 %6.1f ms%n", ms(full, 50), ms(full, 95));
        System.out.printf("  peer (parse + layout of the same code)  median %6.1f ms  p95 %6.1f ms%n", ms(peer, 50),
                ms(peer, 95));
        System.out.printf("  ratio generation / peer: median %.2f, p95 %.2f%n", ms(full, 50) / ms(peer, 50),
                ms(full, 95) / ms(peer, 95));
    }

    private static double ms(List<Long> sorted, int percentile) {
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

}
