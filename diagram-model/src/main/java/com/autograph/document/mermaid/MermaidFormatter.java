package com.autograph.document.mermaid;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pretty-prints Mermaid code without changing what it means: four spaces per nesting
 * level, one statement per line (flowchart {@code ;} lists split), links and messages
 * normalised ({@code A-->B} → {@code A --> B}, {@code A -- text --> B} →
 * {@code A -->|text| B}, {@code A->>B:hi} → {@code A->>B: hi}), runs of blank lines
 * collapsed to one, trailing blanks removed. Comments, directives and front matter are
 * kept. Lines the parser would reject are kept as written (re-indented), so formatting
 * never loses text.
 */
public final class MermaidFormatter {

    private static final Pattern MESSAGE = Pattern.compile(
            "^([^:]+?)\\s*(<<-->>|<<->>|-->>|->>|-->|->|--x|-x|--\\)|-\\))\\s*([+-]?)\\s*([^:]+?)\\s*(?::\\s*(.*))?$");

    private static final Pattern CLASS_OPEN = Pattern
        .compile("^(class\\s+.+|namespace\\s+.+|state\\s+.+|[^\\s{]+(\\s*\\[[^]]*])?)\\s*\\{$");

    private MermaidFormatter() {
    }

    public static String format(String code) {
        if (code == null) {
            return "";
        }
        String text = code.startsWith("\uFEFF") ? code.substring(1) : code;
        List<Line> lines = Line.split(text);
        String[] raw = text.split("\r\n|\r|\n", -1);
        Out out = new Out();
        String kind = null;
        boolean blank = false;
        boolean started = false;
        int n = 0;
        while (n < lines.size() && lines.get(n).isBlank()) {
            n++;
        }
        if (n < lines.size() && lines.get(n).text().equals("---")) {
            int close = n + 1;
            while (close < lines.size() && !lines.get(close).text().equals("---")) {
                close++;
            }
            for (int k = n; k <= Math.min(close, lines.size() - 1); k++) {
                out.line(k == n || k == close ? "---" : raw[k].stripTrailing());
            }
            n = close + 1;
            started = true;
        }
        boolean inNote = false;
        java.util.Deque<Integer> indents = new java.util.ArrayDeque<>();
        boolean inMarkdown = false;
        for (; n < lines.size(); n++) {
            Line line = lines.get(n);
            String t = line.text();
            if (t.isEmpty()) {
                blank = started;
                continue;
            }
            if (blank) {
                out.line("");
                blank = false;
            }
            started = true;
            if (t.startsWith("%%{") && !t.endsWith("}%%")) {
                // a directive over several lines is kept as written, up to its `}%%`
                int depth = out.depth;
                out.line(t);
                out.depth = 0;
                while (n + 1 < lines.size() && !lines.get(n).text().endsWith("}%%")) {
                    n++;
                    out.line(raw[n].stripTrailing());
                }
                out.depth = depth;
                continue;
            }
            if (line.isComment() || t.startsWith("%%{")) {
                out.line(t);
                continue;
            }
            if (kind == null) {
                String word = t.split("[\\s;:]", 2)[0];
                kind = kindOf(word);
                String rest = t.substring(word.length()).strip();
                String more = "";
                if (kind.equals("flowchart") && rest.contains(";")) {
                    more = rest.substring(rest.indexOf(';') + 1).strip();
                    rest = rest.substring(0, rest.indexOf(';')).strip();
                }
                out.depth = 0;
                out.line(rest.isEmpty() ? word : word + " " + rest.replaceAll("\\s+", " "));
                out.depth = 1;
                if (!more.isEmpty()) {
                    flowchart(new Line(line.number(), line.column(), more), out);
                }
                continue;
            }
            if (inMarkdown) {
                // a markdown label spanning lines: its text is kept as written
                int depth = out.depth;
                out.depth = 0;
                out.line(t);
                out.depth = depth;
                inMarkdown = !t.contains("`\"");
                continue;
            }
            if (inNote) {
                if (t.equals("end note")) {
                    out.depth--;
                    out.line(t);
                    inNote = false;
                }
                else {
                    out.line(t);
                }
                continue;
            }
            switch (kind) {
                case "flowchart" -> flowchart(line, out);
                case "sequence" -> sequence(t, out);
                case "state" -> {
                    if (t.matches("^note\\s+(left|right) of\\s+\\S+$")) {
                        out.line(t);
                        out.depth++;
                        inNote = true;
                    }
                    else {
                        braces(t, out);
                    }
                }
                case "class", "er" -> braces(t, out);
                case "mindmap", "kanban" -> {
                    inMarkdown = tree(line, out, indents);
                }
                case "requirement" -> {
                    if (t.endsWith("{")) {
                        out.line(t);
                        out.depth++;
                    }
                    else {
                        braces(t, out);
                    }
                }
                case "gantt", "timeline" -> {
                    if (t.startsWith("section ")) {
                        out.depth = 1;
                        out.line(t);
                        out.depth = 2;
                    }
                    else {
                        out.line(t);
                    }
                }
                case "c4" -> nested(t, t.equals("}"), t.endsWith("{"), out);
                case "block" -> nested(t, t.equals("end"), t.equals("block") || t.startsWith("block:"), out);
                default -> out.line(t);
            }
        }
        return out.toString();
    }

