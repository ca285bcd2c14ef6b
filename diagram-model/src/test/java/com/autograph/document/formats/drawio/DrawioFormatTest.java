package com.autograph.document.formats.drawio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.TextAlign;
import com.autograph.document.formats.FormatException;

class DrawioFormatTest {

    private final DrawioFormat format = new DrawioFormat();

    static String resource(String path) {
        try (var in = DrawioFormatTest.class.getResourceAsStream("/formats/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DiagramDocument read(String file) {
        DiagramDocument doc = format.read(resource("drawio/" + file));
        assertThat(DocumentValidator.validate(doc)).isEmpty();
        return doc;
    }

    @ParameterizedTest
    @ValueSource(strings = { "checkout.drawio", "checkout-compressed.drawio" })
    void importKeepsEveryShapeTextColourAndBinding(String file) {
        DiagramDocument doc = read(file);

        assertThat(doc.shapes()).extracting(Shape::id)
            .containsExactly("web", "lb", "decide", "backend", "orders", "db", "note", "e1", "e2", "e3", "e4",
                    "boundary", "grp", "cache-a", "cache-b", "docs", "logo");

        Shape web = doc.shape("web").orElseThrow();
        assertThat(web.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(web.text()).contains("Web App");
        assertThat(List.of(web.x(), web.y(), web.width(), web.height())).containsExactly(40d, 80d, 120d, 60d);
        assertThat(web.style().fillColor()).contains("#dae8fc");
        assertThat(web.style().strokeColor()).contains("#6c8ebf");
        assertThat(web.style().cornerRadius()).hasValue(9);

        Shape lb = doc.shape("lb").orElseThrow();
        assertThat(lb.type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(lb.text()).contains("Load\nBalancer");
        Shape decide = doc.shape("decide").orElseThrow();
        assertThat(decide.type()).isEqualTo(ShapeType.DIAMOND);
        assertThat(decide.rotation()).isEqualTo(15);
        assertThat(decide.style().fillColor()).contains("#fff2cc");

        Shape backend = doc.shape("backend").orElseThrow();
        assertThat(backend.type()).isEqualTo(ShapeType.FRAME);
        assertThat(backend.text()).contains("Backend");
        assertThat(backend.style().textColor()).contains("#333333");
        assertThat(doc.children("backend")).extracting(Shape::id).containsExactly("orders", "db", "note", "e4");
        // Children's geometry is relative to the swimlane in the file; the document's is
        // absolute.
        Shape orders = doc.shape("orders").orElseThrow();
        assertThat(List.of(orders.x(), orders.y())).containsExactly(220d, 300d);
        assertThat(orders.text()).contains("Orders\nservice");
        assertThat(doc.shape("db").orElseThrow().text()).contains("Orders DB");
        Shape note = doc.shape("note").orElseThrow();
        assertThat(note.type()).isEqualTo(ShapeType.TEXT);
        assertThat(note.style().textColor()).contains("#ff0000");
        assertThat(note.style().fontSize()).hasValue(14);
        assertThat(note.style().textAlign()).contains(TextAlign.LEFT);

        Shape e1 = doc.shape("e1").orElseThrow();
        assertThat(e1.type()).isEqualTo(ShapeType.ARROW);
        assertThat(e1.start().flatMap(Endpoint::shapeId)).contains("web");
        assertThat(e1.end().flatMap(Endpoint::shapeId)).contains("lb");
        assertThat(e1.text()).contains("HTTPS");
        assertThat(e1.routing()).isEqualTo(Routing.ELBOW);
        assertThat(e1.endArrowhead()).isEqualTo(Arrowhead.TRIANGLE);

        Shape e2 = doc.shape("e2").orElseThrow();
        assertThat(e2.text()).contains("check token");
        assertThat(e2.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(e2.startArrowhead()).isEqualTo(Arrowhead.CIRCLE);
        assertThat(e2.endArrowhead()).isEqualTo(Arrowhead.ARROW);

        Shape e3 = doc.shape("e3").orElseThrow();
        assertThat(e3.points()).containsExactly(new Point(500, 200), new Point(290, 200));
        assertThat(e3.style().strokeColor()).contains("#ff0000");
        assertThat(e3.end().flatMap(Endpoint::shapeId)).contains("orders");

        Shape e4 = doc.shape("e4").orElseThrow();
        assertThat(e4.parentId()).contains("backend");
        assertThat(e4.startArrowhead()).isEqualTo(Arrowhead.ONE);
        assertThat(e4.endArrowhead()).isEqualTo(Arrowhead.MANY);
        assertThat(e4.routing()).isEqualTo(Routing.STRAIGHT);

        Shape boundary = doc.shape("boundary").orElseThrow();
        assertThat(boundary.type()).isEqualTo(ShapeType.LINE);
        assertThat(boundary.style().strokeStyle()).contains(StrokeStyle.DOTTED);
        assertThat(boundary.style().strokeWidth()).hasValue(2);
        assertThat(boundary.start().flatMap(Endpoint::point)).contains(new Point(40, 500));
        assertThat(boundary.end().flatMap(Endpoint::point)).contains(new Point(620, 500));

        assertThat(doc.shape("grp").orElseThrow().type()).isEqualTo(ShapeType.GROUP);
        Shape cacheB = doc.shape("cache-b").orElseThrow();
        assertThat(cacheB.parentId()).contains("grp");
        assertThat(List.of(cacheB.x(), cacheB.y())).containsExactly(660d, 330d);
        assertThat(doc.shape("cache-a").orElseThrow().style().opacity()).hasValue(0.6);

        Shape docs = doc.shape("docs").orElseThrow();
        assertThat(docs.text()).contains("Docs");
        assertThat(docs.unknownFields().get(DrawioFormat.FIELD).get("attributes").get("link").asString())
            .isEqualTo("https://example.org/docs");
        Shape logo = doc.shape("logo").orElseThrow();
        assertThat(logo.type()).isEqualTo(ShapeType.IMAGE);
        assertThat(logo.src().orElseThrow()).startsWith("data:image/png;base64,iVBOR");
    }

    @Test
    void plainAndCompressedFilesGiveTheSameShapes() {
        assertThat(read("checkout-compressed.drawio").shapes())
            .containsExactlyElementsOf(read("checkout.drawio").shapes());
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void exportThenImportRoundTrips(boolean compressed) {
        DiagramDocument doc = read("checkout.drawio");
        String exported = compressed ? format.writeCompressed(doc) : format.write(doc);
        DiagramDocument again = format.read(exported);
        assertThat(again.shapes()).containsExactlyElementsOf(doc.shapes());
        assertThat(again).isEqualTo(doc);
        if (!compressed) {
            assertThat(exported).startsWith("<mxfile")
                .contains("<mxGraphModel")
                .contains("<mxCell id=\"0\"/>")
                .contains("source=\"web\"")
                .contains("parent=\"backend\"");
            assertThat(format.write(again)).isEqualTo(exported);
        }
    }

    @Test
    void exportsDocumentsBuiltInCode() {
        DiagramDocument doc = DiagramDocument.of(List.of(
                Shape.frame("vpc", "VPC")
                    .at(100, 100)
                    .size(600, 300)
                    .style(Style.builder().fillColor("#f1f3f5").build())
                    .build(),
                Shape.rectangle("api")
                    .at(140, 160)
                    .size(160, 60)
                    .text("API & <stuff>\nline 2")
                    .icon("aws-lambda")
                    .parentId("vpc")
                    .style(Style.builder()
                        .fillColor("#a5d8ff")
                        .cornerRadius(8)
                        .strokeStyle(StrokeStyle.DOTTED)
                        .fontWeight(700)
                        .build())
                    .build(),
                Shape.ellipse("db").at(400, 160).size(100, 60).parentId("vpc").build(),
                Shape.arrow("e1", "api", "db")
                    .text("SQL")
                    .routing(Routing.ELBOW)
                    .points(List.of(new Point(350, 190)))
                    .build(),
                Shape.line("l", Endpoint.at(0, 0), Endpoint.boundTo("api")).build(),
                Shape.freehand("f", List.of(new Point(0, 500), new Point(10, 520), new Point(40, 510))).build()));
        DiagramDocument back = format.read(format.write(doc));
        assertThat(DocumentValidator.validate(back)).isEmpty();
        Shape api = back.shape("api").orElseThrow();
        assertThat(List.of(api.x(), api.y(), api.width(), api.height())).containsExactly(140d, 160d, 160d, 60d);
        assertThat(api.text()).contains("API & <stuff>\nline 2");
        assertThat(api.icon()).contains("aws-lambda");
        assertThat(api.parentId()).contains("vpc");
        assertThat(api.style().cornerRadius()).hasValue(8);
        assertThat(api.style().strokeStyle()).contains(StrokeStyle.DOTTED);
        assertThat(api.style().fontWeight()).hasValue(700);
        assertThat(back.shape("vpc").orElseThrow().type()).isEqualTo(ShapeType.FRAME);
        Shape e1 = back.shape("e1").orElseThrow();
        assertThat(e1.routing()).isEqualTo(Routing.ELBOW);
        assertThat(e1.points()).containsExactly(new Point(350, 190));
        assertThat(e1.text()).contains("SQL");
        Shape l = back.shape("l").orElseThrow();
        assertThat(l.type()).isEqualTo(ShapeType.LINE);
        assertThat(l.start().flatMap(Endpoint::point)).contains(new Point(0, 0));
        assertThat(back.shape("f").orElseThrow().points())
            .containsExactlyElementsOf(doc.shape("f").orElseThrow().points());
    }

    @Test
    void refusesXxe() {
        assertThatThrownBy(() -> format.read(resource("drawio/xxe.drawio"))).isInstanceOf(FormatException.class)
            .hasMessageContaining("DOCTYPE");
        // Also inside a compressed page.
        String inner = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><mxGraphModel><root/></mxGraphModel>";
        String file = "<mxfile><diagram name=\"p\" id=\"p\">" + DrawioFormat.compress(inner) + "</diagram></mxfile>";
        assertThatThrownBy(() -> format.read(file)).isInstanceOf(FormatException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesDamagedAndForeignFiles() {
        assertThatThrownBy(() -> format.read("<svg/>")).isInstanceOf(FormatException.class)
            .hasMessageContaining("<svg>");
        assertThatThrownBy(() -> format.read("<mxfile><diagram")).isInstanceOf(FormatException.class)
            .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> format.read("<mxfile><diagram name=\"p\">!!!</diagram></mxfile>"))
            .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> format.read(resource("drawio/checkout.drawio"), 3)).isInstanceOf(FormatException.class)
            .hasMessageContaining("no page 4");
        assertThat(format.pageNames(resource("drawio/checkout-compressed.drawio"))).containsExactly("Checkout");
    }

    @Test
    void compressionMatchesDrawiosEncoding() {
        String xml = "<mxGraphModel><root><mxCell id=\"0\" value=\"a b!'()~*ü\"/></root></mxGraphModel>";
        assertThat(DrawioFormat.decompress(DrawioFormat.compress(xml))).isEqualTo(xml);
    }

    @Test
    void htmlLabelsBecomeTextWithLineBreaks() {
        assertThat(Html.toText("<div>Orders</div><div>service&nbsp;&amp; co</div>")).isEqualTo("Orders\nservice & co");
        assertThat(Html.toText("a<br/>b<br>c &#233; &#x1F600; &bogus;")).isEqualTo("a\nb\nc é 😀 &bogus;");
    }

}
