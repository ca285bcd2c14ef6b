package com.autograph.document.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.autograph.document.DocumentCodec;
import com.autograph.document.DocumentValidator;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.d2.D2Language;
import com.autograph.document.formats.drawio.DrawioFormat;
import com.autograph.document.formats.eraser.EraserLanguage;
import com.autograph.document.formats.excalidraw.ExcalidrawFormat;
import com.autograph.document.formats.plantuml.PlantUmlLanguage;
import com.autograph.document.formats.structurizr.StructurizrLanguage;
import com.autograph.document.formats.tldraw.TldrawFormat;
import com.autograph.document.mermaid.MermaidRenderer;
import com.autograph.document.uploads.ImageHeader;
import com.autograph.document.uploads.UploadCollector;
import com.autograph.document.uploads.UploadLimits;
import com.autograph.document.mermaid.MermaidUnguarded;

/**
 * One fuzz target per parser or importer: where its seed corpus lives, the tokens and
 * nestings its mutations use, what it may throw, and the call that reads an input. The
 * committed corpus is {@code src/test/resources/fuzz/<name>/} (crashes found by fuzzing
 * are kept there as regressions); the other folders are the parser's own test files, used
 * as seeds too.
 */
enum Target {

    MERMAID(AllowedErrors.CODE, List.of("/fuzz/mermaid", "/mermaid/corpus", "/mermaid/bad"), List.of("flowchart TD\n",
            "graph LR;", "sequenceDiagram\n", "classDiagram\n", "stateDiagram-v2\n", "erDiagram\n", "gantt\n",
            "gitGraph\n", "-->", "---", "-.->", "==>", "--o", "--x", "<-->", "-- text -->", "|", "[", "]", "(", ")",
            "((", "))", "{", "}", "{{", "}}", "[/", "/]", ">", "\"", "'", ":", ";", "&", "%%",
            "%%{init: {\"theme\": \"dark\"}}%%\n", "---\n", "subgraph ", "end", "direction ", "classDef ", "class ",
            "style ", "linkStyle ", "click ", "participant ", "actor ", "->>", "-->>", "-x", "-)", "+", "loop ", "alt ",
            "else ", "opt ", "par ", "and ", "critical ", "break ", "rect ", "Note right of ", "note ", "activate ",
            "deactivate ", "autonumber", "box ", "create ", "destroy ", "<<interface>>", "~", "#", "$", "*", "<|--",
            "*--", "o--", "..>", "..|>", "[*]", "state ", "<<choice>>", "<<fork>>", "--", "||--o{", "}|..|{", "|o--o|",
            " PK", " FK", "dateFormat ", "axisFormat ", "section ", "after ", "excludes ", "milestone", "crit",
            ":a1, 2014-01-01, 30d", "commit", "branch ", "checkout ", "merge ", "cherry-pick id:", "tag:",
            "type: HIGHLIGHT", "order: ", "@{ shape: rect }", "\n    ",
            // state, ER, gantt and gitGraph as Mermaid's documentation writes
            // them
            "[[choice]]", "[[fork]]", " as ", "<br>", "end note\n", ":::", "only one", " to ", "optionally to",
            "zero or more", "many(0)", "1+", "vert", "branch \"", "%%{init: {\n", "}%%\n",
            "---\nconfig:\n  gitGraph:\n    mainBranchName: x\n---\n", "  ",
            // flowchart as Mermaid's documentation writes it
            "flowchart-elk LR\n", "@{ shape: manual-file, label: \"File\" }", "@{ icon: \"fa:user\", h: 60 }",
            "@{ img: \"https://example.org/a.png\", pos: \"t\" }", "@{\n", "\n}", " e1@--> ", "e1@{ animate: true }",
            "class e1 animate", "\"`**bold**\n`\"", "--text-->", "==x", ".->", "a.b", "click A call f()",
            // sequence and class as Mermaid's documentation writes them
            "@{ \"type\": \"database\", \"alias\": \"DB\" }", "@{", "-|\\", "--|/", "-\\\\", "//-", "\\|--", "()",
            "link A: x @ https://e.org", "links A: {\"a\": \"b\"}", "properties ", "<|--|>", "()--", "--()", "`",
            "namespace N[\"T\"] {\n", "callback ", "note for A \"x\n",
            // C4, architecture-beta, block
            "C4Context\n", "C4Container\n", "C4Deployment\n", "Person(", "System_Ext(", "ContainerDb(", "Component(",
            "Boundary(", "Enterprise_Boundary(b, \"B\") {\n", "Deployment_Node(", "Rel(", "BiRel(", "Rel_Back(",
            "RelIndex(1, ", "UpdateElementStyle(", "UpdateRelStyle(", "UpdateLayoutConfig($c4ShapeInRow=\"0\")",
            "$tags=\"v1\"", "$bgColor=", ", ", "architecture-beta\n", "group g(cloud)[G]", "service s(database)[S]",
            " in ", "junction j", "(logos:aws-s3)", "{group}", ":L -- R:", ":T --> B:", ":B <-- T:", "-[label]-",
            "block-beta\n", "block\n", "columns ", "columns auto", "block:", ":3", "space", "space:2",
            "<[\"x\"]>(right)", "(x, down)", "end\n",
            // charts
            "pie showData\n", "\"Dogs\" : 386", "quadrantChart\n", "x-axis ", "y-axis ", "quadrant-1 ", ": [0.3, 0.6]",
            ":::", "radius: 10", "classDef c color: #ff0000", "xychart-beta horizontal\n", "bar [", "line [", "1e308",
            ", ", " --> "),
            List.of(new Nest("subgraph s\n", "end\n"), new Nest("loop x\n", "end\n"), new Nest("state a {\n", "}\n"),
                    new Nest("alt x\n", "end\n"), new Nest("namespace n {\n", "}\n"), new Nest("(", ")"),
                    new Nest("[", "]"), new Nest("{", "}"), new Nest("\"", "\""), new Nest("%%{\n", "\n}%%\n"),
                    new Nest("System_Boundary(b, \"B\") {\n", "}\n"), new Nest("block\n", "end\n")),
            input -> mermaid(input, MermaidUnguarded.parse(input)), MermaidTokens.NEW_TYPES),

