package com.autograph.document.formats.eraser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

class EraserLanguageTest {

    private final EraserLanguage eraser = new EraserLanguage();

    static String resource(String path) {
        try (var in = EraserLanguageTest.class.getResourceAsStream("/formats/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DiagramDocument parseOk(String code) {
        ParseResult r = eraser.parse(code);
        assertThat(r.errors()).isEmpty();
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
        return r.document();
    }

    @Test
    void fixtureKeepsNodesGroupsAndEveryConnector() {
        DiagramDocument doc = parseOk(resource("eraser/architecture.eraser"));

        Shape gateway = doc.shape("api-gateway").orElseThrow();
        assertThat(gateway.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(gateway.text()).contains("API Gateway");
        assertThat(gateway.icon()).contains("aws-api-gateway");
        assertThat(gateway.style().strokeColor()).contains("#1971c2");
        assertThat(doc.shape("web-app").orElseThrow().text()).contains("Storefront");

        assertThat(doc.shape("aws").orElseThrow().type()).isEqualTo(ShapeType.FRAME);
        assertThat(doc.shape("vpc").orElseThrow().parentId()).contains("aws");
        assertThat(doc.shape("vpc").orElseThrow().text()).contains("Private VPC");
        assertThat(doc.children("vpc")).extracting(Shape::id).containsExactly("orders", "payments", "queue");
        assertThat(doc.children("aws")).extracting(Shape::id).containsExactly("vpc", "database", "cache");
        assertThat(doc.shape("queue").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(doc.shape("cache").orElseThrow().type()).isEqualTo(ShapeType.DIAMOND);
        assertThat(doc.shape("payments").orElseThrow().style().strokeColor()).contains("#9c36b5");

        Shape https = doc.shape("web-app>api-gateway").orElseThrow();
        assertThat(https.text()).contains("HTTPS");
        assertThat(https.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(doc.shape("api-gateway>orders").orElseThrow().text()).contains("REST");
        assertThat(doc.shape("api-gateway>payments").orElseThrow().text()).contains("REST");
        Shape polls = doc.shape("orders>queue").orElseThrow();
        assertThat(polls.startArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(polls.endArrowhead()).isEqualTo(Arrowhead.NONE);
        Shape both = doc.shape("orders>database").orElseThrow();
        assertThat(both.startArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(both.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(doc.shape("payments>database").orElseThrow().type()).isEqualTo(ShapeType.LINE);
        Shape warm = doc.shape("orders>cache").orElseThrow();
        assertThat(warm.type()).isEqualTo(ShapeType.LINE);
        assertThat(warm.style().strokeStyle()).contains(StrokeStyle.DASHED);
        Shape events = doc.shape("payments>queue").orElseThrow();
        assertThat(events.type()).isEqualTo(ShapeType.ARROW);
        assertThat(events.style().strokeStyle()).contains(StrokeStyle.DASHED);
        // The chain repeats an existing connection: a second id, no label.
        assertThat(doc.shape("web-app>api-gateway#2").orElseThrow().text()).isEmpty();
        assertThat(doc.shape("api-gateway>orders#2")).isPresent();
        assertThat(doc.connectors()).hasSize(10);
    }

    @Test
    void parseRenderParseGivesTheSameDocument() {
        DiagramDocument first = parseOk(resource("eraser/architecture.eraser"));
        String rendered = eraser.render(first);
        assertThat(parseOk(rendered)).isEqualTo(first);
        assertThat(eraser.render(parseOk(rendered))).isEqualTo(rendered);
    }

    @Test
    void namesMatchByTheirSlug() {
        DiagramDocument doc = parseOk("API Gateway > api-gateway\nCafé Ünïcode > 数据库\n");
        assertThat(doc.shapes()).extracting(Shape::id)
            .containsExactly("api-gateway", "cafe-unicode", "数据库", "api-gateway>api-gateway", "cafe-unicode>数据库");
        assertThat(EraserLanguage.slug("  Api_Gateway!! ")).isEqualTo("api-gateway");
        assertThat(EraserLanguage.slug(EraserLanguage.slug("Ärger-Straße 2")))
            .isEqualTo(EraserLanguage.slug("Ärger-Straße 2"));
    }

    @Test
    void veryLongNamesStillGiveValidIds() {
        String a = "A".repeat(300);
        String b = "B".repeat(300);
        DiagramDocument doc = parseOk(a + " > " + b + "\n" + a + " > " + b + "\n");
        assertThat(doc.shapes()).allMatch(s -> s.id().length() <= 128);
    }

    @Test
    void groupsOnOneLineAndNodesMentionedOnlyInConnections() {
        DiagramDocument doc = parseOk(
                "Backend [label: \"Core services\"] { Orders [icon: server]  Payments }\n" + "Edge { CDN > Orders }\n");
        assertThat(doc.shape("backend").orElseThrow().text()).contains("Core services");
        assertThat(doc.children("backend")).extracting(Shape::id).containsExactly("orders", "payments");
        // CDN was first mentioned inside Edge; Orders keeps the group it was declared in.
        assertThat(doc.shape("cdn").orElseThrow().parentId()).contains("edge");
        assertThat(doc.shape("orders").orElseThrow().parentId()).contains("backend");
    }

    @Test
    void labelsAreRawTextToTheEndOfTheLine() {
        DiagramDocument doc = parseOk("A > B: calls > 3 times [batch]\nA - B: \"quoted: \\\"x\\\"\"\n");
        assertThat(doc.shape("a>b").orElseThrow().text()).contains("calls > 3 times [batch]");
        assertThat(doc.shape("a>b#2").orElseThrow().text()).contains("quoted: \"x\"");
    }

    @Test
    void errorsCarryPositionsMessagesAndSuggestions() {
        ParseResult r = eraser.parse(resource("eraser/errors.eraser"));
        assertThat(r.errors()).containsExactly(
                new CodeError(1, 24, "unknown property `colour`", "did you mean `color`?"),
                new CodeError(2, 5, "`->` is not a connector",
                        "did you mean `>`? Connectors are >, <, <>, -, -- and -->"),
                new CodeError(4, 18, "unknown colour `blu`", "did you mean `blue`?"),
                new CodeError(3, 9, "this `{` is never closed", "add `}` after the last line of `Backend`"));
        // Everything understood is still there.
        assertThat(r.document().shape("api").orElseThrow().icon()).contains("aws-lambda");
        assertThat(r.document().shape("api>db")).isPresent();
        assertThat(r.document().shape("orders").orElseThrow().parentId()).contains("backend");
    }

    @Test
    void moreErrors() {
        assertThat(eraser.parse("A >\n}\nA [icon: x\nB: hi\nA <-> B\nA > B {\n").errors())
            .extracting(CodeError::line, CodeError::column, CodeError::message)
            .containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, 4, "`>` needs a node after it, found the end of the line"),
                    org.assertj.core.groups.Tuple.tuple(2, 1, "there is no `{` for this `}`"),
                    org.assertj.core.groups.Tuple.tuple(3, 3, "this `[` is never closed"),
                    org.assertj.core.groups.Tuple.tuple(4, 2, "a label belongs to a connection"),
                    org.assertj.core.groups.Tuple.tuple(5, 3, "`<->` is not a connector"),
                    org.assertj.core.groups.Tuple.tuple(6, 7, "a connection can't open a group"));
        assertThat(eraser.parse("A [shape: hexagon]\nB { A }\n").errors()).extracting(CodeError::message)
            .containsExactly("unknown shape `hexagon`", "`A` is already declared in the top level");
    }

    @Test
    void renderingAForeignDocumentSaysWhatItLeavesOut() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.frame("F_1", "Frame: one").build(),
                Shape.rectangle("r1").text("Line 1\nLine 2").parentId("F_1").build(),
                Shape.rectangle("r2").text("Other").build(), Shape.arrow("e", "r1", "r2").text("x}").build(),
                Shape
                    .arrow("free", com.autograph.document.Endpoint.at(0, 0),
                            com.autograph.document.Endpoint.boundTo("r2"))
                    .build()));
        String code = eraser.render(doc);
        assertThat(code).isEqualTo("""
                frame-one [label: "Frame: one"] {
                  r1 [label: "Line 1\\nLine 2"]
                }
                r2 [label: "Other"]
                r1 > r2: "x}"
                // not expressible in this language: free
                """);
        DiagramDocument back = parseOk(code);
        assertThat(back.shape("r1").orElseThrow().text()).contains("Line 1\nLine 2");
        assertThat(back.shape("r1").orElseThrow().parentId()).contains("frame-one");
    }

}
