package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.DocumentValidator;

import tools.jackson.databind.node.ObjectNode;

/**
 * Splits one flowchart statement ({@code A[Start] --> B{Ok?} & C -.->|no| D}) into nodes,
 * links and {@code &}s, with the index where each starts so errors can name a column.
 * Used by the parser and by the formatter, which rebuilds the statement with normalised
 * links.
 */
final class FlowLexer extends StatementCursor {

    sealed interface Tok permits NodeTok, LinkTok, AmpTok {

        int start();

        int end();

    }

    /**
     * A node mention; {@code shape} is null when the mention has no brackets,
     * {@code meta} holds the {@code @{ key: value }} metadata (null when there is none)
     * and {@code markdown} tells a label written as a markdown string ({@code "`text`"}).
     */
    record NodeTok(int start, int end, String id, String shape, String label, List<String> classes, ObjectNode meta,
            boolean markdown) implements Tok {
    }

    /**
     * A link. Heads are {@code '>'} (also for a start {@code <}), {@code 'o'},
     * {@code 'x'} or {@code 0} for none; stroke is normal, thick, dotted or invisible;
     * length counts the extra dashes that make a link longer (1 for {@code -->}).
     */
    record LinkTok(int start, int end, char startHead, char endHead, String stroke, int length, String text, String id,
            boolean markdown) implements Tok {
    }

    record AmpTok(int start, int end) implements Tok {
    }

    /**
     * What stops the statement from reading; {@code unfinished} when only its end is
     * missing (a string or {@code @{} still open), so the next line may complete it.
     */
    record Problem(int index, String message, String suggestion, boolean unfinished) {
    }

    record Lexed(List<Tok> toks, Problem problem) {
    }

    /**
     * Openers longest first, each with its closers and the Mermaid shape names they make.
     */
    private static final String[][] SHAPES = { { "(((", ")))", "doublecircle" }, { "((", "))", "circle" },
            { "([", "])", "stadium" }, { "[[", "]]", "subroutine" }, { "[(", ")]", "cylinder" },
            { "{{", "}}", "hexagon" }, { "[/", "/]", "lean_right", "\\]", "trapezoid" },
            { "[\\", "\\]", "lean_left", "/]", "inv_trapezoid" }, { "[", "]", "rect" }, { "(", ")", "round" },
            { "{", "}", "diamond" }, { ">", "]", "odd" }, };

    private FlowLexer(String s) {
        super(s, 0);
    }

    static Lexed lex(String statement) {
        FlowLexer lx = new FlowLexer(statement);
        List<Tok> toks = new ArrayList<>();
        try {
            lx.run(toks);
            return new Lexed(toks, null);
        }
        catch (Fail f) {
            return new Lexed(toks, f.problem);
        }
    }

    /** The opener and closer for a shape name (rect when unknown). */
    static String[] brackets(String shape) {
        for (String[] def : SHAPES) {
            if (def[2].equals(shape)) {
                return new String[] { def[0], def[1] };
            }
            if (def.length > 3 && def[4].equals(shape)) {
                return new String[] { def[0], def[3] };
            }
        }
        return new String[] { "[", "]" };
    }

    /**
     * Canonical text of a link: {@code -->}, {@code <-.->}, {@code ===}, {@code --o},
     * {@code ~~~}.
     */
    static String link(char startHead, char endHead, String stroke, int length) {
        int len = Math.max(1, length);
        String start = startHead == 0 ? "" : startHead == '>' ? "<" : String.valueOf(startHead);
        String end = endHead == 0 ? "" : String.valueOf(endHead);
        boolean head = endHead != 0;
        return switch (stroke) {
            case "invisible" -> "~".repeat(2 + len);
            case "dotted" -> start + "-" + ".".repeat(len) + "-" + end;
            case "thick" -> start + "=".repeat(head ? 1 + len : 2 + len) + end;
            default -> start + "-".repeat(head ? 1 + len : 2 + len) + end;
        };
    }

    private static final class Fail extends RuntimeException {

        final Problem problem;

        Fail(int index, String message, String suggestion) {
            this(index, message, suggestion, false);
        }

