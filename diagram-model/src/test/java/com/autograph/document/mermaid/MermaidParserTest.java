package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;

class MermaidParserTest {

    private static DiagramDocument doc(String code) {
        ParseResult r = MermaidParser.parse(code);
        assertThat(r.errors()).isEmpty();
        return r.document();
    }

    @Test
    void flowchartNodesAndLinksBecomeShapesBoundByIds() {
        DiagramDocument d = doc("""
                flowchart LR
                    subgraph g [Group]
                        a([Start]) -.->|go| b{Ok?}
                    end
                    b ==> c((Done))
                    c --- a
                    style c fill:#ff0000
                """);

        Shape a = d.shape("a").orElseThrow();
        assertThat(a.type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(a.text()).contains("Start");
        assertThat(a.parentId()).contains("g");
        assertThat(d.shape("g").orElseThrow().type()).isEqualTo(ShapeType.FRAME);
        assertThat(d.shape("b").orElseThrow().type()).isEqualTo(ShapeType.DIAMOND);
        assertThat(d.shape("c").orElseThrow().style().fillColor()).contains("#ff0000");

        Shape dotted = d.connectorsOf("a").getFirst();
        assertThat(dotted.start().flatMap(Endpoint::shapeId)).contains("a");
        assertThat(dotted.end().flatMap(Endpoint::shapeId)).contains("b");
        assertThat(dotted.text()).contains("go");
        assertThat(dotted.style().strokeStyle()).contains(StrokeStyle.DASHED);
        Shape thick = d.connectors().stream().filter(s -> Tree.from(s).equals("b")).findFirst().orElseThrow();
        assertThat(thick.style().strokeWidth()).hasValue(4);
        Shape plain = d.connectors().stream().filter(s -> Tree.from(s).equals("c")).findFirst().orElseThrow();
        assertThat(plain.type()).isEqualTo(ShapeType.LINE);
        assertThat(plain.endArrowhead()).isEqualTo(Arrowhead.NONE);
        assertThat(Mermaid.str(Mermaid.ext(d), "direction", null)).isEqualTo("LR");
    }

    @Test
    void erCardinalitiesBecomeCrowsFeet() {
        Shape rel = doc("erDiagram\n    CUSTOMER ||--o{ ORDER : places\n").connectors().getFirst();

        assertThat(rel.startArrowhead()).isEqualTo(Arrowhead.ONE);
        assertThat(rel.endArrowhead()).isEqualTo(Arrowhead.ZERO_OR_MANY);
        assertThat(rel.text()).contains("places");
    }

    @Test
    void sequenceMessagesKeepTheirOrderAndKind() {
        DiagramDocument d = doc("sequenceDiagram\n    A->>B: one\n    B--xA: two\n    A-)B: three\n");

        assertThat(d.connectors()).extracting(s -> s.text().orElseThrow()).containsExactly("one", "two", "three");
        assertThat(d.connectors().get(1).endArrowhead()).isEqualTo(Arrowhead.BAR);
        assertThat(d.connectors().get(1).style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(Mermaid.ext(d.connectors().get(2)).get("arrow").asString()).isEqualTo("-)");
    }

    @Test
    void errorsCarryLineColumnMessageAndSuggestion() {
        ParseResult r = MermaidParser.parse("flowchart TD\n    A --> B\n    B -> C\n");

        assertThat(r.errors())
            .containsExactly(new CodeError(3, 7, "`->` is not a flowchart link", "did you mean `-->`?"));
        assertThat(r.document().shape("B")).isPresent(); // what could be read is kept
    }

    @Test
    void neverThrowsWhateverTheInput() {
        Random random = new Random(7);
        String alphabet = "flowchart sequenceDiagram classDiagram stateDiagram-v2 erDiagram gantt gitGraph"
                + " -->[](){}|\"'<>:;&=.~%ox*#\n\t\\/ABC123 end subgraph state note loop alt commit branch";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(80);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String prefix = switch (i % 8) {
                case 0 -> "flowchart LR\n";
                case 1 -> "sequenceDiagram\n";
                case 2 -> "classDiagram\n";
                case 3 -> "stateDiagram-v2\n";
                case 4 -> "erDiagram\n";
                case 5 -> "gantt\n";
                case 6 -> "gitGraph\n";
                default -> "";
            };
            ParseResult r = MermaidParser.parse(prefix + sb);
            assertThat(r.errors()).noneMatch(e -> e.message().startsWith("this diagram could not be read"));
            if (r.ok()) {
                assertThat(DocumentValidator.validate(r.document())).as(prefix + sb).isEmpty();
                MermaidRenderer.render(r.document());
            }
        }
        assertThat(MermaidParser.parse(null).errors()).hasSize(1);
        assertThat(MermaidParser.parse("").errors()).hasSize(1);
    }

    @Test
    void aFiveThousandNodeFlowchartParsesQuickly() {
        StringBuilder sb = new StringBuilder("flowchart TD\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("    n").append(i).append("[Node ").append(i).append("] --> n").append(i + 1).append('\n');
            if (i % 10 == 0) {
                sb.append("    n").append(i).append(" -.-> n").append(i / 2).append('\n');
            }
        }
        ParseResult r = MermaidParser.parse(sb.toString());

        assertThat(r.errors()).isEmpty();
        assertThat(r.document().shapes()).hasSize(5001 + 5000 + 500);
        assertThat(MermaidParser.parse(MermaidRenderer.render(r.document())).document()).isEqualTo(r.document());
    }

    @Test
    void drawnDocumentsRenderAsFlowcharts() {
        DiagramDocument drawn = DiagramDocument
            .of(java.util.List.of(Shape.frame("vpc", "VPC").at(0, 0).size(400, 300).build(),
                    Shape.rectangle("api server").at(10, 10).size(100, 50).text("API").parentId("vpc").build(),
                    Shape.ellipse("db").at(200, 10).size(100, 50).build(),
                    Shape.arrow("e1", "api server", "db").text("SQL").build()));

        String code = MermaidRenderer.render(drawn);
        ParseResult back = MermaidParser.parse(code);

        assertThat(back.errors()).as(code).isEmpty();
        assertThat(code).contains("subgraph vpc [\"VPC\"]", "n1[API]", "db((db))", "n1 -->|SQL| db");
        assertThat(back.document().shape("db").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
    }

    @Test
    void theLanguageIsRegistered() {
        assertThat(DiagramLanguages.find("mermaid")).get().isInstanceOf(MermaidLanguage.class);
        assertThat(new MermaidLanguage().parse("gitGraph\n    commit\n").ok()).isTrue();
    }

    @Test
    void everySnippetParsesAndRoundTrips() {
        assertThat(MermaidSnippets.all()).extracting(MermaidSnippets.Snippet::id)
            .contains("microservices", "three-tier", "oauth-flow", "sequence", "er");
        for (MermaidSnippets.Snippet s : MermaidSnippets.all()) {
            ParseResult r = MermaidParser.parse(s.code());
            assertThat(r.errors()).as(s.id()).isEmpty();
            assertThat(MermaidParser.parse(MermaidRenderer.render(r.document())).document()).as(s.id())
                .isEqualTo(r.document());
        }
        assertThat(MermaidSnippets.find("er")).isPresent();
    }

}
