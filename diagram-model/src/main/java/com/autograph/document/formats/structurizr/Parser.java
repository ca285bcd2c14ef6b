package com.autograph.document.formats.structurizr;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.ModelLimits;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.Colors;
import com.autograph.document.formats.Suggestions;
import com.autograph.document.formats.structurizr.Lexer.Statement;
import com.autograph.document.formats.structurizr.Lexer.Token;
import com.autograph.document.formats.structurizr.Model.Element;
import com.autograph.document.formats.structurizr.Model.Relationship;
import com.autograph.document.formats.structurizr.Model.StyleRule;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the statements block by block, then resolves references (which may come before
 * the element they name), gives every element and relationship its id, and makes shapes.
 */
final class Parser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private enum Kind {

        WORKSPACE, MODEL, ELEMENT, RELATIONSHIP, VIEWS, VIEW, STYLES, STYLE, KEEP, SKIP

    }

    /**
     * An open block: what it is, the element/relationship/style it fills, where its raw
     * lines go.
     */
    private record Block(Kind kind, String keyword, Element element, Relationship relationship, StyleRule style,
            List<String> sink, boolean contentsOnly, int line, int column) {
    }

    static final Set<String> VIEW_KINDS = Set.of("systemLandscape", "systemContext", "container", "component",
            "deployment", "dynamic", "filtered", "custom", "image");

    private static final List<String> WORKSPACE_WORDS = List.of("model", "views", "configuration", "name",
            "description", "!identifiers", "!docs", "!adrs", "properties", "!const", "!constant",
            "!impliedRelationships");

    private static final List<String> VIEW_WORDS = List.of("include", "exclude", "autolayout", "autoLayout", "title",
            "description", "default", "animation", "properties");

    /** Directives that read other files or run code: not possible here. */
    private static final Set<String> UNSUPPORTED = Set.of("!include", "!script", "!plugin", "!ref", "!extend", "!var",
            "!element", "!elements", "!relationship", "!relationships", "!components", "!decisions");

    private final List<CodeError> errors = new ArrayList<>();

    private final List<Statement> statements;

    private final ModelLimits limits;

    private final Deque<Block> open = new ArrayDeque<>();

    private final List<Element> roots = new ArrayList<>();

    private final List<Relationship> relationships = new ArrayList<>();

    private final Map<String, Element> byIdentifier = new HashMap<>();

    private final Set<String> relationshipIdentifiers = new HashSet<>();

    private final List<StyleRule> styles = new ArrayList<>();

    private final Map<String, String> constants = new LinkedHashMap<>();

    /** View scopes to check once every element is known: the token and the kind. */
    private final List<Token[]> viewScopes = new ArrayList<>();

    private final List<String> viewLines = new ArrayList<>();

    private final List<String> configurationLines = new ArrayList<>();

    private final List<String> workspaceLines = new ArrayList<>();

    private final List<String> modelLines = new ArrayList<>();

    private String workspaceName;

    private String workspaceDescription;

    private boolean hierarchical;

    private boolean sawWorkspace;

    private boolean stopped;

    private Set<String> usedIds;

    private int suggestionsLeft = 20;

    private int made;

    Parser(String code, ModelLimits limits) {
        this.statements = new Lexer(code, errors).statements();
        this.limits = limits;
    }

    ParseResult parse() {
        for (Statement st : statements) {
            if (stopped) {
                break;
            }
            List<Token> t = st.tokens();
            if (t.size() == 1 && t.getFirst().is("}")) {
                close(st);
                continue;
            }
            if (t.getLast().is("{}")) {
                // "element {}" opens and closes at once
                List<Token> opened = new ArrayList<>(t.subList(0, t.size() - 1));
                Token last = t.getLast();
                opened.add(new Token("{", false, last.line(), last.column()));
                statement(new Statement(opened, st.source()));
                close(new Statement(List.of(new Token("}", false, last.line(), last.column() + 1)), "}"));
                continue;
            }
            statement(st);
        }
        if (!sawWorkspace && errors.isEmpty()) {
            error(1, 1, "the code has no `workspace`", "write `workspace { model { … } views { … } }`");
        }
        while (!open.isEmpty() && !stopped) {
            Block b = open.pop();
            error(b.line(), b.column(), "`" + b.keyword() + "` is never closed", "add `}` after its last line");
        }
        ids();
        resolve();
        relationshipIds();
        DiagramDocument doc = document();
        errors.sort(java.util.Comparator.comparingInt(CodeError::line).thenComparingInt(CodeError::column));
        return new ParseResult(doc, errors);
    }

    // ---- reading
    // ---------------------------------------------------------------------------

    private void statement(Statement st) {
        if (st.head().isEmpty()) {
            error(st, "a `{` on its own line opens nothing",
                    "put it at the end of the line it belongs to, e.g. `model {`");
            skipBlock(st);
            return;
        }
        Block top = open.peek();
        if (top == null) {
            if (st.first().is("workspace")) {
                workspace(st);
            }
            else {
                error(st, "only `workspace { … }` may stand at the top; this statement is outside it", null);
                skipBlock(st);
            }
            return;
        }
        switch (top.kind()) {
            case WORKSPACE -> inWorkspace(st);
            case MODEL -> inModel(st);
            case ELEMENT -> inElement(st, top.element());
            case RELATIONSHIP -> inRelationship(st, top.relationship());
            case VIEWS -> inViews(st, top.sink());
            case VIEW -> inView(st, top.sink(), top.keyword());
            case STYLES -> inStyles(st, top.sink());
            case STYLE -> inStyle(st, top.sink(), top.style());
            case KEEP -> {
                top.sink().add(st.source());
                if (st.opens()) {
                    push(Kind.KEEP, st, null, null, null, top.sink());
                }
            }
            case SKIP -> {
                if (st.opens()) {
                    push(Kind.SKIP, st, null, null, null, null);
                }
            }
        }
    }

    private void workspace(Statement st) {
        if (sawWorkspace) {
            error(st, "a file holds one `workspace`", null);
            skipBlock(st);
            return;
        }
        sawWorkspace = true;
        List<Token> args = st.head().subList(1, st.head().size());
        if (!args.isEmpty() && args.getFirst().is("extends")) {
            error(args.getFirst(), "`workspace extends` reads another workspace, which the importer cannot do",
                    "copy the base workspace's model into this file");
            skipBlock(st);
            return;
        }
        if (args.size() > 2) {
            error(args.get(2), "`workspace` takes a name and a description, no more", null);
        }
        workspaceName = args.isEmpty() ? null : text(args.get(0));
        workspaceDescription = args.size() < 2 ? null : text(args.get(1));
        if (!st.opens()) {
            error(st, "`workspace` needs a block", "write `workspace {` and close it with `}`");
            return;
        }
        push(Kind.WORKSPACE, st, null, null, null, null);
    }

    private void inWorkspace(Statement st) {
        Token first = st.first();
        String word = first.quoted() ? "" : first.text();
        switch (word) {
            case "model" -> opening(st, Kind.MODEL, null);
            case "views" -> opening(st, Kind.VIEWS, viewLines);
            case "configuration" -> opening(st, Kind.KEEP, configurationLines);
            case "name" -> workspaceName = single(st);
            case "description" -> workspaceDescription = single(st);
            case "!identifiers" -> identifiers(st);
            case "!const", "!constant" -> constant(st);
            default -> {
                if (Model.KEPT.contains(word)) {
                    keep(st, workspaceLines);
                }
                else {
                    unknown(st, "workspace", WORKSPACE_WORDS);
                }
            }
        }
    }

    private void inModel(Statement st) {
        String word = st.first().quoted() ? "" : st.first().text();
        switch (word) {
            case "!identifiers" -> identifiers(st);
            case "!const", "!constant" -> constant(st);
            default -> {
                if (Model.KEPT.contains(word) || word.equals("!impliedRelationships")) {
                    keep(st, modelLines);
                }
                else {
                    declaration(st, null, "model");
                }
            }
        }
    }

    private void inElement(Statement st, Element element) {
        String word = st.first().quoted() ? "" : st.first().text();
        switch (word) {
            case "description" -> element.description = limits.checkText(single(st));
            case "technology" -> element.technology = limits.checkText(single(st));
            case "tags", "tag" ->
                st.head().subList(1, st.head().size()).forEach(t -> element.tags.addAll(Model.splitTags(text(t))));
            case "!identifiers" -> identifiers(st);
            default -> {
                if (Model.KEPT.contains(word)) {
                    keep(st, element.lines);
                }
                else if (word.equals("->")) {
                    // a group is no element: nothing is implied inside one
                    if (relationship(st, null, st.head(), element.isGroup() ? element.scope() : element,
                            element.isGroup() ? null : element) == null) {
                        skipBlock(st);
                    }
                }
                else {
                    declaration(st, element, containerKeyword(element));
                }
            }
        }
    }

    /** Groups hold what their enclosing element (or the model) holds. */
    private static String containerKeyword(Element element) {
        Element e = element;
        while (e != null && e.isGroup()) {
            e = e.parent;
        }
        return e == null ? "model" : e.keyword;
    }

    private void inRelationship(Statement st, Relationship r) {
        String word = st.first().quoted() ? "" : st.first().text();
        switch (word) {
            case "description" -> r.description = limits.checkText(single(st));
            case "technology" -> r.technology = limits.checkText(single(st));
            case "tags", "tag" ->
                st.head().subList(1, st.head().size()).forEach(t -> r.tags.addAll(Model.splitTags(text(t))));
            default -> {
                if (Model.KEPT.contains(word)) {
                    keep(st, r.lines);
                }
                else {
                    unknown(st, "relationship",
                            List.of("description", "technology", "tags", "url", "properties", "perspectives"));
                }
            }
        }
    }

    /**
     * {@code [id =] keyword args… [{]} or {@code [id =] a -> b args… [{]}, in the block
     * of {@code parent} (null: the model), which may hold the kinds {@code in} allows.
     */
    private void declaration(Statement st, Element parent, String in) {
        List<Token> head = st.head();
        String identifier = null;
        List<Token> rest = head;
        if (head.size() >= 2 && head.get(1).is("=")) {
            identifier = head.getFirst().text();
            rest = head.subList(2, head.size());
            if (head.getFirst().quoted() || !identifier.matches("[\\p{L}\\p{N}_.-]+")) {
                error(head.getFirst(), "`" + identifier + "` is not an identifier: use letters, digits, `_` and `-`",
                        null);
                identifier = null;
            }
            if (rest.isEmpty()) {
                error(head.get(1), "nothing follows `=`",
                        "write `" + head.getFirst().text() + " = softwareSystem \"Name\"`");
                skipBlock(st);
                return;
            }
        }
        Token keyword = rest.getFirst();
        Element scope = parent == null ? null : parent.isGroup() ? parent.scope() : parent;
        if (rest.size() >= 2 && rest.get(1).is("->") || keyword.is("->")) {
            Relationship r = relationship(st, identifier, rest, scope,
                    parent != null && parent.isGroup() ? null : parent);
            if (r == null) {
                skipBlock(st);
            }
            return;
        }
        String word = keyword.quoted() ? "" : keyword.text();
        if (UNSUPPORTED.contains(word)) {
            unsupported(st);
            return;
        }
        List<String> allowed = Model.CHILDREN.getOrDefault(in, List.of());
        if (!Model.KINDS.containsKey(word)) {
            List<String> candidates = new ArrayList<>(allowed);
            if (parent != null) {
                candidates.addAll(Model.PROPERTIES);
            }
            String close = Suggestions.closest(word, candidates);
            error(keyword, "unknown " + (parent == null ? "model" : "`" + parent.keyword + "`") + " statement `"
                    + keyword.text() + "`", close == null ? null : "did you mean `" + close + "`?");
            skipBlock(st);
            return;
        }
        if (!allowed.contains(word)) {
            error(keyword, "a `" + word + "` cannot stand in " + (in.equals("model") ? "the model" : "a `" + in + "`")
                    + (allowed.isEmpty() ? ", which holds no elements" : "; it holds " + allowed), null);
            skipBlock(st);
            return;
        }
        element(st, identifier, word, rest.subList(1, rest.size()), parent);
    }

    private void element(Statement st, String identifier, String keyword, List<Token> args, Element parent) {
        limits.checkShapes(++made);
        Element e = new Element(keyword, parent, st.line(), st.column());
        List<String> names = switch (keyword) {
            case "person", "softwareSystem" -> List.of("name", "description", "tags");
            case "container", "component", "infrastructureNode" -> List.of("name", "description", "technology", "tags");
            case "deploymentNode" -> List.of("name", "description", "technology", "tags", "instances");
            case "element" -> List.of("name", "metadata", "description", "tags");
            case "containerInstance", "softwareSystemInstance" -> List.of("identifier", "deploymentGroups", "tags");
            default -> List.of("name");
        };
        if (args.isEmpty()) {
            error(st.first(),
                    "`" + keyword + "` needs " + (e.isInstance() ? "the identifier of its element" : "a name"),
                    "write `" + keyword + (e.isInstance() ? " webApp`" : " \"Name\"`"));
            skipBlock(st);
            return;
        }
        if (args.size() > names.size()) {
            error(args.get(names.size()),
                    "`" + keyword + "` takes " + String.join(", ", names) + "; this is one too many", null);
        }
        for (int i = 0; i < Math.min(args.size(), names.size()); i++) {
            String value = limits.checkText(text(args.get(i)));
            if (value.isEmpty()) {
                // "" holds a place for a later value; it sets nothing
                continue;
            }
            switch (names.get(i)) {
                case "name" -> e.name = value;
                case "description" -> e.description = value;
                case "technology", "metadata" -> e.technology = value;
                case "tags" -> e.tags.addAll(Model.splitTags(value));
                case "identifier" -> e.instanceOf = args.get(i);
                case "instances" -> e.lines.add("instances " + quote(value));
                default -> {
                    // deployment groups: which instances relate; nothing to draw
                }
            }
        }
        if (e.isInstance()) {
            if (e.instanceOf == null) {
                error(args.getFirst(), "`" + keyword + "` needs the identifier of its element", null);
                skipBlock(st);
                return;
            }
            e.name = e.instanceOf.text();
        }
        else if (e.name == null) {
            error(args.getFirst(), "`" + keyword + "` needs a name", null);
            e.name = "";
        }
        // its full identifier (with hierarchical identifiers, its enclosing element's
        // first) is known once every element has its id: see ids()
        e.identifier = identifier;
        (parent == null ? roots : parent.children).add(e);
        if (st.opens()) {
            push(Kind.ELEMENT, st, e, null, null, null);
        }
    }

    /**
     * {@code a -> b [description] [technology] [tags]}, or {@code -> b …} from
     * {@code implied}.
     */
    private Relationship relationship(Statement st, String identifier, List<Token> tokens, Element scope,
            Element implied) {
        Token source = null;
        int arrow = 0;
        if (!tokens.getFirst().is("->")) {
            source = tokens.getFirst();
            arrow = 1;
        }
        if (source == null && implied == null) {
            error(tokens.getFirst(), "a relationship here needs its source before `->`", "write `a -> b`");
            return null;
        }
        if (tokens.size() <= arrow + 1) {
            error(tokens.get(arrow), "`->` needs a destination after it", "write `a -> b \"Uses\"`");
            return null;
        }
        List<Token> args = tokens.subList(arrow + 2, tokens.size());
        if (args.size() > 3) {
            error(args.get(3), "a relationship takes a description, a technology and tags; this is one too many", null);
        }
        limits.checkShapes(++made);
        Element impliedSource = source == null || source.is("this") ? implied : null;
        if (source != null && source.is("this") && implied == null) {
            error(source, "`this` means the element whose block this is; here there is none", null);
            return null;
        }
        Relationship r = new Relationship(st.line(), st.column(), scope, impliedSource == null ? source : null,
                impliedSource, tokens.get(arrow + 1));
        if (args.size() > 0 && !args.get(0).text().isEmpty()) {
            r.description = limits.checkText(text(args.get(0)));
        }
        if (args.size() > 1 && !args.get(1).text().isEmpty()) {
            r.technology = limits.checkText(text(args.get(1)));
        }
        if (args.size() > 2) {
            r.tags.addAll(Model.splitTags(text(args.get(2))));
        }
        if (identifier != null) {
            if (!relationshipIdentifiers.add(Model.key(identifier))) {
                error(st.first(), "the identifier `" + identifier + "` is already used", null);
            }
            else {
                r.identifier = identifier;
            }
        }
        relationships.add(r);
        if (st.opens()) {
            push(Kind.RELATIONSHIP, st, null, r, null, null);
        }
        return r;
    }

    private void inViews(Statement st, List<String> sink) {
        sink.add(st.source());
        String word = st.first().quoted() ? "" : st.first().text();
        if (VIEW_KINDS.contains(word)) {
            List<Token> head = st.head();
            if (Set.of("systemContext", "container", "component").contains(word)) {
                if (head.size() < 2) {
                    error(st.first(), "a `" + word + "` view needs the identifier of its "
                            + (word.equals("component") ? "container" : "software system"), null);
                }
                else {
                    viewScopes.add(new Token[] { head.get(1), st.first() });
                }
            }
            if (st.opens()) {
                push(Kind.VIEW, st, null, null, null, sink);
            }
        }
        else if (word.equals("styles")) {
            if (st.opens()) {
                push(Kind.STYLES, st, null, null, null, sink);
            }
        }
        else if (Set.of("theme", "themes").contains(word)) {
            // a theme is another file's styles: kept as written, not read
        }
        else if (Set.of("branding", "terminology", "properties").contains(word)) {
            if (st.opens()) {
                push(Kind.KEEP, st, null, null, null, sink);
            }
        }
        else {
            List<String> words = new ArrayList<>(VIEW_KINDS);
            words.addAll(List.of("styles", "theme", "themes", "branding", "terminology", "properties"));
            sink.removeLast();
            unknown(st, "views", words);
        }
    }

    private void inView(Statement st, List<String> sink, String viewKind) {
        sink.add(st.source());
        String word = st.first().quoted() ? "" : st.first().text();
        if (st.opens()) {
            push(Kind.KEEP, st, null, null, null, sink);
        }
        else if (!viewKind.equals("dynamic") && !VIEW_WORDS.contains(word)) {
            sink.removeLast();
            unknown(st, "`" + viewKind + "` view", VIEW_WORDS);
        }
    }

    private void inStyles(Statement st, List<String> sink) {
        sink.add(st.source());
        List<Token> head = st.head();
        boolean rule = head.size() == 2 && (head.getFirst().is("element") || head.getFirst().is("relationship"));
        if (rule && st.opens()) {
            StyleRule style = new StyleRule(head.getFirst().is("relationship"), text(head.get(1)),
                    new LinkedHashMap<>());
            styles.add(style);
            push(Kind.STYLE, st, null, null, style, sink);
        }
        else if (st.opens()) {
            push(Kind.KEEP, st, null, null, null, sink);
        }
        else {
            sink.removeLast();
            error(st, "a style is `element \"Tag\" { … }` or `relationship \"Tag\" { … }`", null);
        }
    }

    private void inStyle(Statement st, List<String> sink, StyleRule style) {
        sink.add(st.source());
        if (st.opens()) {
            push(Kind.KEEP, st, null, null, null, sink);
        }
        else if (st.tokens().size() >= 2) {
            style.properties().put(st.first().text().toLowerCase(Locale.ROOT), text(st.tokens().get(1)));
        }
    }

    private void identifiers(Statement st) {
        String mode = st.tokens().size() > 1 ? text(st.tokens().get(1)) : "";
        if (mode.equals("hierarchical")) {
            hierarchical = true;
        }
        else if (mode.equals("flat")) {
            hierarchical = false;
        }
        else {
            error(st, "`!identifiers` is `flat` or `hierarchical`", null);
        }
    }

    private void constant(Statement st) {
        if (st.tokens().size() != 3) {
            error(st, "`" + st.first().text() + "` takes a name and a value", "write `!const NAME \"value\"`");
            return;
        }
        constants.put(st.tokens().get(1).text(), text(st.tokens().get(2)));
    }

    // ---- blocks
    // ---------------------------------------------------------------------------

    private void opening(Statement st, Kind kind, List<String> sink) {
        if (!st.opens()) {
            error(st, "`" + st.first().text() + "` needs a block", "write `" + st.first().text() + " {`");
            return;
        }
        push(kind, st, null, null, null, sink);
        if (sink != null && !stopped) {
            // views { … } and configuration { … } keep what is inside, not their braces
            Block b = open.pop();
            open.push(new Block(b.kind(), b.keyword(), null, null, null, sink, true, b.line(), b.column()));
        }
    }

    private void keep(Statement st, List<String> sink) {
        sink.add(st.source());
        if (st.opens()) {
            push(Kind.KEEP, st, null, null, null, sink);
        }
    }

    private void skipBlock(Statement st) {
        if (st.opens()) {
            push(Kind.SKIP, st, null, null, null, null);
        }
    }

    private void push(Kind kind, Statement st, Element element, Relationship relationship, StyleRule style,
            List<String> sink) {
        if (open.size() >= limits.maxDepth()) {
            error(st, "blocks nest at most " + limits.maxDepth() + " levels deep; the code from here on is not read",
                    null);
            stopped = true;
            return;
        }
        String keyword = element != null ? element.keyword : relationship != null ? "relationship" : st.first().text();
        open.push(new Block(kind, keyword, element, relationship, style, sink, false, st.line(), st.column()));
    }

    private void close(Statement st) {
        Block b = open.poll();
        if (b == null) {
            error(st, "this `}` closes no block", "remove it");
            return;
        }
        if (b.sink() != null && !b.contentsOnly()) {
            b.sink().add("}");
        }
    }

    // ---- references, ids, shapes
    // ---------------------------------------------------------------------------

    private void resolve() {
        for (Element e : all()) {
            if (e.isInstance()) {
                e.resolvedInstance = find(e.instanceOf, e.scope());
            }
        }
        for (Relationship r : relationships) {
            r.source = r.impliedSource != null ? r.impliedSource : find(r.sourceRef, r.scope);
            r.destination = r.destinationRef.is("this") ? r.scope : find(r.destinationRef, r.scope);
        }
        for (Token[] scope : viewScopes) {
            Element e = find(scope[0], null);
            String wanted = scope[1].text().equals("component") ? "container" : "softwareSystem";
            if (e != null && !e.keyword.equals(wanted)) {
                error(scope[0], "a `" + scope[1].text() + "` view is of a `" + wanted + "`; `" + scope[0].text()
                        + "` is a `" + e.keyword + "`", null);
            }
        }
    }

    /**
     * The element {@code ref} names: with hierarchical identifiers, first within each
     * enclosing element ({@code web} inside {@code shop} is {@code shop.web}), then as
     * written.
     */
    private Element find(Token ref, Element scope) {
        String name = ref.text();
        for (Element s = scope; s != null; s = s.scope()) {
            if (s.fullIdentifier != null) {
                Element e = byIdentifier.get(Model.key(s.fullIdentifier + "." + name));
                if (e != null) {
                    return e;
                }
            }
        }
        Element e = byIdentifier.get(Model.key(name));
        if (e == null) {
            // Each suggestion compares with every identifier: only the first few get one,
            // so thousands of bad references can't cost millions of comparisons.
            List<String> known = --suggestionsLeft < 0 ? List.of()
                    : byIdentifier.values().stream().map(x -> x.fullIdentifier).toList();
            String close = Suggestions.closest(name, known);
            error(ref, "no element has the identifier `" + name + "`",
                    close == null ? null : "did you mean `" + close + "`?");
        }
        return e;
    }

    private List<Element> all() {
        List<Element> out = new ArrayList<>();
        Deque<Element> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Element e = todo.pop();
            out.add(e);
            e.children.reversed().forEach(todo::push);
        }
        return out;
    }

    /**
     * Every element's id, parents first: its identifier (after its enclosing element's id
     * and a dot, with hierarchical identifiers), else one made from its name. Identifiers
     * that need no made-up id are reserved first, so a name never takes one.
     */
    private void ids() {
        List<Element> elements = all();
        Set<String> used = new HashSet<>();
        Map<Element, String> reserved = new HashMap<>();
        for (Element e : elements) {
            String full = staticIdentifier(e);
            if (full != null && used.add(Model.key(full))) {
                reserved.put(e, full);
            }
        }
        for (Element e : elements) {
            Element scope = e.isGroup() ? null : e.scope();
            String prefix = hierarchical && scope != null ? scope.id + "." : "";
            String id = reserved.get(e);
            if (id == null && e.identifier != null) {
                id = prefix + e.identifier;
                if (!used.add(Model.key(id))) {
                    error(e.line, e.column, "the identifier `" + id + "` is already used", null);
                    id = null;
                }
            }
            if (id != null) {
                e.id = id;
                e.fullIdentifier = id;
                byIdentifier.put(Model.key(id), e);
                continue;
            }
            String base = (e.isGroup() ? "group-" : "") + slug(e.isInstance() ? e.name + "-instance" : e.name);
            e.id = unique(prefix + base, used);
            // references inside its block may still be relative to it
            e.fullIdentifier = e.id;
        }
        usedIds = used;
    }

    /**
     * Relationship ids, once their ends are known: the identifier, else {@code rel-N}
     * counting the relationships that are drawn.
     */
    private void relationshipIds() {
        Set<String> used = usedIds;
        int n = 0;
        for (Relationship r : relationships) {
            if (r.source == null || r.destination == null) {
                continue;
            }
            n++;
            if (r.identifier != null && used.add(Model.key(r.identifier))) {
                r.id = r.identifier;
            }
            else {
                if (r.identifier != null) {
                    error(r.line, r.column, "the identifier `" + r.identifier + "` is already used", null);
                }
                r.id = unique("rel-" + n, used);
            }
        }
    }

    /**
     * The full identifier when it doesn't depend on a made-up id: the element and every
     * element it nests in (with hierarchical identifiers) have identifiers.
     */
    private String staticIdentifier(Element e) {
        if (e.identifier == null) {
            return null;
        }
        Element scope = e.isGroup() ? null : e.scope();
        if (!hierarchical || scope == null) {
            return e.identifier;
        }
        String outer = staticIdentifier(scope);
        return outer == null ? null : outer + "." + e.identifier;
    }

    private DiagramDocument document() {
        List<Element> elements = all();
        List<Shape> shapes = new ArrayList<>();
        for (Element e : elements) {
            shapes.add(shape(e));
        }
        for (Relationship r : relationships) {
            if (r.source != null && r.destination != null) {
                shapes.add(connector(r));
            }
        }
        ObjectNode field = NODES.objectNode();
        if (workspaceName != null) {
            field.put("name", workspaceName);
        }
        if (workspaceDescription != null) {
            field.put("description", workspaceDescription);
        }
        if (hierarchical) {
            field.put("identifiers", "hierarchical");
        }
        lines(field, "workspace_lines", workspaceLines);
        lines(field, "model_lines", modelLines);
        lines(field, "views", viewLines);
        lines(field, "configuration", configurationLines);
        return DiagramDocument.of(shapes).withUnknownField(StructurizrLanguage.FIELD, field);
    }

    private Shape shape(Element e) {
        boolean frame = !e.children.isEmpty() || e.isGroup() || e.keyword.equals("deploymentEnvironment");
        Map<String, String> style = style(e.allTags(), false);
        ShapeType type = frame ? ShapeType.FRAME : switch (style.getOrDefault("shape", "").toLowerCase(Locale.ROOT)) {
            case "ellipse", "circle" -> ShapeType.ELLIPSE;
            case "diamond" -> ShapeType.DIAMOND;
            default -> ShapeType.RECTANGLE;
        };
        Shape.Builder b = Shape.builder(type, e.id).text(limits.checkText(label(e, frame)));
        Element parent = e.parent;
        if (parent != null) {
            b.parentId(parent.id);
        }
        ObjectNode bag = NODES.objectNode().put("element", e.keyword);
        if (e.name != null && !e.isInstance()) {
            bag.put("name", e.name);
        }
        if (e.isInstance()) {
            bag.put("instance_of", e.instanceOf.text());
        }
        if (e.description != null) {
            bag.put("description", e.description);
        }
        if (e.technology != null) {
            bag.put("technology", e.technology);
        }
        if (!e.tags.isEmpty()) {
            ArrayNode tags = bag.putArray("tags");
            e.tags.forEach(tags::add);
        }
        lines(bag, "lines", e.lines);
        Style.Builder s = Style.builder();
        if (e.isGroup()) {
            s.strokeStyle(StrokeStyle.DASHED);
        }
        color(style.get("background"), s::fillColor);
        color(style.getOrDefault("color", style.get("colour")), s::textColor);
        color(style.get("stroke"), s::strokeColor);
        strokeStyle(style.get("border"), s);
        common(style, s);
        if ("roundedbox".equalsIgnoreCase(style.get("shape")) && type == ShapeType.RECTANGLE) {
            s.cornerRadius(10);
        }
        Style built = s.build();
        if (!built.isEmpty()) {
            b.style(built);
        }
        return b.unknownField(StructurizrLanguage.FIELD, bag).build();
    }

    private Shape connector(Relationship r) {
        Shape.Builder b = Shape.arrow(r.id, Endpoint.boundTo(r.source.id), Endpoint.boundTo(r.destination.id));
        String text = StructurizrLanguage.relationshipLabel(r.description, r.technology);
        if (!text.isEmpty()) {
            b.text(limits.checkText(text));
        }
        ObjectNode bag = NODES.objectNode();
        if (r.description != null) {
            bag.put("description", r.description);
        }
        if (r.technology != null) {
            bag.put("technology", r.technology);
        }
        if (!r.tags.isEmpty()) {
            ArrayNode tags = bag.putArray("tags");
            r.tags.forEach(tags::add);
        }
        lines(bag, "lines", r.lines);
        Map<String, String> style = style(r.allTags(), true);
        Style.Builder s = Style.builder();
        String colour = style.getOrDefault("color", style.get("colour"));
        color(colour, s::strokeColor);
        color(colour, s::textColor);
        if (style.containsKey("thickness")) {
            number(style.get("thickness")).ifPresent(s::strokeWidth);
        }
        if (style.containsKey("dashed")) {
            s.strokeStyle("false".equalsIgnoreCase(style.get("dashed")) ? StrokeStyle.SOLID : StrokeStyle.DASHED);
        }
        strokeStyle(style.get("style"), s);
        common(style, s);
        switch (style.getOrDefault("routing", "").toLowerCase(Locale.ROOT)) {
            case "curved" -> b.routing(Routing.CURVED);
            case "orthogonal" -> b.routing(Routing.ELBOW);
            default -> {
            }
        }
        Style built = s.build();
        if (!built.isEmpty()) {
            b.style(built);
        }
        return b.unknownField(StructurizrLanguage.FIELD, bag).build();
    }

    /** The properties of every style whose tag the element has, later ones winning. */
    private Map<String, String> style(List<String> tags, boolean relationship) {
        Map<String, String> out = new HashMap<>();
        Set<String> lower = new HashSet<>();
        tags.forEach(t -> lower.add(t.toLowerCase(Locale.ROOT)));
        for (StyleRule rule : styles) {
            if (rule.relationship() == relationship && lower.contains(rule.tag().toLowerCase(Locale.ROOT))) {
                out.putAll(rule.properties());
            }
        }
        return out;
    }

    private static void common(Map<String, String> style, Style.Builder s) {
        number(style.get("fontsize")).filter(v -> v > 0 && v <= 1000).ifPresent(s::fontSize);
        number(style.get("opacity")).filter(v -> v >= 0 && v <= 100).ifPresent(v -> s.opacity(v / 100));
        number(style.get("strokewidth")).filter(v -> v >= 0 && v <= 1000).ifPresent(s::strokeWidth);
    }

    private static void strokeStyle(String value, Style.Builder s) {
        if (value != null) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "dashed" -> s.strokeStyle(StrokeStyle.DASHED);
                case "dotted" -> s.strokeStyle(StrokeStyle.DOTTED);
                case "solid" -> s.strokeStyle(StrokeStyle.SOLID);
                default -> {
                }
            }
        }
    }

    private static java.util.Optional<Double> number(String value) {
        if (value == null || !value.matches("\\d{1,6}(\\.\\d{1,6})?")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Double.parseDouble(value));
    }

    private static void color(String value, java.util.function.Consumer<String> set) {
        String c = Colors.normalize(value);
        if (c != null) {
            set.accept(c);
        }
    }

    private String label(Element e, boolean frame) {
        if (e.isInstance()) {
            Element of = e.resolvedInstance;
            return of == null ? e.name : StructurizrLanguage.label(of.keyword, of.name, of.technology, null, false);
        }
        return StructurizrLanguage.label(e.keyword, e.name, e.technology, e.description, frame);
    }

    private static void lines(ObjectNode into, String name, List<String> lines) {
        if (!lines.isEmpty()) {
            ArrayNode a = into.putArray(name);
            lines.forEach(a::add);
        }
    }

    private static String unique(String base, Set<String> used) {
        String id = base;
        for (int n = 2; used.contains(Model.key(id)); n++) {
            id = base + "-" + n;
        }
        used.add(Model.key(id));
        return id;
    }

    /**
     * An identifier from a name: accents dropped, lower case, runs of other characters as
     * one {@code -}, at most 60 characters.
     */
    static String slug(String name) {
        String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < n.length() && b.length() < 60; i++) {
            char c = Character.toLowerCase(n.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (gap && !b.isEmpty()) {
                    b.append('-');
                }
                gap = false;
                b.append(c);
            }
            else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                gap = true;
            }
        }
        return b.isEmpty() ? "element" : b.toString();
    }

    // ---- tokens and errors
    // ---------------------------------------------------------------------------

    /** The token's text with {@code ${NAME}} constants put in. */
    private String text(Token t) {
        String s = t.text();
        if (constants.isEmpty() || !s.contains("${")) {
            return s;
        }
        for (Map.Entry<String, String> c : constants.entrySet()) {
            s = s.replace("${" + c.getKey() + "}", c.getValue());
        }
        return s;
    }

    /** The one value of {@code keyword value}. */
    private String single(Statement st) {
        if (st.tokens().size() != 2 || st.opens()) {
            error(st, "`" + st.first().text() + "` takes one value", "write `" + st.first().text() + " \"…\"`");
            skipBlock(st);
            return st.tokens().size() > 1 ? text(st.tokens().get(1)) : null;
        }
        return text(st.tokens().get(1));
    }

    private void unknown(Statement st, String where, List<String> words) {
        Token first = st.first();
        String close = Suggestions.closest(first.text(), words);
        if (UNSUPPORTED.contains(first.text())) {
            unsupported(st);
            return;
        }
        error(first, "unknown " + where + " statement `" + first.text() + "`",
                close == null ? null : "did you mean `" + close + "`?");
        skipBlock(st);
    }

    private void unsupported(Statement st) {
        error(st.first(), "`" + st.first().text() + "` is not supported by the importer (it reads other files or"
                + " runs code); the line was skipped", null);
        skipBlock(st);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void error(Statement st, String message, String suggestion) {
        error(st.line(), st.column(), message, suggestion);
    }

    private void error(Token t, String message, String suggestion) {
        error(t.line(), t.column(), message, suggestion);
    }

    private void error(int line, int column, String message, String suggestion) {
        errors.add(new CodeError(line, column, message, suggestion));
    }

}
