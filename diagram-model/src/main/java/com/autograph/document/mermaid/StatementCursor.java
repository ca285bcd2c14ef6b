package com.autograph.document.mermaid;

/**
 * A position in one statement and the steps that both statement lexers (flowchart and
 * block) take the same way: blanks, runs of a character, a shape's brackets and label,
 * and a link's end head.
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
    private record Closing(int at, int which) {
    }

    /** The first of {@code closers} written from the position on, or null. */
    private Closing nearest(String[] closers) {
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
     * A shape written at the position: its Mermaid name and its label as written (a
     * quoted one without its quotes, neither one unescaped).
     */
    record Bracketed(String shape, String label, boolean quoted) {
    }

    /**
     * The shape that one of {@code shapes}' openers starts at the position, or null when
     * none does. Its label runs to the nearest closer, or is a quoted string that a
     * closer must follow; the position moves past the closer.
     * @param shapes openers longest first, each as {opener, closer, name} or {opener,
     * closer, name, other closer, other name}
     */
    Bracketed bracketed(String[][] shapes) {
        for (String[] def : shapes) {
            if (s.startsWith(def[0], i)) {
                return bracketed(def);
            }
        }
        return null;
    }

    private Bracketed bracketed(String[] def) {
        int open = i;
        i += def[0].length();
        String[] closers = def.length > 3 ? new String[] { def[1], def[3] } : new String[] { def[1] };
        int which = -1;
        String label;
        skipBlanks();
        boolean quoted = i < s.length() && s.charAt(i) == '"';
        if (quoted) {
            int close = s.indexOf('"', i + 1);
            if (close < 0) {
                throw fail(i, "this string is never closed", "add `\"` at the end of the label", true);
            }
            label = s.substring(i + 1, close);
            i = close + 1;
            skipBlanks();
            for (int k = 0; k < closers.length && which < 0; k++) {
                if (s.startsWith(closers[k], i)) {
                    which = k;
                }
            }
            if (which < 0) {
                throw fail(i,
                        "expected `" + closers[0] + "` to close the `" + def[0] + "` opened at column " + (open + 1),
                        null, false);
            }
        }
        else {
            Closing closing = nearest(closers);
            if (closing == null) {
                throw fail(open, "`" + def[0] + "` is never closed", "add `" + closers[0] + "` after the label", false);
            }
            which = closing.which();
            label = s.substring(i, closing.at()).strip();
            i = closing.at();
        }
        i += closers[which].length();
        return new Bracketed(def[2 + 2 * which], label, quoted);
    }

    /**
     * The lexer's own failure at {@code index}; {@code unfinished} when more text could
     * still complete the statement.
     */
    abstract RuntimeException fail(int index, String message, String suggestion, boolean unfinished);

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
