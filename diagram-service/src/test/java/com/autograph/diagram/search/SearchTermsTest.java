package com.autograph.diagram.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL pieces a query's terms become, and the highlights they drive. */
class SearchTermsTest {

    private final SearchTerms terms = new SearchTerms(List.of(
            new SearchTerms.Term("kubernets",
                    List.of(new SearchTerms.Variant("kubernets", 1.0), new SearchTerms.Variant("kubernetes", 0.7),
                            new SearchTerms.Variant("kubernetes2", 0.7))),
            new SearchTerms.Term("o'neil\\x", List.of(new SearchTerms.Variant("o'neil\\x", 1.0)))));

    @Test
    void everyWordMustMatchThroughAnyOfItsVariantsQuotedAsLexemes() {
        assertThat(terms.matchQuery()).isEqualTo("('kubernets' | 'kubernetes' | 'kubernetes2') & ('o''neil\\\\x')");
    }

    @Test
    void variantsOfEqualSimilarityShareOneCheckPerPlace() {
        Map<String, Object> params = new HashMap<>();
        String sql = terms.scoreSql(params);
        // Word 0: two groups (1.0 and 0.7); word 1: one group. Four parameters per group.
        assertThat(params).hasSize(12);
        assertThat(params).containsEntry("score_0_1_title", "'kubernetes':A | 'kubernetes2':A")
            .containsEntry("score_0_1_canvas", "'kubernetes':B | 'kubernetes2':B")
            .containsEntry("score_0_1_any", "'kubernetes' | 'kubernetes2'")
            .containsEntry("score_0_1_similarity", 0.7)
            .containsEntry("score_1_0_any", "'o''neil\\\\x'");
        assertThat(sql).startsWith("((GREATEST(")
            .endsWith(") / 2)")
            .contains("1.5 * :score_0_0_similarity", "0.8 * :score_1_0_similarity");
        assertThat(terms.words()).containsExactlyInAnyOrder("kubernets", "kubernetes", "kubernetes2", "o'neil\\x");
    }

    @Test
    void highlightsMarkTheVariantsSearchMatched() {
        assertThat(Highlighter.highlight("Kubernetes2 and Nomad", "kbrnts", Set.of("kubernetes2")))
            .isEqualTo("<mark>Kubernetes2</mark> and Nomad");
        assertThat(Highlighter.highlight("Kubernetes2 and Nomad", "kbrnts", Set.of())).isNull();
    }

}
