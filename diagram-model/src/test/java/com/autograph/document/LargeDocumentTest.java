package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A 5,000-shape diagram validates, reads, writes and reads back unchanged. No timing
 * asserts: work here is linear in the shapes (one index, one pass per rule), and a
 * quadratic slip would show as this test taking minutes instead of well under a second.
 */
class LargeDocumentTest {

    static DiagramDocument large() {
        List<Shape> shapes = new ArrayList<>();
        for (int f = 0; f < 50; f++) {
            shapes.add(Shape.frame("frame-" + f, "Zone " + f).at(f * 1000, 0).size(900, 2000).build());
            for (int r = 0; r < 50; r++) {
                shapes.add(Shape.rectangle("node-" + f + "-" + r)
                    .parentId("frame-" + f)
                    .at(f * 1000 + 20, r * 40)
                    .size(160, 30)
                    .text("Service " + f + "." + r)
                    .style(Style.builder().fillColor("#a5d8ff").cornerRadius(4).build())
                    .build());
            }
        }
        for (int i = 0; shapes.size() < 5000; i++) {
            int f = i % 50;
            int r = i % 49;
            shapes.add(Shape.arrow("edge-" + i, "node-" + f + "-" + r, "node-" + ((f + 1) % 50) + "-" + (r + 1))
                .routing(Routing.ELBOW)
                .text("call " + i)
                .build());
        }
        return DiagramDocument.of(shapes);
    }

    @Test
    void fiveThousandShapesValidateAndRoundTrip() {
        DiagramDocument doc = large();
        String json = DocumentCodec.write(doc);

        assertThat(doc.shapes()).hasSize(5000);
        assertThat(DocumentValidator.validate(json)).isEmpty();
        DiagramDocument read = DocumentCodec.read(json);
        assertThat(read).isEqualTo(doc);
        assertThat(read.shapes()).extracting(Shape::id).isEqualTo(doc.shapes().stream().map(Shape::id).toList());
        assertThat(DocumentCodec.write(read)).isEqualTo(json);
        assertThat(read.children("frame-7")).hasSize(50);
        assertThat(read.connectors()).hasSize(2450);
    }

    @Test
    void fiveThousandShapesWithAnErrorEachReportThemAll() {
        List<Shape> broken = large().shapes()
            .stream()
            .map(s -> s.toBuilder().style(Style.builder().opacity(2).build()).build())
            .toList();

        assertThat(DocumentValidator.validate(DiagramDocument.of(broken))).hasSize(5000)
            .allSatisfy(e -> assertThat(e.code()).isEqualTo(ValidationCode.OUT_OF_RANGE));
    }

}
