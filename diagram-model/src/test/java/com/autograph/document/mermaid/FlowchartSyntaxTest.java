package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

/**
 * The flowchart syntax of Mermaid 11 that goes beyond brackets: node and link metadata,
 * link ids, markdown strings and statements over several lines.
 */
class FlowchartSyntaxTest {

    private static DiagramDocument doc(String code) {
        ParseResult r = MermaidParser.parse(code);
        assertThat(r.errors()).isEmpty();
        return r.document();
    }

    private static DiagramDocument roundTripped(DiagramDocument d) {
        String code = MermaidRenderer.render(d);
        ParseResult back = MermaidParser.parse(code);
        assertThat(back.errors()).as(code).isEmpty();
        assertThat(back.document()).as(code).isEqualTo(d);
        assertThat(MermaidRenderer.render(back.document())).isEqualTo(code);
        return back.document();
    }

    @Test
    void shapeMetadataGivesTheClosestTypeAndKeepsThePairsAsWritten() {
        DiagramDocument d = doc("""
                flowchart TD
                    a@{ shape: sm-circ, label: "Start" }
                    b@{ shape: question, label: "Ok?" }
                    c@{ shape: manual-file, label: "File" }
                    t@{ shape: text, label: "Just text" }
                    u@{ icon: "fa:user", form: "square", label: "User", pos: "t", h: 60 }
                    p@{ img: "https://example.org/p.png", label: "Picture", w: 60, constraint: "on" }
                """);

        assertThat(d.shape("a").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(d.shape("b").orElseThrow().type()).isEqualTo(ShapeType.DIAMOND);
        Shape c = d.shape("c").orElseThrow();
        assertThat(c.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(c.text()).contains("File");
        assertThat(Mermaid.ext(c).get("meta").get("shape").asString()).isEqualTo("manual-file");
        assertThat(d.shape("t").orElseThrow().type()).isEqualTo(ShapeType.TEXT);
        Shape u = d.shape("u").orElseThrow();
        assertThat(u.type()).isEqualTo(ShapeType.ICON);
        assertThat(u.icon()).contains("fa:user");
        assertThat(Mermaid.ext(u).get("meta").get("h").asInt()).isEqualTo(60);
        Shape p = d.shape("p").orElseThrow();
        assertThat(p.type()).isEqualTo(ShapeType.IMAGE);
        assertThat(p.src()).contains("https://example.org/p.png");

        String code = MermaidRenderer.render(roundTripped(d));
        assertThat(code).contains("c@{ shape: manual-file, label: \"File\" }",
                "u@{ icon: \"fa:user\", form: square, label: \"User\", pos: t, h: 60 }");
    }

    @Test
    void aNamedLinkIsTheShapeOfThatIdWithItsMetadataAndClasses() {
        DiagramDocument d = doc("""
                flowchart LR
                    A e1@--> B
                    B --> C
                    e1@{ animate: true }
                    classDef dashed stroke-dasharray: 5 5
                    class e1 dashed
                """);

        Shape e1 = d.shape("e1").orElseThrow();
        assertThat(e1.type()).isEqualTo(ShapeType.ARROW);
        assertThat(Tree.from(e1)).isEqualTo("A");
        assertThat(Mermaid.ext(e1).get("meta").get("animate").asBoolean()).isTrue();
        assertThat(e1.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(d.shape("edge:1")).isPresent();
        assertThat(MermaidRenderer.render(roundTripped(d))).contains("A e1@--> B", "e1@{ animate: true }",
                "class e1 dashed");
    }

    @Test
    void markdownAndQuotedLabelsMayRunOverSeveralLines() {
        DiagramDocument d = doc("""
                flowchart LR
                    a["`The **cat**
                       in the hat`"] -- "a long
                    edge label" --> b["two
                    lines"]
                """);

        Shape a = d.shape("a").orElseThrow();
        assertThat(a.text()).contains("The **cat**\nin the hat");
        assertThat(Mermaid.ext(a).get("markdown").asBoolean()).isTrue();
        assertThat(d.connectors().getFirst().text()).contains("a long\nedge label");
        assertThat(d.shape("b").orElseThrow().text()).contains("two\nlines");
        assertThat(MermaidRenderer.render(roundTripped(d))).contains("a[\"`The **cat**\nin the hat`\"]");
    }

    @Test
    void anErrorInAStatementOverSeveralLinesIsPlacedOnItsOwnLine() {
        List<CodeError> errors = MermaidParser.parse("""
                flowchart LR
                    a["one
                      two"] --> b@{ shape: cyl,
                      label "x" }
                """).errors();

        assertThat(errors).extracting(e -> e.line() + ":" + e.column() + " " + e.message())
            .containsExactly("4:7 `label` needs a value");
    }

    @Test
    void aStringNeverClosedIsReportedWhereItOpensAndDoesNotHideTheRest() {
        ParseResult r = MermaidParser.parse("""
                flowchart LR
                    a["never closed] --> b
                    c --> d
                    e --> f
                """);

        assertThat(r.errors()).extracting(e -> e.line() + ":" + e.column() + " " + e.message())
            .containsExactly("2:7 this string is never closed");
        assertThat(r.document().shape("c")).isPresent();
        assertThat(r.document().shape("f")).isPresent();
    }

    @Test
    void metadataHasALimitOnItsPairs() {
        StringBuilder pairs = new StringBuilder();
        for (int k = 0; k <= FlowLexer.MAX_META_PAIRS; k++) {
            pairs.append(k == 0 ? "" : ", ").append("k").append(k).append(": 1");
        }

        List<CodeError> errors = MermaidParser.parse("flowchart TD\n    A@{ " + pairs + " }\n").errors();

        assertThat(errors).extracting(CodeError::message).containsExactly("a `@{ ... }` holds at most 64 pairs");
        assertThat(MermaidParser.parse("flowchart TD\n    A@{ " + pairs.substring(0, pairs.lastIndexOf(",")) + " }\n")
            .errors()).isEmpty();
    }

    @Test
    void linkVariantsPeopleWrite() {
        DiagramDocument d = doc("""
                flowchart-elk LR
                    a--text-->b
                    b==xc
                    c .-> d
                    api.v1 --> api.v2
                """);

        assertThat(d.connectors()).extracting(s -> s.text().orElse("")).containsExactly("text", "", "", "");
        assertThat(d.shape("api.v1")).isPresent();
        assertThat(d.connectors().get(2).style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(MermaidRenderer.render(roundTripped(d))).startsWith("flowchart-elk LR").contains("b ==x c");
    }

}
