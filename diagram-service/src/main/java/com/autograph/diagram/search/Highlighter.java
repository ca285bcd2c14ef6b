package com.autograph.diagram.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the words of a text that match a query the way search matched them: one of the
 * variants search matched the query's words with, the same word, a prefix, or a close
 * spelling (trigram similarity as pg_trgm computes it), and cuts a snippet around the
 * first match. Marks are {@code <mark>…</mark>}; the rest of the text is HTML-escaped.
 */
final class Highlighter {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final double SIMILAR = 0.45;

    private static final int CONTEXT = 60;

    private Highlighter() {
    }

    /**
     * The snippet with marks, or null when no word matches; {@code variants} are
     * lower-case.
     */
    static String highlight(String text, String query, Set<String> variants) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        List<String> terms = new ArrayList<>();
        Matcher q = WORD.matcher(query.toLowerCase(Locale.ROOT));
        while (q.find()) {
            terms.add(q.group());
        }
        Matcher words = WORD.matcher(text);
        List<int[]> marks = new ArrayList<>();
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            if (variants.contains(word)
                    || terms.stream().anyMatch(t -> word.startsWith(t) || similarity(word, t) >= SIMILAR)) {
                marks.add(new int[] { words.start(), words.end() });
            }
        }
        if (marks.isEmpty()) {
            return null;
        }
        int from = Math.max(0, marks.getFirst()[0] - CONTEXT);
        int to = Math.min(text.length(), marks.getFirst()[1] + CONTEXT * 2);
        StringBuilder snippet = new StringBuilder(from > 0 ? "…" : "");
        int at = from;
        for (int[] mark : marks) {
            if (mark[0] < from || mark[1] > to) {
                continue;
            }
            snippet.append(escape(text.substring(at, mark[0])))
                .append("<mark>")
                .append(escape(text.substring(mark[0], mark[1])))
                .append("</mark>");
            at = mark[1];
        }
        snippet.append(escape(text.substring(at, to))).append(to < text.length() ? "…" : "");
        return snippet.toString().replaceAll("\\s+", " ").strip();
    }

    /**
     * pg_trgm's similarity: shared trigrams over all trigrams of both words (padded " w
     * ").
     */
    static double similarity(String a, String b) {
        Set<String> ta = trigrams(a);
        Set<String> tb = trigrams(b);
        Set<String> shared = new HashSet<>(ta);
        shared.retainAll(tb);
        int union = ta.size() + tb.size() - shared.size();
        return union == 0 ? 0 : (double) shared.size() / union;
    }

    private static Set<String> trigrams(String word) {
        String padded = "  " + word + " ";
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams.add(padded.substring(i, i + 3));
        }
        return grams;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

}
