package com.autograph.document.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Point;
import com.autograph.document.Shape;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;
import com.autograph.document.layout.TestGraphs;

class QualityTest {

    /** Every box thrown at random into a small square: most of them overlap. */
    private static DiagramDocument piledUp(DiagramDocument doc, int square) {
        Random r = new Random(99);
        List<Shape> shapes = new ArrayList<>();
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector() || s.type().isContainer()) {
                shapes.add(s);
            }
            else {
                shapes.add(s.toBuilder().at(r.nextInt(square), r.nextInt(square)).size(140, 60).build());
            }
        }
        return doc.withShapes(shapes);
    }

    @ParameterizedTest
    @ValueSource(ints = { 10, 100, 1000 })
    void overlappingDiagramScoresUnder50AndItsLayoutAtLeast80(int n) {
        DiagramDocument messy = piledUp(TestGraphs.flowchart(n, 42), 40 * (int) Math.sqrt(n));
        QualityReport before = DiagramQuality.measure(messy);
        assertThat(before.overlappingShapes()).isGreaterThan(n / 2);
        assertThat(before.score()).as("%s", before).isLessThan(50);

        QualityReport after = DiagramQuality.measure(DiagramLayout.layout(messy, LayoutOptions.defaults()));
        assertThat(after.overlaps()).isZero();
        assertThat(after.crowdedShapes()).isZero();
        assertThat(after.minSpacing()).isGreaterThanOrEqualTo(50.0);
        assertThat(after.score()).as("%s", after).isGreaterThanOrEqualTo(80);
    }

    @Test
    void nestedDiagramsScoreWellOnceLaidOut() {
        QualityReport report = DiagramQuality.measure(DiagramLayout.layout(TestGraphs.nested(200, 3)));
        assertThat(report.overlaps()).as("frames hold their contents; that is no overlap").isZero();
        assertThat(report.score()).as("%s", report).isGreaterThanOrEqualTo(80);
    }

    @Test
    void overlapsCountPairsButNotFramesAndTheirContents() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.frame("f", "F").at(0, 0).size(500, 500).build(),
                Shape.rectangle("a").parentId("f").at(10, 10).size(100, 100).build(),
                Shape.rectangle("b").parentId("f").at(50, 50).size(100, 100).build(),
                Shape.rectangle("c").at(480, 480).size(100, 100).build(),
                Shape.rectangle("far").at(2000, 2000).size(10, 10).build()));
        QualityReport r = DiagramQuality.measure(doc);
        assertThat(r.shapes()).isEqualTo(5);
        assertThat(r.overlaps()).isEqualTo(2); // a/b, and c with the frame it is not in
        assertThat(r.overlappingShapes()).isEqualTo(4);
        assertThat(r.minSpacing()).isZero();
        assertThat(r.crowdedShapes()).isEqualTo(4);
    }

    @Test
    void minimumSpacingIsTheSmallestGap() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.rectangle("a").at(0, 0).size(100, 50).build(),
                Shape.rectangle("b").at(130, 0).size(100, 50).build(),
                Shape.rectangle("c").at(0, 500).size(100, 50).build()));
        QualityReport r = DiagramQuality.measure(doc);
        assertThat(r.overlaps()).isZero();
        assertThat(r.minSpacing()).isEqualTo(30.0);
        assertThat(r.crowdedShapes()).isEqualTo(2);
        assertThat(DiagramQuality.measure(DiagramDocument.of(List.of(Shape.rectangle("x").build()))).minSpacing())
            .isNull();
    }

    @Test
    void crossingsOfStraightAndBentConnectors() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.rectangle("tl").at(0, 0).size(50, 50).build(),
                Shape.rectangle("tr").at(400, 0).size(50, 50).build(),
                Shape.rectangle("bl").at(0, 400).size(50, 50).build(),
                Shape.rectangle("br").at(400, 400).size(50, 50).build(), Shape.arrow("d1", "tl", "br").build(),
                Shape.arrow("d2", "tr", "bl").build(),
                // Around the outside: crosses nothing.
                Shape.arrow("round", "tl", "tr").points(List.of(new Point(25, -100), new Point(425, -100))).build()));
        QualityReport r = DiagramQuality.measure(doc);
        assertThat(r.connectors()).isEqualTo(3);
        assertThat(r.edgeCrossings()).isEqualTo(1);
    }

    @Test
    void labelsOverShapesAreCounted() {
        DiagramDocument doc = DiagramDocument
            .of(List.of(Shape.rectangle("a").at(0, 0).size(100, 50).text("A label far wider than its box").build(),
                    Shape.rectangle("b").at(130, 0).size(100, 50).build(),
                    Shape.rectangle("c").at(0, 300).size(100, 50).text("C").build(),
                    Shape.arrow("e", "a", "c").text("over nothing").build()));
        QualityReport r = DiagramQuality.measure(doc);
        assertThat(r.labels()).isEqualTo(3);
        assertThat(r.labelOverlaps()).isEqualTo(1);
    }

    @Test
    void alignmentIsTheShareOfAlignedShapes() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.rectangle("a").at(0, 0).size(100, 50).build(),
                Shape.rectangle("b").at(0, 200).size(100, 50).build(),
                Shape.rectangle("c").at(333, 777).size(80, 30).build(),
                Shape.rectangle("d").at(611, 419).size(70, 20).build()));
        assertThat(DiagramQuality.measure(doc).alignment()).isEqualTo(0.5);
    }

    @Test
    void hiddenShapesAndCollapsedFramesAreNotMeasured() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.rectangle("a").at(0, 0).size(100, 50).build(),
                Shape.rectangle("ghost").at(0, 0).size(100, 50).hidden(true).build(),
                Shape.frame("f", "F").at(1000, 0).size(300, 300).collapsed(true).build(),
                Shape.rectangle("inside").parentId("f").at(0, 0).size(100, 50).build()));
        QualityReport r = DiagramQuality.measure(doc);
        assertThat(r.shapes()).isEqualTo(2);
        assertThat(r.overlaps()).isZero();
    }

    @Test
    void emptyDocumentsScoreFull() {
        assertThat(DiagramQuality.measure(DiagramDocument.empty()).score()).isEqualTo(100);
    }

    @Test
    void fiveThousandShapesOnOneSpotAreMeasuredQuickly() {
        // A worst case for the sweeps: every pair overlaps (12.5 million pairs).
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            shapes.add(Shape.rectangle("n" + i).at(i % 7, i % 5).size(100, 50).build());
            if (i > 0) {
                shapes.add(Shape.arrow("e" + i, "n" + (i - 1), "n" + i).build());
            }
        }
        long start = System.nanoTime();
        QualityReport r = DiagramQuality.measure(DiagramDocument.of(shapes));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.overlaps()).isEqualTo(5000 * 4999 / 2);
        assertThat(r.score()).isLessThan(50);
        assertThat(ms).as("no timing goal, only a guard against a runaway").isLessThan(30_000);
    }

}
