package com.autograph.document.formats.structurizr;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.code.CodeError;

/**
 * Structurizr DSL text to statements: one per logical line (a line ending in {@code \}
 * goes on on the next), each a list of tokens. Tokens are words or double-quoted strings
 * ({@code \"} and {@code \\} escapes); {@code //} and {@code #} start line comments when
 * they begin a token, and {@code /* … *}{@code /} comments may span lines.
 */
final class Lexer {

    /** One word or string, where it starts (1-based). */
    record Token(String text, boolean quoted, int line, int column) {

        boolean is(String word) {
            return !quoted && text.equals(word);
        }

    }

    /** The tokens of one logical line, and the source text they came from. */
    record Statement(List<Token> tokens, String source) {

        Token first() {
            return tokens.getFirst();
        }

        int line() {
            return tokens.getFirst().line();
        }

        int column() {
            return tokens.getFirst().column();
        }

        /** Whether the statement ends with an unquoted {@code {}. */
        boolean opens() {
            return tokens.getLast().is("{");
        }

        /** The tokens without a trailing {@code {}. */
        List<Token> head() {
            return opens() ? tokens.subList(0, tokens.size() - 1) : tokens;
        }

    }

    private final String[] lines;

    private final List<CodeError> errors;

    Lexer(String code, List<CodeError> errors) {
        this.lines = code.split("\r\n|\r|\n", -1);
        this.errors = errors;
    }

    List<Statement> statements() {
        List<Statement> out = new ArrayList<>();
        boolean inComment = false;
        List<Token> tokens = new ArrayList<>();
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            int at = 0;
            boolean continued = false;
            while (at < line.length()) {
                char c = line.charAt(at);
                if (inComment) {
                    int end = line.indexOf("*/", at);
                    if (end < 0) {
                        at = line.length();
                    }
                    else {
                        inComment = false;
                        at = end + 2;
                    }
                    continue;
                }
                if (Character.isWhitespace(c)) {
                    at++;
                    continue;
                }
                if (line.startsWith("/*", at)) {
                    inComment = true;
                    at += 2;
                    continue;
                }
                if (line.startsWith("//", at) || c == '#' && !startsColour(line, at)) {
                    break;
                }
                if (c == '\\' && line.substring(at + 1).isBlank()) {
                    continued = true;
                    break;
                }
                if (c == '"') {
                    at = string(line, n, at, tokens);
                    continue;
                }
                int start = at;
                while (at < line.length() && !Character.isWhitespace(line.charAt(at)) && line.charAt(at) != '"') {
                    at++;
                }
                tokens.add(new Token(line.substring(start, at), false, n, start + 1));
            }
            if (!tokens.isEmpty()) {
                // the source as one line: without the continuation backslash
                String text = continued ? line.substring(0, line.lastIndexOf('\\')) : line;
                source.append(source.isEmpty() ? "" : " ").append(text.strip());
            }
            if (!continued && !tokens.isEmpty()) {
                out.add(new Statement(List.copyOf(tokens), source.toString()));
                tokens.clear();
                source.setLength(0);
            }
        }
        if (!tokens.isEmpty()) {
            out.add(new Statement(List.copyOf(tokens), source.toString()));
        }
        if (inComment) {
            errors.add(new CodeError(lines.length, 1, "a `/*` comment is never closed", "add `*/` after it"));
        }
        return out;
    }

    /** {@code #1168bd} is a colour, not a comment. */
    private static boolean startsColour(String line, int at) {
        int end = at + 1;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            end++;
        }
        return (end - at == 4 || end - at == 7 || end - at == 9)
                && (end == line.length() || Character.isWhitespace(line.charAt(end)));
    }

    private int string(String line, int n, int open, List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        int at = open + 1;
        while (at < line.length()) {
            char c = line.charAt(at);
            if (c == '\\' && at + 1 < line.length() && (line.charAt(at + 1) == '"' || line.charAt(at + 1) == '\\')) {
                b.append(line.charAt(at + 1));
                at += 2;
            }
            else if (c == '"') {
                tokens.add(new Token(b.toString(), true, n, open + 1));
                return at + 1;
            }
            else {
                b.append(c);
                at++;
            }
        }
        errors.add(new CodeError(n, open + 1, "this string is never closed", "add `\"` at its end"));
        tokens.add(new Token(b.toString(), true, n, open + 1));
        return at;
    }

}
