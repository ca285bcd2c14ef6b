package com.autograph.document.formats.d2;

/**
 * Reads D2 code character by character for the parser, keeping line and column. D2 has no
 * fixed token set — a key may hold spaces and hyphens ({@code my api -> db}), a value
 * runs to the end of the statement — so the parser asks for what it expects next: a key
 * segment, an operator, a value.
 */
final class Scanner {

    /** Where something starts: 1-based line and column (columns count code points). */
    record Pos(int line, int column) {
    }

    /** A piece of text read from the code, and where it starts. */
    record Text(String text, Pos at, boolean quoted) {
    }

    private final String s;

    private int pos;

    private int line = 1;

    private int lineStart;

    Scanner(String source) {
        // \r\n and a lone \r end lines too (as they do for the Mermaid parser)
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        this.s = text.replace("\r\n", "\n").replace('\r', '\n');
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    /** The next character, or 0 at the end. */
    char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    boolean startsWith(String text) {
        return s.startsWith(text, pos);
    }

    Pos at() {
        return new Pos(line, s.codePointCount(lineStart, pos) + 1);
    }

    char next() {
        char c = s.charAt(pos++);
        if (c == '\n') {
            line++;
            lineStart = pos;
        }
        return c;
    }

    void skip(int n) {
        for (int i = 0; i < n && !atEnd(); i++) {
            next();
        }
    }

    /** Spaces and tabs (not line ends), and a comment to the end of the line. */
    void blanks() {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                next();
            }
            else if (c == '#') {
                while (!atEnd() && peek() != '\n') {
                    next();
                }
            }
            else {
                return;
            }
        }
    }

    /** Blanks, comments, line ends and {@code ;}: the space between statements. */
    void separators() {
        while (true) {
            blanks();
            if (peek() == '\n' || peek() == ';') {
                next();
            }
            else {
                return;
            }
        }
    }

    /** Whether the statement ends here: a line end, {@code ;}, {@code }} or the end. */
    boolean atStatementEnd() {
        char c = peek();
        return atEnd() || c == '\n' || c == ';' || c == '}';
    }

    /**
     * The connection operator here ({@code ->}, {@code <-}, {@code <->}, {@code --}), or
     * null.
     */
    String operator() {
        for (String op : D2Language.OPERATORS) {
            if (startsWith(op)) {
                return op;
            }
        }
        return null;
    }

    /**
     * One key segment: a quoted string, or unquoted text up to {@code .}, {@code :},
     * {@code {}, {@code }}, {@code ;}, a line end, a comment or an operator (inner blanks
     * kept, outer ones dropped). Null when there is none; the caller reports it.
     */
    Text key() {
        blanks();
        Pos at = at();
        if (peek() == '"' || peek() == '\'') {
            String q = quoted();
            return q == null ? null : new Text(q, at, true);
        }
        StringBuilder b = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            if (c == '.' || c == ':' || c == '{' || c == '}' || c == ';' || c == '\n' || c == '"' || c == '\''
                    || (c == '#' && (b.isEmpty() || Character.isWhitespace(b.charAt(b.length() - 1))))
                    || operator() != null) {
                break;
            }
            b.append(next());
        }
        String key = b.toString().strip();
        return key.isEmpty() ? null : new Text(key, at, false);
    }

    /**
     * A value after {@code :}: a quoted string, a block string {@code |md … |}, or text
     * up to the statement's end, a {@code {} or a comment. Null when the statement ends
     * right away (or at {@code {}).
     */
    Text value() {
        blanks();
        Pos at = at();
        if (peek() == '"' || peek() == '\'') {
            String q = quoted();
            return q == null ? null : new Text(q, at, true);
        }
        if (peek() == '|') {
            return block(at);
        }
        StringBuilder b = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            if (c == '\n' || c == ';' || c == '{' || c == '}'
                    || (c == '#' && (b.isEmpty() || Character.isWhitespace(b.charAt(b.length() - 1))))) {
                break;
            }
            b.append(next());
        }
        String v = b.toString().strip();
        return v.isEmpty() ? null : new Text(v, at, false);
    }

    /** Set when the last quoted or block string was never closed. */
    Pos unclosed;

    /**
     * A string in double or single quotes; null (and {@link #unclosed} set) when it runs
     * past the end of its line.
     */
    private String quoted() {
        Pos at = at();
        char quote = next();
        StringBuilder b = new StringBuilder();
        while (!atEnd() && peek() != '\n') {
            char c = next();
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\' && quote == '"' && !atEnd() && peek() != '\n') {
                char e = next();
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            }
            else {
                b.append(c);
            }
        }
        unclosed = at;
        return null;
    }

    /**
     * {@code |md text |} or {@code ||lang text ||}: the text between as a label (the
     * language tag is dropped; the label is shown as text). Null and {@link #unclosed}
     * set when the closing pipes never come.
     */
    private Text block(Pos at) {
        int pipes = 0;
        while (peek() == '|') {
            next();
            pipes++;
        }
        while (!atEnd() && !Character.isWhitespace(peek())) {
            next();
        }
        String close = "|".repeat(pipes);
        int end = s.indexOf(close, pos);
        if (end < 0) {
            unclosed = at;
            while (!atEnd()) {
                next();
            }
            return null;
        }
        int start = pos;
        while (pos < end) {
            next();
        }
        skip(pipes);
        return new Text(stripIndent(s.substring(start, end)), at, true);
    }

    private static String stripIndent(String text) {
        return text.stripIndent().strip();
    }

}
