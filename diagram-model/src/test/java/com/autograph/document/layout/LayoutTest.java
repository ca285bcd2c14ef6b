package com.autograph.document.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.layout.LayoutOptions.Algorithm;
import com.autograph.document.layout.LayoutOptions.Direction;
import com.autograph.document.layout.LayoutOptions.EdgeRouting;

import tools.jackson.databind.node.JsonNodeFactory;

class LayoutTest {

    private static final double SPACING = LayoutOptions.DEFAULT_NODE_SPACING;

    private static DiagramDocument laidOut(DiagramDocument doc, LayoutOptions options) {
        DiagramDocument out = DiagramLayout.layout(doc, options);
        assertThat(DocumentValidator.validate(out)).isEmpty();
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = { 10, 100, 1000 })
    void flowchartsAreSpacedOutAndRouted(int n) {
        DiagramDocument out = laidOut(TestGraphs.flowchart(n, 42), LayoutOptions.defaults());
        Geometry.assertSpacedOut(out, SPACING);
        Geometry.assertConnectorsTouchBorders(out, 0.5);
        assertThat(out.connectors()).allSatisfy(c -> {
            assertThat(c.points()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(c.routing()).isEqualTo(Routing.ELBOW);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = { 10, 100, 1000 })
    void nestedFramesHoldTheirContents(int n) {
        DiagramDocument out = laidOut(TestGraphs.nested(n, 7), LayoutOptions.defaults());
        Geometry.assertSpacedOut(out, SPACING);
        Geometry.assertChildrenInsideFrames(out);
        Geometry.assertConnectorsTouchBorders(out, 0.5);
    }

    @ParameterizedTest
    @ValueSource(ints = { 10, 100, 1000 })
    void treesAreSpacedOut(int n) {
        DiagramDocument out = laidOut(TestGraphs.tree(n, 3), LayoutOptions.defaults().withAlgorithm(Algorithm.TREE));
        Geometry.assertSpacedOut(out, SPACING);
        Geometry.assertConnectorsTouchBorders(out, 0.5);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyAlgorithmSpacesOutFlowchartsAndFrames(Algorithm algorithm) {
        for (DiagramDocument doc : List.of(TestGraphs.flowchart(60, 5), TestGraphs.nested(60, 5),
                TestGraphs.tree(40, 5))) {
            DiagramDocument out = laidOut(doc, LayoutOptions.defaults().withAlgorithm(algorithm));
            Geometry.assertSpacedOut(out, SPACING);
            Geometry.assertChildrenInsideFrames(out);
            Geometry.assertConnectorsTouchBorders(out, 0.5);
        }
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void layeredEdgesFollowTheDirection(Direction direction) {
        DiagramDocument out = laidOut(TestGraphs.flowchart(100, 11), LayoutOptions.defaults().withDirection(direction));
        for (Shape c : out.connectors()) {
            Shape s = out.shape(c.start().flatMap(Endpoint::shapeId).orElseThrow()).orElseThrow();
            Shape t = out.shape(c.end().flatMap(Endpoint::shapeId).orElseThrow()).orElseThrow();
            switch (direction) {
                case DOWN -> assertThat(s.y() + s.height()).isLessThan(t.y());
                case UP -> assertThat(t.y() + t.height()).isLessThan(s.y());
                case RIGHT -> assertThat(s.x() + s.width()).isLessThan(t.x());
                case LEFT -> assertThat(t.x() + t.width()).isLessThan(s.x());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void treeEdgesFollowTheDirection(Direction direction) {
        DiagramDocument out = laidOut(TestGraphs.tree(50, 2),
                LayoutOptions.defaults().withAlgorithm(Algorithm.TREE).withDirection(direction));
        for (Shape c : out.connectors()) {
            Shape s = out.shape(c.start().flatMap(Endpoint::shapeId).orElseThrow()).orElseThrow();
            Shape t = out.shape(c.end().flatMap(Endpoint::shapeId).orElseThrow()).orElseThrow();
            double ds = switch (direction) {
                case DOWN -> t.y() - s.y();
                case UP -> s.y() - t.y();
                case RIGHT -> t.x() - s.x();
                case LEFT -> s.x() - t.x();
            };
            assertThat(ds).as(c.id()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(EdgeRouting.class)
    void routingIsWrittenAsTheDocumentNamesIt(EdgeRouting routing) {
        DiagramDocument out = laidOut(TestGraphs.flowchart(30, 1), LayoutOptions.defaults().withEdgeRouting(routing));
        Routing expected = switch (routing) {
            case ORTHOGONAL -> Routing.ELBOW;
            case SPLINES -> Routing.CURVED;
            case STRAIGHT -> Routing.STRAIGHT;
        };
        assertThat(out.connectors()).allSatisfy(c -> assertThat(c.routing()).isEqualTo(expected));
        Geometry.assertConnectorsTouchBorders(out, 0.5);
        if (routing == EdgeRouting.ORTHOGONAL) {
            for (Shape c : out.connectors()) {
                List<Point> p = c.points();
                for (int i = 1; i < p.size(); i++) {
                    boolean axisParallel = Math.abs(p.get(i).x() - p.get(i - 1).x()) < 1e-6
                            || Math.abs(p.get(i).y() - p.get(i - 1).y()) < 1e-6;
                    assertThat(axisParallel).as("%s segment %d", c.id(), i).isTrue();
                }
            }
        }
    }

    @Test
    void largerSpacingIsHonoured() {
        DiagramDocument out = laidOut(TestGraphs.flowchart(50, 9), LayoutOptions.defaults().withNodeSpacing(120));
        Geometry.assertSpacedOut(out, 120);
    }

    @Test
    void shapesWithoutSizeGetOneFromTheirText() {
        DiagramDocument doc = DiagramDocument
            .of(List.of(Shape.rectangle("a").text("A rather long label for a box").build(),
                    Shape.rectangle("b").text("B").build(), Shape.arrow("e", "a", "b").build()));
        DiagramDocument out = laidOut(doc, LayoutOptions.defaults());
        Shape a = out.shape("a").orElseThrow();
        Shape b = out.shape("b").orElseThrow();
        assertThat(a.hasSize()).isTrue();
        assertThat(a.width()).isEqualTo("A rather long label for a box".length() * 0.6 * 16 + 32);
        assertThat(b.width()).isEqualTo(TextMeasure.MIN_WIDTH);
        assertThat(b.height()).isEqualTo(TextMeasure.MIN_HEIGHT);
    }

    @Test
    void sizedShapesKeepTheirSizeAndUnknownFieldsSurvive() {
        var json = JsonNodeFactory.instance;
        DiagramDocument doc = DiagramDocument
            .of(List.of(
                    Shape.rectangle("a")
                        .at(500, 500)
                        .size(200, 80)
                        .text("A")
                        .unknownField("x_plugin", json.objectNode().put("keep", true))
                        .build(),
                    Shape.frame("f", "Frame").at(0, 0).size(10, 10).unknownField("lane", json.numberNode(3)).build(),
                    Shape.ellipse("b").parentId("f").text("B").build(),
                    Shape.arrow("e", Endpoint.boundTo("a").withUnknownField("gap", json.numberNode(4)),
                            Endpoint.boundTo("b"))
                        .unknownField("note", json.stringNode("hi"))
                        .build()))
            .withUnknownField("theme", json.stringNode("dark"));
        DiagramDocument out = laidOut(doc, LayoutOptions.defaults());
        assertThat(out.unknownFields()).containsEntry("theme", json.stringNode("dark"));
        Shape a = out.shape("a").orElseThrow();
        assertThat(a.width()).isEqualTo(200);
        assertThat(a.height()).isEqualTo(80);
        assertThat(a.unknownFields()).containsEntry("x_plugin", json.objectNode().put("keep", true));
        assertThat(out.shape("f").orElseThrow().unknownFields()).containsEntry("lane", json.numberNode(3));
        Shape e = out.shape("e").orElseThrow();
        assertThat(e.unknownFields()).containsEntry("note", json.stringNode("hi"));
        assertThat(e.start().orElseThrow().unknownFields()).containsEntry("gap", json.numberNode(4));
        // And through JSON as well.
        DiagramDocument reread = DocumentCodec.read(DocumentCodec.write(out));
        assertThat(reread).isEqualTo(out);
    }

    @Test
    void freeTextAndUnboundConnectorsStayWhereTheyAre() {
        Shape note = Shape.text("note", "Remember the cache").at(-300, 40).build();
        Shape loose = Shape.arrow("loose", Endpoint.at(0, 0), Endpoint.boundTo("a")).build();
        Shape pointer = Shape.arrow("pointer", Endpoint.at(-10, -10), Endpoint.at(-50, -50)).build();
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.rectangle("a").text("A").build(),
                Shape.rectangle("b").text("B").build(), Shape.arrow("e", "a", "b").build(), note, loose, pointer));
        DiagramDocument out = laidOut(doc, LayoutOptions.defaults());
        assertThat(out.shape("note")).contains(note);
        assertThat(out.shape("loose")).contains(loose);
        assertThat(out.shape("pointer")).contains(pointer);
    }

    @Test
    void layoutStaysWhereTheDiagramWas() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.rectangle("a").at(1000, 2000).size(100, 50).build(),
                Shape.rectangle("b").at(1500, 2500).size(100, 50).build(), Shape.arrow("e", "a", "b").build()));
        DiagramDocument out = laidOut(doc, LayoutOptions.defaults());
        double minX = Math.min(out.shape("a").orElseThrow().x(), out.shape("b").orElseThrow().x());
        double minY = Math.min(out.shape("a").orElseThrow().y(), out.shape("b").orElseThrow().y());
        assertThat(minX).isEqualTo(1000);
        assertThat(minY).isEqualTo(2000);
    }

    @Test
    void layoutIsDeterministic() {
        DiagramDocument doc = TestGraphs.nested(80, 4);
        for (Algorithm a : Algorithm.values()) {
            LayoutOptions o = LayoutOptions.defaults().withAlgorithm(a);
            assertThat(DiagramLayout.layout(doc, o)).as(a.name()).isEqualTo(DiagramLayout.layout(doc, o));
        }
    }

    @Test
    void invalidDocumentsAreRefused() {
        DiagramDocument broken = DiagramDocument.of(List.of(Shape.arrow("e", "nowhere", "nothing").build()));
        assertThatThrownBy(() -> DiagramLayout.layout(broken, LayoutOptions.defaults()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown_reference");
    }

    @Test
    void emptyAndEdgelessDocuments() {
        assertThat(DiagramLayout.layout(DiagramDocument.empty())).isEqualTo(DiagramDocument.empty());
        DiagramDocument lonely = DiagramDocument.of(List.of(Shape.rectangle("a").build(), Shape.rectangle("b").build(),
                Shape.diamond("c").text("?").build()));
        for (Algorithm a : Algorithm.values()) {
            DiagramDocument out = laidOut(lonely, LayoutOptions.defaults().withAlgorithm(a));
            Geometry.assertSpacedOut(out, SPACING);
        }
    }

    @Test
    void selfLoopsAndFrameEdgesDoNotBreakLayout() {
        DiagramDocument doc = DiagramDocument
            .of(List.of(Shape.frame("f", "F").build(), Shape.rectangle("a").parentId("f").text("A").build(),
                    Shape.rectangle("b").text("B").build(), Shape.arrow("loop", "a", "a").build(),
                    Shape.arrow("in", "f", "a").points(List.of(new Point(1, 1))).build(),
                    Shape.arrow("ab", "a", "b").build(), Shape.arrow("fb", "f", "b").build()));
        for (Algorithm a : Algorithm.values()) {
            DiagramDocument out = laidOut(doc, LayoutOptions.defaults().withAlgorithm(a));
            Geometry.assertSpacedOut(out, SPACING);
            Geometry.assertChildrenInsideFrames(out);
            assertThat(out.shape("in").orElseThrow().points()).as("stale waypoints dropped").isEmpty();
        }
    }

    @Test
    void rotatedShapesKeepTheirCentreOnTheirBoundingBox() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.rectangle("a").size(200, 40).rotation(90).build(),
                Shape.rectangle("b").size(200, 40).build(), Shape.arrow("e", "a", "b").build()));
        DiagramDocument out = laidOut(doc, LayoutOptions.defaults().withDirection(Direction.RIGHT));
        Shape a = out.shape("a").orElseThrow();
        Shape b = out.shape("b").orElseThrow();
        // Rotated by 90°, a is 40 wide and 200 high on the canvas; b starts 50 px to its
        // right.
        double aRight = a.x() + a.width() / 2 + 20;
        assertThat(b.x() - aRight).isGreaterThanOrEqualTo(SPACING - 1e-6);
        assertThat(Map.of("w", a.width(), "h", a.height())).containsEntry("w", 200.0).containsEntry("h", 40.0);
    }

}
