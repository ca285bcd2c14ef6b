package com.autograph.document.formats.d2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.DocumentValidator;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;

/**
 * D2 import: golden files parse into valid documents that survive the codec, render back
 * to code that parses to the same document, and lay out; bad files give their error at
 * the line and column their first line names.
 */
class D2LanguageTest {

    private static final Pattern EXPECT = Pattern.compile("# expect (\\d+):(\\d+) (.+)");

    private final D2Language d2 = new D2Language();

    record Sample(String name, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sample> golden() {
        return load("/formats/d2");
    }

    static List<Sample> bad() {
        return load("/formats/d2/bad");
    }

    private static List<Sample> load(String folder) {
        try (Stream<Path> files = Files.list(Path.of(D2LanguageTest.class.getResource(folder).toURI()))) {
            return files.filter(p -> p.toString().endsWith(".d2")).sorted().map(p -> {
                try {
                    return new Sample(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private DiagramDocument parseOk(String code) {
        ParseResult r = d2.parse(code);
        assertThat(r.errors()).as(code).isEmpty();
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
        return r.document();
    }

    @ParameterizedTest
    @MethodSource("golden")
    void goldenFilesParseIntoValidDocumentsThatSurviveTheCodec(Sample sample) {
        DiagramDocument doc = parseOk(sample.code());

        assertThat(doc.shapes()).isNotEmpty();
        assertThat(DocumentCodec.read(DocumentCodec.write(doc))).isEqualTo(doc);
    }

    @ParameterizedTest
    @MethodSource("golden")
    void goldenFilesRenderBackToCodeThatParsesToTheSameDocument(Sample sample) {
        DiagramDocument doc = parseOk(sample.code());
        String rendered = d2.render(doc);
        ParseResult again = d2.parse(rendered);

        assertThat(again.errors()).as(rendered).isEmpty();
        assertThat(DocumentCodec.writePretty(again.document())).as(rendered).isEqualTo(DocumentCodec.writePretty(doc));
        assertThat(d2.render(again.document())).isEqualTo(rendered);
    }

    @ParameterizedTest
    @MethodSource("golden")
    void goldenFilesLayOutInTheirDirection(Sample sample) {
        DiagramDocument placed = D2Language.layout(parseOk(sample.code()), ModelLimits.DEFAULTS);

        assertThat(DocumentValidator.validate(placed)).isEmpty();
        assertThat(placed.shapes()).filteredOn(s -> !s.type().isConnector()).allMatch(Shape::hasPosition);
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badFilesGiveTheirErrorAtTheRightLineAndColumn(Sample sample) {
        Matcher m = EXPECT.matcher(sample.code());
        assertThat(m.find()).as("# expect line:column text in " + sample.name()).isTrue();
        String where = m.group(1) + ":" + m.group(2);
        String fragment = m.group(3).strip().toLowerCase(Locale.ROOT);

        List<CodeError> errors = d2.parse(sample.code()).errors();

        assertThat(errors).as(sample.name()).anySatisfy(e -> {
            assertThat(e.line() + ":" + e.column()).isEqualTo(where);
            assertThat(e.toString().toLowerCase(Locale.ROOT)).contains(fragment);
        });
    }

    @Test
    void theArchitectureFileKeepsShapesContainersConnectionsAndStyles() {
        DiagramDocument doc = parseOk(Resource.read("d2/architecture.d2"));

        assertThat(doc.unknownFields().get("d2").path("direction").asString()).isEqualTo("right");
        Shape users = doc.shape("users").orElseThrow();
        assertThat(users.text()).contains("Shoppers");
        assertThat(users.icon()).contains("https://icons.terrastruct.com/essentials/359-users.svg");
        Shape aws = doc.shape("aws").orElseThrow();
        assertThat(aws.type()).isEqualTo(ShapeType.FRAME);
        assertThat(aws.style().fillColor()).contains("#f7f7f7");
        assertThat(aws.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(doc.children("aws")).extracting(Shape::id)
            .containsExactly("aws.lb", "aws.api", "aws.db", "aws.queue");
        Shape api = doc.shape("aws.api").orElseThrow();
        assertThat(api.icon()).contains("aws-lambda");
        assertThat(api.style().fillColor()).contains("#ffe8cc");
        assertThat(api.style().strokeColor()).contains("#ffa500");
        assertThat(api.style().strokeWidth()).hasValue(2);
        assertThat(api.style().fontWeight()).hasValue(700);
        assertThat(doc.shape("aws.db").orElseThrow().unknownFields().get("d2").path("shape").asString())
            .isEqualTo("cylinder");
        assertThat(doc.shape("mail.sender").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(doc.shape("mail").orElseThrow().type()).isEqualTo(ShapeType.FRAME);

        assertThat(doc.shape("(aws.lb -> aws.api)[0]").orElseThrow().text()).contains("HTTPS");
        assertThat(doc.shape("(aws.api -> aws.queue)[0]").orElseThrow().style().strokeStyle())
            .contains(StrokeStyle.DASHED);
        assertThat(doc.shape("(users -> aws.lb)[0]").orElseThrow().text()).contains("browses");
        // a chain makes one connection per hop, each with the label
        assertThat(doc.shape("(aws.queue -> mail.sender)[0]").orElseThrow().text()).contains("receipt");
        assertThat(doc.shape("(mail.sender -> users)[0]").orElseThrow().text()).contains("receipt");
        Shape both = doc.shape("(aws.db <-> backup)[0]").orElseThrow();
        assertThat(both.startArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(both.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        Shape back = doc.shape("(aws.api <- cron)[0]").orElseThrow();
        assertThat(back.startArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(back.endArrowhead()).isEqualTo(Arrowhead.NONE);
        Shape plain = doc.shape("(cron -- ops team)[0]").orElseThrow();
        assertThat(plain.type()).isEqualTo(ShapeType.LINE);
        assertThat(doc.shape("ops team").orElseThrow().text()).contains("Ops team");
    }

    @Test
    void keysAreCaseInsensitiveAndRepeatedConnectionsAreNumbered() {
        DiagramDocument doc = parseOk("API -> api\na -> b\na -> b: again\n");

        assertThat(doc.shape("api").orElseThrow().text()).contains("API");
        assertThat(doc.shape("(api -> api)[0]")).isPresent();
        assertThat(doc.shape("(a -> b)[1]").orElseThrow().text()).contains("again");
    }

    @Test
    void nestedKeysAndBlocksMakeTheSameContainers() {
        DiagramDocument dotted = parseOk("a.b.c\n");
        DiagramDocument blocks = parseOk("a: {\n  b: {\n    c\n  }\n}\n");

        assertThat(blocks).isEqualTo(dotted);
        assertThat(dotted.shape("a.b.c").orElseThrow().parentId()).contains("a.b");
        assertThat(dotted.shape("a.b").orElseThrow().parentId()).contains("a");
    }

    @Test
    void aDocumentDrawnElsewhereRendersAsD2ThatReadsBack() {
        DiagramDocument drawn = DiagramDocument.of(List.of(Shape.frame("net.work", "Network").build(),
                Shape.ellipse("user").text("User").parentId("net.work").build(),
                Shape.rectangle("db").text("DB;main").build(), Shape.arrow("e1", "user", "db").text("reads").build()));

        String code = d2.render(drawn);
        DiagramDocument back = parseOk(code);

        assertThat(code).contains("net_work: Network {", "shape: oval", "db: \"DB;main\"",
                "net_work.user -> db: reads");
        assertThat(back.shape("net_work.user").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(back.shape("db").orElseThrow().text()).contains("DB;main");
    }

    @Test
    void everyErrorIsReportedAndReadingGoesOn() {
        ParseResult r = d2.parse("a -> \nb.shape: blob\nc -> d\n");

        assertThat(r.errors()).extracting(e -> e.line() + ":" + e.column()).containsExactly("1:6", "2:10");
        assertThat(r.document().shape("(c -> d)[0]")).isPresent();
    }

    @Test
    void isFoundByItsId() {
        assertThat(DiagramLanguages.find("d2")).get().isInstanceOf(D2Language.class);
    }

    @Test
    void blocksNestedDeeperThanTheLimitAreRefusedBeforeTheStackRunsOut() {
        assertThatThrownBy(() -> d2.parse(blocks(65))).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("nests deeper than 64 levels");
        String dotted = IntStream.range(0, 65).mapToObj(i -> "k").collect(Collectors.joining("."));
        assertThatThrownBy(() -> d2.parse(dotted)).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("key path nests deeper than 64 levels");
        assertThat(d2.parse(blocks(40)).errors()).isEmpty();
    }

    private static String blocks(int depth) {
        return "k: {\n".repeat(depth) + "leaf\n" + "}\n".repeat(depth);
    }

    @Test
    void moreShapesThanTheLimitAreRefusedWhileParsing() {
        ModelLimits ten = new ModelLimits(1 << 20, 1 << 20, 10, 64, 1000, 100);
        String chain = IntStream.range(0, 6).mapToObj(i -> "n" + i).collect(Collectors.joining(" -> "));

        assertThatThrownBy(() -> d2.parse(chain, ten)).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("10 shapes");
        ModelLimits shortInput = new ModelLimits(10, 1 << 20, 10, 64, 1000, 100);
        assertThatThrownBy(() -> d2.parse(chain, shortInput)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void emptyAndCommentOnlyCodeIsAnEmptyDocument() {
        assertThat(parseOk("").shapes()).isEmpty();
        assertThat(parseOk("# nothing\n\n;;\n").shapes()).isEmpty();
    }

    /** The golden files, by path under {@code /formats/}. */
    static final class Resource {

        static String read(String path) {
            try (var in = D2LanguageTest.class.getResourceAsStream("/formats/" + path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

    }

}
