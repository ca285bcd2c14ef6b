package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

import tools.jackson.databind.JsonNode;

/**
 * The sequence and class diagram syntax of Mermaid's documentation beyond the basics:
 * participant settings, half arrows, central connections, menus, created participants;
 * two-way relations, lollipops, backtick names, click actions, multi-line notes and
 * titled namespaces. Each document must survive render → parse unchanged.
 */
class SequenceAndClassSyntaxTest {

    /** Parses without errors into a valid document that renders back to itself. */
    private static DiagramDocument roundTrip(String code) {
        ParseResult first = MermaidParser.parse(code);
        assertThat(first.errors()).as(code).isEmpty();
        assertThat(DocumentValidator.validate(first.document())).isEmpty();
        String rendered = MermaidRenderer.render(first.document());
        ParseResult second = MermaidParser.parse(rendered);
        assertThat(second.errors()).as(rendered).isEmpty();
        assertThat(second.document()).as(rendered).isEqualTo(first.document());
        assertThat(MermaidRenderer.render(second.document())).isEqualTo(rendered);
        return first.document();
    }

    private static JsonNode statement(DiagramDocument d, int index) {
        return Mermaid.ext(d).get("statements").get(index);
    }

    // ---- sequenceDiagram
    // ---------------------------------------------------------------

    @Test
    void participantSettingsWrittenWithoutSpacesAreNotPartOfTheName() {
        DiagramDocument d = roundTrip("sequenceDiagram\n    participant C@{\"type\":\"boundary\"}\n    C->>D: hi\n");

        assertThat(d.shapes()).extracting(Shape::id).containsExactly("C", "D", "msg:1");
        Shape c = d.shape("C").orElseThrow();
        assertThat(c.text()).contains("C");
        assertThat(Mermaid.ext(c).get("config").get("type").asString()).isEqualTo("boundary");
        assertThat(MermaidRenderer.render(d)).contains("participant C@{ \"type\": \"boundary\" }\n");
    }

