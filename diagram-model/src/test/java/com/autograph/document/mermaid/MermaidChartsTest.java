package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Point;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.code.ParseResult;

/** Pie, quadrant and XY charts: the shapes say what the chart says. */
class MermaidChartsTest {

    private static DiagramDocument doc(String code) {
        ParseResult r = MermaidParser.parse(code);
        assertThat(r.errors()).isEmpty();
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
        return r.document();
    }

    /**
     * The angle in degrees, clockwise from the top, of a point seen from the pie's
     * centre.
     */
    private static double angle(Point p) {
        double a = Math.toDegrees(Math.atan2(p.y() - PieParser.CY, p.x() - PieParser.CX)) + 90;
        return a < 0 ? a + 360 : a;
    }

    @Test
    void aPieSliceIsAWedgeWhoseAngleIsItsShareOfTheTotal() {
        DiagramDocument d = doc("""
                pie title Pets
                    "Dogs" : 300
                    "Cats" : 100
                """);

        Shape dogs = d.shape("slice:1").orElseThrow();
        assertThat(dogs.type()).isEqualTo(ShapeType.FREEHAND);
        assertThat(dogs.text()).contains("Dogs");
        assertThat(Mermaid.str(Mermaid.ext(dogs), "value", null)).isEqualTo("300");
        List<Point> points = dogs.points();
        // closed at the centre, its arc from the top round to three quarters
        assertThat(points.getFirst()).isEqualTo(new Point(PieParser.CX, PieParser.CY));
        assertThat(points.getLast()).isEqualTo(points.getFirst());
        assertThat(angle(points.get(1))).isCloseTo(0, within(0.1));
        assertThat(angle(points.get(points.size() - 2))).isCloseTo(270, within(0.1));
        Shape cats = d.shape("slice:2").orElseThrow();
        assertThat(angle(cats.points().get(1))).isCloseTo(270, within(0.1));
        assertThat(d.shape("slice-label:1").orElseThrow().text()).contains("Dogs 75.0%");
        assertThat(d.shape("title").orElseThrow().text()).contains("Pets");
    }

    @Test
    void aPieRendersBackAsWrittenFromItsWedges() {
        String code = """
                pie showData
                    title Key elements
                    "Calcium" : 42.96
                    "Iron" : 5
                """;

        assertThat(MermaidRenderer.render(doc(code))).isEqualTo(code);
    }

    @Test
    void hugeValuesStillMakeAValidChart() {
        doc("pie\n    \"a\" : 1" + "0".repeat(307) + "\n    \"b\" : 1" + "0".repeat(307) + "\n");
        doc("xychart\n    bar [1" + "0".repeat(307) + ", -1" + "0".repeat(307) + ", 0]\n    line [1, 2]\n");
    }

    @Test
    void aNegativeSliceIsAnErrorAtItsValue() {
        ParseResult r = MermaidParser.parse("pie\n  \"a\" : -3\n");

        assertThat(r.errors()).singleElement()
            .satisfies(e -> assertThat(e.line() + ":" + e.column() + " " + e.message())
                .isEqualTo("2:9 a slice's value can't be negative"));
    }

    @Test
    void aTitleStartingWithAColonRendersSoItReadsBack() {
        DiagramDocument d = doc("pie\n    title :::odd\n    \"a\" : 1\n");

        assertThat(Mermaid.str(Mermaid.ext(d), "title", null)).isEqualTo("::odd");
        assertThat(MermaidParser.parse(MermaidRenderer.render(d)).document()).isEqualTo(d);
    }

    @Test
    void aTrailingCommaAfterAPointIsAnErrorNotAnEmptyStyle() {
        ParseResult r = MermaidParser.parse("quadrantChart\n    A: [0.4, 0.3],\n");

        assertThat(r.errors()).singleElement()
            .satisfies(e -> assertThat(e.line() + ":" + e.column() + " " + e.message())
                .isEqualTo("2:18 a style is missing between two commas (or after the last)"));
    }

    @Test
    void quadrantPointsSitAtTheirCoordinatesStyledByClassThenByThemselves() {
        DiagramDocument d = doc("""
                quadrantChart
                    x-axis Low --> High
                    quadrant-1 Plan
                    A: [0.25, 0.75]
                    B:::big: [1, 0] color: #00ff00
                    classDef big color: #ff0000, radius: 20
                """);

        assertThat(d.shape("quadrant-1").orElseThrow().text()).contains("Plan");
        assertThat(d.shape("quadrant-1").orElseThrow().x()).isEqualTo(QuadrantParser.LEFT + QuadrantParser.SIDE / 2);
        assertThat(d.shape("quadrant-2").orElseThrow().text()).isEmpty();
        Shape a = d.shape("point:1").orElseThrow();
        assertThat(a.type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(a.x() + a.width() / 2).isEqualTo(QuadrantParser.LEFT + 100);
        assertThat(a.y() + a.height() / 2).isEqualTo(QuadrantParser.TOP + 100);
        Shape b = d.shape("point:2").orElseThrow();
        assertThat(b.width()).isEqualTo(40);
        assertThat(b.style().fillColor()).contains("#00ff00");
        assertThat(d.shape("x-axis:low").orElseThrow().text()).contains("Low");
    }

    @Test
    void barsAreAsTallAsTheirValuesAndNegativeOnesHangBelowZero() {
        DiagramDocument d = doc("""
                xychart
                    x-axis [a, b]
                    y-axis -100 --> 200
                    bar [200, -100]
                    line [0, 100]
                """);

        Shape up = d.shape("bar:1:1").orElseThrow();
        Shape down = d.shape("bar:1:2").orElseThrow();
        assertThat(up.parentId()).contains("bar:1");
        assertThat(up.height()).isEqualTo(200);
        assertThat(down.height()).isEqualTo(100);
        assertThat(down.y()).isEqualTo(up.y() + up.height());
        Shape line = d.shape("line:2").orElseThrow();
        assertThat(line.points()).hasSize(2);
        assertThat(line.points().get(0).y()).isEqualTo(up.y() + up.height());
        assertThat(line.points().get(1).y()).isEqualTo(up.y() + 100);
        assertThat(d.shape("x-axis:2").orElseThrow().text()).contains("b");
    }

    @Test
    void aHorizontalChartLaysItsBarsAlongX() {
        DiagramDocument d = doc("xychart horizontal\n    bar [10, 20]\n");

        Shape first = d.shape("bar:1:1").orElseThrow();
        Shape second = d.shape("bar:1:2").orElseThrow();
        assertThat(second.width()).isEqualTo(2 * first.width());
        assertThat(second.y()).isGreaterThan(first.y());
    }

}
