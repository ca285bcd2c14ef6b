package com.autograph.document.formats.tldraw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.TextAlign;
import com.autograph.document.formats.FormatException;

class TldrawFormatTest {

    private final TldrawFormat format = new TldrawFormat();

    static String resource(String path) {
        try (var in = TldrawFormatTest.class.getResourceAsStream("/formats/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DiagramDocument read(String file) {
        DiagramDocument doc = format.read(resource("tldraw/" + file));
        assertThat(DocumentValidator.validate(doc)).isEmpty();
        return doc;
    }

    private static Shape shape(DiagramDocument doc, String id) {
        return doc.shape(id).orElseThrow(() -> new AssertionError("no shape " + id));
    }

    private static List<Double> box(Shape s) {
        return List.of(s.x(), s.y(), s.width(), s.height());
    }

    @Test
    void geoShapesKeepTheirKindBoxLabelAndColours() {
        DiagramDocument doc = read("checkout.tldr");
        assertThat(doc.shapes()).extracting(Shape::id)
            .containsExactly("web", "orders", "ok", "cloud", "a1", "a2", "a3", "title", "note", "payments", "ledger",
                    "grp", "g1", "g2", "line");
        Shape web = shape(doc, "web");
        assertThat(web.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(box(web)).containsExactly(100d, 100d, 160d, 80d);
        assertThat(web.text()).contains("Web shop");
        assertThat(web.style().strokeColor()).contains("#4465e9");
        assertThat(web.style().fillColor()).contains("#dce1f8");
        assertThat(web.style().fontFamily()).contains("Shantell Sans");

        Shape orders = shape(doc, "orders");
        assertThat(orders.type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(orders.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(orders.style().fillColor()).contains(Tldraw.SEMI);

        Shape ok = shape(doc, "ok");
        assertThat(ok.type()).isEqualTo(ShapeType.DIAMOND);
        assertThat(ok.style().fillStyle()).contains(FillStyle.PATTERN);
        assertThat(ok.style().strokeWidth().getAsDouble()).isEqualTo(5);
        assertThat(ok.style().fontSize().getAsDouble()).isEqualTo(26);

        // A kind the document has no type for: a rectangle, the kind kept.
        Shape cloud = shape(doc, "cloud");
        assertThat(cloud.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(cloud.text()).isEmpty();
        assertThat(cloud.style().strokeStyle()).contains(StrokeStyle.DOTTED);
        assertThat(cloud.unknownFields().get(TldrawFormat.FIELD).path("props").path("geo").asString())
            .isEqualTo("cloud");
        assertThat(cloud.unknownFields().get(TldrawFormat.FIELD).path("type").asString()).isEqualTo("geo");
    }

    @Test
    void arrowsBindThroughBindingRecords() {
        DiagramDocument doc = read("checkout.tldr");
        Shape a1 = shape(doc, "a1");
        assertThat(a1.type()).isEqualTo(ShapeType.ARROW);
        assertThat(a1.start().flatMap(Endpoint::shapeId)).contains("web");
        assertThat(a1.end().flatMap(Endpoint::shapeId)).contains("orders");
        assertThat(a1.text()).contains("POST /orders");
        assertThat(a1.startArrowhead()).isEqualTo(Arrowhead.NONE);
        assertThat(a1.endArrowhead()).isEqualTo(Arrowhead.ARROW);

        Shape a2 = shape(doc, "a2");
        assertThat(a2.start().flatMap(Endpoint::shapeId)).contains("orders");
        assertThat(a2.end().flatMap(Endpoint::shapeId)).contains("ok");
        assertThat(a2.startArrowhead()).isEqualTo(Arrowhead.CIRCLE);
        assertThat(a2.endArrowhead()).isEqualTo(Arrowhead.TRIANGLE);
        assertThat(a2.routing()).isEqualTo(Routing.CURVED);
        assertThat(a2.style().strokeColor()).contains("#e03131");
        assertThat(a2.text()).isEmpty();
        var kept = a2.unknownFields().get(TldrawFormat.FIELD).path("bindings");
        assertThat(kept.path("start").path("isPrecise").asBoolean()).isTrue();
        assertThat(kept.path("start").path("normalizedAnchor").path("y").asDouble()).isEqualTo(1);

        // Bound at its start only: the end is the arrow's point, made absolute.
        Shape a3 = shape(doc, "a3");
        assertThat(a3.start().flatMap(Endpoint::shapeId)).contains("ok");
        assertThat(a3.end().flatMap(Endpoint::point)).contains(new Point(720, 420));
        assertThat(a3.routing()).isEqualTo(Routing.ELBOW);
    }

    @Test
    void textNotesFramesGroupsAndLines() {
        DiagramDocument doc = read("checkout.tldr");
        Shape title = shape(doc, "title");
        assertThat(title.type()).isEqualTo(ShapeType.TEXT);
        // Rich text: one line per paragraph.
        assertThat(title.text()).contains("Checkout flow\ndraft 2");
        assertThat(title.x()).isEqualTo(100);
        assertThat(title.width()).isEqualTo(320);
        assertThat(title.height()).isCloseTo(2 * 36 * 1.35, within(1e-9));
        assertThat(title.style().textColor()).contains("#1d1d1d");
        assertThat(title.style().strokeColor()).isEmpty();
        assertThat(title.style().textAlign()).contains(TextAlign.LEFT);
        assertThat(title.style().fontFamily()).contains("IBM Plex Sans");

        Shape note = shape(doc, "note");
        assertThat(note.type()).isEqualTo(ShapeType.STICKY_NOTE);
        assertThat(box(note)).containsExactly(700d, 60d, 200d, 240d);
        assertThat(note.text()).contains("Retry on 503");
        assertThat(note.style().fillColor()).contains("#f9f0e6");

        Shape payments = shape(doc, "payments");
        assertThat(payments.type()).isEqualTo(ShapeType.FRAME);
        assertThat(payments.text()).contains("Payments");
        Shape ledger = shape(doc, "ledger");
        assertThat(ledger.parentId()).contains("payments");
        // Children's coordinates are relative to their frame.
        assertThat(box(ledger)).containsExactly(140d, 560d, 120d, 60d);

        // A group turned 30° about its origin (300, 760): its members turn with it,
        // about that origin, and the document turns each about its own centre.
        Shape g1 = shape(doc, "g1");
        assertThat(g1.parentId()).contains("grp");
        assertThat(g1.rotation()).isCloseTo(30, within(1e-6));
        double cos = Math.cos(Math.PI / 6);
        double sin = Math.sin(Math.PI / 6);
        assertThat(g1.x() + 40).isCloseTo(300 + 40 * cos - 20 * sin, within(1e-6));
        assertThat(g1.y() + 20).isCloseTo(760 + 40 * sin + 20 * cos, within(1e-6));
        Shape g2 = shape(doc, "g2");
        assertThat(g2.x() + 40).isCloseTo(300 + 140 * cos - 20 * sin, within(1e-6));
        Shape group = shape(doc, "grp");
        assertThat(group.type()).isEqualTo(ShapeType.GROUP);
        assertThat(group.locked()).isTrue();
        assertThat(group.style().opacity().getAsDouble()).isEqualTo(0.5);
        assertThat(group.x()).isEqualTo(g1.x());
        assertThat(group.x() + group.width()).isCloseTo(g2.x() + 80, within(1e-6));

        // Handles in index order (a1, a2, a3), not file order.
        Shape line = shape(doc, "line");
        assertThat(line.type()).isEqualTo(ShapeType.LINE);
        assertThat(line.start().flatMap(Endpoint::point)).contains(new Point(700, 300));
        assertThat(line.points()).containsExactly(new Point(800, 300));
        assertThat(line.end().flatMap(Endpoint::point)).contains(new Point(800, 400));
        assertThat(line.style().strokeColor()).contains("#9fa8b2");
    }

    @Test
    void theFilesSchemaDocumentAndPageAreKept() {
        DiagramDocument doc = read("checkout.tldr");
        var field = doc.unknownFields().get(TldrawFormat.FIELD);
        assertThat(field.path("page").path("name").asString()).isEqualTo("Checkout");
        assertThat(field.path("file").path("tldrawFileFormatVersion").asInt()).isEqualTo(1);
        assertThat(field.path("file").path("schema").path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(field.path("file").path("document").path("id").asString()).isEqualTo("document:document");
    }

    @Test
    void aTldraw2FileWithTwoPagesGivesAFramePerPageAndItsInlineBindings() {
        DiagramDocument doc = read("two-pages-v2.tldr");
        List<Shape> frames = doc.shapes().stream().filter(s -> s.parentId().isEmpty()).toList();
        assertThat(frames).extracting(s -> s.text().orElse("")).containsExactly("Context", "Deploy");
        assertThat(frames.get(1).x()).isGreaterThan(frames.get(0).x() + frames.get(0).width());
        Shape uses = shape(doc, "uses");
        assertThat(uses.start().flatMap(Endpoint::shapeId)).contains("user");
        assertThat(uses.end().flatMap(Endpoint::shapeId)).contains("shop");
        assertThat(uses.text()).contains("buys in");
        assertThat(doc.children(frames.get(1).id())).extracting(Shape::id).containsExactly("k8s", "sketch");
        Shape sketch = shape(doc, "sketch");
        assertThat(sketch.type()).isEqualTo(ShapeType.FREEHAND);
        assertThat(sketch.points()).hasSize(3);
        assertThat(doc.unknownFields().get(TldrawFormat.FIELD).path("pages")).hasSize(2);
    }

    @Test
    void theStoreSnapshotFormsReadToo() {
        String records = resource("tldraw/checkout.tldr");
        var tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(records);
        StringBuilder store = new StringBuilder("{");
        for (var r : tree.get("records")) {
            store.append(store.length() > 1 ? "," : "")
                .append('"')
                .append(r.get("id").asString())
                .append("\":")
                .append(r);
        }
        store.append('}');
        String snapshot = "{\"store\":" + store + ",\"schema\":" + tree.get("schema") + "}";
        assertThat(format.read(snapshot).shapes()).hasSize(15);
        String editor = "{\"document\":" + snapshot + ",\"session\":{\"version\":0}}";
        assertThat(format.read(editor).shape("a1").flatMap(Shape::start).flatMap(Endpoint::shapeId)).contains("web");
    }

    @Test
    void badFilesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> format.read("[]")).isInstanceOf(FormatException.class)
            .hasMessage("not a tldraw file: it is not a JSON object");
        assertThatThrownBy(() -> format.read("{\"type\":\"excalidraw\",\"elements\":[]}"))
            .isInstanceOf(FormatException.class)
            .hasMessage("not a tldraw file: it has no \"records\" list");
        assertThatThrownBy(() -> format.read("{\"records\": [\n  {\"id\": 1,}\n]}")).isInstanceOf(FormatException.class)
            .hasMessageStartingWith("not a tldraw file: the JSON is damaged")
            .hasMessageContaining("line 2, column");
        assertThatThrownBy(() -> format.read("{\"name\":\"x\",\"document\":{\"pages\":{},\"shapes\":{}}}"))
            .isInstanceOf(FormatException.class)
            .hasMessageContaining("tldraw 1 file");
        assertThatThrownBy(() -> format.read("{\"tldrawFileFormatVersion\":2,\"records\":[]}"))
            .isInstanceOf(FormatException.class)
            .hasMessage("the tldraw file format version is 2; this importer reads version 1");
        assertThatThrownBy(() -> format.read("{\"records\":[{\"id\":\"shape:a\"}]}"))
            .isInstanceOf(FormatException.class)
            .hasMessage("record 1 is not a tldraw record: it needs a string \"id\" and \"typeName\"");
        assertThatThrownBy(() -> format.read(records(shapeRecord("a", "shape:b", 0), shapeRecord("b", "shape:a", 0))))
            .isInstanceOf(FormatException.class)
            .hasMessageContaining("is on no page");
        assertThatThrownBy(() -> format.read(records(shapeRecord("a", "page:p", 0), shapeRecord("a", "page:p", 0))))
            .isInstanceOf(FormatException.class)
            .hasMessage("two records have the id \"shape:a\"");
        // 9e8 inside a frame at 9e8 is past the document's coordinate range.
        assertThatThrownBy(
                () -> format.read(records(shapeRecord("a", "page:p", 9e8), shapeRecord("b", "shape:a", 9e8))))
            .isInstanceOf(FormatException.class)
            .hasMessageStartingWith("the drawing does not fit the diagram document: $.shapes[1].x");
        assertThat(format.read("{\"tldrawFileFormatVersion\":1,\"records\":[]}").shapes()).isEmpty();
    }

    @Test
    void limitsAreCheckedWhileReading() {
        ModelLimits ten = new ModelLimits(1 << 20, 1 << 20, 10, 64, 100_000, 5_000);
        String eleven = records(
                IntStream.range(0, 11).mapToObj(i -> shapeRecord("s" + i, "page:p", i)).toArray(String[]::new));
        assertThatThrownBy(() -> new TldrawFormat(ten).read(eleven)).isInstanceOfSatisfying(
                LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo(ModelLimits.SHAPES));
        // Nesting by parentId is not JSON nesting: checked as the shapes are placed.
        String deep = records(IntStream.range(0, 70)
            .mapToObj(i -> shapeRecord("s" + i, i == 0 ? "page:p" : "shape:s" + (i - 1), 1))
            .toArray(String[]::new));
        assertThatThrownBy(() -> format.read(deep)).isInstanceOfSatisfying(LimitExceededException.class,
                e -> assertThat(e.limit()).isEqualTo(ModelLimits.DEPTH));
        ModelLimits small = new ModelLimits(100, 1 << 20, 10, 64, 100_000, 5_000);
        assertThatThrownBy(() -> new TldrawFormat(small).read(resource("tldraw/checkout.tldr"))).isInstanceOfSatisfying(
                LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo(ModelLimits.INPUT_CHARS));
    }

    private static String shapeRecord(String id, String parent, double x) {
        return "{\"id\":\"shape:" + id + "\",\"typeName\":\"shape\",\"type\":\"geo\",\"parentId\":\"" + parent
                + "\",\"index\":\"a1\",\"x\":" + x + ",\"y\":0,\"rotation\":0,\"props\":{\"w\":10,\"h\":10}}";
    }

    private static String records(String... records) {
        return "{\"tldrawFileFormatVersion\":1,\"records\":[" + String.join(",", records) + "]}";
    }

}
