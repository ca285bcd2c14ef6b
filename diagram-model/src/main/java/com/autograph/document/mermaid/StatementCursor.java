package com.autograph.document.mermaid;

/**
 * A position in one statement and the steps that both statement lexers (flowchart and
 * block) take the same way: blanks, runs of a character and a link's end head.
 */
abstract class StatementCursor {

    final String s;

    int i;

    StatementCursor(String s, int from) {
        this.s = s;
        this.i = from;
    }

    void skipBlanks() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    static boolean idChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** How many {@code c} follow in a row; the position moves past them. */
    int count(char c) {
        int n = 0;
        while (i < s.length() && s.charAt(i) == c) {
            i++;
            n++;
        }
        return n;
    }

    /** Where a closer is written and which of the ones looked for it is. */
    record Closing(int at, int which) {
    }

    /** The first of {@code closers} written from the position on, or null. */
    Closing nearest(String[] closers) {
        Closing first = null;
        for (int k = 0; k < closers.length; k++) {
            int at = s.indexOf(closers[k], i);
            if (at >= 0 && (first == null || at < first.at())) {
                first = new Closing(at, k);
            }
        }
        return first;
    }

    /**
     * An end head right after the link body: {@code >} always, {@code o}/{@code x} when
     * no id follows; 0 when there is none.
     */
    char head() {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (c == '>') {
            i++;
            return '>';
        }
        if ((c == 'o' || c == 'x') && (i + 1 >= s.length() || !idChar(s.charAt(i + 1)))) {
            i++;
            return c;
        }
        return 0;
    }

}
