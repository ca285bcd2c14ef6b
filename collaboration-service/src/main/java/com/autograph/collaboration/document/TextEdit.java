package com.autograph.collaboration.document;

/**
 * One edit of a text: {@code delete} UTF-16 code units removed at {@code index}, then
 * {@code insert} put there (the units JavaScript strings count in, so browser offsets are
 * used as they are).
 *
 * <p>
 * Concurrent edits merge by operational transformation against the server's order: an
 * edit made on the text as of sequence number {@code base} is moved past every edit the
 * server applied to the same text after {@code base} ({@link #after}). The server is the
 * only place that transforms; clients apply the server's edits in sequence order, so
 * every replica goes through the same states. Ties are broken by that order: of two
 * insertions at one place, the earlier one stays first. A deletion never removes text it
 * had not seen: when another edit inserted inside the range it deletes, the range stops
 * before that insertion (the inserted text and the rest of the range after it survive;
 * the author sees that outcome and can delete again).
 */
public record TextEdit(int index, int delete, String insert) {

    public TextEdit {
        if (index < 0 || delete < 0) {
            throw new IllegalArgumentException("index and delete must not be negative");
        }
        insert = insert == null ? "" : insert;
    }

    public int end() {
        return index + delete;
    }

    /**
     * This edit as it applies after {@code earlier}, which the server ordered first and
     * this edit's author had not seen.
     */
    public TextEdit after(TextEdit earlier) {
        int start = startAfter(index, earlier);
        int end = endAfter(end(), earlier);
        if (index < earlier.index && end() > earlier.index && earlier.insert.length() > 0) {
            // The earlier insertion lands inside this range: keep it, delete only what
            // this author saw before it.
            end = Math.min(end, earlier.index);
        }
        return new TextEdit(start, Math.max(0, end - start), insert);
    }

    /**
     * Where a position that starts something (an insertion or the start of a deletion)
     * moves: after the earlier edit's insertion when at or inside its range.
     */
    private static int startAfter(int position, TextEdit earlier) {
        if (position < earlier.index) {
            return position;
        }
        if (position <= earlier.end()) {
            return earlier.index + earlier.insert.length();
        }
        return position - earlier.delete + earlier.insert.length();
    }

    /** Where the end of a deleted range moves: before the earlier edit's insertion. */
    private static int endAfter(int position, TextEdit earlier) {
        if (position <= earlier.index) {
            return position;
        }
        if (position < earlier.end()) {
            return earlier.index;
        }
        return position - earlier.delete + earlier.insert.length();
    }

    /**
     * The text with this edit applied; refused when the range is outside it or would cut
     * a surrogate pair in two.
     */
    public String applyTo(String text) {
        if (end() > text.length()) {
            throw new OperationRefused("text_range_invalid", "The edit's range " + index + ".." + end()
                    + " is outside the text (length " + text.length() + ").");
        }
        if (splitsPair(text, index) || splitsPair(text, end())) {
            throw new OperationRefused("text_range_invalid", "The edit would cut a character in two (surrogate pair).");
        }
        return text.substring(0, index) + insert + text.substring(end());
    }

    /** The edit that undoes this one on {@code before} (the text it was applied to). */
    public TextEdit inverse(String before) {
        return new TextEdit(index, insert.length(), before.substring(index, end()));
    }

    private static boolean splitsPair(String text, int at) {
        return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at));
    }

}