    ERASER(AllowedErrors.CODE, List.of("/fuzz/eraser", "/formats/eraser"),
            List.of("{", "}", "[", "]", ">", "<", "<>", "-", "--", "-->", ":", ",", "//", "icon: aws-lambda",
                    "color: blue", "label: ", "shape: ", "\"", "direction right\n", "colorMode pastel\n",
                    "styleMode shadow\n", "typeface clean\n", " > ", "\n  "),
            List.of(new Nest("g {\n", "}\n"), new Nest("[", "]"), new Nest("{", "}"), new Nest("\"", "\"")),
            input -> positions(input, new EraserLanguage().parse(input))),

    PLANTUML(AllowedErrors.CODE, List.of("/fuzz/plantuml", "/formats/plantuml"),
            List.of("@startuml\n", "@enduml\n", "participant ", "actor ", "->", "-->", "<-", "..>", "<|--", "*--",
                    "o--", "class ", "interface ", "abstract ", "enum ", "{", "}", "component ", "[", "]", "package ",
                    "node ", "database ", "alt ", "else ", "end\n", "loop ", "group ", "note left: ", "note over A\n",
                    "end note\n", "as ", ":", "\"", "skinparam ", "title ", "'", "/'", "'/", "!include x\n", "==",
                    "...", "|||", "activate ", "<<stereotype>>", "#red", "left to right direction\n", "()", "+", "-",
                    "--", "\n  "),
            List.of(new Nest("package p {\n", "}\n"), new Nest("alt x\n", "end\n"), new Nest("group g\n", "end\n"),
                    new Nest("node n {\n", "}\n"), new Nest("[", "]"), new Nest("{", "}"), new Nest("\"", "\"")),
            input -> positions(input, new PlantUmlLanguage().parse(input))),

    STRUCTURIZR(AllowedErrors.CODE, List.of("/fuzz/structurizr", "/formats/structurizr"),
            List.of("workspace {\n", "model {\n", "views {\n", "}\n", "{", "}", "\"", "=", " -> ", "->", "this",
                    "person ", "softwareSystem ", "container ", "component ", "group ", "deploymentEnvironment ",
                    "deploymentNode ", "containerInstance ", "infrastructureNode ", "element ", "tags ", "description ",
                    "technology ", "!identifiers hierarchical\n", "!const X \"y\"\n", "${X}", "!include x\n",
                    "systemContext ", "include *\n", "autolayout lr\n", "styles {\n", "element \"Tag\" {\n",
                    "background #123456\n", "//", "#", "/*", "*/", "\\\n", "\n    "),
            List.of(new Nest("group \"g\" {\n", "}\n"), new Nest("softwareSystem \"s\" {\n", "}\n"), new Nest("{", "}"),
                    new Nest("\"", "\""), new Nest("/*", "*/")),
            input -> positions(input, new StructurizrLanguage().parse(input))),