    private static String kindOf(String word) {
        return switch (word) {
            case "flowchart", "graph", "flowchart-elk" -> "flowchart";
            case "sequenceDiagram" -> "sequence";
            case "classDiagram", "classDiagram-v2" -> "class";
            case "stateDiagram", "stateDiagram-v2" -> "state";
            case "erDiagram" -> "er";
            case "gantt" -> "gantt";
            case "mindmap" -> "mindmap";
            case "kanban" -> "kanban";
            case "timeline", "journey" -> "timeline";
            case "requirementDiagram" -> "requirement";
            case "C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment" -> "c4";
            case "block", "block-beta" -> "block";
            default -> "other";
        };
    }

    /**
     * A line of an indentation tree (mindmap, kanban): one level deeper than the nearest
     * less indented node before it; {@code ::icon} and {@code :::} lines at the level of
     * their node. True when a markdown label opened here continues on the next lines.
     */
    private static boolean tree(Line line, Out out, java.util.Deque<Integer> indents) {
        String t = line.text();
        if (!t.startsWith("::")) {
            int indent = line.column() - 1;
            while (!indents.isEmpty() && indents.peek() >= indent) {
                indents.pop();
            }
            // deeper than the parser reads is an error anyway; the cap keeps the output
            // linear
            out.depth = 1 + Math.min(indents.size(), KindParser.MAX_NESTING);
            indents.push(indent);
        }
        out.line(t);
        return NodeSyntax.opensMultiLine(t);
    }

    /** A line of a diagram whose scopes open and close with whole lines (C4, block). */
    private static void nested(String t, boolean closes, boolean opens, Out out) {
        if (closes) {
            out.depth = Math.max(1, out.depth - 1);
        }
        out.line(t);
        if (opens) {
            out.depth++;
        }
    }

    private static void braces(String t, Out out) {
        if (t.equals("}")) {
            out.depth = Math.max(1, out.depth - 1);
            out.line(t);
        }
        else if (CLASS_OPEN.matcher(t).matches()) {
            out.line(t.substring(0, t.length() - 1).strip() + " {");
            out.depth++;
        }
        else {
            out.line(t);
        }
    }

    private static void sequence(String t, Out out) {
        String word = t.split("\\s+", 2)[0];
        if (word.equals("end")) {
            out.depth = Math.max(1, out.depth - 1);
            out.line(t);
        }
        else if (SequenceParser.SECTIONS.containsValue(word)) {
            out.depth = Math.max(1, out.depth - 1);
            out.line(t);
            out.depth++;
        }
        else if (SequenceParser.BLOCKS.contains(word) || word.equals("box")) {
            out.line(t);
            out.depth++;
        }
        else {
            Matcher m = MESSAGE.matcher(t);
            if (m.matches() && !SequenceParser.PARTICIPANT_KINDS.contains(word) && !word.equalsIgnoreCase("note")) {
                out.line(m.group(1) + m.group(2) + m.group(3) + m.group(4)
                        + (m.group(5) == null ? "" : ": " + m.group(5).strip()));
            }
            else {
                out.line(t);
            }
        }
    }

    private static void flowchart(Line line, Out out) {
        for (Line part : FlowchartParser.splitStatements(line)) {
            String t = part.text();
            if (t.isEmpty()) {
                continue;
            }
            String word = t.split("\\s+", 2)[0];
            switch (word) {
                case "end" -> {
                    out.depth = Math.max(1, out.depth - 1);
                    out.line(t);
                }
                case "subgraph" -> {
                    out.line(t);
                    out.depth++;
                }
                case "direction", "classDef", "class", "style", "linkStyle", "click", "accTitle", "accDescr" ->
                    out.line(t);
                default -> out.line(chain(t));
            }
        }
    }

    /**
     * A node/link chain with normalised links, or the text as written when it doesn't
     * read.
     */
    private static String chain(String t) {
        FlowLexer.Lexed lexed = FlowLexer.lex(t);
        if (lexed.problem() != null) {
            return t;
        }
        StringBuilder sb = new StringBuilder();
        for (FlowLexer.Tok tok : lexed.toks()) {
            switch (tok) {
                case FlowLexer.NodeTok n -> sb.append(t, n.start(), n.end());
                case FlowLexer.AmpTok a -> sb.append(" &");
                case FlowLexer.LinkTok l -> {
                    sb.append(' ').append(l.id() == null ? "" : l.id() + "@");
                    sb.append(FlowLexer.link(l.startHead(), l.endHead(), l.stroke(), l.length()));
                    if (l.text() != null) {
                        sb.append('|')
                            .append(l.markdown() ? FlowchartRenderer.markdownLabel(l.text())
                                    : FlowchartRenderer.label(l.text()))
                            .append('|');
                    }
                }
            }
            sb.append(' ');
        }
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

}
