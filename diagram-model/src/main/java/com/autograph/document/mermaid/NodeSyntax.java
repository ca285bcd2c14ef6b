package com.autograph.document.mermaid;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.autograph.document.code.CodeError;

/**
 * The node syntax {@code mindmap} and {@code kanban} share: bare text (the default
 * shape), or an optional id followed by a delimited label — {@code [square]},
 * {@code (rounded)}, {@code ((circle))}, {@code ))bang((}, {@code )cloud(},
 * {@code {{hexagon}}} — whose text may be a quoted string or a markdown string
 * ({@code "`**bold**`"}, which may span lines).
 */
final class NodeSyntax {

    /** Openers longest first: opener, closer, shape name. */
    private static final String[][] SHAPES = { { "((", "))", "circle" }, { "))", "((", "bang" },
            { "{{", "}}", "hexagon" }, { "(", ")", "rounded" }, { ")", "(", "cloud" }, { "[", "]", "square" } };

    /**
     * Text that reads back as itself outside quotes: no delimiters, quotes or entities.
     */
    private static final Pattern PLAIN = Pattern.compile("[^()\\[\\]{}\"#:<>\\n@`]*");

    /**
     * A node as written. {@code shape} is null for bare text; {@code end} is the index
     * just after the node (where {@code @{...}} metadata may follow); {@code problem} is
     * set (with {@code at} and a suggestion) when the node does not read.
     */
    record Node(String id, String shape, String label, boolean markdown, int end, String problem, int at,
            String suggestion) {

        static Node fail(int at, String problem, String suggestion) {
            return new Node(null, null, null, false, at, problem, at, suggestion);
        }

    }

    /** An entity {@link Mermaid#unescape} decodes. */
    private static final Pattern DECODED = Pattern.compile("#(?:\\d{1,6}|quot);");

    /** A line break {@link Mermaid#unescape} decodes. */
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");

    private NodeSyntax() {
    }

    /** The index of the first character that opens a label, or -1 for bare text. */
    static int opener(String t) {
        for (int i = 0; i < t.length(); i++) {
            if ("([{)".indexOf(t.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a label opened in {@code t} starts a markdown string that this line does
     * not close (the next lines belong to it).
     */
    static boolean opensMultiLine(String t) {
        int k = opener(t);
        if (k < 0) {
            return false;
        }
        String[] def = shapeAt(t, k);
        int body = k + def[0].length();
        return t.startsWith("\"`", body) && t.indexOf("`\"", body + 2) < 0;
    }

    /**
     * A node whose markdown label spans lines, gathered from the line that opens it to
     * the one that closes it.
     */
    static final class MultiLineLabel {

        private Line first;

        private StringBuilder text;

        void open(Line line) {
            first = line;
            text = new StringBuilder(line.text());
        }

        /**
         * While a label is open, takes the line into it (true); once the line closes it,
         * hands the whole node, as one line, to {@code node}.
         */
        boolean take(Line line, Consumer<Line> node) {
            if (text == null) {
                return false;
            }
            text.append('\n').append(line.text());
            if (line.text().contains("`\"")) {
                Line whole = new Line(first.number(), first.column(), text.toString());
                text = null;
                node.accept(whole);
            }
            return true;
        }

        /** At the end of the source: a label still open is an error where it began. */
        void finish(List<CodeError> errors) {
            if (text != null) {
                errors.add(new CodeError(first.number(), first.column(), "this markdown string is never closed",
                        "end it with `\""));
            }
        }

    }

    /** Reads one node; {@code stopAt} ends bare text (e.g. {@code "@{"} in kanban). */
    static Node read(String t, String stopAt) {
        int k = opener(t);
        int meta = stopAt == null ? -1 : t.indexOf(stopAt);
        if (k < 0 || (meta >= 0 && meta < k)) {
            int end = meta >= 0 ? meta : t.length();
            String text = t.substring(0, end).strip();
            if (text.isEmpty()) {
                return Node.fail(0, "a node needs a text", "write e.g. `Idea` or `id[Idea]`");
            }
            return new Node(null, null, Mermaid.unescape(text), false, end, null, 0, null);
        }
        String[] def = shapeAt(t, k);
        String id = t.substring(0, k).strip();
        int body = k + def[0].length();
        String label;
        boolean markdown = false;
        int close;
        if (t.startsWith("\"`", body)) {
            int q = t.indexOf("`\"", body + 2);
            if (q < 0) {
                return Node.fail(body, "this markdown string is never closed", "end it with `\"");
            }
            label = t.substring(body + 2, q);
            markdown = true;
            close = q + 2;
        }
        else if (t.startsWith("\"", body)) {
            int q = t.indexOf('"', body + 1);
            if (q < 0) {
                return Node.fail(body, "this string is never closed", "add `\"` at the end of the label");
            }
            label = Mermaid.unescape(t.substring(body + 1, q));
            close = q + 1;
        }
        else {
            int q = t.indexOf(def[1], body);
            if (q < 0) {
                return Node.fail(k, "`" + def[0] + "` is never closed", "add `" + def[1] + "` after the label");
            }
            label = Mermaid.unescape(t.substring(body, q).strip());
            close = q;
        }
        while (close < t.length() && t.charAt(close) == ' ') {
            close++;
        }
        if (!t.startsWith(def[1], close)) {
            return Node.fail(close, "expected `" + def[1] + "` to close the label", null);
        }
        return new Node(id.isEmpty() ? null : id, def[2], label, markdown, close + def[1].length(), null, 0, null);
    }

    private static String[] shapeAt(String t, int k) {
        for (String[] def : SHAPES) {
            if (t.startsWith(def[0], k)) {
                return def;
            }
        }
        return SHAPES[SHAPES.length - 1];
    }

    /** The code of a node: {@code id} may be null, {@code shape} null for bare text. */
    static String write(String id, String shape, String label, boolean markdown) {
        String text = label == null ? "" : label;
        if (shape == null) {
            return bare(text);
        }
        String[] def = SHAPES[SHAPES.length - 1];
        for (String[] d : SHAPES) {
            if (d[2].equals(shape)) {
                def = d;
            }
        }
        String body;
        if (markdown && !text.contains("`\"")) {
            body = "\"`" + text + "`\"";
        }
        else if (PLAIN.matcher(text).matches() && !text.isBlank() && text.strip().equals(text)) {
            body = text;
        }
        else {
            body = Mermaid.quoted(text);
        }
        return (id == null ? "" : id) + def[0] + body + def[1];
    }

    /**
     * Bare text with what would change its meaning written as entities, so it reads back
     * as the same text: brackets (they open a label), {@code :} and {@code %} first (a
     * decoration, a comment), {@code @{} (metadata), what {@link Mermaid#unescape} would
     * decode, and blanks at the ends.
     */
    static String bare(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean entity = "()[]{}".indexOf(c) >= 0 || (i == 0 && (c == ':' || c == '%'))
                    || (c == '@' && text.startsWith("{", i + 1))
                    || (c == '#' && DECODED.matcher(text).region(i, text.length()).lookingAt())
                    || (c == '<' && BREAK.matcher(text).region(i, text.length()).lookingAt())
                    || (c == ' ' && (i == 0 || i == text.length() - 1));
            if (entity) {
                sb.append('#').append((int) c).append(';');
            }
            else if (c == '\n') {
                sb.append("<br>");
            }
            else {
                sb.append(c);
            }
        }
        String s = sb.toString();
        return s.isEmpty() ? "#32;" : s;
    }

}