    D2(AllowedErrors.CODE, List.of("/fuzz/d2", "/formats/d2", "/formats/d2/bad"),
            List.of("->", "<-", "<->", "--", ":", ";", ".", "{", "}", "\"", "'", "#", "|md ", "|", "_.", "\\", "\n  ",
                    "direction: right\n", "shape: cylinder", "shape: image", "shape: sql_table", "icon: aws-lambda",
                    "style.fill: \"#ff0000\"", "style: {stroke: red}", "style.opacity: 2", "label: ", "tooltip: t",
                    "null", "*", "...@x", "grid-rows: 2", "(a -> b)[0]", "a.b.c"),
            List.of(new Nest("x: {\n", "}\n"), new Nest("{", "}"), new Nest("a.", ""), new Nest("\"", "\"")),
            input -> roundTrips(input, new D2Language())),

    DRAWIO(AllowedErrors.IMPORT, List.of("/fuzz/drawio", "/formats/drawio"),
            List.of("<mxCell id=\"x\" ", "vertex=\"1\" ", "edge=\"1\" ", "parent=\"1\" ", "parent=\"0\" ", "source=\"",
                    "target=\"", "style=\"", "<mxGeometry ", "x=\"", "y=\"", "width=\"", "height=\"", "as=\"geometry\"",
                    "relative=\"1\" ", "<mxPoint x=\"1\" y=\"2\" as=\"sourcePoint\"/>", "<Array as=\"points\">",
                    "</Array>", "<UserObject label=\"u\" id=\"u\">", "</UserObject>", "<object id=\"o\">", "</object>",
                    "label=\"", "value=\"", "&lt;b&gt;", "&amp;", "&#0;", "&#xD800;", "&#x10FFFF;", "&lt;br&gt;",
                    "<![CDATA[", "]]>", "<!--", "-->", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "<?xml version=\"1.0\"?>",
                    "html=1;", "shape=", "rounded=1;", "fillColor=#fff;", "strokeColor=none;", "dashed=1;", "endArrow=",
                    "rotation=", "whiteSpace=wrap;", "<diagram name=\"p\" id=\"p\">", "</diagram>", "<mxGraphModel>",
                    "</mxGraphModel>", "<root>", "</root>", "compressed=\"true\" ", "\"", "=", "/>", ">", "<"),
            List.of(new Nest("<object id=\"o\">", "</object>"), new Nest("<a>", "</a>"),
                    new Nest("<mxCell id=\"c\" parent=\"1\" vertex=\"1\">", "</mxCell>"),
                    new Nest("&lt;b&gt;", "&lt;/b&gt;"), new Nest("<div>", "</div>")),
            input -> {
                DrawioFormat drawio = new DrawioFormat();
                drawio.pageNames(input);
                drawio.read(input);
            }),

    EXCALIDRAW(AllowedErrors.IMPORT, List.of("/fuzz/excalidraw", "/formats/excalidraw"),
            List.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "\"type\":", "\"id\":",
                    "\"elements\":", "\"containerId\":", "\"groupIds\":[\"g\"]", "\"boundElements\":",
                    "\"points\":[[0,0],[1e309,1]]", "\"frameId\":", "\"fileId\":", "\"x\":", "\"width\":", "\"angle\":",
                    "\"text\":", "\"strokeColor\":", "\"isDeleted\":true", "\\u0000", "\\ud800", "\\udc00",
                    "\"startBinding\":{\"elementId\":\"x\"}", "\"type\":\"arrow\"", "\"type\":\"text\"",
                    "\"type\":\"frame\"", "\"type\":\"image\"", "\"files\":{}", "\"appState\":{}"),
            List.of(new Nest("[", "]"), new Nest("{\"a\":", "}"), new Nest("{\"elements\":[", "]}")), input -> {
                ExcalidrawFormat excalidraw = new ExcalidrawFormat(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
                excalidraw.read(input);
                excalidraw.readExtracting(input, UploadLimits.DEFAULTS);
            }),

