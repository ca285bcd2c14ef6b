package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.autograph.document.DocumentCodec;
import com.autograph.document.DocumentValidator;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

/**
 * Golden tests: every diagram of the corpus parses without errors into a valid document,
 * and parse → render → parse gives an equal document; every bad diagram gives the
 * expected error at the expected line and column.
 */
class MermaidCorpusTest {

    private static final Pattern EXPECT = Pattern.compile("%% expect (\\d+):(\\d+) (.+)");

    static List<MermaidCorpus.Sample> corpus() {
        return MermaidCorpus.load("corpus");
    }

    static List<MermaidCorpus.Sample> bad() {
        return MermaidCorpus.load("bad");
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void parsesWithoutErrorsIntoAValidDocument(MermaidCorpus.Sample sample) {
        ParseResult result = MermaidParser.parse(sample.code());

        assertThat(result.errors()).isEmpty();
        assertThat(result.document().shapes()).isNotEmpty();
        assertThat(DocumentValidator.validate(result.document())).isEmpty();
        // survives the JSON codec unchanged, extension fields included
        assertThat(DocumentCodec.read(DocumentCodec.write(result.document()))).isEqualTo(result.document());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void parseRenderParseGivesAnEqualDocument(MermaidCorpus.Sample sample) {
        ParseResult first = MermaidParser.parse(sample.code());
        String rendered = MermaidRenderer.render(first.document());
        ParseResult second = MermaidParser.parse(rendered);

        assertThat(second.errors()).as(rendered).isEmpty();
        assertThat(DocumentCodec.writePretty(second.document())).as(rendered)
            .isEqualTo(DocumentCodec.writePretty(first.document()));
        assertThat(second.document()).isEqualTo(first.document());
        assertThat(MermaidRenderer.render(second.document())).isEqualTo(rendered);
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badDiagramsGiveTheRightLineAndColumn(MermaidCorpus.Sample sample) {
        Matcher m = EXPECT.matcher(sample.code());
        assertThat(m.find()).as("%% expect line:column text in " + sample.name()).isTrue();
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        String fragment = m.group(3).strip().toLowerCase(Locale.ROOT);

        List<CodeError> errors = MermaidParser.parse(sample.code()).errors();

        assertThat(errors).as(sample.name()).anySatisfy(e -> {
            assertThat(e.line() + ":" + e.column()).isEqualTo(line + ":" + column);
            assertThat(e.toString().toLowerCase(Locale.ROOT)).contains(fragment);
        });
    }

    @Test
    void theCorpusCoversEveryDiagramType() {
        List<String> kinds = corpus().stream()
            .map(s -> Mermaid.str(Mermaid.ext(MermaidParser.parse(s.code()).document()), "kind", "?"))
            .distinct()
            .sorted()
            .toList();

        assertThat(kinds).containsAll(MermaidParser.kinds());
    }

}
