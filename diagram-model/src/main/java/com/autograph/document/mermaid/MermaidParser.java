package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.autograph.document.DiagramDocument;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

import tools.jackson.databind.node.ArrayNode;

/**
 * Mermaid code to the canonical document. Never throws: every problem is a
 * {@link CodeError} with line, column, message and, where the fix is obvious, a
 * suggestion; the document holds whatever could be read. See docs/diagram-as-code.md for
 * what each diagram type maps to.
 */
public final class MermaidParser {

    /** Diagram keywords this parser reads, with the kind each one makes. */
    private static final Map<String, String> KEYWORDS = new LinkedHashMap<>();

    private static final Map<String, Supplier<KindParser>> PARSERS = Map.of("flowchart", FlowchartParser::new,
            "sequence", SequenceParser::new, "class", ClassParser::new, "state", StateParser::new, "er", ErParser::new,
            "gantt", GanttParser::new, "git", GitGraphParser::new, "pie", PieParser::new, "quadrant",
            QuadrantParser::new, "xychart", XyChartParser::new);

    /** Mermaid diagram types this parser knows of but does not read. */
    private static final List<String> OTHER_TYPES = List.of("pie", "journey", "mindmap", "timeline", "quadrantChart",
            "requirementDiagram", "C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment", "sankey-beta",
            "xychart-beta", "block-beta", "packet-beta", "kanban", "architecture-beta", "radar-beta", "zenuml",
            "treemap-beta");

    static {
        KEYWORDS.put("flowchart", "flowchart");
        KEYWORDS.put("graph", "flowchart");
        KEYWORDS.put("sequenceDiagram", "sequence");
        KEYWORDS.put("classDiagram", "class");
        KEYWORDS.put("classDiagram-v2", "class");
        KEYWORDS.put("stateDiagram", "state");
        KEYWORDS.put("stateDiagram-v2", "state");
        KEYWORDS.put("erDiagram", "er");
        KEYWORDS.put("gantt", "gantt");
        KEYWORDS.put("gitGraph", "git");
        KEYWORDS.put("pie", "pie");
        KEYWORDS.put("quadrantChart", "quadrant");
        KEYWORDS.put("xychart", "xychart");
        KEYWORDS.put("xychart-beta", "xychart");
    }

    private MermaidParser() {
    }

