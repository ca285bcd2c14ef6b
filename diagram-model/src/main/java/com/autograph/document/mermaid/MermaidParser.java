package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Mermaid code to the canonical document. Never throws: every problem is a
 * {@link CodeError} with line, column, message and, where the fix is obvious, a
 * suggestion; the document holds whatever could be read. See docs/diagram-as-code.md for
 * what each diagram type maps to.
 */
public final class MermaidParser {

    /** Diagram keywords this parser reads, with the kind each one makes. */
    private static final Map<String, String> KEYWORDS = new LinkedHashMap<>();

    private static final Map<String, Supplier<KindParser>> PARSERS = new HashMap<>(Map.of("flowchart",
            FlowchartParser::new, "sequence", SequenceParser::new, "class", ClassParser::new, "state", StateParser::new,
            "er", ErParser::new, "gantt", GanttParser::new, "git", GitGraphParser::new));

    /**
     * Mermaid's other diagram types, which this parser knows of but does not read: each
     * is refused with one message naming it. A name stands for itself and its
     * {@code -beta} form. A type that gains a parser (an entry in {@link #KEYWORDS} and
     * {@link #PARSERS}) is read instead; nothing here has to change.
     */
    private static final List<String> OTHER_TYPES = List.of("block", "packet", "architecture", "kanban", "mindmap",
            "timeline", "C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment", "requirementDiagram",
            "journey", "zenuml", "wardley", "eventmodeling", "venn", "ishikawa", "treeView", "info");

    /**
     * Mermaid's chart types (values plotted, not shapes connected), refused as charts
     * unless a parser reads them.
     */
    private static final List<String> CHART_TYPES = List.of("pie", "quadrantChart", "xychart", "sankey", "radar",
            "treemap");

    static {
        KEYWORDS.put("flowchart", "flowchart");
        KEYWORDS.put("graph", "flowchart");
        KEYWORDS.put("flowchart-elk", "flowchart");
        KEYWORDS.put("sequenceDiagram", "sequence");
        KEYWORDS.put("classDiagram", "class");
        KEYWORDS.put("classDiagram-v2", "class");
        KEYWORDS.put("stateDiagram", "state");
        KEYWORDS.put("stateDiagram-v2", "state");
        KEYWORDS.put("erDiagram", "er");
        KEYWORDS.put("gantt", "gantt");
        KEYWORDS.put("gitGraph", "git");
        KEYWORDS.put("mindmap", "mindmap");
        PARSERS.put("mindmap", MindmapParser::new);
        KEYWORDS.put("kanban", "kanban");
        PARSERS.put("kanban", KanbanParser::new);
        KEYWORDS.put("timeline", "timeline");
        PARSERS.put("timeline", TimelineParser::new);
        KEYWORDS.put("journey", "journey");
        PARSERS.put("journey", JourneyParser::new);
        KEYWORDS.put("packet", "packet");
        KEYWORDS.put("packet-beta", "packet");
        PARSERS.put("packet", PacketParser::new);
        KEYWORDS.put("requirementDiagram", "requirement");
        PARSERS.put("requirement", RequirementParser::new);
        for (String c4 : List.of("C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment")) {
            KEYWORDS.put(c4, "c4");
        }
        PARSERS.put("c4", C4Parser::new);
        KEYWORDS.put("architecture-beta", "architecture");
        PARSERS.put("architecture", ArchitectureParser::new);
        KEYWORDS.put("block", "block");
        KEYWORDS.put("block-beta", "block");
        PARSERS.put("block", BlockParser::new);
        KEYWORDS.put("pie", "pie");
        KEYWORDS.put("quadrantChart", "quadrant");
        KEYWORDS.put("xychart", "xychart");
        KEYWORDS.put("xychart-beta", "xychart");
        PARSERS.put("pie", PieParser::new);
        PARSERS.put("quadrant", QuadrantParser::new);
        PARSERS.put("xychart", XyChartParser::new);
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
        String text = code.startsWith("\uFEFF") ? code.substring(1) : code;
        List<Line> lines = Line.split(text);
        String[] raw = text.split("\r\n|\r|\n", -1);
        List<CodeError> early = new ArrayList<>();
        int n = 0;
        while (n < lines.size() && lines.get(n).isBlank()) {
            n++;
        }
        String frontMatter = null;
        ObjectNode config = Mermaid.NODES.objectNode();
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
            MermaidConfig.fromFrontMatter(frontMatter, open + 2, config, early);
            n = close + 1;
        }
        // Directives first: the configuration they carry must be known before the header
        // is read (a gitGraph's main branch is named there).
        Map<Integer, Integer> directives = new LinkedHashMap<>();
        ArrayNode init = Mermaid.NODES.arrayNode();
        for (int d = n; d < lines.size(); d++) {
            if (!lines.get(d).text().startsWith("%%{")) {
                continue;
            }
            int end = d;
            while (end < lines.size() && !lines.get(end).text().endsWith("}%%")) {
                end++;
            }
            if (end == lines.size()) {
                Line open = lines.get(d);
                early.add(new CodeError(open.number(), open.column(), "this directive is never closed",
                        "end it with `}%%`"));
                directives.put(d, lines.size() - 1);
                break;
            }
            String directive = String.join("\n", java.util.Arrays.asList(raw).subList(d, end + 1)).strip();
            init.add(directive);
            MermaidConfig.fromDirective(directive, config);
            directives.put(d, end);
            d = end;
        }
        KindParser parser = null;
        for (; n < lines.size(); n++) {
            Line line = lines.get(n);
            if (directives.containsKey(n)) {
                n = directives.get(n);
                continue;
            }
            if (line.isBlank() || line.isComment()) {
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
                parser.config = config;
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
            if (!early.isEmpty()) {
                return new ParseResult(DiagramDocument.empty(), early);
            }
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
        String base = word.endsWith("-beta") ? word.substring(0, word.length() - 5) : word;
        String supported = "supported: " + String.join(", ", readKeywords());
        if (CHART_TYPES.contains(base)) {
            return new CodeError(line.number(), line.column(), "`" + word
                    + "` is a chart, not a diagram: charts plot values, and AutoGraph draws diagrams of shapes and connectors",
                    supported);
        }
        if (OTHER_TYPES.contains(base) || KEYWORDS.containsKey(word)) {
            return new CodeError(line.number(), line.column(), "`" + word + "` diagrams are not supported (yet)",
                    supported);
        }
        List<String> all = new ArrayList<>(readKeywords());
        for (String other : concat(OTHER_TYPES, CHART_TYPES)) {
            all.add(other);
            all.add(other + "-beta");
        }
        String near = Mermaid.closest(word, all);
        return new CodeError(line.number(), line.column(), "unknown diagram type `" + word + "`", near != null
                ? "did you mean `" + near + "`?" : "start with one of: " + String.join(", ", readKeywords()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The keywords read, in the order {@link #KEYWORDS} lists them. */
    private static List<String> readKeywords() {
        return KEYWORDS.keySet().stream().filter(k -> PARSERS.containsKey(KEYWORDS.get(k))).toList();
    }

}