    /**
     * Pictures an import stores: a {@code data:} URL through every check, or anything
     * else as the bytes of a picture (one char a byte) through the header reader.
     */
    IMAGE(AllowedErrors.IMPORT, List.of("/fuzz/image"),
            List.of("data:", "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", ";base64,", ",",
                    "=", "==", "AAAA", "////", "iVBORw0KGgo", "R0lGODlh", "/9j/", "UklGR", "\u0089PNG\r\n\u001a\n",
                    "IHDR", "\u0000\u0000\u0000\r", "\u00ff\u00d8\u00ff", "\u00ff\u00c0", "\u00ff\u00da",
                    "\u00ff\u00ff\u00ff", "RIFF", "WEBP", "VP8 ", "VP8L", "VP8X", "GIF89a", "GIF87a",
                    "\u00ff\u00ff\u00ff\u00ff", "<svg", "<?xml", "\uFEFF"),
            List.of(new Nest("<svg>", "</svg>")), input -> {
                if (input.startsWith("data:")) {
                    new UploadCollector(UploadLimits.DEFAULTS).image(input, "fuzzed");
                }
                else {
                    ImageHeader.read(input.getBytes(StandardCharsets.ISO_8859_1));
                }
            }),

    TLDRAW(AllowedErrors.IMPORT, List.of("/fuzz/tldraw", "/formats/tldraw", "/formats/tldraw/golden"),
            List.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "\"typeName\":\"shape\"",
                    "\"typeName\":\"binding\"", "\"typeName\":\"page\"", "\"parentId\":\"page:page\"",
                    "\"parentId\":\"shape:box\"", "\"id\":", "\"type\":\"geo\"", "\"type\":\"arrow\"",
                    "\"type\":\"group\"", "\"type\":\"line\"", "\"type\":\"draw\"", "\"fromId\":", "\"toId\":",
                    "\"terminal\":\"start\"", "\"index\":\"a1\"", "\"rotation\":", "\"x\":", "\"w\":", "\"scale\":",
                    "\"richText\":", "\"content\":[", "\"segments\":", "\"points\":", "\"boundShapeId\":",
                    "\"tldrawFileFormatVersion\":", "\\u0000", "\\ud800"),
            List.of(new Nest("[", "]"), new Nest("{\"a\":", "}"), new Nest("{\"content\":[", "]}")),
            input -> new TldrawFormat().read(input)),

    DOCUMENT(AllowedErrors.DOCUMENT, List.of("/fuzz/document"),
            List.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "\"schema_version\":",
                    "\"schema_version\":0", "\"shapes\":", "\"id\":", "\"type\":", "\"parent_id\":",
                    "\"start\":{\"shape_id\":\"a\"}", "\"end\":{\"x\":1,\"y\":2}", "\"style\":{}", "\"rotation\":",
                    "\"points\":[{\"x\":0,\"y\":0}]", "\"x\":", "\"width\":", "\"text\":", "\"background\":", "\\u0000",
                    "\\ud800", "\\udc00", "\"type\":\"arrow\"", "\"type\":\"group\"", "\"type\":\"text\""),
            List.of(new Nest("[", "]"), new Nest("{\"a\":", "}"), new Nest("{\"shapes\":[", "]}")), input -> {
                DocumentCodec.read(input);
                DocumentCodec.read(input.getBytes(StandardCharsets.UTF_8));
            });

    /** An opening and closing text that mutations repeat to make deep nesting. */
    record Nest(String open, String close) {
    }

    /** One seed: its file name (for the report) and its text. */
    record Seed(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Text every target's inputs get spliced with: control characters, broken UTF-16, odd
     * numbers.
     */
    static final List<String> NASTY = List.of("\u0000", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\uFFFF", "\uFEFF",
            "\u202E", "\u0301", "\r", "\r\n", "\n", "\t", " ", "99999999999999999999999999999", "-2147483649",
            "2147483648", "9223372036854775808", "1e309", "-1e-400", "NaN", "Infinity", "-0", "0x1F", "1".repeat(400),
            "%", "%ZZ", "%%", "\\", "\\u", "\\uZZZZ", "\"", "'", "`", "&", "<", ">", "..", "=");

    /** Numbers that replace a run of digits. */
    static final List<String> HUGE_NUMBERS = List.of("99999999999999999999999999999", "-2147483649", "2147483648",
            "9223372036854775808", "1e309", "-1e309", "1e-400", "NaN", "-0", "0", "00000000000000000000001",
            "1.7976931348623157e308", "4.9e-324", "1" + "0".repeat(1000), "0." + "0".repeat(1000) + "1");

    final List<Class<? extends RuntimeException>> allowed;

    private final List<String> folders;

    final List<String> tokens;

    final List<Nest> nests;

    private final Consumer<String> read;

    private List<Seed> seeds;

    Target(List<Class<? extends RuntimeException>> allowed, List<String> folders, List<String> tokens, List<Nest> nests,
            Consumer<String> read, List<String> moreTokens) {
        this(allowed, folders, Stream.concat(tokens.stream(), moreTokens.stream()).toList(), nests, read);
    }

    Target(List<Class<? extends RuntimeException>> allowed, List<String> folders, List<String> tokens, List<Nest> nests,
            Consumer<String> read) {
        this.allowed = allowed;
        this.folders = folders;
        this.tokens = tokens;
        this.nests = nests;
        this.read = read;
    }

    /**
     * Reads one input; throws whatever the parser throws, or an AssertionError for a
     * wrong result.
     */
    void read(String input) {
        read.accept(input);
    }

    /** The committed seeds of this target, sorted by name so generation is repeatable. */
    synchronized List<Seed> seeds() {
        if (seeds == null) {
            List<Seed> all = new ArrayList<>();
            for (String folder : folders) {
                all.addAll(load(folder));
            }
            if (all.isEmpty()) {
                throw new IllegalStateException("no seeds for " + this + " in " + folders);
            }
            seeds = List.copyOf(all);
        }
        return seeds;
    }

    private static List<Seed> load(String folder) {
        URL url = Target.class.getResource(folder);
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(Files::isRegularFile)
                .sorted()
                .filter(p -> !p.getFileName().toString().startsWith("LICENSE"))
                .map(p -> new Seed(folder.substring(1) + "/" + p.getFileName(), text(p)))
                .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Mermaid diagram kinds whose fuzzed inputs must also round-trip. */
    private static final java.util.Set<String> ROUND_TRIPPED = java.util.Set.of("pie", "quadrant", "xychart");

    /**
     * Positions as below; charts must also read into valid documents that render to code
     * reading back to the same document.
     */
    private static void mermaid(String input, ParseResult result) {
        positions(input, result);
        tools.jackson.databind.JsonNode ext = result.document().unknownFields().get("mermaid");
        if (ext == null || !ROUND_TRIPPED.contains(ext.path("kind").asString(""))) {
            return;
        }
        if (!DocumentValidator.validate(result.document()).isEmpty()) {
            throw new AssertionError("invalid document: " + DocumentValidator.validate(result.document()).get(0));
        }
        if (result.ok()) {
            String rendered = MermaidRenderer.render(result.document());
            ParseResult again = MermaidUnguarded.parse(rendered);
            if (!again.ok() || !again.document().equals(result.document())) {
                throw new AssertionError("does not read back: " + again.errors() + "\n" + rendered);
            }
        }
    }

    /**
     * Positions as below, and more: whatever is read is a valid document, and what is
     * read without errors renders to code that reads back to the same document.
     */
    private static void roundTrips(String input, DiagramLanguage language) {
        ParseResult result = language.parse(input);
        positions(input, result);
        if (!DocumentValidator.validate(result.document()).isEmpty()) {
            throw new AssertionError("invalid document: " + DocumentValidator.validate(result.document()).get(0));
        }
        if (result.ok()) {
            String rendered = language.render(result.document());
            ParseResult again = language.parse(rendered);
            if (!again.ok() || !again.document().equals(result.document())) {
                throw new AssertionError("does not read back: " + again.errors() + "\n" + rendered);
            }
        }
    }

    /**
     * Diagram code errors must point into the code: a line that exists (or the one after
     * the last).
     */
    private static void positions(String input, ParseResult result) {
        long lines = input.split("\r\n|\r|\n", -1).length;
        for (CodeError error : result.errors()) {
            if (error.line() > lines + 1) {
                throw new AssertionError("error " + error + " is past the last line (" + lines + ")");
            }
        }
    }

}
