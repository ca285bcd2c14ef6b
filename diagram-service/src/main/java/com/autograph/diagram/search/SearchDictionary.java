package com.autograph.diagram.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.autograph.diagram.DiagramProperties;
import com.autograph.diagram.web.Parameters;

/**
 * Turns a query into {@link SearchTerms} with the {@code search_words} dictionary (every
 * word of every file, kept by database triggers, see V6__search.sql): each query word's
 * variants are the dictionary words it is word-similar to ({@code <%}, pg_trgm's default
 * threshold of 0.6 — the same test search has always used), closest first, served by the
 * dictionary's trigram index.
 */
@Component
class SearchDictionary {

    /**
     * More words than this in one query is a paste, not a search (and every word must
     * match).
     */
    static final int MAX_WORDS = 16;

    private final JdbcClient jdbc;

    private final int maxVariants;

    SearchDictionary(JdbcClient jdbc, DiagramProperties properties) {
        this.jdbc = jdbc;
        this.maxVariants = properties.searchWordVariants();
    }

    SearchTerms terms(String query) {
        Map<String, List<SearchTerms.Variant>> variants = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT q.word AS term, v.word, v.similarity
                FROM unnest(tsvector_to_array(to_tsvector('simple', :q))) AS q(word)
                LEFT JOIN LATERAL (
                    SELECT s.word, word_similarity(q.word, s.word) AS similarity FROM search_words s
                    WHERE q.word <% s.word ORDER BY similarity DESC, s.word LIMIT :variants) v ON true
                ORDER BY q.word, v.similarity DESC, v.word""")
            .param("q", query)
            .param("variants", maxVariants)
            .query(rs -> {
                List<SearchTerms.Variant> list = variants.computeIfAbsent(rs.getString("term"), t -> new ArrayList<>());
                String word = rs.getString("word");
                if (word != null) {
                    list.add(new SearchTerms.Variant(word, rs.getDouble("similarity")));
                }
            });
        if (variants.size() > MAX_WORDS) {
            throw Parameters.invalid("q", "must have at most " + MAX_WORDS + " words (it has " + variants.size() + ")");
        }
        List<SearchTerms.Term> terms = new ArrayList<>();
        variants.forEach((word, list) -> {
            // The word as typed always counts, dictionary or not (words too long for it,
            // say).
            if (list.stream().noneMatch(v -> v.word().equals(word))) {
                list.addFirst(new SearchTerms.Variant(word, 1.0));
            }
            terms.add(new SearchTerms.Term(word, List.copyOf(list)));
        });
        return new SearchTerms(List.copyOf(terms));
    }

}