        Fail(int index, String message, String suggestion, boolean unfinished) {
            super(message, null, false, false);
            this.problem = new Problem(index, message, suggestion, unfinished);
        }

    }

    @Override
    RuntimeException fail(int index, String message, String suggestion, boolean unfinished) {
        return new Fail(index, message, suggestion, unfinished);
    }

    private void run(List<Tok> toks) {
        boolean expectNode = true;
        while (true) {
            skipBlanks();
            if (expectNode) {
                if (i >= s.length()) {
                    Tok last = toks.isEmpty() ? null : toks.getLast();
                    throw new Fail(s.length(),
                            last instanceof AmpTok ? "`&` needs a node after it" : "this link needs a node after it",
                            null);
                }
                toks.add(node());
                expectNode = false;
            }
            else {
                if (i >= s.length()) {
                    return;
                }
                if (s.charAt(i) == '&') {
                    toks.add(new AmpTok(i, ++i));
                }
                else {
                    toks.add(link());
                }
                expectNode = true;
            }
        }
    }

    /**
     * A hyphen or dot inside an id, between two id characters ({@code a-b}, {@code a.b}).
     */
    private boolean innerJoiner(int at, int start, boolean dots) {
        char c = s.charAt(at);
        return (c == '-' || (dots && c == '.')) && at > start && at + 1 < s.length() && idChar(s.charAt(at + 1))
                && idChar(s.charAt(at - 1));
    }

