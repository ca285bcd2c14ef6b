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

/**
 * Regressions for what Mermaid's documentation writes in state, ER, gantt and gitGraph
 * diagrams: each reads into the intended shapes, and renders back to code that reads into
 * an equal document.
 */
class MermaidSmallTypesTest {

    private static DiagramDocument roundTrip(String code) {
        ParseResult first = MermaidParser.parse(code);
        assertThat(first.errors()).as(code).isEmpty();
        assertThat(DocumentValidator.validate(first.document())).isEmpty();
        String rendered = MermaidRenderer.render(first.document());
        ParseResult second = MermaidParser.parse(rendered);
        assertThat(second.errors()).as(rendered).isEmpty();
        assertThat(second.document()).as(rendered).isEqualTo(first.document());
        return first.document();
    }

    private static Shape shape(DiagramDocument d, String id) {
        return d.shape(id).orElseThrow(() -> new AssertionError("no shape " + id + " in " + d.shapes()));
    }

    private static List<CodeError> errors(String code) {
        return MermaidParser.parse(code).errors();
    }

    // ---- erDiagram

    @Test
    void erWordCardinalitiesMeanTheSameAsCrowsFeet() {
        DiagramDocument d = roundTrip("""
                erDiagram
                    CAR 1 to zero or more NAMED-DRIVER : allows
                    PERSON many(0) optionally to 0+ NAMED-DRIVER : is
                    MANUFACTURER only one to one or many CAR : makes
                    A one or zero .- many(1) B : x
                """);

        List<Shape> rels = d.connectors();
        assertThat(rels).extracting(Shape::startArrowhead)
            .containsExactly(Arrowhead.ONE, Arrowhead.ZERO_OR_MANY, Arrowhead.ONE, Arrowhead.ZERO_OR_ONE);
        assertThat(rels).extracting(Shape::endArrowhead)
            .containsExactly(Arrowhead.ZERO_OR_MANY, Arrowhead.ZERO_OR_MANY, Arrowhead.ONE_OR_MANY,
                    Arrowhead.ONE_OR_MANY);
        // `to` identifies (solid); `optionally to` and `.-` do not (dashed)
        assertThat(rels.get(0).style().strokeStyle()).isEmpty();
        assertThat(rels.get(1).style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(rels.get(3).style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(Tree.from(rels.get(0))).isEqualTo("CAR");
        assertThat(Tree.to(rels.get(0))).isEqualTo("NAMED-DRIVER");
    }

    @Test
    void erCrowsFeetAreReadOnEitherSideWithoutSpaces() {
        Shape rel = roundTrip("erDiagram\n    id1||--||id2 : label\n    PERSON o{--|| HOUSE : has\n").connectors()
            .get(1);

        assertThat(rel.startArrowhead()).isEqualTo(Arrowhead.ZERO_OR_MANY);
        assertThat(rel.endArrowhead()).isEqualTo(Arrowhead.ONE);
    }

    @Test
    void erClassesAndStylesColourEntities() {
        DiagramDocument d = roundTrip("""
                erDiagram
                    CAR:::someclass {
                        string make
                    }
                    PERSON:::foo ||--|| CAR : owns
                    HOUSE
                    classDef someclass fill:#f96
                    classDef foo stroke:#f00
                    class HOUSE, CAR foo
                    style HOUSE fill:#bbf,stroke-width:2px
                """);

        assertThat(shape(d, "CAR").style().fillColor()).contains("#f96");
        assertThat(shape(d, "CAR").style().strokeColor()).contains("#f00");
        assertThat(shape(d, "PERSON").style().strokeColor()).contains("#f00");
        assertThat(shape(d, "HOUSE").style().fillColor()).contains("#bbf");
        assertThat(shape(d, "HOUSE").style().strokeWidth()).hasValue(2);
    }

    @Test
    void erUnicodeAndNumericNamesAndOneLineBodies() {
        DiagramDocument d = roundTrip("""
                erDiagram
                    "This ❤ Unicode" ||--o{ 42 : counts
                    42 { int value PK "the answer" string unit }
                    Straße {}
                """);

        assertThat(shape(d, "This ❤ Unicode").text()).contains("This ❤ Unicode");
        assertThat(Mermaid.ext(shape(d, "42")).get("attributes")).hasSize(2);
        assertThat(Mermaid.ext(shape(d, "42")).get("attributes").get(0).get("comment").asString())
            .isEqualTo("the answer");
        assertThat(shape(d, "Straße").type()).isEqualTo(ShapeType.RECTANGLE);
    }

    @Test
    void erBadAttributeOnAOneLineBodyIsReportedWhereItIs() {
        assertThat(errors("erDiagram\n    CAR { string make ! }\n")).containsExactly(
                new CodeError(2, 23, "an attribute is written `type name [PK|FK|UK] [\"comment\"]`", null));
    }

    // ---- stateDiagram

    @Test
    void stateDescriptionAfterAsAndChoiceInDoubleBrackets() {
        DiagramDocument d = roundTrip("""
                stateDiagram-v2
                    state "Waiting for input" as Wait: press any key
                    state Check [[choice]]
                    state Split [[fork]]
                    Wait --> Check
                """);

        assertThat(shape(d, "Wait").text()).contains("Waiting for input");
        assertThat(Mermaid.ext(shape(d, "Wait")).get("descriptions").get(0).asString()).isEqualTo("press any key");
        assertThat(shape(d, "Check").type()).isEqualTo(ShapeType.DIAMOND);
        assertThat(Mermaid.str(Mermaid.ext(shape(d, "Split")), "kind", null)).isEqualTo("fork");
    }

    @Test
    void stateBraceOnItsOwnLineOpensTheCompositeState() {
        DiagramDocument d = roundTrip("""
                stateDiagram-v2
                    state Busy
                    {
                        [*] --> Working
                    }
                """);

        assertThat(shape(d, "Busy").type()).isEqualTo(ShapeType.FRAME);
        assertThat(shape(d, "Working").parentId()).contains("Busy");
        assertThat(errors("stateDiagram-v2\n    A --> B\n    {\n")).extracting(CodeError::message)
            .containsExactly("`{` opens a composite state only right after `state Name`");
    }

    @Test
    void stateStyleAndClassListsWithSpaces() {
        DiagramDocument d = roundTrip("""
                stateDiagram
                    classDef movement font-style:italic,fill:#0f0
                    Still --> Moving
                    Moving --> Crash %% a comment at the end
                    class Moving, Crash movement
                    style Still fill:#f9f,stroke:#333
                """);

        assertThat(shape(d, "Moving").style().fillColor()).contains("#0f0");
        assertThat(shape(d, "Crash").style().fillColor()).contains("#0f0");
        assertThat(shape(d, "Still").style().fillColor()).contains("#f9f");
        assertThat(shape(d, "Still").style().strokeColor()).contains("#333");
        assertThat(d.shapes()).noneMatch(s -> s.id().contains("%"));
    }

    @Test
    void stateNotesKeepTheirLineBreaks() {
        DiagramDocument d = roundTrip("""
                stateDiagram-v2
                    A --> B
                    note right of A : one<br>two<br/><br/>four
                    note left of B
                        block<br>line
                        last  %% not a comment here
                    end note
                """);

        List<Shape> notes = d.shapes().stream().filter(s -> s.type() == ShapeType.STICKY_NOTE).toList();
        assertThat(notes.get(0).text()).contains("one\ntwo\n\nfour");
        assertThat(notes.get(1).text()).contains("block\nline\nlast  %% not a comment here");
    }

    // ---- gantt

    @Test
    void ganttVertMarkersAndIdsWithDots() {
        DiagramDocument d = roundTrip("""
                gantt
                    dateFormat HH:mm
                    Initial vert : vert, v1, 17:30, 2m
                    Task A : a.1, 17:30, 3m
                    Task B : after a.1, 8m
                """);

        Shape vert = shape(d, "v1");
        assertThat(Mermaid.ext(vert).get("tags").get(0).asString()).isEqualTo("vert");
        assertThat(vert.width()).isLessThan(10);
        assertThat(d.connectors()).singleElement().satisfies(dep -> assertThat(Tree.from(dep)).isEqualTo("a.1"));
    }

    // ---- gitGraph

    @Test
    void gitQuotedBranchNamesLoseTheirQuotes() {
        DiagramDocument d = roundTrip("""
                gitGraph
                    commit
                    branch "b2-sub"
                    commit
                    checkout "main"
                    merge "b2-sub"
                    branch "release 1"
                """);

        assertThat(shape(d, "branch:b2-sub").text()).contains("b2-sub");
        assertThat(shape(d, "branch:release 1").text()).contains("release 1");
        assertThat(d.shapes()).noneMatch(s -> s.id().contains("\""));
        assertThat(errors("gitGraph\n    branch \"open\n")).extracting(CodeError::message)
            .containsExactly("the quoted branch name is never closed");
    }

    @Test
    void gitMainBranchNameAndOrderComeFromFrontMatter() {
        DiagramDocument d = roundTrip("""
                ---
                config:
                  gitGraph:
                    mainBranchName: 'MetroLine1'
                    mainBranchOrder: 2
                ---
                gitGraph
                    commit id:"NewYork"
                    branch MetroLine2 order: 1
                    commit id:"Dallas"
                    checkout MetroLine1
                    merge MetroLine2
                """);

        assertThat(shape(d, "branch:MetroLine1").text()).contains("MetroLine1");
        assertThat(d.shape("branch:main")).isEmpty();
        assertThat(shape(d, "NewYork").parentId()).contains("branch:MetroLine1");
        // order 2 puts the main lane below the branch of order 1
        assertThat(shape(d, "NewYork").y()).isGreaterThan(shape(d, "Dallas").y());
    }

    @Test
    void gitMainBranchNameFromAnInitDirective() {
        DiagramDocument d = roundTrip("""
                %%{init: { 'gitGraph': {'mainBranchName': 'trunk'} } }%%
                gitGraph
                    commit
                    checkout trunk
                """);

        assertThat(shape(d, "branch:trunk").text()).contains("trunk");
    }

    @Test
    void gitCommitIdsMayBeReusedAsInMermaid() {
        DiagramDocument d = roundTrip("""
                gitGraph
                    commit id:"Boston"
                    commit id:"Dallas"
                    commit id:"Boston"
                    branch b
                    cherry-pick id:"Boston"
                """);

        List<Shape> bostons = d.shapes().stream().filter(s -> s.text().orElse("").equals("Boston")).toList();
        assertThat(bostons).hasSize(2);
        // a reference means the later commit, as in Mermaid
        Shape picked = d.shapes().stream().filter(s -> Mermaid.ext(s).has("cherry_pick")).findFirst().orElseThrow();
        assertThat(Mermaid.str(Mermaid.ext(picked), "cherry_pick", null)).isEqualTo("Boston");
    }

}
