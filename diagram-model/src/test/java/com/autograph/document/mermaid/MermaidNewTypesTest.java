package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.ParseResult;

/**
 * mindmap, timeline, journey, kanban, packet and requirementDiagram: what each becomes,
 * how it is laid out, and the limits.
 */
class MermaidNewTypesTest {

    private static DiagramDocument doc(String code) {
        ParseResult r = MermaidParser.parse(code);
        assertThat(r.errors()).isEmpty();
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
        assertThat(MermaidParser.parse(MermaidRenderer.render(r.document())).document()).isEqualTo(r.document());
        return r.document();
    }

    private static Shape shape(DiagramDocument d, String id) {
        return d.shape(id).orElseThrow();
    }

    private static Shape withText(DiagramDocument d, String text) {
        return d.shapes().stream().filter(s -> s.text().orElse("").equals(text)).findFirst().orElseThrow();
    }

    private static boolean overlap(Shape a, Shape b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height()
                && b.y() < a.y() + a.height();
    }

    /** No two boxes that are not container and content overlap. */
    private static void assertNoOverlaps(DiagramDocument d) {
        List<Shape> boxes = d.shapes().stream().filter(s -> !s.type().isConnector()).toList();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Shape a = boxes.get(i);
                Shape b = boxes.get(j);
                boolean nested = a.id().equals(b.parentId().orElse(null)) || b.id().equals(a.parentId().orElse(null));
                assertThat(!nested && overlap(a, b)).as(a.id() + " overlaps " + b.id()).isFalse();
            }
        }
    }

    @Test
    void mindmapIsATreeOfShapesJoinedByLinesLaidOutLeftToRight() {
        DiagramDocument d = doc("""
                mindmap
                  root((Plan))
                    a[Build]
                      ::icon(fa fa-hammer)
                      Parser
                      Renderer
                    b(Ship)
                    :::urgent
                    c))Bang((
                """);

        assertThat(shape(d, "root").type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(shape(d, "b").style().cornerRadius()).hasValue(12);
        assertThat(Mermaid.str(Mermaid.ext(shape(d, "a")), "icon", null)).isEqualTo("fa fa-hammer");
        assertThat(Mermaid.ext(shape(d, "b")).get("classes").toString()).isEqualTo("[\"urgent\"]");
        assertThat(d.connectors()).hasSize(5).allSatisfy(c -> assertThat(c.type()).isEqualTo(ShapeType.LINE));
        Shape parser = withText(d, "Parser");
        assertThat(d.connectors()).anySatisfy(c -> {
            assertThat(Tree.from(c)).isEqualTo("a");
            assertThat(Tree.to(c)).isEqualTo(parser.id());
        });
        assertThat(shape(d, "a").x()).isGreaterThan(shape(d, "root").x() + shape(d, "root").width());
        assertThat(parser.x()).isGreaterThan(shape(d, "a").x() + shape(d, "a").width());
        assertNoOverlaps(d);
    }

    @Test
    void mindmapRefusesASecondRootAndNestingDeeperThanTheLimitWithoutThrowing() {
        ParseResult two = MermaidParser.parse("mindmap\n  A\n    B\n  C\n");
        assertThat(two.errors()).singleElement()
            .hasToString("4:3: a mindmap has one root, and this node is not " + "inside it (indent it more than `A`)");

        StringBuilder deep = new StringBuilder("mindmap\n");
        for (int k = 0; k < 1_000; k++) {
            deep.append(" ".repeat(k)).append("n").append(k).append('\n');
        }
        ParseResult r = MermaidParser.parse(deep.toString());
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("nest at most 64 levels");
            assertThat(e.line()).isEqualTo(2 + 64);
        });
        assertThat(r.document().shapes()).hasSize(64 + 63);
        assertThat(MermaidFormatter.format(deep.toString()).length()).isLessThan(1_000 * 300);
    }

    @Test
    void timelinePeriodsRunLeftToRightWithTheirEventsUnderThem() {
        DiagramDocument d = doc("""
                timeline
                    title Social media
                    section Early
                        2002 : LinkedIn
                        2004 : Facebook : Google
                             : Flickr at 10:30
                    section Later
                        2006 : Twitter
                """);

        Shape p2002 = withText(d, "2002");
        Shape p2004 = withText(d, "2004");
        Shape p2006 = withText(d, "2006");
        assertThat(p2002.x()).isLessThan(p2004.x());
        assertThat(p2004.x()).isLessThan(p2006.x());
        Shape google = withText(d, "Google");
        Shape flickr = withText(d, "Flickr at 10:30");
        assertThat(Mermaid.str(Mermaid.ext(flickr), "period", null)).isEqualTo(p2004.id());
        assertThat(google.x()).isEqualTo(p2004.x());
        assertThat(google.y()).isGreaterThan(p2004.y() + p2004.height());
        assertThat(flickr.y()).isGreaterThan(google.y() + google.height());
        assertThat(p2004.parentId()).contains("section:1");
        assertThat(p2006.parentId()).contains("section:2");
        assertNoOverlaps(d);

        DiagramDocument td = doc("timeline TD\n    2002 : A : B\n    2004 : C\n");
        assertThat(withText(td, "2004").y()).isGreaterThan(withText(td, "2002").y());
        assertThat(withText(td, "B").x()).isGreaterThan(withText(td, "A").x());
        assertNoOverlaps(td);
    }

    @Test
    void journeyTasksKeepScoreAndActorsAndAreColouredByScore() {
        DiagramDocument d = doc("""
                journey
                    title Day
                    section Work
                        Make tea: 5: Me
                        Do work: 1: Me, Cat
                """);

        Shape tea = withText(d, "Make tea");
        Shape work = withText(d, "Do work");
        assertThat(Mermaid.ext(work).get("score").asInt()).isEqualTo(1);
        assertThat(Mermaid.ext(work).get("actors").toString()).isEqualTo("[\"Me\",\"Cat\"]");
        assertThat(tea.style().fillColor()).isNotEqualTo(work.style().fillColor());
        assertThat(work.x()).isGreaterThan(tea.x() + tea.width());
        assertNoOverlaps(d);
    }

    @Test
    void kanbanColumnsAreFramesSideBySideWithTheirCardsInside() {
        DiagramDocument d = doc("""
                kanban
                  todo[Todo]
                    a[Write it]@{ assigned: 'ada', priority: 'Very High', ticket: AG-1 }
                    b[Test it]
                  done[Done]
                    c[Design]
                  Empty
                """);

        Shape todo = shape(d, "todo");
        Shape done = shape(d, "done");
        assertThat(todo.type()).isEqualTo(ShapeType.FRAME);
        assertThat(done.x()).isGreaterThan(todo.x() + todo.width());
        for (String id : List.of("a", "b")) {
            Shape card = shape(d, id);
            assertThat(card.parentId()).contains("todo");
            assertThat(card.x()).isGreaterThanOrEqualTo(todo.x());
            assertThat(card.y() + card.height()).isLessThanOrEqualTo(todo.y() + todo.height());
        }
        assertThat(shape(d, "b").y()).isGreaterThan(shape(d, "a").y());
        assertThat(Mermaid.str(Mermaid.ext(shape(d, "a")), "assigned", null)).isEqualTo("ada");
        assertThat(Mermaid.str(Mermaid.ext(shape(d, "a")), "ticket", null)).isEqualTo("AG-1");
        assertThat(shape(d, "a").style().strokeColor()).isPresent();
        assertThat(withText(d, "Empty").type()).isEqualTo(ShapeType.FRAME);
        assertNoOverlaps(d);
    }

    @Test
    void packetFieldsFillRowsOf32BitsAndFieldsCrossingARowContinueOnTheNext() {
        DiagramDocument d = doc("""
                packet-beta
                    0-15: "Source"
                    +8: "Flags"
                    24-71: "Crosses rows"
                    72-127: "Rest"
                """);

        Shape source = shape(d, "field:1");
        assertThat(source.x()).isZero();
        assertThat(source.width()).isEqualTo(16 * PacketParser.BIT);
        assertThat(shape(d, "field:2").x()).isEqualTo(16 * PacketParser.BIT);
        Shape crosses = shape(d, "field:3");
        assertThat(crosses.x()).isEqualTo(24 * PacketParser.BIT);
        assertThat(crosses.width()).isEqualTo(8 * PacketParser.BIT);
        Shape middle = shape(d, "field:3/part:2");
        assertThat(middle.y()).isEqualTo(PacketParser.ROW);
        assertThat(middle.width()).isEqualTo(32 * PacketParser.BIT);
        Shape last = shape(d, "field:3/part:3");
        assertThat(last.y()).isEqualTo(2 * PacketParser.ROW);
        assertThat(last.width()).isEqualTo(8 * PacketParser.BIT);
        assertThat(MermaidRenderer.render(d)).doesNotContain("part").contains("+8: \"Flags\"");
        assertNoOverlaps(d);

        assertThat(MermaidParser.parse("packet\n0-99999999999999999999: \"x\"\n").errors()).singleElement()
            .hasToString("2:1: a packet ends at bit 1048575 at most");
        assertThat(MermaidParser.parse("packet\n0-7: \"a\"\n7-9: \"b\"\n").errors()).singleElement()
            .satisfies(e -> assertThat(e.message()).contains("starts at bit 7"));
    }

    @Test
    void requirementsAreBoxesShowingTheirFieldsAndRelationsAreLabelledArrows() {
        DiagramDocument d = doc("""
                requirementDiagram
                    requirement req {
                        id: 1
                        text: "fast"
                        risk: high
                        verifymethod: test
                    }
                    element test {
                        type: simulation
                    }
                    test - satisfies -> req
                    req <- contains - test
                    classDef hot fill:#ff0000
                    class req hot
                """);

        Shape req = shape(d, "req");
        assertThat(req.text()).contains("<<Requirement>>\nreq\nId: 1\nText: fast\nRisk: high\nVerification: test");
        assertThat(req.style().fillColor()).contains("#ff0000");
        Shape satisfies = d.connectors().get(0);
        assertThat(Tree.from(satisfies)).isEqualTo("test");
        assertThat(Tree.to(satisfies)).isEqualTo("req");
        assertThat(satisfies.text()).contains("<<satisfies>>");
        assertThat(satisfies.style().strokeStyle()).contains(StrokeStyle.DASHED);
        Shape contains = d.connectors().get(1);
        assertThat(Tree.from(contains)).isEqualTo("test");
        assertThat(contains.startArrowhead()).isEqualTo(Arrowhead.CIRCLE);
        assertThat(MermaidRenderer.render(d)).contains("req <- contains - test");
        assertNoOverlaps(d);
    }

    @Test
    void noBoxesOverlapInAnyGoldenSampleOfTheNewTypes() {
        List<MermaidCorpus.Sample> samples = MermaidCorpus.load("corpus")
            .stream()
            .filter(x -> x.name().matches("(mindmap|timeline|journey|kanban|packet|requirement)-.*"))
            .toList();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(12);
        for (MermaidCorpus.Sample sample : samples) {
            DiagramDocument d = MermaidParser.parse(sample.code()).document();
            assertThat(d.shapes()).as(sample.name())
                .allSatisfy(s -> assertThat(s.type().isConnector() || (s.width() > 0 && s.height() > 0)).isTrue());
            assertNoOverlaps(d);
        }
    }

    @Test
    void theShapeLimitHoldsForEveryNewType() {
        ModelLimits few = new ModelLimits(1_000_000, 1_000_000, 10, 64, 1000, 100);
        for (String code : List.of("mindmap\nroot\n" + "  n\n".repeat(20), "timeline\n" + "2000 : e\n".repeat(20),
                "journey\n" + "t: 3: Me\n".repeat(20), "kanban\ncol\n" + "  card\n".repeat(20),
                "packet\n" + "+1: \"b\"\n".repeat(20),
                "requirementDiagram\n" + "element e%d {\n}\n".repeat(20).formatted(seq(20)))) {
            assertThatThrownBy(() -> MermaidParser.parse(code, few)).isInstanceOf(LimitExceededException.class);
        }
    }

    private static Object[] seq(int n) {
        Object[] out = new Object[n];
        for (int k = 0; k < n; k++) {
            out[k] = k;
        }
        return out;
    }

    @Test
    void brokenCodeOfEveryNewTypeGivesErrorsWithPositionsNeverAnException() {
        for (String code : List.of("mindmap\n  (", "mindmap\n ))", "mindmap\n  [\"`open", "mindmap\n a[\"x]",
                "mindmap\n ::icon(", "mindmap\n:::", "mindmap\n a[x] b", "mindmap extra", "kanban\n  a@{",
                "kanban\n a[x]@{ ticket }", "kanban\n a@{ priority: 'x }", "kanban\n a[x]@{ ticket: a, x }", "kanban\n",
                "packet\n+0: \"x\"", "packet\n-1: \"x\"", "packet\n5-2: \"x\"", "packet\n0-1: \"x", "packet\n0-1:",
                "requirementDiagram\nrequirement \"\" {\n}", "requirementDiagram\n}", "requirementDiagram\na - x -> b",
                "requirementDiagram\nelement e {\nfoo\n", "requirementDiagram\nstyle", "requirementDiagram\nclass a",
                "timeline\n:", "timeline\n a : ", "timeline\n a :b", "timeline XY", "timeline\nsection", "journey\n: 3",
                "journey\nt: x", "journey\nt: 3: a: b", "journey\nsection")) {
            ParseResult r = MermaidUnguarded.parse(code);
            int lines = code.split("\n", -1).length;
            assertThat(r.errors()).as(code).isNotEmpty().allSatisfy(e -> {
                assertThat(e.line()).isBetween(1, lines + 1);
                assertThat(e.column()).isPositive();
            });
            assertThat(DocumentValidator.validate(r.document())).as(code).isEmpty();
            assertThat(MermaidParser.parse(MermaidRenderer.render(r.document()))).as(code).isNotNull();
        }
    }

    @Test
    void formattingKeepsIndentationTreesAndIndentsBodies() {
        String mindmap = "mindmap\nRoot\n   A\n         B\n      C\n   D\n";
        assertThat(MermaidFormatter.format(mindmap))
            .isEqualTo("mindmap\n    Root\n        A\n            B\n            C\n        D\n");
        assertThat(MermaidFormatter.format("requirementDiagram\nelement e {\ntype: x\n}\n"))
            .isEqualTo("requirementDiagram\n    element e {\n        type: x\n    }\n");
    }

}
