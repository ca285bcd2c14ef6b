package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement of the source: its 1-based line number, the 1-based column where
 * {@code text} starts, and the text itself without surrounding blanks.
 */
record Line(int number, int column, String text) {

    /** The column of the character at {@code index} of {@link #text()}. */
    int col(int index) {
        return column + Math.max(0, index);
    }

    /** A statement taken from {@code index} of this one (after the blanks there). */
    Line sub(int index) {
        int i = index;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return new Line(number, col(i), text.substring(i).strip());
    }

    /** Every line of {@code code}, blank ones included, split on \n, \r\n or \r. */
    static List<Line> split(String code) {
        List<Line> lines = new ArrayList<>();
        String[] raw = code.split("\r\n|\r|\n", -1);
        for (int n = 0; n < raw.length; n++) {
            String s = raw[n];
            int start = 0;
            while (start < s.length() && Character.isWhitespace(s.charAt(start))) {
                start++;
            }
            lines.add(new Line(n + 1, start + 1, s.strip()));
        }
        return lines;
    }

    /** A comment line ({@code %% ...}) that is not a directive ({@code %%{ ... }%%}). */
    boolean isComment() {
        return text.startsWith("%%") && !text.startsWith("%%{");
    }

    boolean isBlank() {
        return text.isEmpty();
    }
}
