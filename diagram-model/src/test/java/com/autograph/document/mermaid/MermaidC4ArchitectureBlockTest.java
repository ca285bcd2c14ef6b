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
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;
import com.autograph.document.layout.DiagramLayout;

/**
 * What C4, {@code architecture-beta} and {@code block} code becomes: shapes, styles,
 * extension fields and layout; the limits on nesting and size.
 */
class MermaidC4ArchitectureBlockTest {

    private static DiagramDocument doc(String code) {
        ParseResult r = MermaidParser.parse(code);
        assertThat(r.errors()).isEmpty();
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
        return r.document();
    }

    private static Shape shape(DiagramDocument d, String id) {
        return d.shape(id).orElseThrow();
    }

    private static boolean inside(Shape inner, Shape outer) {
        return inner.x() >= outer.x() && inner.y() >= outer.y()
                && inner.x() + inner.width() <= outer.x() + outer.width()
                && inner.y() + inner.height() <= outer.y() + outer.height();
    }

    private static boolean overlap(Shape a, Shape b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height()
                && b.y() < a.y() + a.height();
    }

    @Test
    void c4ElementsAreBoxesInTheC4ColoursBoundariesFramesRelationsArrows() {
        DiagramDocument d = doc("""
                C4Context
                    title Shop
                    Person(buyer, "Buyer", "Buys things")
                    Enterprise_Boundary(ltd, "Shop Ltd") {
                        System(shop, "Shop", "Sells things")
                        SystemDb_Ext(erp, "ERP")
                    }
                    BiRel(buyer, shop, "Uses")
                    Rel_Back(erp, shop, "Reads", "JDBC")
                    UpdateElementStyle(shop, $bgColor="grey", $fontColor="black")
                    UpdateRelStyle(buyer, shop, $lineColor="red")
                """);

        Shape buyer = shape(d, "buyer");
        assertThat(buyer.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(buyer.text()).contains("Buyer");
        assertThat(buyer.style().fillColor()).contains("#08427b");
        assertThat(Mermaid.str(Mermaid.ext(buyer), "descr", null)).isEqualTo("Buys things");
        Shape ltd = shape(d, "ltd");
        assertThat(ltd.type()).isEqualTo(ShapeType.FRAME);
        assertThat(ltd.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(shape(d, "shop").parentId()).contains("ltd");
        assertThat(shape(d, "shop").style().fillColor()).contains("#808080");
        assertThat(shape(d, "shop").style().textColor()).contains("#000000");
        assertThat(shape(d, "erp").style().fillColor()).contains("#999999");

        Shape uses = d.connectors()
            .stream()
            .filter(c -> "Uses".equals(c.text().orElse(null)))
            .findFirst()
            .orElseThrow();
        assertThat(uses.startArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(uses.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(uses.style().strokeColor()).contains("#ff0000");
        Shape reads = d.connectors()
            .stream()
            .filter(c -> "Reads".equals(c.text().orElse(null)))
            .findFirst()
            .orElseThrow();
        assertThat(Tree.from(reads)).isEqualTo("erp");
        assertThat(reads.startArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(reads.endArrowhead()).isEqualTo(Arrowhead.NONE);
        assertThat(Mermaid.str(Mermaid.ext(reads), "techn", null)).isEqualTo("JDBC");
        assertThat(Mermaid.str(Mermaid.ext(d), "title", null)).isEqualTo("Shop");
    }

    @Test
    void c4LayoutPutsElementsInRowsInsideTheirBoundaries() {
        DiagramDocument d = doc("""
                C4Container
                    Person(a, "A")
                    Person(b, "B")
                    Person(c, "C")
                    Container_Boundary(box, "Box") {
                        Container(x, "X", "Java")
                        Container(y, "Y", "Go")
                    }
                    UpdateLayoutConfig($c4ShapeInRow="2")
                """);

        assertThat(shape(d, "a").y()).isEqualTo(shape(d, "b").y());
        assertThat(shape(d, "c").y()).isGreaterThan(shape(d, "a").y());
        assertThat(inside(shape(d, "x"), shape(d, "box"))).isTrue();
        assertThat(inside(shape(d, "y"), shape(d, "box"))).isTrue();
        List<Shape> boxes = d.shapes().stream().filter(s -> s.type() == ShapeType.RECTANGLE).toList();
        for (Shape p : boxes) {
            for (Shape q : boxes) {
                assertThat(p != q && overlap(p, q)).as(p.id() + " and " + q.id()).isFalse();
            }
        }
    }

    @Test
    void architectureServicesAreIconsGroupsFramesAndEdgesKeepTheirSides() {
        DiagramDocument d = doc("""
                architecture-beta
                    group api(cloud)[API]
                    service db(database)[Database] in api
                    service server(logos:aws-ec2)[Server] in api
                    service plain[Plain]
                    junction j
                    db:L -- R:server
                    server:B --> T:j
                    plain{group}:T <-- B:j
                """);

        Shape db = shape(d, "db");
        assertThat(db.type()).isEqualTo(ShapeType.ICON);
        assertThat(db.icon()).contains("database");
        assertThat(db.text()).contains("Database");
        assertThat(db.parentId()).contains("api");
        assertThat(shape(d, "server").icon()).contains("logos:aws-ec2");
        assertThat(shape(d, "api").type()).isEqualTo(ShapeType.FRAME);
        assertThat(shape(d, "api").icon()).contains("cloud");
        assertThat(shape(d, "plain").type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(shape(d, "j").type()).isEqualTo(ShapeType.ELLIPSE);
        // db's left side meets server's right side: server is to the left of db
        assertThat(shape(d, "server").x()).isLessThan(shape(d, "db").x());
        assertThat(shape(d, "server").y()).isEqualTo(shape(d, "db").y());
        assertThat(shape(d, "j").y()).isGreaterThan(shape(d, "server").y());
        assertThat(inside(shape(d, "db"), shape(d, "api"))).isTrue();

        Shape first = d.connectorsOf("db").getFirst();
        assertThat(first.type()).isEqualTo(ShapeType.LINE);
        assertThat(Mermaid.str(Mermaid.ext(first), "from_side", null)).isEqualTo("L");
        assertThat(Mermaid.str(Mermaid.ext(first), "to_side", null)).isEqualTo("R");
        Shape back = d.connectorsOf("plain").getFirst();
        assertThat(back.startArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(back.endArrowhead()).isEqualTo(Arrowhead.NONE);
        assertThat(Mermaid.ext(back).get("from_group").asBoolean()).isTrue();
    }

    @Test
    void blockGridFillsRowsOfColumnsAndWidthsSpanColumns() {
        DiagramDocument d = doc("""
                block
                    columns 3
                    a b c
                    d:2 e
                    space f["Wide"]:2
                    block:g:3
                        columns 2
                        h i
                    end
                    a --> f
                """);

        assertThat(shape(d, "a").y()).isEqualTo(shape(d, "c").y());
        assertThat(shape(d, "a").x()).isLessThan(shape(d, "b").x());
        assertThat(shape(d, "b").x()).isLessThan(shape(d, "c").x());
        assertThat(shape(d, "d").y()).isGreaterThan(shape(d, "a").y());
        assertThat(shape(d, "d").x()).isEqualTo(shape(d, "a").x());
        assertThat(shape(d, "d").width()).isGreaterThan(shape(d, "a").width());
        assertThat(shape(d, "e").x()).isEqualTo(shape(d, "c").x());
        assertThat(shape(d, "f").x()).isEqualTo(shape(d, "b").x());
        Shape space = shape(d, "space:1");
        assertThat(space.type()).isEqualTo(ShapeType.GROUP);
        assertThat(Mermaid.str(Mermaid.ext(space), "block", null)).isEqualTo("space");
        assertThat(shape(d, "g").type()).isEqualTo(ShapeType.FRAME);
        assertThat(inside(shape(d, "h"), shape(d, "g"))).isTrue();
        assertThat(shape(d, "h").y()).isEqualTo(shape(d, "i").y());
        assertThat(d.connectors()).singleElement().satisfies(e -> assertThat(Tree.to(e)).isEqualTo("f"));
    }

    @Test
    void aBlockNamedByAnEdgeBeforeItIsPlacedTakesItsPlaceInTheGrid() {
        DiagramDocument d = doc("""
                block
                    columns 2
                    a --> b
                    b a
                """);

        assertThat(shape(d, "b").x()).isLessThan(shape(d, "a").x());
        String rendered = MermaidRenderer.render(d);
        assertThat(MermaidParser.parse(rendered).document()).isEqualTo(d);
    }

    @Test
    void nestingDeeperThanTheLimitIsAnErrorNotACrash() {
        String blocks = "block\n" + "block\n".repeat(200) + "a\n" + "end\n".repeat(200);
        String c4 = "C4Context\n" + java.util.stream.IntStream.range(0, 200)
            .mapToObj(k -> "Boundary(b" + k + ", \"B\") {\n")
            .reduce("", String::concat) + "}\n".repeat(200);
        StringBuilder groups = new StringBuilder("architecture-beta\ngroup g0(cloud)[G]\n");
        for (int k = 1; k < 200; k++) {
            groups.append("group g").append(k).append("(cloud)[G] in g").append(k - 1).append('\n');
        }

        for (String code : List.of(blocks, c4, groups.toString())) {
            ParseResult r = MermaidParser.parse(code);
            assertThat(r.errors()).extracting(CodeError::message)
                .anySatisfy(m -> assertThat(m).contains("at most " + KindParser.MAX_NESTING));
            assertThat(DocumentValidator.validate(r.document())).isEmpty();
        }
    }

    @Test
    void countsTheCodeControlsAreBounded() {
        assertThat(MermaidParser.parse("block\n    columns 5000\n    a\n").errors()).extracting(CodeError::message)
            .anySatisfy(m -> assertThat(m).contains("from 1 to " + BlockParser.MAX_COLUMNS));
        assertThat(MermaidParser.parse("block\n    a:99999\n").errors()).extracting(CodeError::message)
            .anySatisfy(m -> assertThat(m).contains("a width is a number of columns"));
        String longId = "x".repeat(200);
        assertThat(MermaidParser.parse("C4Context\n    System(" + longId + ", \"S\")\n").errors()).isNotEmpty();
        assertThat(MermaidParser.parse("architecture-beta\n    service " + longId + "(disk)\n").errors()).isNotEmpty();
        assertThat(MermaidParser.parse("block\n    " + longId + "\n").errors()).isNotEmpty();

        ModelLimits few = new ModelLimits(1_000_000, 1_000_000, 10, 64, 100_000, 1000);
        String many = "block\n" + "a b c d e f g h i j k l\n".replace(" ", "\n");
        assertThatThrownBy(() -> MermaidParser.parse(many, few)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aColourChangedOnTheCanvasIsWrittenIntoTheCode() {
        DiagramDocument c4 = doc("""
                C4Context
                    System(shop, "Shop")
                """);
        Shape shop = shape(c4, "shop");
        DiagramDocument repainted = c4
            .withShape(shop.toBuilder().style(shop.style().toBuilder().fillColor("#123456").build()).build());
        assertThat(MermaidRenderer.render(repainted)).contains("$bgColor=\"#123456\"");
        assertThat(shape(doc(MermaidRenderer.render(repainted)), "shop").style().fillColor()).contains("#123456");

        DiagramDocument block = doc("""
                block
                    a b
                """);
        Shape a = shape(block, "a");
        DiagramDocument edited = block
            .withShape(a.toBuilder().style(a.style().toBuilder().fillColor("#654321").build()).build());
        assertThat(shape(doc(MermaidRenderer.render(edited)), "a").style().fillColor()).contains("#654321");
        assertThat(MermaidRenderer.render(block)).doesNotContain("style");
    }

    @Test
    void selfLoopsAndEmptyDiagramsAreValidDocuments() {
        for (String code : List.of("C4Context\n    System(a, \"A\")\n    Rel(a, a, \"Calls itself\")\n",
                "architecture-beta\n    service a(disk)[A]\n    a:L -- R:a\n", "block\n    A\n    A --> A\n",
                "C4Context\n", "architecture-beta\n", "block-beta\n")) {
            ParseResult r = MermaidParser.parse(code);
            assertThat(r.errors()).as(code).isEmpty();
            assertThat(DocumentValidator.validate(r.document())).as(code).isEmpty();
            assertThat(MermaidParser.parse(MermaidRenderer.render(r.document())).document()).as(code)
                .isEqualTo(r.document());
        }
    }

    @Test
    void aScopeInErrorIsStillClosedByItsOwnEnd() {
        ParseResult block = MermaidParser.parse("""
                block
                    block:outer
                        a
                        block:a
                            b
                        end
                        c
                    end
                    block:
                    end
                """);
        assertThat(block.errors()).extracting(CodeError::line).containsExactly(4, 9);
        assertThat(block.document().shape("c").orElseThrow().parentId()).contains("outer");
        assertThat(block.document().shape("b").orElseThrow().parentId()).contains("outer");

        ParseResult c4 = MermaidParser.parse("""
                C4Context
                    Boundary(outer, "Outer") {
                        System(a, "A")
                        Boundary(a, "Again") {
                            System(b, "B")
                        }
                        System(c, "C")
                    }
                """);
        assertThat(c4.errors()).extracting(CodeError::line).containsExactly(4);
        assertThat(c4.document().shape("c").orElseThrow().parentId()).contains("outer");
        assertThat(c4.document().shape("b").orElseThrow().parentId()).contains("outer");
    }

    @Test
    void theLayoutEngineLaysOutEveryDiagramOfTheseTypes() {
        List<MermaidCorpus.Sample> samples = MermaidCorpus.load("corpus")
            .stream()
            .filter(s -> s.name().matches("(c4|architecture|block)-.*"))
            .toList();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(10);
        for (MermaidCorpus.Sample sample : samples) {
            DiagramDocument parsed = doc(sample.code());
            DiagramDocument laidOut = DiagramLayout.layout(parsed);
            assertThat(DocumentValidator.validate(laidOut)).as(sample.name()).isEmpty();
            assertThat(laidOut.shapes()).as(sample.name()).hasSameSizeAs(parsed.shapes());
            assertThat(MermaidRenderer.render(laidOut)).as(sample.name()).isEqualTo(MermaidRenderer.render(parsed));
        }
    }

    @Test
    void anyDocumentRendersAsEachTypeAndParsesBack() {
        DiagramDocument drawn = doc("""
                flowchart LR
                    subgraph box [A box]
                        a[Start] --> b((Next))
                    end
                    b -.->|maybe| c{Done?}
                    c --- x-y
                """);
        for (String kind : List.of("c4", "architecture", "block")) {
            var root = Mermaid.NODES.objectNode().put("kind", kind);
            String code = MermaidRenderer.render(drawn.withUnknownField(Mermaid.EXT, root));
            ParseResult back = MermaidParser.parse(code);
            assertThat(back.errors()).as(code).isEmpty();
            assertThat(back.document().shapes()).as(code).hasSize(drawn.shapes().size());
        }
    }

}
