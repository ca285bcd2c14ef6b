package com.autograph.document.formats.excalidraw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.TextAlign;
import com.autograph.document.formats.FormatException;

import tools.jackson.databind.JsonNode;

class ExcalidrawFormatTest {

    private final ExcalidrawFormat format = new ExcalidrawFormat(
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    static String resource(String path) {
        try (var in = ExcalidrawFormatTest.class.getResourceAsStream("/formats/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DiagramDocument fixture() {
        DiagramDocument doc = format.read(resource("excalidraw/checkout.excalidraw"));
        assertThat(DocumentValidator.validate(doc)).isEmpty();
        return doc;
    }

    @Test
    void importKeepsEveryShapeTextColourAndBinding() {
        DiagramDocument doc = fixture();

        assertThat(doc.shapes()).extracting(Shape::id)
            .containsExactly("frame-backend", "rect-api", "ellipse-db", "diamond-valid", "arrow-sql", "arrow-check",
                    "line-boundary", "grp-workers", "rect-worker", "rect-worker-b", "title", "sketch", "image-logo");
        assertThat(doc.background()).isEqualTo("#f8f9fa");

        Shape frame = doc.shape("frame-backend").orElseThrow();
        assertThat(frame.type()).isEqualTo(ShapeType.FRAME);
        assertThat(frame.text()).contains("Backend");
        assertThat(doc.children("frame-backend")).extracting(Shape::id)
            .containsExactly("rect-api", "ellipse-db", "diamond-valid", "arrow-sql", "arrow-check");

        Shape api = doc.shape("rect-api").orElseThrow();
        assertThat(api.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(api.text()).contains("API Gateway");
        assertThat(List.of(api.x(), api.y(), api.width(), api.height())).containsExactly(100d, 120d, 200d, 80d);
        assertThat(api.style().strokeColor()).contains("#1971c2");
        assertThat(api.style().fillColor()).contains("#a5d8ff");
        assertThat(api.style().textColor()).contains("#1971c2");
        assertThat(api.style().cornerRadius()).hasValue(20);
        assertThat(api.style().fontFamily()).contains("Excalifont");
        assertThat(api.style().fontSize()).hasValue(20);

        Shape db = doc.shape("ellipse-db").orElseThrow();
        assertThat(db.type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(db.text()).contains("Orders\nDB");
        assertThat(db.style().fillStyle()).contains(FillStyle.HACHURE);
        assertThat(db.style().fontFamily()).contains("Helvetica");

        Shape valid = doc.shape("diamond-valid").orElseThrow();
        assertThat(valid.type()).isEqualTo(ShapeType.DIAMOND);
        assertThat(valid.text()).contains("Valid?");
        assertThat(valid.rotation()).isEqualTo(15);
        assertThat(valid.style().opacity()).hasValue(0.8);
        assertThat(valid.style().fillStyle()).contains(FillStyle.CROSS_HATCH);
        assertThat(valid.style().fillColor()).contains("#ffec99");

        Shape sql = doc.shape("arrow-sql").orElseThrow();
        assertThat(sql.type()).isEqualTo(ShapeType.ARROW);
        assertThat(sql.text()).contains("SQL");
        assertThat(sql.start().flatMap(Endpoint::shapeId)).contains("rect-api");
        assertThat(sql.end().flatMap(Endpoint::shapeId)).contains("ellipse-db");
        assertThat(sql.start().orElseThrow().unknownFields()).containsKeys("focus", "gap");
        assertThat(sql.startArrowhead()).isEqualTo(Arrowhead.NONE);
        assertThat(sql.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(sql.routing()).isEqualTo(Routing.CURVED);

        Shape check = doc.shape("arrow-check").orElseThrow();
        // Bound to the diamond's text in the file: the binding goes to the diamond
        // itself.
        assertThat(check.end().flatMap(Endpoint::shapeId)).contains("diamond-valid");
        assertThat(check.points()).containsExactly(new Point(610, 255));
        assertThat(check.style().strokeStyle()).contains(StrokeStyle.DOTTED);
        assertThat(check.style().strokeColor()).contains("#e03131");
        assertThat(check.startArrowhead()).isEqualTo(Arrowhead.CIRCLE);
        assertThat(check.endArrowhead()).isEqualTo(Arrowhead.TRIANGLE);

        Shape boundary = doc.shape("line-boundary").orElseThrow();
        assertThat(boundary.type()).isEqualTo(ShapeType.LINE);
        assertThat(boundary.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(boundary.start().flatMap(Endpoint::point)).contains(new Point(60, 500));
        assertThat(boundary.end().flatMap(Endpoint::point)).contains(new Point(820, 500));
        assertThat(boundary.points()).containsExactly(new Point(440, 500));

        Shape group = doc.shape("grp-workers").orElseThrow();
        assertThat(group.type()).isEqualTo(ShapeType.GROUP);
        assertThat(List.of(group.x(), group.y(), group.width(), group.height())).containsExactly(100d, 560d, 350d, 70d);
        assertThat(doc.children("grp-workers")).extracting(Shape::id).containsExactly("rect-worker", "rect-worker-b");
        assertThat(doc.shape("rect-worker").orElseThrow().text()).contains("Worker A");
        assertThat(doc.shape("rect-worker-b").orElseThrow().style().strokeStyle()).contains(StrokeStyle.DOTTED);

        Shape title = doc.shape("title").orElseThrow();
        assertThat(title.type()).isEqualTo(ShapeType.TEXT);
        assertThat(title.text()).contains("Checkout architecture");
        assertThat(title.style().textColor()).contains("#e03131");
        assertThat(title.style().fontFamily()).contains("Virgil");
        assertThat(title.style().fontSize()).hasValue(28);
        assertThat(title.style().textAlign()).contains(TextAlign.LEFT);

        Shape sketch = doc.shape("sketch").orElseThrow();
        assertThat(sketch.type()).isEqualTo(ShapeType.FREEHAND);
        assertThat(sketch.points()).containsExactly(new Point(500, 560), new Point(510, 565), new Point(530, 580),
                new Point(560, 572));

        Shape logo = doc.shape("image-logo").orElseThrow();
        assertThat(logo.type()).isEqualTo(ShapeType.IMAGE);
        assertThat(logo.src().orElseThrow()).startsWith("data:image/png;base64,iVBOR");

        assertThat(doc.shape("deleted-rect")).isEmpty();
        assertThat(doc.shapes()).noneMatch(s -> s.id().startsWith("text-"));
    }

    @Test
    void excalidrawOnlyPropertiesAreKeptInTheExtensionField() {
        DiagramDocument doc = fixture();
        JsonNode bag = doc.shape("rect-api").orElseThrow().unknownFields().get(ExcalidrawFormat.FIELD);
        assertThat(bag.get("seed").asInt()).isPositive();
        assertThat(bag.get("roundness").get("type").asInt()).isEqualTo(3);
        assertThat(bag.get("bound_text").get("id").asString()).isEqualTo("text-api");
        assertThat(doc.shape("arrow-check")
            .orElseThrow()
            .unknownFields()
            .get(ExcalidrawFormat.FIELD)
            .get("endArrowhead")
            .asString()).isEqualTo("triangle_outline");
        assertThat(doc.unknownFields().get(ExcalidrawFormat.FIELD).get("appState").get("gridSize").asInt())
            .isEqualTo(20);
    }

    @Test
    void exportThenImportRoundTrips() {
        DiagramDocument doc = fixture();
        String exported = format.write(doc);
        DiagramDocument again = format.read(exported);
        assertThat(again.shapes()).containsExactlyElementsOf(doc.shapes());
        assertThat(again).isEqualTo(doc);
        assertThat(format.write(again)).isEqualTo(exported);
        // And through the document's own JSON.
        assertThat(DocumentCodec.read(DocumentCodec.write(doc))).isEqualTo(doc);
    }

    @Test
    void exportWritesWhatExcalidrawNeeds() throws Exception {
        String exported = format.write(fixture());
        JsonNode root = Excalidraw.MAPPER.readTree(exported);
        assertThat(root.get("type").asString()).isEqualTo("excalidraw");
        assertThat(root.get("version").asInt()).isEqualTo(2);
        assertThat(root.get("appState").get("viewBackgroundColor").asString()).isEqualTo("#f8f9fa");
        assertThat(root.get("files").has("3a4b9c0f2d")).isTrue();
        for (JsonNode e : root.get("elements")) {
            assertThat(e.propertyNames()).contains("id", "type", "x", "y", "width", "height", "angle", "strokeColor",
                    "backgroundColor", "fillStyle", "strokeWidth", "strokeStyle", "roughness", "opacity", "groupIds",
                    "frameId", "roundness", "seed", "version", "versionNonce", "isDeleted", "boundElements", "updated",
                    "link", "locked");
        }
        JsonNode text = find(root, "text-sql");
        assertThat(text.get("containerId").asString()).isEqualTo("arrow-sql");
        JsonNode api = find(root, "rect-api");
        assertThat(api.get("boundElements").toString()).contains("text-api").contains("arrow-sql");
        JsonNode worker = find(root, "rect-worker");
        assertThat(worker.get("groupIds").get(0).asString()).isEqualTo("grp-workers");
        JsonNode diamond = find(root, "diamond-valid");
        assertThat(diamond.get("angle").asDouble()).isCloseTo(Math.PI / 12, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(diamond.get("opacity").asInt()).isEqualTo(80);
        assertThat(find(root, "arrow-check").get("endBinding").get("elementId").asString()).isEqualTo("diamond-valid");
    }

    @Test
    void exportsDocumentsBuiltInCode() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.frame("vpc", "VPC").at(0, 0).size(600, 300).build(),
                Shape.group("g").parentId("vpc").build(),
                Shape.rectangle("api")
                    .at(40, 40)
                    .size(160, 60)
                    .text("API")
                    .icon("aws-lambda")
                    .parentId("g")
                    .style(Style.builder()
                        .fillColor("#a5d8ff")
                        .cornerRadius(8)
                        .strokeStyle(StrokeStyle.DASHED)
                        .opacity(0.5)
                        .build())
                    .rotation(90)
                    .build(),
                Shape.stickyNote("note").at(300, 40).size(120, 120).text("remember").parentId("g").build(),
                Shape.arrow("e1", "api", "note")
                    .text("calls")
                    .routing(Routing.ELBOW)
                    .startArrowhead(Arrowhead.DIAMOND)
                    .build(),
                Shape.arrow("e2", Endpoint.at(0, 400), Endpoint.boundTo("api")).build()));
        DiagramDocument back = format.read(format.write(doc));
        assertThat(DocumentValidator.validate(back)).isEmpty();
        Shape api = back.shape("api").orElseThrow();
        assertThat(api.text()).contains("API");
        assertThat(api.icon()).contains("aws-lambda");
        assertThat(api.rotation()).isEqualTo(90);
        assertThat(api.style().fillColor()).contains("#a5d8ff");
        assertThat(api.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(api.style().opacity()).hasValue(0.5);
        assertThat(api.parentId()).contains("g");
        assertThat(back.shape("g").orElseThrow().parentId()).contains("vpc");
        assertThat(back.shape("note").orElseThrow().type()).isEqualTo(ShapeType.STICKY_NOTE);
        Shape e1 = back.shape("e1").orElseThrow();
        assertThat(e1.text()).contains("calls");
        assertThat(e1.routing()).isEqualTo(Routing.ELBOW);
        assertThat(e1.startArrowhead()).isEqualTo(Arrowhead.DIAMOND);
        assertThat(e1.end().flatMap(Endpoint::shapeId)).contains("note");
        Shape e2 = back.shape("e2").orElseThrow();
        assertThat(e2.start().flatMap(Endpoint::point)).contains(new Point(0, 400));
        assertThat(e2.end().flatMap(Endpoint::shapeId)).contains("api");
    }

    @Test
    void refusesWhatIsNotAnExcalidrawFile() {
        assertThatThrownBy(() -> format.read("{\"type\":\"excalidraw\"")).isInstanceOf(FormatException.class)
            .hasMessageContaining("JSON is damaged");
        assertThatThrownBy(() -> format.read("{\"type\":\"tldraw\",\"elements\":[]}"))
            .isInstanceOf(FormatException.class)
            .hasMessageContaining("\"tldraw\"");
        assertThatThrownBy(() -> format.read("[]")).isInstanceOf(FormatException.class)
            .hasMessageContaining("no \"elements\"");
    }

    private static JsonNode find(JsonNode root, String id) {
        for (JsonNode e : root.get("elements")) {
            if (id.equals(e.get("id").asString())) {
                return e;
            }
        }
        throw new AssertionError("no element " + id);
    }

}
