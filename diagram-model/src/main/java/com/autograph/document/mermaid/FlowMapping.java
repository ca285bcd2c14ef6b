package com.autograph.document.mermaid;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-line YAML flow mapping as Mermaid writes settings after {@code @}:
 * <code>{ "type": "boundary", alias: 'Public API' }</code>. Keys and values are plain
 * words or single- or double-quoted strings; values are kept as text. Nested mappings and
 * lists are refused (no setting Mermaid reads here needs them).
 */
final class FlowMapping {

    /**
     * What was read: the entries in order and the index after the closing brace, or the
     * index and message of the first problem.
     */
    record Result(Map<String, String> entries, int end, int errorAt, String error) {

        boolean ok() {
            return error == null;
        }

    }

    private final String text;

    private int i;

    /** Where and what the problem is, once {@link #scalar} has found one. */
    private int errorAt = -1;

    private String error;

    private FlowMapping(String text, int at) {
        this.text = text;
        this.i = at;
    }

    /** Reads the mapping whose {@code {} is at {@code open} of {@code text}. */
    static Result read(String text, int open) {
        return new FlowMapping(text, open + 1).mapping(open);
    }

    private Result mapping(int open) {
        Map<String, String> entries = new LinkedHashMap<>();
        skipBlanks();
        if (peek() == '}') {
            return new Result(entries, i + 1, -1, null);
        }
        while (true) {
            int keyAt = i;
            String key = scalar(":,}");
            if (key == null) {
                return failure();
            }
            skipBlanks();
            if (key.isEmpty() || peek() != ':') {
                return i >= text.length() ? unclosed(open) : fail(keyAt, "a setting is written `name: value`");
            }
            i++;
            skipBlanks();
            int valueAt = i;
            String value = scalar(",}");
            if (value == null) {
                return failure();
            }
            if (value.isEmpty() && (peek() == '{' || peek() == '[')) {
                return fail(valueAt, "a setting's value is one word or a quoted text");
            }
            if (entries.put(key, value) != null) {
                return fail(keyAt, "the setting `" + key + "` is given twice");
            }
            skipBlanks();
            char c = peek();
            if (c == '}') {
                return new Result(entries, i + 1, -1, null);
            }
            if (c != ',') {
                return i >= text.length() ? unclosed(open) : fail(i, "settings are separated by `,`");
            }
            i++;
            skipBlanks();
        }
    }

    /**
     * A quoted string or a plain word ending before one of {@code stops}; null after an
     * error.
     */
    private String scalar(String stops) {
        char q = peek();
        if (q == '"' || q == '\'') {
            int start = i;
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == q) {
                    if (q == '\'' && peek() == '\'') {
                        sb.append('\'');
                        i++;
                        continue;
                    }
                    return sb.toString();
                }
                if (q == '"' && c == '\\' && i < text.length()) {
                    char next = text.charAt(i++);
                    sb.append(next == '"' || next == '\\' ? String.valueOf(next) : "\\" + next);
                    continue;
                }
                sb.append(c);
            }
            errorAt = start;
            error = "this string is never closed";
            return null;
        }
        int start = i;
        while (i < text.length() && stops.indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return text.substring(start, i).strip();
    }

    private char peek() {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void skipBlanks() {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
    }

    private Result failure() {
        return new Result(Map.of(), -1, errorAt, error);
    }

    private static Result fail(int at, String message) {
        return new Result(Map.of(), -1, at, message);
    }

    private static Result unclosed(int open) {
        return fail(open, "the settings opened here are never closed");
    }

    /** A value as written back: double-quoted, with quotes and backslashes escaped. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
