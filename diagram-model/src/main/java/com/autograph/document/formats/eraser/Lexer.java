package com.autograph.document.formats.eraser;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.code.CodeError;

/**
 * Splits Eraser code into tokens on demand. Pull-based because a connection label is raw
 * text to the end of the line: the parser asks for it instead of a token, so a {@code >}
 * or {@code [} inside a label is never misread.
 */
final class Lexer {

    enum Kind {

        WORD, STRING, PROPS, CONNECTOR, LBRACE, RBRACE, COLON, COMMA, NEWLINE, STRAY, EOF

    }

    record Prop(String key, int keyLine, int keyColumn, String value, int valueLine, int valueColumn) {
    }

    /**
     * One token; {@code text} is the word, string contents or connector; {@code props}
     * for PROPS.
     */
    record Token(Kind kind, String text, int line, int column, List<Prop> props) {
    }

    private final String s;

    private final List<CodeError> errors;

    private int pos;

    private int line = 1;

    private int lineStart;

    private int countedFrom = -1;

    private int countedColumn;

    private Token peeked;

    Lexer(String source, List<CodeError> errors) {
        this.s = source;
        this.errors = errors;
    }

    Token peek() {
        if (peeked == null) {
            peeked = lex();
        }
        return peeked;
    }

    Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    /**
     * The raw text after a consumed {@code :} up to the end of the line (or a closing
     * brace), unquoted if it is a string. Must be called with nothing peeked.
     */
    String label() {
        if (peeked != null) {
            throw new IllegalStateException("label() after peek()");
        }
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '"') {
            return string().text();
        }
        int start = pos;
        while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '}') {
            pos++;
        }
        return s.substring(start, pos).strip();
    }

    private Token lex() {
        skipBlanks();
        if (pos >= s.length()) {
            return token(Kind.EOF, "", pos);
        }
        char c = s.charAt(pos);
        int start = pos;
        switch (c) {
            case '\n' -> {
                Token t = token(Kind.NEWLINE, "\n", pos);
                pos++;
                line++;
                lineStart = pos;
                return t;
            }
            case '{' -> {
                pos++;
                return token(Kind.LBRACE, "{", start);
            }
            case '}' -> {
                pos++;
                return token(Kind.RBRACE, "}", start);
            }
            case ':' -> {
                pos++;
                return token(Kind.COLON, ":", start);
            }
            case ',' -> {
                pos++;
                return token(Kind.COMMA, ",", start);
            }
            case ']' -> {
                pos++;
                return token(Kind.STRAY, "]", start);
            }
            case '"' -> {
                return string();
            }
            case '[' -> {
                return props();
            }
            default -> {
                if (startsConnector(pos)) {
                    return connector();
                }
                return word();
            }
        }
    }

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
                pos++;
            }
            else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            }
            else {
                return;
            }
        }
    }

    private boolean startsConnector(int at) {
        char c = s.charAt(at);
        return c == '-' || c == '<' || c == '>' || (c == '=' && at + 1 < s.length() && s.charAt(at + 1) == '>');
    }

    private Token connector() {
        int start = pos;
        while (pos < s.length() && "-<>=".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        String text = s.substring(start, pos);
        Token t = token(Kind.CONNECTOR, text, start);
        if (EraserLanguage.CONNECTORS.contains(text)) {
            return t;
        }
        String fix = fixConnector(text);
        errors.add(new CodeError(t.line(), t.column(), "`" + text + "` is not a connector",
                "did you mean `" + fix + "`? Connectors are >, <, <>, -, -- and -->"));
        // Carry on as if the fix had been written, so one typo gives one error.
        return new Token(Kind.CONNECTOR, fix, t.line(), t.column(), null);
    }

    private static String fixConnector(String text) {
        boolean left = text.indexOf('<') >= 0;
        boolean right = text.indexOf('>') >= 0;
        long dashes = text.chars().filter(ch -> ch == '-').count();
        if (left && right) {
            return "<>";
        }
        if (right) {
            return dashes >= 2 ? "-->" : ">";
        }
        if (left) {
            return "<";
        }
        return "--";
    }

    private Token word() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c) || "[]{}:,\"<>".indexOf(c) >= 0) {
                break;
            }
            if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                break;
            }
            if (c == '=' && pos + 1 < s.length() && s.charAt(pos + 1) == '>') {
                break;
            }
            // A dash inside a word (aws-ec2) belongs to it; one followed by a blank or
            // another
            // connector character starts a connector.
            if (c == '-' && (pos + 1 >= s.length() || Character.isWhitespace(s.charAt(pos + 1))
                    || "-<>".indexOf(s.charAt(pos + 1)) >= 0)) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            // Unreachable for well-formed input; guards against a character that fits no
            // rule.
            pos++;
            return token(Kind.STRAY, s.substring(start, pos), start);
        }
        return token(Kind.WORD, s.substring(start, pos), start);
    }

    private Token string() {
        int start = pos;
        int startLine = line;
        int startColumn = column(start);
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < s.length() && s.charAt(pos) != '"' && s.charAt(pos) != '\n') {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < s.length()) {
                char e = s.charAt(pos + 1);
                b.append(e == 'n' ? '\n' : e);
                pos += 2;
            }
            else {
                b.append(c);
                pos++;
            }
        }
        if (pos < s.length() && s.charAt(pos) == '"') {
            pos++;
        }
        else {
            errors.add(new CodeError(startLine, startColumn, "this text in quotes is never closed",
                    "add `\"` at its end"));
        }
        return new Token(Kind.STRING, b.toString(), startLine, startColumn, null);
    }

    private Token props() {
        int open = pos;
        int openLine = line;
        int openColumn = column(open);
        pos++;
        List<Prop> props = new ArrayList<>();
        int entryStart = pos;
        boolean quoted = false;
        while (true) {
            boolean end = pos >= s.length() || s.charAt(pos) == '\n';
            char c = end ? 0 : s.charAt(pos);
            if (end || (!quoted && (c == ']' || c == ','))) {
                entry(entryStart, pos, props);
                if (end) {
                    errors.add(new CodeError(openLine, openColumn, "this `[` is never closed",
                            "add `]` after the last property"));
                    break;
                }
                pos++;
                if (c == ']') {
                    break;
                }
                entryStart = pos;
            }
            else {
                if (c == '"') {
                    quoted = !quoted;
                }
                else if (c == '\\' && quoted) {
                    pos++;
                }
                pos++;
            }
        }
        return new Token(Kind.PROPS, s.substring(open, Math.min(pos, s.length())), openLine, openColumn, props);
    }

    private void entry(int from, int to, List<Prop> props) {
        int a = from;
        while (a < to && Character.isWhitespace(s.charAt(a))) {
            a++;
        }
        if (a >= to || s.substring(a, to).isBlank()) {
            return;
        }
        int colon = -1;
        for (int i = a; i < to; i++) {
            if (s.charAt(i) == ':') {
                colon = i;
                break;
            }
            if (s.charAt(i) == '"') {
                break;
            }
        }
        if (colon < 0) {
            String text = s.substring(a, to).strip();
            errors.add(new CodeError(line, column(a), "expected `name: value` but found `" + text + "`",
                    "write a property as `name: value`, e.g. `icon: " + text + "`"));
            return;
        }
        String key = s.substring(a, colon).strip();
        int v = colon + 1;
        while (v < to && Character.isWhitespace(s.charAt(v))) {
            v++;
        }
        String raw = s.substring(v, to).strip();
        String value = raw;
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            value = unescape(raw.substring(1, raw.length() - 1));
        }
        props.add(new Prop(key, line, column(a), value, line, column(v)));
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(e == 'n' ? '\n' : e);
            }
            else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private Token token(Kind kind, String text, int at) {
        return new Token(kind, text, line, column(at), null);
    }

    /**
     * 1-based column in characters (code points) of an offset on the current line.
     * Counted on from the last offset asked for, not from the line's start: counting from
     * the start made a long line of many tokens quadratic (a 50,000-character line took
     * seconds).
     */
    private int column(int at) {
        if (countedFrom < lineStart || at < countedFrom) {
            countedFrom = lineStart;
            countedColumn = 1;
        }
        countedColumn += s.codePointCount(countedFrom, at);
        countedFrom = at;
        return countedColumn;
    }

}
