package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.autograph.document.code.CodeError;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.excalidraw.ExcalidrawFormat;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;
import com.autograph.document.mermaid.MermaidParser;

/**
 * Issue #13: every parser and importer refuses input over the {@link ModelLimits}, naming
 * the limit.
 */
class ModelLimitsTest {

    private static final ModelLimits TEN_SHAPES = new ModelLimits(1 << 20, 1 << 20, 10, 64, 100_000, 5);

    private static void refused(Runnable read, String limit) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e.getMessage()).endsWith("(limit " + limit + ")").doesNotContain("Exception");
        });
    }

    private static ParseResult parse(String language, String code, ModelLimits limits) {
        return DiagramLanguages.find(language).orElseThrow().parse(code, limits);
    }

    @Test
    void codeThatMakesMoreShapesThanTheLimitIsRefusedWhileParsing() {
        // One line each, fanning out: 6 × 6 = 36 connectors from 12 names.
        String six = IntStream.range(0, 6).mapToObj(i -> "a" + i).collect(Collectors.joining(" & "));
        String sixB = six.replace('a', 'b');
        refused(() -> parse("mermaid", "flowchart TD\n" + six + " --> " + sixB + "\n", TEN_SHAPES), ModelLimits.SHAPES);
        refused(() -> parse("eraser", six.replace(" &", ",") + " > " + sixB.replace(" &", ",") + "\n", TEN_SHAPES),
                ModelLimits.SHAPES);
        String uml = IntStream.range(0, 11).mapToObj(i -> "component C" + i).collect(Collectors.joining("\n"));
        refused(() -> parse("plantuml", "@startuml\n" + uml + "\n@enduml\n", TEN_SHAPES), ModelLimits.SHAPES);

        assertThat(parse("mermaid", "flowchart TD\na0 & a1 --> b0 & b1\n", TEN_SHAPES).ok()).isTrue();
    }

    @Test
    void aQuadraticFanOutWithinTheInputLimitIsStoppedAtTheShapeLimit() {
        // 2,000 names on each side would make 4,000,000 connectors; the parser stops at
        // 20,000.
        String left = IntStream.range(0, 2000).mapToObj(i -> "l" + i).collect(Collectors.joining(", "));
        String right = IntStream.range(0, 2000).mapToObj(i -> "r" + i).collect(Collectors.joining(", "));

        refused(() -> parse("eraser", left + " > " + right + "\n", ModelLimits.DEFAULTS), ModelLimits.SHAPES);
        refused(() -> parse("mermaid", "flowchart LR\n" + left.replace(",", " &") + " --> " + right.replace(",", " &"),
                ModelLimits.DEFAULTS), ModelLimits.SHAPES);
    }

    @Test
    void codeLongerThanTheInputLimitIsRefusedBeforeParsing() {
        ModelLimits small = new ModelLimits(100, 1 << 20, 10_000, 64, 100_000, 5_000);
        for (String language : List.of("mermaid", "eraser", "plantuml", "structurizr", "d2")) {
            refused(() -> parse(language, "flowchart TD\n" + "A-->B\n".repeat(20), small), ModelLimits.INPUT_CHARS);
        }
    }

    @Test
    void eraserGroupsNestedDeeperThanTheLimitAreRefusedBeforeTheStackRunsOut() {
        refused(() -> parse("eraser", groups(65), ModelLimits.DEFAULTS), ModelLimits.DEPTH);
        assertThat(parse("eraser", groups(64), ModelLimits.DEFAULTS).errors()).isEmpty();
    }

    private static String groups(int depth) {
        return IntStream.range(0, depth).mapToObj(i -> "g" + i + " {\n").collect(Collectors.joining())
                + "}\n".repeat(depth);
    }

    @Test
    void excalidrawDepthElementsAndTextAreLimited() {
        ExcalidrawFormat ten = new ExcalidrawFormat(Clock.systemUTC(), TEN_SHAPES);
        String deep = "{\"type\":\"excalidraw\",\"elements\":[],\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        refused(() -> ten.read(deep), ModelLimits.DEPTH);

        List<String> elements = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            elements.add("{\"id\":\"r" + i + "\",\"type\":\"rectangle\",\"x\":0,\"y\":0,\"width\":10,\"height\":10}");
        }
        refused(() -> ten.read("{\"type\":\"excalidraw\",\"elements\":[" + String.join(",", elements) + "]}"),
                ModelLimits.SHAPES);

        String text = "{\"type\":\"excalidraw\",\"elements\":[{\"id\":\"t\",\"type\":\"text\",\"x\":0,\"y\":0,"
                + "\"width\":10,\"height\":10,\"text\":\"" + "x".repeat(100_001) + "\"}]}";
        refused(() -> new ExcalidrawFormat().read(text), ModelLimits.TEXT_CHARS);
    }

    @Test
    void aMermaidLabelOverTheTextLimitIsRefusedByName() {
        String label = "x".repeat(100_001);
        refused(() -> parse("mermaid", "flowchart TD\nA[\"" + label + "\"] --> B\n", ModelLimits.DEFAULTS),
                ModelLimits.TEXT_CHARS);
        refused(() -> parse("mermaid", "sequenceDiagram\nparticipant " + label + "\n", ModelLimits.DEFAULTS),
                ModelLimits.TEXT_CHARS);
        ModelLimits shortText = new ModelLimits(1 << 20, 1 << 20, 10_000, 64, 5, 5_000);
        refused(() -> parse("mermaid", "flowchart TD\nA[\"123456\"]\n", shortText), ModelLimits.TEXT_CHARS);
        assertThat(parse("mermaid", "flowchart TD\nA[\"12345\"]\n", shortText).ok()).isTrue();
    }

    @Test
    void documentJsonDepthShapesTextAndLengthAreLimited() {
        String deep = "{\"schema_version\":1,\"shapes\":[],\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        refused(() -> DocumentCodec.read(deep, ModelLimits.DEFAULTS), ModelLimits.DEPTH);
        refused(() -> DocumentCodec.read(Json.parse(deep), ModelLimits.DEFAULTS), ModelLimits.DEPTH);

        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            shapes.add(Shape.rectangle("r" + i).at(0, 0).size(10, 10).build());
        }
        String eleven = DocumentCodec.write(DiagramDocument.of(shapes));
        refused(() -> DocumentCodec.read(eleven, TEN_SHAPES), ModelLimits.SHAPES);
        assertThat(DocumentCodec.read(eleven, ModelLimits.DEFAULTS).shapes()).hasSize(11);

        ModelLimits shortText = new ModelLimits(1 << 20, 1 << 20, 10_000, 64, 5, 5_000);
        String label = DocumentCodec.write(DiagramDocument.of(List.of(Shape.rectangle("r").text("123456").build())));
        refused(() -> DocumentCodec.read(label, shortText), ModelLimits.TEXT_CHARS);

        ModelLimits shortInput = new ModelLimits(100, 1 << 20, 10_000, 64, 100_000, 5_000);
        refused(() -> DocumentCodec.read(eleven, shortInput), ModelLimits.INPUT_CHARS);
    }

    @Test
    void layoutRefusesMoreNodesThanTheLimitBeforeElkRuns() {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shapes.add(Shape.rectangle("r" + i).size(10, 10).build());
        }

        refused(() -> DiagramLayout.layout(DiagramDocument.of(shapes), LayoutOptions.defaults(), TEN_SHAPES),
                ModelLimits.LAYOUT_NODES);
        assertThat(DiagramLayout.layout(DiagramDocument.of(shapes.subList(0, 5)), LayoutOptions.defaults(), TEN_SHAPES)
            .shapes()).allMatch(Shape::hasPosition);
    }

    @Test
    void jsonErrorsNameNoJavaSetting() {
        String longNumber = "{\"schema_version\":1,\"shapes\":[],\"n\":" + "1".repeat(1001) + "}";

        assertThatThrownBy(() -> DocumentCodec.read(longNumber, ModelLimits.DEFAULTS)).isInstanceOfSatisfying(
                InvalidDocumentException.class,
                e -> assertThat(e.errors().getFirst().message())
                    .isEqualTo("not valid JSON: Number value length (1001) exceeds the maximum allowed (1000)")
                    .doesNotContain("StreamReadConstraints", "`"));
        assertThatThrownBy(() -> new ExcalidrawFormat().read("{\"type\": x}"))
            .hasMessageContaining("at line 1, column 10")
            .hasMessageNotContaining("StreamReadFeature");
    }

    @Test
    void anErLabelWithAnUnclosedQuoteIsASyntaxErrorWhereTheQuoteIs() {
        // Issue #13, finding 7: this was "could not be read
        // (StringIndexOutOfBoundsException)" at 1:1.
        ParseResult result = MermaidParser.parse("erDiagram\n  A ||--o{ B : \"");

        assertThat(result.errors())
            .containsExactly(new CodeError(2, 16, "the quoted label is never closed", "end it with `\"`"));
    }

    @Test
    void noParseErrorNamesAJavaClass() {
        for (String code : List.of("erDiagram\n  A ||--o{ B : \"", "erDiagram\n  A ||--o{ B : \"x", "erDiagram\n  \"",
                "erDiagram\n  A ||--o{ \" : x")) {
            assertThat(MermaidParser.parse(code).errors()).extracting(CodeError::message)
                .noneMatch(m -> m.contains("Exception") || m.contains("Error"));
        }
    }

}
