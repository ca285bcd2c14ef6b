package com.autograph.document.formats.drawio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.formats.PageFrames;

/** Issue #20: every page of a draw.io file, and labels with any HTML5 entity. */
class DrawioPagesTest {

    private final DrawioFormat format = new DrawioFormat();

    private final String file = DrawioFormatTest.resource("drawio/multi-page.drawio");

    private DiagramDocument read() {
        DiagramDocument doc = format.read(file);
        assertThat(DocumentValidator.validate(doc)).isEmpty();
        return doc;
    }

    @Test
    void everyPageBecomesAFrameTitledWithItsNameSideBySide() {
        DiagramDocument doc = read();
        List<Shape> frames = doc.shapes().stream().filter(s -> s.parentId().isEmpty()).toList();
        assertThat(frames).extracting(Shape::id).containsExactly("page-1", "page-2", "page-3");
        assertThat(frames).extracting(s -> s.text().orElse("")).containsExactly("Overview", "Details", "Storage");
        assertThat(frames).allMatch(s -> s.type() == ShapeType.FRAME && s.y() == 0);
        // Left to right without overlap, 40 apart.
        for (int i = 1; i < frames.size(); i++) {
            Shape before = frames.get(i - 1);
            assertThat(frames.get(i).x()).isEqualTo(before.x() + before.width() + PageFrames.PADDING);
        }
        // The third page is compressed, as older draw.io saves pages.
        assertThat(doc.children("page-3")).extracting(s -> s.text().orElse("")).containsExactly("Audit log");
    }

    @Test
    void aPagesDrawingSitsInItsFrameWithItsShapesAndBindings() {
        DiagramDocument doc = read();
        Shape frame = doc.shape("page-1").orElseThrow();
        Shape box = doc.shape("2").orElseThrow();
        assertThat(box.parentId()).contains("page-1");
        // The drawing's top-left corner (100, 120) is moved to just inside the frame,
        // below its title.
        assertThat(List.of(box.x(), box.y())).containsExactly(frame.x() + 40, 80d);
        Shape edge = doc.shape("4").orElseThrow();
        assertThat(edge.start().flatMap(Endpoint::shapeId)).contains("2");
        assertThat(edge.end().flatMap(Endpoint::shapeId)).contains("3");
        Shape round = doc.shape("3").orElseThrow();
        assertThat(round.x() - box.x()).isEqualTo(220);
        assertThat(frame.width()).isEqualTo(340 + 2 * PageFrames.PADDING);
    }

    @Test
    void idsAnEarlierPageUsedAreRenamedAndReferencesFollow() {
        DiagramDocument doc = read();
        // Page 2's "2" (a swimlane) and "4" (an edge) collide with page 1's.
        Shape lane = doc.shape("page-2/2").orElseThrow();
        assertThat(lane.type()).isEqualTo(ShapeType.FRAME);
        assertThat(lane.text()).contains("Payments");
        assertThat(lane.parentId()).contains("page-2");
        Shape ledger = doc.shape("Zk9-1").orElseThrow();
        assertThat(ledger.parentId()).contains("page-2/2");
        Shape edge = doc.shape("page-2/4").orElseThrow();
        assertThat(edge.start().flatMap(Endpoint::shapeId)).contains("Zk9-1");
        // Its free end moved with the page: (420, 140) on the page.
        Shape pageFrame = doc.shape("page-2").orElseThrow();
        assertThat(edge.end().flatMap(Endpoint::point).orElseThrow().x() - pageFrame.x()).isEqualTo(40 + 420 - 40);
        assertThat(doc.shape("page-3/2").orElseThrow().text()).contains("Audit log");
    }

    @Test
    void thePagesDrawioDetailsAreKeptOnTheDocument() {
        DiagramDocument doc = read();
        var field = doc.unknownFields().get(DrawioFormat.FIELD);
        assertThat(field.path("file").path("pages").asString()).isEqualTo("3");
        assertThat(field.path("pages")).hasSize(3);
        assertThat(field.path("pages").get(1).path("frame").asString()).isEqualTo("page-2");
        assertThat(field.path("pages").get(1).path("diagram").path("name").asString()).isEqualTo("Details");
    }

    @Test
    void oneStillPicksAPageAndTheMergedDocumentExportsAsOnePageOfFrames() {
        assertThat(format.pageNames(file)).containsExactly("Overview", "Details", "Storage");
        DiagramDocument details = format.read(file, 1);
        assertThat(details.shapes()).extracting(Shape::id).containsExactly("2", "Zk9-1", "4");

        DiagramDocument merged = read();
        DiagramDocument again = format.read(format.write(merged));
        assertThat(again.shapes()).extracting(Shape::id)
            .containsExactlyElementsOf(merged.shapes().stream().map(Shape::id).toList());
        assertThat(again.shape("page-2").orElseThrow().type()).isEqualTo(ShapeType.FRAME);
    }

    @Test
    void theShapeLimitCountsEveryPage() {
        // 3 frames + 3 + 3 + 1 shapes = 10.
        ModelLimits nine = new ModelLimits(1 << 20, 1 << 20, 9, 64, 100_000, 5_000);
        assertThatThrownBy(() -> new DrawioFormat(nine).read(file)).isInstanceOf(LimitExceededException.class);
        ModelLimits ten = new ModelLimits(1 << 20, 1 << 20, 10, 64, 100_000, 5_000);
        assertThat(new DrawioFormat(ten).read(file).shapes()).hasSize(10);
    }

    @Test
    void htmlLabelsDecodeEveryHtml5NamedEntity() {
        DiagramDocument doc = read();
        assertThat(doc.shape("2").orElseThrow().text()).contains("zwölf – groß");
        // &check; is HTML5-only (not in HTML 4); &frac12; has digits in its name.
        assertThat(doc.shape("3").orElseThrow().text()).contains("Café\n✓ ready … ½");
        assertThat(Html.toText("&NotEqualTilde; &lbrace;&rbrace; &nosuchentity; &amp;ouml;"))
            .isEqualTo("\u2242\u0338 {} &nosuchentity; &ouml;");
    }

}
