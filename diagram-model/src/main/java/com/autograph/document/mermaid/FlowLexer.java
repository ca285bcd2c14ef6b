package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one flowchart statement ({@code A[Start] --> B{Ok?} & C -.->|no| D}) into nodes,
 * links and {@code &}s, with the index where each starts so errors can name a column.
 * Used by the parser and by the formatter, which rebuilds the statement with normalised
 * links.
 */
final class FlowLexer {

    sealed interface Tok permits NodeTok, LinkTok, AmpTok {

        int start();

        int end();

    }

    /** A node mention; {@code shape} is null when the mention has no brackets. */
    record NodeTok(int start, int end, String id, String shape, String label, List<String> classes) implements Tok {
    }

    /**
     * A link. Heads are {@code '>'} (also for a start {@code <}), {@code 'o'},
     * {@code 'x'} or {@code 0} for none; stroke is normal, thick, dotted or invisible;
     * length counts the extra dashes that make a link longer (1 for {@code -->}).
     */
    record LinkTok(int start, int end, char startHead, char endHead, String stroke, int length,
            String text) implements Tok {
    }

    record AmpTok(int start, int end) implements Tok {
    }

    record Problem(int index, String message, String suggestion) {
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

    private final String s;

    private int i;

    private FlowLexer(String s) {
        this.s = s;
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
            super(message, null, false, false);
            this.problem = new Problem(index, message, suggestion);
        }

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

    private void skipBlanks() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private static boolean idChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private NodeTok node() {
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (idChar(c) || (c == '-' && i > start && i + 1 < s.length() && idChar(s.charAt(i + 1))
                    && idChar(s.charAt(i - 1)))) {
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
        if (i < s.length() && s.startsWith("@{", i)) {
            throw new Fail(i, "the `@{ shape: ... }` node syntax is not supported",
                    "use brackets, e.g. `" + id + "[label]`");
        }
        for (String[] def : SHAPES) {
            if (s.startsWith(def[0], i)) {
                int open = i;
                i += def[0].length();
                String[] closers = def.length > 3 ? new String[] { def[1], def[3] } : new String[] { def[1] };
                String[] names = def.length > 3 ? new String[] { def[2], def[4] } : new String[] { def[2] };
                int which = -1;
                skipBlanks();
                if (i < s.length() && s.charAt(i) == '"') {
                    int q = i;
                    int close = s.indexOf('"', i + 1);
                    if (close < 0) {
                        throw new Fail(q, "this string is never closed", "add `\"` at the end of the label");
                    }
                    label = s.substring(q + 1, close);
                    i = close + 1;
                    skipBlanks();
                    for (int k = 0; k < closers.length; k++) {
                        if (s.startsWith(closers[k], i)) {
                            which = k;
                            break;
                        }
                    }
                    if (which < 0) {
                        throw new Fail(i, "expected `" + closers[0] + "` to close the `" + def[0]
                                + "` opened at column " + (open + 1), null);
                    }
                }
                else {
                    int best = -1;
                    for (int k = 0; k < closers.length; k++) {
                        int at = s.indexOf(closers[k], i);
                        if (at >= 0 && (best < 0 || at < best)) {
                            best = at;
                            which = k;
                        }
                    }
                    if (best < 0) {
                        throw new Fail(open, "`" + def[0] + "` is never closed",
                                "add `" + closers[0] + "` after the label");
                    }
                    label = s.substring(i, best).strip();
                    i = best;
                }
                i += closers[which].length();
                shape = names[which];
                label = Mermaid.unescape(label);
                break;
            }
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
        return new NodeTok(start, i, id, shape, label, List.copyOf(classes));
    }

    private LinkTok link() {
        int start = i;
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
            return finish(start, startHead, (char) 0, "invisible", n - 2, null);
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
                return textLink(start, startHead, "thick", "={2,}([>ox]|=)", '=');
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
                    return finish(start, startHead, endHead, "dotted", dots, null);
                }
                if (n == 1 && dots == 1 && (i >= s.length() || Character.isWhitespace(s.charAt(i)))) {
                    return textLink(start, startHead, "dotted", "\\.+-([>ox]?)", '.');
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
                return textLink(start, startHead, "normal", "-{2,}([>ox]|-)", '-');
            }
            length = endHead != 0 ? n - 1 : n - 2;
        }
        else {
            if (c == '>' || c == '=') {
                throw new Fail(start, "`" + c + "` is not a flowchart link", "did you mean `-->`?");
            }
            throw new Fail(start, "expected a link such as `-->` but found `" + c + "`", null);
        }
        return finish(start, startHead, endHead, stroke, length, text);
    }

    /**
     * {@code -- text -->}, {@code -. text .->}, {@code == text ==>}: the text runs to the
     * closing part.
     */
    private LinkTok textLink(int start, char startHead, String stroke, String closer, char body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s" + closer).matcher(s);
        if (!m.find(i)) {
            throw new Fail(start, "this link's text is never followed by the rest of the link",
                    "write `" + s.substring(start, i).strip() + " text " + link((char) 0, '>', stroke, 1) + "` or `"
                            + link((char) 0, '>', stroke, 1) + "|text|`");
        }
        String text = s.substring(i, m.start()).strip();
        int closeStart = m.start() + 1;
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
        return finish(start, startHead, endHead, stroke, Math.max(1, length), Mermaid.unescape(unquote(text)));
    }

    private LinkTok finish(int start, char startHead, char endHead, String stroke, int length, String text) {
        int end = i;
        int save = i;
        skipBlanks();
        if (i < s.length() && s.charAt(i) == '|') {
            int bar = i;
            int close = s.indexOf('|', i + 1);
            if (s.startsWith("\"", i + 1)) {
                int q = s.indexOf('"', i + 2);
                if (q < 0) {
                    throw new Fail(i + 1, "this string is never closed", "add `\"` at the end of the label");
                }
                close = s.indexOf('|', q);
            }
            if (close < 0) {
                throw new Fail(bar, "the link text is never closed with `|`", "add `|` after the text");
            }
            if (text != null) {
                throw new Fail(bar, "this link already has a text", null);
            }
            text = Mermaid.unescape(unquote(s.substring(bar + 1, close).strip()));
            i = close + 1;
            end = i;
        }
        else {
            i = save;
        }
        return new LinkTok(start, end, startHead, endHead, stroke, Math.max(1, length), text);
    }

    private static String unquote(String t) {
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private int count(char c) {
        int n = 0;
        while (i < s.length() && s.charAt(i) == c) {
            i++;
            n++;
        }
        return n;
    }

    /**
     * An end head right after the link body: {@code >} always, {@code o}/{@code x} when
     * no id follows.
     */
    private char head() {
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