    @Test
    void participantSettingsGiveTypeAndAliasAndAsWins() {
        DiagramDocument d = roundTrip("""
                sequenceDiagram
                    participant API@{ "type": "boundary", "alias": "Public API" }
                    participant DB@{ 'type': database, "alias": "Internal DB" } as External DB
                    participant U@{ "type" : "actor" }
                    actor Bob@{ "type": "queue" } as Bob's queue
                    API->>DB: query
                """);

        assertThat(d.shape("API").orElseThrow().text()).contains("Public API");
        assertThat(d.shape("DB").orElseThrow().text()).contains("External DB");
        assertThat(Mermaid.ext(d.shape("DB").orElseThrow()).get("config").get("alias").asString())
            .isEqualTo("Internal DB");
        assertThat(d.shape("U").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
        Shape bob = d.shape("Bob").orElseThrow();
        assertThat(bob.type()).as("the settings' type wins over the keyword").isEqualTo(ShapeType.RECTANGLE);
        assertThat(Mermaid.ext(bob).get("kind").asString()).isEqualTo("actor");
    }

    @Test
    void centralConnectionMarkersAreNotPartOfTheNames() {
        DiagramDocument d = roundTrip("sequenceDiagram\n    Alice ()->>() Bob: hi\n    Alice()->>Bob: a\n"
                + "    Alice->>()Bob: b\n    Bob-->>+()Alice: c\n");

        assertThat(d.shapes().stream().filter(s -> !s.type().isConnector()).map(Shape::id)).containsExactly("Alice",
                "Bob");
        assertThat(d.connectors()).extracting(m -> Mermaid.str(Mermaid.ext(m), "central", null))
            .containsExactly("both", "start", "end", "end");
        assertThat(Mermaid.ext(d.connectors().get(3)).get("activation").asString()).isEqualTo("+");
        assertThat(MermaidRenderer.render(d)).contains("    Alice()->>()Bob: hi\n", "    Bob-->>+()Alice: c\n");
    }

    @Test
    void everyArrowKeepsItsTokenDashAndHeads() {
        record Expect(String arrow, boolean dashed, Arrowhead start, Arrowhead end) {
        }
        List<Expect> expected = List.of(new Expect("->>", false, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("-->", true, Arrowhead.NONE, Arrowhead.NONE),
                new Expect("--x", true, Arrowhead.NONE, Arrowhead.BAR),
                new Expect("-)", false, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("<<-->>", true, Arrowhead.ARROW, Arrowhead.ARROW),
                new Expect("-|\\", false, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("-|/", false, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("-\\\\", false, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("-//", false, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("--|\\", true, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("--//", true, Arrowhead.NONE, Arrowhead.ARROW),
                new Expect("/|-", false, Arrowhead.ARROW, Arrowhead.NONE),
                new Expect("\\|-", false, Arrowhead.ARROW, Arrowhead.NONE),
                new Expect("//-", false, Arrowhead.ARROW, Arrowhead.NONE),
                new Expect("\\\\-", false, Arrowhead.ARROW, Arrowhead.NONE),
                new Expect("/|--", true, Arrowhead.ARROW, Arrowhead.NONE),
                new Expect("\\\\--", true, Arrowhead.ARROW, Arrowhead.NONE));
        assertThat(SequenceParser.ARROWS).containsAll(expected.stream().map(Expect::arrow).toList());
        for (String arrow : SequenceParser.ARROWS) {
            Shape m = roundTrip("sequenceDiagram\n    Alice" + arrow + "Bob: hi\n").connectors().getFirst();
            assertThat(Mermaid.ext(m).get("arrow").asString()).as(arrow).isEqualTo(arrow);
            assertThat(Tree.from(m) + " " + Tree.to(m)).as(arrow).isEqualTo("Alice Bob");
        }
        for (Expect e : expected) {
            Shape m = roundTrip("sequenceDiagram\n    A " + e.arrow() + " B: x\n").connectors().getFirst();
            assertThat(m.style().strokeStyle().orElse(StrokeStyle.SOLID) == StrokeStyle.DASHED).as(e.arrow())
                .isEqualTo(e.dashed());
            assertThat(m.startArrowhead()).as(e.arrow()).isEqualTo(e.start());
            assertThat(m.endArrowhead()).as(e.arrow()).isEqualTo(e.end());
        }
    }

    @Test
    void menusAreKeptAsDataInTheirPlace() {
        DiagramDocument d = roundTrip("""
                sequenceDiagram
                    participant Alice
                    link Alice: Dashboard @ https://dashboard.example.org/alice
                    Alice->>John: hi
                    links John: {"Wiki": "https://wiki.example.org/john"}
                    properties John: {"class": "internal", "weight": 2}
                    details John: john-details
                """);

        assertThat(statement(d, 0).get("op").asString()).isEqualTo("link");
        assertThat(statement(d, 0).get("label").asString()).isEqualTo("Dashboard");
        assertThat(statement(d, 0).get("url").asString()).isEqualTo("https://dashboard.example.org/alice");
        assertThat(statement(d, 2).get("links").get("Wiki").asString()).isEqualTo("https://wiki.example.org/john");
        assertThat(statement(d, 3).get("properties").get("weight").asInt()).isEqualTo(2);
        assertThat(statement(d, 4).get("id").asString()).isEqualTo("john-details");
    }

    @Test
    void participantsMentionedAfterACreatedOneKeepTheirOrder() {
        DiagramDocument d = roundTrip("""
                sequenceDiagram
                    Alice->>Bob: Hello
                    create participant Carl
                    Alice->>Carl: Hi Carl!
                    Carl->>Dave: Hi Dave
                    destroy Carl
                    Carl-xAlice: bye
                """);

        assertThat(d.shapes().stream().filter(s -> !s.type().isConnector()).map(Shape::id)).containsExactly("Alice",
                "Bob", "Carl", "Dave");
    }

    @Test
    void boxesTakeAnyCssColourFirst() {
        DiagramDocument d = roundTrip("""
                sequenceDiagram
                    box Aqua Edge services
                        participant A
                    end
                    box hsl(120, 50%, 50%)
                        participant B
                    end
                    box Another group
                        participant C
                    end
                    A->>B: hi
                """);

        assertThat(d.shape("box:1").orElseThrow().text()).contains("Edge services");
        assertThat(Mermaid.ext(d.shape("box:1").orElseThrow()).get("color").asString()).isEqualTo("Aqua");
        assertThat(Mermaid.ext(d.shape("box:2").orElseThrow()).get("color").asString()).isEqualTo("hsl(120, 50%, 50%)");
        assertThat(d.shape("box:3").orElseThrow().text()).contains("Another group");
    }

    @Test
    void badSequenceCodeIsNamedWhereItIs() {
        assertThat(MermaidParser.parse("sequenceDiagram\n    participant A@{ \"type\": \"boundry\" }\n").errors())
            .containsExactly(new CodeError(2, 30, "unknown participant type `boundry`", "did you mean `boundary`?"));
        assertThat(MermaidParser.parse("sequenceDiagram\n    A->>B->>C: x\n").errors()).singleElement()
            .satisfies(e -> assertThat(e.column()).isEqualTo(10));
        assertThat(MermaidParser.parse("sequenceDiagram\n    Alice->>: hi\n").errors()).singleElement()
            .satisfies(e -> assertThat(e.message()).isEqualTo("a message needs a receiver after its arrow"));
        assertThat(MermaidParser.parse("sequenceDiagram\n    link Alice: no at sign\n").errors()).singleElement()
            .satisfies(e -> assertThat(e.message()).isEqualTo("a link is written `Label @ url`"));
        assertThat(MermaidParser.parse("sequenceDiagram\n    box Blue\n    create participant X\n    end\n").errors())
            .singleElement()
            .satisfies(e -> assertThat(e.line() + ":" + e.message()).isEqualTo("3:`create` can't be inside a `box`"));
        assertThat(MermaidParser.parse("sequenceDiagram\n    A->>D: hi\n    create participant D\n").errors())
            .containsExactly(new CodeError(3, 24, "`D` is already in the diagram; `create` must be its first mention",
                    "move this line above the first line that uses `D`"));
    }

    // ---- classDiagram
    // ------------------------------------------------------------------

    @Test
    void aTitledNamespaceIsTitledWithoutItsBrackets() {
        DiagramDocument d = roundTrip("""
                classDiagram
                    namespace Auth["Authentication Service"] {
                        class UserService
                    }
                """);

        Shape frame = d.shape("namespace:Auth").orElseThrow();
        assertThat(frame.text()).contains("Authentication Service");
        assertThat(d.shape("UserService").orElseThrow().parentId()).contains("namespace:Auth");
        assertThat(MermaidRenderer.render(d)).contains("namespace Auth[\"Authentication Service\"] {");
    }

    @Test
    void twoWayRelationsAndLollipopsHaveHeadsAtBothEnds() {
        DiagramDocument d = roundTrip("""
                classDiagram
                    Animal <|--|> Zebra
                    Car <--> Zebra
                    Zebra *..o Car
                    bar ()-- foo
                    foo --() baz
                """);

        List<Shape> r = d.connectors();
        assertThat(r).extracting(s -> s.startArrowhead() + "/" + s.endArrowhead())
            .containsExactly("TRIANGLE/TRIANGLE", "ARROW/ARROW", "DIAMOND/DIAMOND", "CIRCLE/NONE", "NONE/CIRCLE");
        assertThat(r).extracting(s -> Mermaid.str(Mermaid.ext(s), "relation", null))
            .containsExactly("<|--|>", "<-->", "*..o", "()--", "--()");
        assertThat(r.get(2).style().strokeStyle()).contains(StrokeStyle.DASHED);
    }

    @Test
    void backtickNamesAreClassIdsWithoutTheBackticks() {
        DiagramDocument d = roundTrip("""
                classDiagram
                    class `Animal Class!`
                    `Animal Class!` --> `Car Class`
                    `Car Class` : +drive()
                    note for `Car Class` "fast"
                """);

        assertThat(d.shape("Animal Class!")).isPresent();
        assertThat(d.connectors().getFirst().end().flatMap(e -> e.shapeId())).contains("Car Class");
        assertThat(MermaidRenderer.render(d)).contains("`Animal Class!` --> `Car Class`");
    }

    @Test
    void anAnnotationMayFollowTheClassName() {
        DiagramDocument d = roundTrip("classDiagram\n  class Shape <<interface>>\n  class List~T~ <<collection>>\n");

        assertThat(Mermaid.ext(d.shape("Shape").orElseThrow()).get("annotation").asString()).isEqualTo("interface");
        assertThat(Mermaid.ext(d.shape("List").orElseThrow()).get("generic").asString()).isEqualTo("T");
    }

    @Test
    void linksAndCallbacksAreKeptAsData() {
        DiagramDocument d = roundTrip("""
                classDiagram
                    class Shape
                    link Shape "https://example.org" "A tooltip" _blank
                    callback Shape2 "onShape" "Another tooltip"
                    click Shape3 call onShape3(1, 2)
                    click Shape4 href "https://example.org/4"
                """);

        JsonNode link = Mermaid.ext(d.shape("Shape").orElseThrow()).get("link");
        assertThat(link.get("href").asString()).isEqualTo("https://example.org");
        assertThat(link.get("tooltip").asString()).isEqualTo("A tooltip");
        assertThat(link.get("target").asString()).isEqualTo("_blank");
        assertThat(Mermaid.ext(d.shape("Shape2").orElseThrow()).get("callback").get("function").asString())
            .isEqualTo("onShape");
        assertThat(Mermaid.ext(d.shape("Shape3").orElseThrow()).get("callback").get("args").asString())
            .isEqualTo("1, 2");
        assertThat(Mermaid.ext(d.shape("Shape4").orElseThrow()).get("link").get("href").asString())
            .isEqualTo("https://example.org/4");
    }

    @Test
    void aNoteMayGoOnOverSeveralLines() {
        DiagramDocument d = roundTrip(
                "classDiagram\n    class Duck\n    note for Duck \"can fly\n    can swim\"\n" + "    Duck --> Pond\n");

        assertThat(d.shape("note:1").orElseThrow().text()).contains("can fly\ncan swim");
        assertThat(d.shape("Pond")).isPresent();
        assertThat(MermaidParser.parse("classDiagram\n    note \"never\n    closed\n").errors())
            .containsExactly(new CodeError(2, 5, "the text of this note is never closed", "end it with `\"`"));
    }

}