    private NodeTok node() {
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (idChar(c) || innerJoiner(i, start, true)) {
                i++;
            }
            else {
                break;
            }
        }
        if (i == start) {
            char c = s.charAt(i);
            if (c == '"') {
                throw new Fail(i, "a node needs an id before its label", "write `id[\"label\"]`");
            }
            throw new Fail(i, "expected a node id but found `" + c + "`", null);
        }
        String id = s.substring(start, i);
        if (id.equals("end") || id.equals("subgraph")) {
            throw new Fail(start, "`" + id + "` is a keyword and can't be a node id",
                    "use another id, e.g. `" + id + "1`");
        }
        String shape = null;
        String label = null;
        ObjectNode meta = null;
        boolean markdown = false;
        if (i < s.length() && s.startsWith("@{", i)) {
            meta = meta();
        }
        Bracketed bracketed = meta != null ? null : bracketed(SHAPES);
        if (bracketed != null) {
            shape = bracketed.shape();
            label = bracketed.label();
            if (bracketed.quoted() && isMarkdown(label)) {
                label = label.substring(1, label.length() - 1);
                markdown = true;
            }
            label = Mermaid.unescape(label);
        }
        List<String> classes = new ArrayList<>();
        while (s.startsWith(":::", i)) {
            i += 3;
            int cs = i;
            while (i < s.length() && (idChar(s.charAt(i)) || s.charAt(i) == '-')) {
                i++;
            }
            if (cs == i) {
                throw new Fail(cs, "`:::` needs a class name after it", null);
            }
            classes.add(s.substring(cs, i));
        }
        return new NodeTok(start, i, id, shape, label, List.copyOf(classes), meta, markdown);
    }

    private LinkTok link() {
        int start = i;
        String id = edgeId();
        char startHead = 0;
        char c = s.charAt(i);
        if (c == '<') {
            startHead = '>';
            i++;
        }
        else if ((c == 'o' || c == 'x') && i + 1 < s.length() && "-=.".indexOf(s.charAt(i + 1)) >= 0) {
            startHead = c;
            i++;
        }
        if (i >= s.length()) {
            throw new Fail(start, "this link is never finished", "write `-->`");
        }
        c = s.charAt(i);
        String stroke;
        int length;
        char endHead = 0;
        String text = null;
        if (c == '~') {
            int n = count('~');
            if (n < 3) {
                throw new Fail(start, "an invisible link is written `~~~`", "did you mean `~~~`?");
            }
            return finish(start, id, startHead, (char) 0, "invisible", n - 2, null, false);
        }
        else if (c == '.') {
            // `.->` and `.-`: a dotted link without its first dash
            int dots = count('.');
            if (i >= s.length() || s.charAt(i) != '-') {
                throw new Fail(start, "`" + s.substring(start, i) + "` is not a flowchart link",
                        "did you mean `-.->`?");
            }
            i++;
            endHead = head();
            return finish(start, id, startHead, endHead, "dotted", dots, null, false);
        }
        else if (c == '=') {
            int n = count('=');
            if (n == 1) {
                throw new Fail(start,
                        "`" + s.substring(start, Math.min(s.length(), i + 1)).strip() + "` is not a flowchart link",
                        "did you mean `==>`?");
            }
            stroke = "thick";
            endHead = head();
            if (endHead == 0 && n == 2) {
                return textLink(start, id, startHead, "thick", "={2,}([>ox]|=)", '=');
            }
            length = endHead != 0 ? n - 1 : n - 2;
        }
        else if (c == '-') {
            int n = count('-');
            if (i < s.length() && s.charAt(i) == '.') {
                int dots = count('.');
                if (i < s.length() && s.charAt(i) == '-') {
                    i++;
                    endHead = head();
                    return finish(start, id, startHead, endHead, "dotted", dots, null, false);
                }
                if (n == 1 && dots == 1 && i < s.length()) {
                    return textLink(start, id, startHead, "dotted", "\\.+-([>ox]?)", '.');
                }
                throw new Fail(start, "`" + s.substring(start, i) + "` is not a flowchart link",
                        "did you mean `-.->`?");
            }
            if (n == 1) {
                String written = s.substring(start, Math.min(s.length(), i + 1)).strip();
                throw new Fail(start, "`" + written + "` is not a flowchart link",
                        "did you mean `" + (startHead == '>' ? "<-->" : "-->") + "`?");
            }
            stroke = "normal";
            endHead = head();
            if (endHead == 0 && n == 2) {
                return textLink(start, id, startHead, "normal", "-{2,}([>ox]|-)", '-');
            }
            length = endHead != 0 ? n - 1 : n - 2;
        }
        else {
            if (c == '>' || c == '=') {
                throw new Fail(start, "`" + c + "` is not a flowchart link", "did you mean `-->`?");
            }
            throw new Fail(start, "expected a link such as `-->` but found `" + c + "`", null);
        }
        return finish(start, id, startHead, endHead, stroke, length, text, false);
    }

    /**
     * The id written before a link ({@code e1@-->}), or null; leaves the position after
     * the {@code @}.
     */
    private String edgeId() {
        int start = i;
        while (i < s.length() && (idChar(s.charAt(i)) || innerJoiner(i, start, false))) {
            i++;
        }
        if (i > start && i + 1 < s.length() && s.charAt(i) == '@' && "-=.~<ox".indexOf(s.charAt(i + 1)) >= 0) {
            i++;
            return s.substring(start, i - 1);
        }
        if (i > start && i < s.length() && s.charAt(i) == '@') {
            throw new Fail(i, "`" + s.substring(start, i) + "@` must be followed by a link",
                    "write `" + s.substring(start, i) + "@-->`");
        }
        i = start;
        return null;
    }

    /**
     * {@code -- text -->}, {@code -. text .->}, {@code == text ==>}: the text runs to the
     * closing part.
     */
    private LinkTok textLink(int start, String id, char startHead, String stroke, String closer, char body) {
        Matcher m = Pattern.compile(closer).matcher(s);
        if (!m.find(i)) {
            if (body != '.' && i < s.length() && (s.charAt(i) == 'o' || s.charAt(i) == 'x')) {
                // `A==xB`, `A--oB`: the head is written right against the next node's id
                char endHead = s.charAt(i++);
                return finish(start, id, startHead, endHead, stroke, 1, null, false);
            }
            String rest = s.substring(i).strip();
            if (rest.startsWith("\"") && rest.indexOf('"', 1) < 0) {
                throw new Fail(s.indexOf('"', i), "this string is never closed", "add `\"` at the end of the text",
                        true);
            }
            throw new Fail(start, "this link's text is never followed by the rest of the link",
                    "write `" + s.substring(start, i).strip() + " text " + link((char) 0, '>', stroke, 1) + "` or `"
                            + link((char) 0, '>', stroke, 1) + "|text|`");
        }
        String text = s.substring(i, m.start()).strip();
        int closeStart = m.start();
        String close = s.substring(closeStart, m.end());
        char endHead = 0;
        char last = close.charAt(close.length() - 1);
        int bodyCount;
        if (last == '>' || last == 'o' || last == 'x') {
            endHead = last == '>' ? '>' : last;
            bodyCount = close.length() - 1;
        }
        else {
            bodyCount = close.length();
        }
        i = m.end();
        int length;
        if (body == '.') {
            length = Math.max(1, close.indexOf('-'));
        }
        else {
            length = endHead != 0 ? bodyCount - 1 : bodyCount - 2;
        }
        String unquoted = unquote(text);
        boolean markdown = !unquoted.equals(text) && isMarkdown(unquoted);
        return finish(start, id, startHead, endHead, stroke, Math.max(1, length),
                Mermaid.unescape(markdown ? unquoted.substring(1, unquoted.length() - 1) : unquoted), markdown);
    }

    private LinkTok finish(int start, String id, char startHead, char endHead, String stroke, int length, String text,
            boolean markdown) {
        int end = i;
        int save = i;
        skipBlanks();
        if (i < s.length() && s.charAt(i) == '|') {
            int bar = i;
            int close = s.indexOf('|', i + 1);
            if (s.startsWith("\"", i + 1)) {
                int q = s.indexOf('"', i + 2);
                if (q < 0) {
                    throw new Fail(i + 1, "this string is never closed", "add `\"` at the end of the label", true);
                }
                close = s.indexOf('|', q);
            }
            if (close < 0) {
                throw new Fail(bar, "the link text is never closed with `|`", "add `|` after the text");
            }
            if (text != null) {
                throw new Fail(bar, "this link already has a text", null);
            }
            String written = s.substring(bar + 1, close).strip();
            String unquoted = unquote(written);
            markdown = !unquoted.equals(written) && isMarkdown(unquoted);
            text = Mermaid.unescape(markdown ? unquoted.substring(1, unquoted.length() - 1) : unquoted);
            i = close + 1;
            end = i;
        }
        else {
            i = save;
        }
        return new LinkTok(start, end, startHead, endHead, stroke, Math.max(1, length), text, id, markdown);
    }

    /** Whether a label read between quotes is a markdown string: {@code `text`}. */
    static boolean isMarkdown(String quoted) {
        return quoted.length() >= 2 && quoted.startsWith("`") && quoted.endsWith("`");
    }

    private static String unquote(String t) {
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /**
     * Pairs one {@code @{ ... }} may hold: Mermaid knows about ten keys, and each pair
     * costs memory in the document.
     */
    static final int MAX_META_PAIRS = 64;

    /** A bare metadata value that is a whole number (kept as a number). */
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

    /**
     * {@code @{ shape: doc, label: "Text", h: 60 }} after a node or link id ({@code i} at
     * the {@code @}): the pairs in the order written. Pairs are separated by commas or
     * line breaks; values are quoted strings, whole numbers, {@code true}/{@code false}
     * or bare words.
     */
    private ObjectNode meta() {
        int open = i;
        i += 2;
        ObjectNode meta = Mermaid.NODES.objectNode();
        int shapeAt = -1;
        while (true) {
            while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= s.length()) {
                throw new Fail(open, "`@{` is never closed", "add `}` after the last `key: value`", true);
            }
            if (s.charAt(i) == '}') {
                i++;
                break;
            }
            int keyAt = i;
            while (i < s.length() && (idChar(s.charAt(i)) || s.charAt(i) == '-')) {
                i++;
            }
            if (i == keyAt) {
                neverClosed(open);
                throw new Fail(i, "expected `key: value` in `@{ ... }` but found `" + s.charAt(i) + "`", null);
            }
            String key = s.substring(keyAt, i);
            skipSpaces();
            if (i >= s.length() || s.charAt(i) != ':') {
                neverClosed(open);
                throw new Fail(keyAt, "`" + key + "` needs a value", "write `" + key + ": value`");
            }
            i++;
            skipSpaces();
            if (meta.has(key)) {
                throw new Fail(keyAt, "`" + key + "` is given twice in this `@{ ... }`", null);
            }
            if (meta.size() == MAX_META_PAIRS) {
                throw new Fail(keyAt, "a `@{ ... }` holds at most " + MAX_META_PAIRS + " pairs", null);
            }
            if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
                meta.put(key, quotedValue());
            }
            else {
                int v = i;
                while (i < s.length() && ",}\n".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                String bare = s.substring(v, i).strip();
                if (bare.isEmpty()) {
                    throw new Fail(keyAt, "`" + key + "` needs a value", "write `" + key + ": value`");
                }
                if (bare.equals("true") || bare.equals("false")) {
                    meta.put(key, Boolean.parseBoolean(bare));
                }
                else if (WHOLE.matcher(bare).matches()) {
                    meta.put(key, Integer.parseInt(bare));
                }
                else {
                    meta.put(key, bare);
                }
            }
            if (key.equals("shape")) {
                shapeAt = keyAt;
            }
            if (key.equals("icon") || key.equals("img")) {
                checkPicture(key, meta.get(key), keyAt);
            }
            skipSpaces();
            if (i < s.length() && ",}\n".indexOf(s.charAt(i)) < 0) {
                throw new Fail(i, "expected `,` or `}` after the value of `" + key + "`", null);
            }
        }
        if (shapeAt >= 0) {
            String shape = meta.get("shape").isString() ? meta.get("shape").stringValue()
                    : meta.get("shape").toString();
            if (FlowShapes.type(shape) == null) {
                String near = Mermaid.closest(shape, FlowShapes.names());
                throw new Fail(shapeAt, "`" + shape + "` is not a Mermaid shape", near == null
                        ? "e.g. `shape: rect`, `shape: diamond` or `shape: cyl`" : "did you mean `" + near + "`?");
            }
        }
        return meta;
    }

    /**
     * When a {@code @{} that does not read runs over a line break and no closing brace
     * follows, the likelier mistake is the missing brace: says so, at the {@code @{}.
     */
    private void neverClosed(int open) {
        int newline = s.indexOf('\n', open);
        if (newline >= 0 && newline < i && s.indexOf('}', i) < 0) {
            throw new Fail(open, "`@{` is never closed", "add `}` after the last `key: value`", true);
        }
    }

    /** An icon name or picture address: a string the document can hold. */
    private static void checkPicture(String key, tools.jackson.databind.JsonNode v, int at) {
        boolean icon = key.equals("icon");
        int max = icon ? DocumentValidator.MAX_NAME_LENGTH : DocumentValidator.MAX_SRC_LENGTH;
        if (!v.isString() || v.stringValue().isBlank() || v.stringValue().length() > max) {
            throw new Fail(at,
                    "`" + key + "` needs " + (icon ? "an icon name" : "a picture's address") + " of 1 to " + max
                            + " characters",
                    icon ? "e.g. `icon: \"fa:user\"`" : "e.g. `img: \"https://example.org/logo.png\"`");
        }
    }

    /**
     * A quoted metadata value: {@code "..."} with backslash escapes, or {@code '...'}.
     */
    private String quotedValue() {
        int q = i;
        char quote = s.charAt(i++);
        StringBuilder v = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new Fail(q, "this string is never closed", "add `" + quote + "` at the end of the value", true);
            }
            char c = s.charAt(i++);
            if (c == quote) {
                if (quote == '\'' && i < s.length() && s.charAt(i) == '\'') {
                    v.append('\'');
                    i++;
                    continue;
                }
                return v.toString();
            }
            if (c == '\\' && quote == '"' && i < s.length()) {
                char e = s.charAt(i++);
                v.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            }
            else {
                v.append(c);
            }
        }
    }

    private void skipSpaces() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    /**
     * Words YAML may read as something other than a string (YAML 1.1 booleans and nulls):
     * written back quoted.
     */
    private static final List<String> NOT_BARE = List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

    /**
     * A metadata value as written back: a bare word when it reads back the same, else
     * quoted; always quoted when {@code quote} (labels).
     */
    static String metaValue(tools.jackson.databind.JsonNode v, boolean quote) {
        if (!v.isString()) {
            return v.toString();
        }
        String t = v.stringValue();
        if (!quote && t.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") && !WHOLE.matcher(t).matches()
                && !NOT_BARE.contains(t.toLowerCase(java.util.Locale.ROOT))) {
            return t;
        }
        return "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

}
