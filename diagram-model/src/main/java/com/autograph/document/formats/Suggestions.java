package com.autograph.document.formats;

import java.util.Collection;
import java.util.Locale;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean …?" for names a person mistyped. */
public final class Suggestions {

    private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word} if it is close enough to be a likely typo,
     * else null.
     */
    public static String closest(String word, Collection<String> candidates) {
        return closest(word, candidates, Integer.MAX_VALUE);
    }

    /**
     * As {@link #closest(String, Collection)}, and at most {@code maxEdits} edits away.
     */
    public static String closest(String word, Collection<String> candidates, int maxEdits) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = EDITS.apply(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // One edit per three letters is about where a typo stops being recognisable.
        int allowed = Math.min(maxEdits, Math.max(1, w.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

}
