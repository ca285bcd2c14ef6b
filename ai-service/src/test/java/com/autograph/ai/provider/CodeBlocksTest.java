package com.autograph.ai.provider;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Taking code out of model answers, including a fuzz target: mutated answers never make
 * it throw, and what it returns is always part of the answer.
 */
class CodeBlocksTest {

    @Test
    void prefersTheBlockInTheRequestedLanguage() {
        String answer = "Sure.\n```text\nnot this\n```\nThen:\n```eraser\nA > B\n```\nDone.";
        assertThat(CodeBlocks.extract(answer, "eraser")).isEqualTo("A > B");
        assertThat(CodeBlocks.extract(answer, "mermaid")).isEqualTo("not this");
    }

    @Test
    void takesTheWholeAnswerWithoutFencesAndTheRestOfACutOffBlock() {
        assertThat(CodeBlocks.extract("  flowchart LR\n  a --> b\n", "mermaid")).isEqualTo("flowchart LR\n  a --> b");
        assertThat(CodeBlocks.extract("```mermaid\nflowchart LR\n  a -->", "mermaid"))
            .isEqualTo("flowchart LR\n  a -->");
        assertThat(CodeBlocks.extract("~~~~mermaid\nsequenceDiagram\n```\nstill code\n~~~~", "mermaid"))
            .isEqualTo("sequenceDiagram\n```\nstill code");
    }

    @Test
    void fuzzedAnswersNeverThrowAndGiveAPartOfTheAnswer() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("CodeBlocksTest seed " + seed);
        Random random = new Random(seed);
        List<String> pieces = List.of("```", "~~~", "mermaid", "eraser", "\n", " ", "\t", "`", "~", "a > b", "\r\n",
                "````", "```mermaid\n", "\n```\n", "\u0000", "\uD800", "é");
        for (int i = 0; i < 3000; i++) {
            StringBuilder answer = new StringBuilder();
            int parts = random.nextInt(40);
            for (int p = 0; p < parts; p++) {
                answer.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = answer.toString();
            String code = CodeBlocks.extract(text, random.nextBoolean() ? "mermaid" : "eraser");
            assertThat(text).as("seed %d, input %s", seed, text).contains(code);
        }
    }

    @Test
    void aHugeUnterminatedFenceLineIsReadInOnePass() {
        String line = "```" + "a".repeat(200_000) + " ".repeat(100_000) + "b".repeat(100_000);
        assertThat(CodeBlocks.extract(line, "mermaid")).isEqualTo(line.strip());
        String opened = "```mermaid\n" + "x".repeat(300_000);
        assertThat(CodeBlocks.extract(opened, "mermaid")).hasSize(300_000);
    }

}
