package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MermaidFormatterTest {

    static java.util.List<MermaidCorpus.Sample> corpus() {
        return MermaidCorpus.load("corpus");
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void formattingKeepsTheMeaningAndIsStable(MermaidCorpus.Sample sample) {
        String formatted = MermaidFormatter.format(sample.code());

        assertThat(MermaidParser.parse(formatted).errors()).as(formatted).isEmpty();
        assertThat(MermaidParser.parse(formatted).document()).as(formatted)
            .isEqualTo(MermaidParser.parse(sample.code()).document());
        assertThat(MermaidFormatter.format(formatted)).isEqualTo(formatted);
    }

    @Test
    void indentsSplitsStatementsAndNormalisesLinks() {
        String code = """
                graph TD;A-->B;B-- yes -->C
                %% a comment
                subgraph one
                C-.->D
                  end


                E==>F & G
                """;

        assertThat(MermaidFormatter.format(code)).isEqualTo("""
                graph TD
                    A --> B
                    B -->|yes| C
                    %% a comment
                    subgraph one
                        C -.-> D
                    end

                    E ==> F & G
                """);
    }

    @Test
    void normalisesSequenceMessagesAndIndentsBlocks() {
        String code = """
                sequenceDiagram
                Alice->>Bob:Hi
                alt ok
                Bob-->>Alice :  fine
                else not ok
                Bob-xAlice: no
                end
                """;

        assertThat(MermaidFormatter.format(code)).isEqualTo("""
                sequenceDiagram
                    Alice->>Bob: Hi
                    alt ok
                        Bob-->>Alice: fine
                    else not ok
                        Bob-xAlice: no
                    end
                """);
    }

    @Test
    void keepsLinesItCannotReadAndNeverFailsOnNull() {
        assertThat(MermaidFormatter.format("flowchart LR\nA -> B\n")).isEqualTo("flowchart LR\n    A -> B\n");
        assertThat(MermaidFormatter.format(null)).isEmpty();
    }

}