    /**
     * The header keywords this parser reads (e.g. {@code graph},
     * {@code sequenceDiagram}).
     */
    static java.util.Set<String> keywords() {
        return KEYWORDS.entrySet()
            .stream()
            .filter(e -> PARSERS.containsKey(e.getValue()))
            .map(Map.Entry::getKey)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The diagram kinds read (flowchart, sequence, class, state, er, gantt, git). */
    static List<String> kinds() {
        return KEYWORDS.values().stream().distinct().filter(PARSERS::containsKey).toList();
    }

    public static ParseResult parse(String code) {
        return parse(code, ModelLimits.DEFAULTS);
    }

    /**
     * Parses within {@code limits}.
     * @throws LimitExceededException when the code is over one of them
     */
    public static ParseResult parse(String code, ModelLimits limits) {
        if (code == null) {
            return new ParseResult(DiagramDocument.empty(), List.of(new CodeError(1, 1, "there is no code")));
        }
        limits.checkInput(code, "the code");
        try {
            return read(code, limits);
        }
        catch (LimitExceededException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // Defensive: a parser bug must surface as an error on the code, never as a
            // crash. The
            // message is for the user: it names no class of ours or of Java's.
            return new ParseResult(DiagramDocument.empty(), List.of(new CodeError(1, 1,
                    "this diagram could not be read: the parser failed on it (a bug; please report the code)")));
        }
    }

    /**
     * {@link #parse} without its safety net, so the fuzz tests see a parser bug as the
     * exception it is.
     */
    static ParseResult read(String code, ModelLimits limits) {
        List<Line> lines = Line.split(code.startsWith("\uFEFF") ? code.substring(1) : code);
        String[] raw = code.split("\r\n|\r|\n", -1);
        List<CodeError> early = new ArrayList<>();
        int n = 0;
        while (n < lines.size() && lines.get(n).isBlank()) {
            n++;
        }
        String frontMatter = null;
        if (n < lines.size() && lines.get(n).text().equals("---")) {
            int open = n;
            int close = n + 1;
            while (close < lines.size() && !lines.get(close).text().equals("---")) {
                close++;
            }
            if (close == lines.size()) {
                return new ParseResult(DiagramDocument.empty(), List.of(new CodeError(open + 1, 1,
                        "the front matter opened here is never closed", "add a line `---` after it")));
            }
            frontMatter = String.join("\n", java.util.Arrays.asList(raw).subList(open + 1, close)).stripTrailing();
            n = close + 1;
        }
        ArrayNode init = Mermaid.NODES.arrayNode();
        KindParser parser = null;
        for (; n < lines.size(); n++) {
            Line line = lines.get(n);
            if (line.isBlank() || line.isComment()) {
                continue;
            }
            if (line.text().startsWith("%%{")) {
                if (!line.text().endsWith("}%%")) {
                    early.add(new CodeError(line.number(), line.column(), "this directive is never closed",
                            "end it with `}%%` on the same line"));
                }
                else {
                    init.add(line.text());
                }
                continue;
            }
            if (parser == null) {
                String word = line.text().split("[\\s;:]", 2)[0];
                String kind = KEYWORDS.get(word);
                if (kind == null || !PARSERS.containsKey(kind)) {
                    return new ParseResult(DiagramDocument.empty(), List.of(unknownType(line, word)));
                }
                parser = PARSERS.get(kind).get();
                parser.limits = limits;
                parser.root.put("kind", kind);
                parser.root.put("keyword", word);
                Line rest = line.sub(word.length());
                int semicolon = rest.text().indexOf(';');
                if (semicolon >= 0 && kind.equals("flowchart")) {
                    // `graph TD;A-->B`: the header ends at the first semicolon
                    parser.header(new Line(rest.number(), rest.column(), rest.text().substring(0, semicolon).strip()));
                    Line more = rest.sub(semicolon + 1);
                    if (!more.isBlank()) {
                        parser.statement(more);
                    }
                }
                else {
                    parser.header(rest);
                }
                continue;
            }
            parser.statement(line);
            if (parser.stopped) {
                break;
            }
        }
        if (parser == null) {
            return new ParseResult(DiagramDocument.empty(), List.of(new CodeError(lines.size(), 1,
                    "there is no diagram here", "start with a diagram type such as `flowchart TD`")));
        }
        parser.finish(lines.size());
        if (frontMatter != null) {
            parser.root.put("front_matter", frontMatter);
        }
        if (!init.isEmpty()) {
            parser.root.set("init", init);
        }
        List<CodeError> errors = new ArrayList<>(early);
        errors.addAll(parser.errors);
        errors.sort(Comparator.comparingInt(CodeError::line).thenComparingInt(CodeError::column));
        return new ParseResult(parser.document(), errors);
    }

    private static CodeError unknownType(Line line, String word) {
        if (OTHER_TYPES.contains(word) || KEYWORDS.containsKey(word)) {
            return new CodeError(line.number(), line.column(), "`" + word + "` diagrams are not supported",
                    "supported: " + String.join(", ",
                            KEYWORDS.keySet().stream().filter(k -> PARSERS.containsKey(KEYWORDS.get(k))).toList()));
        }
        List<String> all = new ArrayList<>(KEYWORDS.keySet());
        String near = Mermaid.closest(word, all);
        return new CodeError(line.number(), line.column(), "unknown diagram type `" + word + "`",
                near != null ? "did you mean `" + near + "`?" : "start with one of: " + String.join(", ", all));
    }

}
