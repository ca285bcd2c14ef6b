package com.autograph.document.formats.tldraw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;

/**
 * Files written by tldraw's own schema and store (src/test/tldraw-fixtures/generate.mjs:
 * every record made by tldraw's record types and checked by its validators, the file as
 * tldraw saves it), so the importer is held to what tldraw really writes, not to what we
 * think it writes.
 */
class TldrawGoldenTest {

    private final TldrawFormat format = new TldrawFormat();

    private DiagramDocument read(String file) {
        DiagramDocument doc = format.read(TldrawFormatTest.resource("tldraw/golden/" + file));
        assertThat(DocumentValidator.validate(doc)).isEmpty();
        return doc;
    }

    private static Map<ShapeType, Long> countByType(DiagramDocument doc) {
        return doc.shapes().stream().collect(Collectors.groupingBy(Shape::type, Collectors.counting()));
    }

    private static Shape shape(DiagramDocument doc, String id) {
        return doc.shape(id).orElseThrow(() -> new AssertionError("no shape " + id));
    }

    @Test
    void geoShapesArrowsBindingsAndText() {
        DiagramDocument doc = read("shapes-and-arrows.tldr");
        assertThat(countByType(doc)).containsExactlyInAnyOrderEntriesOf(Map.of(ShapeType.RECTANGLE, 1L,
                ShapeType.ELLIPSE, 1L, ShapeType.DIAMOND, 1L, ShapeType.ARROW, 3L, ShapeType.TEXT, 1L));

        Shape client = shape(doc, "client");
        assertThat(List.of(client.x(), client.y(), client.width(), client.height())).containsExactly(0d, 0d, 200d,
                100d);
        assertThat(client.text()).contains("Client");
        assertThat(shape(doc, "api").style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(shape(doc, "ok").text()).contains("OK?");

        Shape calls = shape(doc, "calls");
        assertThat(calls.start().flatMap(Endpoint::shapeId)).contains("client");
        assertThat(calls.end().flatMap(Endpoint::shapeId)).contains("api");
        assertThat(calls.text()).contains("calls");
        assertThat(calls.endArrowhead()).isEqualTo(Arrowhead.ARROW);

        Shape checks = shape(doc, "checks");
        assertThat(checks.start().flatMap(Endpoint::shapeId)).contains("api");
        assertThat(checks.end().flatMap(Endpoint::shapeId)).contains("ok");
        assertThat(checks.routing()).isEqualTo(Routing.CURVED);
        assertThat(checks.startArrowhead()).isNotEqualTo(Arrowhead.NONE);

        // Bound to nothing: both ends are points.
        Shape loose = shape(doc, "loose");
        assertThat(loose.start().flatMap(Endpoint::shapeId)).isEmpty();
        assertThat(loose.end().flatMap(Endpoint::shapeId)).isEmpty();

        assertThat(shape(doc, "caption").text()).contains("Checkout flow\nsecond line");
    }

    @Test
    void framesNotesAndASecondPage() {
        DiagramDocument doc = read("frames-and-notes.tldr");
        Map<String, Shape> byId = doc.shapes().stream().collect(Collectors.toMap(Shape::id, Function.identity()));

        Shape backend = shape(doc, "backend");
        assertThat(backend.type()).isEqualTo(ShapeType.FRAME);
        assertThat(backend.text()).contains("Backend");
        assertThat(doc.children("backend")).extracting(Shape::id).containsExactlyInAnyOrder("db", "cache", "reads");
        // A frame's children are placed relative to it in tldraw: absolute here.
        Shape db = shape(doc, "db");
        assertThat(db.x() - backend.x()).isEqualTo(40);
        assertThat(db.y() - backend.y()).isEqualTo(60);
        Shape reads = shape(doc, "reads");
        assertThat(reads.start().flatMap(Endpoint::shapeId)).contains("db");
        assertThat(reads.end().flatMap(Endpoint::shapeId)).contains("cache");

        Shape todo = shape(doc, "todo");
        assertThat(todo.type()).isEqualTo(ShapeType.STICKY_NOTE);
        assertThat(todo.text()).contains("Ask ops about backups");

        // Two pages: a frame per page, side by side, each holding its page's shapes.
        List<Shape> pages = doc.shapes().stream().filter(s -> s.parentId().isEmpty()).toList();
        assertThat(pages).extracting(s -> s.text().orElse("")).containsExactly("Overview", "Details");
        assertThat(pages.get(1).x()).isGreaterThan(pages.get(0).x() + pages.get(0).width());
        assertThat(byId.get("detail").parentId()).contains(pages.get(1).id());
        assertThat(byId.get("backend").parentId()).contains(pages.get(0).id());
    }

}
