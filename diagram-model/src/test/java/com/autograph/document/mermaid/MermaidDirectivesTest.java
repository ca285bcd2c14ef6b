package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.autograph.document.DiagramDocument;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

/**
 * What comes before the diagram (front matter and {@code %%{init}%%} directives, over
 * several lines) and the one message for Mermaid types that are not read.
 */
class MermaidDirectivesTest {

    @Test
    void aDirectiveMaySpanSeveralLinesAndIsKeptAsWritten() {
        String directive = """
                %%{
                  init: {
                    'theme': 'forest',
                    "flowchart": { curve: 'basis', },
                  }
                }%%""";
        ParseResult r = MermaidParser.parse(directive + "\nflowchart LR\n    A --> B\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.document().shapes()).hasSize(3);
        assertThat(Mermaid.ext(r.document()).get("init").get(0).asString()).isEqualTo(directive);
        String rendered = MermaidRenderer.render(r.document());
        assertThat(rendered).startsWith(directive + "\n");
        assertThat(MermaidParser.parse(rendered).document()).isEqualTo(r.document());
    }

    @Test
    void theDirectivesSettingsReachTheDiagramParser() {
        ParseResult r = MermaidParser.parse("""
                ---
                config:
                  theme: base
                  gitGraph:
                    mainBranchName: from-front-matter
                    showBranches: false
                ---
                %%{init: {'gitGraph': {'mainBranchName': 'from-directive'}}}%%
                %%{init:
                  {'gitGraph': {'rotateCommitLabel': true}}
                }%%
                gitGraph
                    commit
                """);

        assertThat(r.errors()).isEmpty();
        // the later directive wins over front matter; unrelated settings are merged
        assertThat(r.document().shape("branch:from-directive")).isPresent();
    }

    @Test
    void aConfigSectionIsReadFromTheMergedSettings() {
        GitGraphParser parser = new GitGraphParser();
        List<CodeError> errors = new java.util.ArrayList<>();
        MermaidConfig.fromFrontMatter("config:\n  gitGraph:\n    mainBranchOrder: 3\n    showBranches: false", 2,
                parser.config, errors);
        MermaidConfig.fromDirective("%%{init: {gitGraph: {showBranches: true}}}%%", parser.config);

        assertThat(errors).isEmpty();
        assertThat(parser.setting("gitGraph", "mainBranchOrder")).isEqualTo("3");
        assertThat(parser.setting("gitGraph", "showBranches")).isEqualTo("true");
        assertThat(parser.setting("gitGraph", "missing")).isNull();
        assertThat(parser.setting("nothing", "mainBranchOrder")).isNull();
    }

    @Test
    void anUnclosedDirectiveIsReportedWhereItOpens() {
        assertThat(MermaidParser.parse("flowchart LR\n    A --> B\n  %%{init: {\n    'theme': 'dark'\n").errors())
            .containsExactly(new CodeError(3, 3, "this directive is never closed", "end it with `}%%`"));
    }

    @Test
    void invalidFrontMatterIsReportedAtItsLine() {
        List<CodeError> errors = MermaidParser.parse("---\nconfig:\n  theme: [dark\n---\nflowchart LR\n    A\n")
            .errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith("the front matter is not valid YAML");
            assertThat(e.line()).isBetween(3, 4);
        });
    }

    @Test
    void frontMatterOverItsLimitsIsReportedNotRead() {
        String deep = "config:\n  x: " + "[".repeat(5_000) + "]".repeat(5_000);
        String longOne = "config:\n  gitGraph:\n    mainBranchName: '"
                + "a".repeat(MermaidConfig.MAX_FRONT_MATTER_CHARS) + "'";

        ParseResult nested = MermaidParser.parse("---\n" + deep + "\n---\ngitGraph\n    commit\n");
        ParseResult large = MermaidParser.parse("---\n" + longOne + "\n---\ngitGraph\n    commit\n");

        assertThat(nested.errors()).extracting(CodeError::message)
            .containsExactly("the front matter nests deeper than 32 levels");
        assertThat(large.errors()).extracting(CodeError::message)
            .containsExactly("the front matter is longer than 65536 characters, so it is not read");
        // the diagram is still read, with the default main branch
        assertThat(large.document().shape("branch:main")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = { "zenuml", "wardley-beta", "eventmodeling", "venn-beta", "ishikawa-beta", "treeView-beta" })
    void everyOtherMermaidTypeGetsOneMessageNamingIt(String keyword) {
        List<CodeError> errors = MermaidParser.parse(keyword + "\n    a\n").errors();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("`" + keyword + "` diagrams are not supported (yet)");
            assertThat(e.suggestion()).startsWith("supported: flowchart, ").contains("sequenceDiagram", "gitGraph");
        });
    }

    /** The chart keywords the parser does not draw as shapes. */
    static java.util.stream.Stream<String> refusedCharts() {
        return java.util.stream.Stream
            .of("pie", "quadrantChart", "xychart", "xychart-beta", "sankey", "sankey-beta", "radar-beta", "treemap",
                    "treemap-beta")
            .filter(keyword -> !MermaidParser.keywords().contains(keyword));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("refusedCharts")
    void chartsAreRefusedAsCharts(String keyword) {
        ParseResult r = MermaidParser.parse(keyword + "\n    a\n");

        assertThat(r.document().shapes()).isEmpty();
        assertThat(r.errors()).singleElement()
            .satisfies(e -> assertThat(e.message()).startsWith("`" + keyword + "` is a chart, not a diagram"));
    }

    @Test
    void typosStillGetADidYouMean() {
        assertThat(MermaidParser.parse("sequenceDiagrm\n").errors()).singleElement()
            .satisfies(e -> assertThat(e.suggestion()).isEqualTo("did you mean `sequenceDiagram`?"));
        assertThat(MermaidParser.parse("nonsense\n").errors()).singleElement()
            .satisfies(e -> assertThat(e.message()).isEqualTo("unknown diagram type `nonsense`"));
    }

    @Test
    void aFrontMatterWithoutConfigChangesNothing() {
        DiagramDocument d = MermaidParser.parse("---\ntitle: Orders\n---\ngitGraph\n    commit\n").document();

        assertThat(d.shape("branch:main")).isPresent();
    }

}
