package com.autograph.diagram.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A search query as the database sees it: its words (split and lower-cased the way files'
 * search vectors are) and, for each, the dictionary words it stands for with their
 * pg_trgm word similarity to it: the word as typed (1.0) and its close spellings and
 * continuations ("kubernets" → "kubernetes"). A file matches when it contains a variant
 * of every word.
 */
record SearchTerms(List<Term> terms) {

    /**
     * How much a match counts by where it is: titles weigh most, then shape text, then
     * notes.
     */
    static final double TITLE_WEIGHT = 1.5;
    static final double CANVAS_WEIGHT = 1.0;
    static final double NOTE_WEIGHT = 0.8;

    record Variant(String word, double similarity) {
    }

    record Term(String word, List<Variant> variants) {
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Every variant of every word: what highlights mark. */
    Set<String> words() {
        Set<String> words = new HashSet<>();
        terms.forEach(term -> term.variants().forEach(variant -> words.add(variant.word())));
        return words;
    }

    /**
     * The tsquery text that finds the files: every word, each through any of its
     * variants.
     */
    String matchQuery() {
        return terms.stream()
            .map(term -> term.variants()
                .stream()
                .map(v -> lexeme(v.word()))
                .collect(Collectors.joining(" | ", "(", ")")))
            .collect(Collectors.joining(" & "));
    }

    /**
     * The score of file {@code f} as SQL, with its parameters added to {@code params}:
     * for each word, the best of (similarity of a variant the file contains × weight of
     * the best place it is in), averaged over the words. Variants of equal similarity
     * share one tsquery, so a file costs a few index-free {@code @@} checks on its own
     * vector, never a similarity over its text.
     */
    String scoreSql(Map<String, Object> params) {
        List<String> perTerm = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            Map<Double, List<String>> bySimilarity = new LinkedHashMap<>();
            for (Variant variant : terms.get(t).variants()) {
                bySimilarity.computeIfAbsent(Math.round(variant.similarity() * 1000) / 1000.0, s -> new ArrayList<>())
                    .add(variant.word());
            }
            List<String> cases = new ArrayList<>();
            int g = 0;
            for (Map.Entry<Double, List<String>> group : bySimilarity.entrySet()) {
                String name = "score_" + t + "_" + g++;
                params.put(name + "_title", weighted(group.getValue(), "A"));
                params.put(name + "_canvas", weighted(group.getValue(), "B"));
                params.put(name + "_any", weighted(group.getValue(), ""));
                params.put(name + "_similarity", group.getKey());
                cases.add(("CASE WHEN f.search_vector @@ CAST(:%1$s_title AS tsquery) THEN %2$s * :%1$s_similarity"
                        + " WHEN f.search_vector @@ CAST(:%1$s_canvas AS tsquery) THEN %3$s * :%1$s_similarity"
                        + " WHEN f.search_vector @@ CAST(:%1$s_any AS tsquery) THEN %4$s * :%1$s_similarity ELSE 0 END")
                    .formatted(name, TITLE_WEIGHT, CANVAS_WEIGHT, NOTE_WEIGHT));
            }
            perTerm.add("GREATEST(" + String.join(", ", cases) + ")");
        }
        return "((" + String.join(" + ", perTerm) + ") / " + terms.size() + ")";
    }

    private static String weighted(List<String> words, String weight) {
        return words.stream()
            .map(w -> lexeme(w) + (weight.isEmpty() ? "" : ":" + weight))
            .collect(Collectors.joining(" | "));
    }

    /** A word as a quoted tsquery lexeme, taken as it is (no parsing or normalising). */
    static String lexeme(String word) {
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
