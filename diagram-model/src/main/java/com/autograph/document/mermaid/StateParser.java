package com.autograph.document.mermaid;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code stateDiagram-v2}: states are rectangles, composite states frames (concurrent
 * regions groups inside them), choices diamonds, forks and joins black bars, {@code [*]}
 * small ellipses (one start and one end per scope), transitions arrows, notes sticky
 * notes.
 */
final class StateParser extends KindParser {

    static final String START = "[*]start";
    static final String END = "[*]end";

    private static final String ID = "[\\p{L}\\p{N}_.-]+";

    private static final Pattern TRANSITION = Pattern.compile("^(\\[\\*]|" + ID
            + ")(?::::([\\w-]+))?\\s*-->\\s*(\\[\\*]|" + ID + ")(?::::([\\w-]+))?\\s*(?::\\s*(.*))?$");

    /**
     * {@code state [“Description” as] Id [<<kind>> | [[kind]]] [{ | : more text]}.
     */
    private static final Pattern STATE = Pattern.compile("^state\\s+(?:\"([^\"]*)\"\\s+as\\s+)?(" + ID
            + ")\\s*(?:<<(choice|fork|join)>>|\\[\\[(choice|fork|join)]])?\\s*(?:(\\{)|:\\s*(.*))?$");

    /**
     * A {@code %%} comment at the end of a statement (not a {@code %%{...}%%} directive).
     */
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+%%(?!\\{).*$");

    private static final Pattern DESCRIPTION = Pattern.compile("^(" + ID + ")\\s*:\\s*(.*)$");

    private static final Pattern NOTE = Pattern
        .compile("^note\\s+(left of|right of)\\s+(" + ID + ")\\s*(?::\\s*(.*))?$");

    private record Open(Draft scope, Line line) {
    }

    private final Deque<Open> scopes = new ArrayDeque<>();

    private final Map<String, String> classDefs = new LinkedHashMap<>();

    private Draft note;

    private Line noteLine;

    private StringBuilder noteText;

    private int transitions;

    private int notes;

    /**
     * The state just declared with {@code state Name} and no brace: a {@code {} on the
     * next statement opens it as a composite state.
     */
    private Draft declared;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `" + Mermaid.str(root, "keyword", "stateDiagram-v2") + "` on its line");
        }
    }

    private String scope() {
        return scopes.isEmpty() ? null : scopes.peek().scope().id;
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (note != null) {
            if (t.equals("end note")) {
                note.text = noteText.toString();
                note = null;
            }
            else {
                // <br> breaks lines inside a note block too
                noteText.append(noteText.isEmpty() ? "" : "\n").append(Mermaid.unescape(t));
            }
            return;
        }
        Matcher m = TRAILING_COMMENT.matcher(t);
        if (m.find()) {
            line = new Line(line.number(), line.column(), t.substring(0, m.start()));
            t = line.text();
        }
        String word = t.split("\\s+", 2)[0];
        Draft opening = declared;
        declared = null;
        if (title(line)) {
            return;
        }
        if (word.equals("direction")) {
            String d = direction(line, 9);
            if (d != null) {
                (scopes.isEmpty() ? root : composite().ext()).put("direction", d);
            }
        }
        else if (t.equals("{")) {
            if (opening == null) {
                error(line, 0, "`{` opens a composite state only right after `state Name`");
            }
            else {
                open(line, opening);
            }
        }
        else if (t.equals("}")) {
            if (scopes.isEmpty()) {
                error(line, 0, "`}` without an open composite state");
            }
            else {
                Draft closed = scopes.pop().scope();
                if (closed.type == ShapeType.GROUP && !scopes.isEmpty()) {
                    scopes.pop(); // the last region closes with its composite state
                }
            }
        }
        else if (t.equals("--")) {
            region(line);
        }
        else if ((m = TRANSITION.matcher(t)).matches()) {
            Draft a = state(m.group(1), true);
            Draft b = state(m.group(3), false);
            if (m.group(2) != null) {
                addClass(a, m.group(2));
            }
            if (m.group(4) != null) {
                addClass(b, m.group(4));
            }
            Draft tr = add(Draft.connector("tr:" + (++transitions), ShapeType.ARROW, a.id, b.id));
            tr.text = m.group(5) == null || m.group(5).isBlank() ? null : Mermaid.unescape(m.group(5).strip());
            tr.parent = scope();
        }
        else if (word.equals("state") && (m = STATE.matcher(t)).matches()) {
            Draft s = state(m.group(2), true);
            if (m.group(1) != null) {
                s.text = Mermaid.unescape(m.group(1));
            }
            String kind = m.group(3) != null ? m.group(3) : m.group(4);
            if (kind != null) {
                s.type = kind.equals("choice") ? ShapeType.DIAMOND : ShapeType.RECTANGLE;
                s.ext().put("kind", kind);
                if (!kind.equals("choice")) {
                    s.text = null;
                }
            }
            if (m.group(5) != null) {
                open(line, s);
            }
            else if (m.group(6) != null) {
                describe(s, m.group(6));
            }
            else if (kind == null) {
                declared = s;
            }
        }
        else if (word.equals("state")) {
            error(line, 0, "a state is written `state Name`, `state \"Description\" as Name` or `state Name {`");
        }
        else if ((m = NOTE.matcher(t)).matches()) {
            Draft target = state(m.group(2), true);
            Draft n = add(new Draft("note:" + (++notes), ShapeType.STICKY_NOTE));
            n.ext().put("placement", m.group(1));
            n.ext().put("of", target.id);
            n.parent = scope();
            if (m.group(3) != null) {
                n.text = Mermaid.unescape(m.group(3).strip());
            }
            else {
                note = n;
                noteLine = line;
                noteText = new StringBuilder();
            }
        }
        else if (word.equals("classDef")) {
            String[] p = t.substring(8).strip().split("\\s+", 2);
            if (p.length < 2) {
                error(line, 0, "`classDef` needs a name and styles");
            }
            else {
                classDefs.put(p[0], p[1]);
            }
        }
        else if (word.equals("class") || word.equals("style")) {
            // `class A, B name` / `style A,B fill:#f9f,stroke:#333`: the ids, then one
            // more
            // word
            Matcher p = Pattern.compile("^\\w+\\s+(" + ID + "(?:\\s*,\\s*" + ID + ")*)\\s+(\\S.*)$").matcher(t);
            if (!p.matches() || (word.equals("class") && p.group(2).contains(" "))) {
                error(line, 0, word.equals("class") ? "`class` is written `class A,B className`"
                        : "`style` is written `style A,B fill:#f9f,stroke:#333`");
            }
            else {
                for (String id : p.group(1).split("\\s*,\\s*")) {
                    Draft s = state(id, true);
                    if (word.equals("class")) {
                        addClass(s, p.group(2));
                    }
                    else {
                        String before = Mermaid.str(s.ext(), "style", null);
                        s.ext().put("style", before == null ? p.group(2) : before + "," + p.group(2));
                    }
                }
            }
        }
        else if ((m = DESCRIPTION.matcher(t)).matches()) {
            describe(state(m.group(1), true), m.group(2));
        }
        else if (t.matches(ID)) {
            state(t, true);
        }
        else if (!common(line)) {
            int arrow = t.indexOf("->");
            if (arrow > 0 && !t.contains("-->")) {
                error(line, arrow, "`->` is not a transition", "did you mean `-->`?");
            }
            else {
                String near = Mermaid.closest(word, List.of("state", "note", "direction", "classDef", "class"));
                error(line, 0, "unknown statement `" + word + "`",
                        near == null ? null : "did you mean `" + near + "`?");
            }
        }
    }

    /** Opens {@code s} as a composite state: what follows, up to `}`, is inside it. */
    private void open(Line line, Draft s) {
        if (tooDeep(line, scopes.size())) {
            return;
        }
        s.type = ShapeType.FRAME;
        scopes.push(new Open(s, line));
    }

    /** {@code Id : text} adds a line of description to a state. */
    private static void describe(Draft s, String text) {
        ArrayNode d = s.ext().has("descriptions") ? (ArrayNode) s.ext().get("descriptions")
                : s.ext().putArray("descriptions");
        d.add(Mermaid.unescape(text.strip()));
    }

    private Draft composite() {
        Draft s = scopes.peek().scope();
        return s.type == ShapeType.GROUP ? draft(s.parent) : s;
    }

    /** {@code --} splits a composite state into concurrent regions, each a group. */
    private void region(Line line) {
        if (scopes.isEmpty()) {
            error(line, 0, "`--` only separates regions inside a composite state");
            return;
        }
        Draft c = composite();
        if (scopes.peek().scope().type != ShapeType.GROUP) {
            Draft first = add(new Draft(c.id + "/region:1", ShapeType.GROUP));
            first.parent = c.id;
            for (Draft d : drafts.values()) {
                if (c.id.equals(d.parent) && d != first) {
                    d.parent = first.id;
                }
            }
            scopes.push(new Open(first, line));
        }
        long n = drafts.values().stream().filter(d -> c.id.equals(d.parent) && d.type == ShapeType.GROUP).count();
        Draft next = add(new Draft(c.id + "/region:" + (n + 1), ShapeType.GROUP));
        next.parent = c.id;
        scopes.pop();
        scopes.push(new Open(next, line));
    }

    private static void addClass(Draft d, String name) {
        ArrayNode classes = d.ext().has("classes") ? (ArrayNode) d.ext().get("classes") : d.ext().putArray("classes");
        for (var c : classes) {
            if (c.asString().equals(name)) {
                return;
            }
        }
        classes.add(name);
    }

    /**
     * The state with this id, or the scope's start ({@code asSource}) or end for
     * {@code [*]}.
     */
    private Draft state(String id, boolean asSource) {
        String scope = scope();
        if (id.equals("[*]")) {
            String pid = (scope == null ? "" : scope + "/") + (asSource ? START : END);
            Draft p = draft(pid);
            if (p == null) {
                p = add(new Draft(pid, ShapeType.ELLIPSE));
                p.parent = scope;
                p.ext().put("pseudo", asSource ? "start" : "end");
                p.style = Style.builder().fillColor("#000000").build();
            }
            return p;
        }
        Draft s = draft(id);
        if (s == null) {
            s = add(new Draft(id, ShapeType.RECTANGLE));
            s.text = id;
            s.parent = scope;
        }
        return s;
    }

    @Override
    void finish(int lastLine) {
        if (note != null) {
            errors.add(new CodeError(noteLine.number(), noteLine.column(), "this note is never closed",
                    "add `end note` after its text"));
        }
        for (Open o : scopes) {
            if (o.scope().type == ShapeType.FRAME) {
                errors.add(new CodeError(o.line().number(), o.line().column(),
                        "composite state `" + o.scope().id + "` is never closed", "add `}` after its last line"));
            }
        }
        // [*] is never declared, only used: keep start and end states after the declared
        // ones,
        // by id, so the order does not depend on where the code first used them.
        List<Draft> pseudo = drafts.values()
            .stream()
            .filter(d -> d.ext().has("pseudo"))
            .sorted(java.util.Comparator.comparing(d -> d.id))
            .toList();
        pseudo.forEach(d -> drafts.remove(d.id));
        pseudo.forEach(this::add);
        if (!classDefs.isEmpty()) {
            ObjectNode defs = root.putObject("class_defs");
            classDefs.forEach(defs::put);
        }
        for (Draft d : drafts.values()) {
            Mermaid.moveLast(d.ext(), "classes", "style");
            if (d.ext().has("classes") || d.ext().has("style")) {
                d.style = FlowchartParser.styleOf(d, root);
            }
            else if (d.ext().has("kind") && !Mermaid.str(d.ext(), "kind", "").equals("choice")) {
                d.style = Style.builder().fillColor("#000000").build();
            }
        }
    }

    @Override
    String connectorPrefix() {
        return "tr:";
    }

    @Override
    void layout(List<Draft> ordered) {
        String dir = Mermaid.str(root, "direction", "TB");
        FlowchartParser.rank(ordered, dir.equals("LR") || dir.equals("RL"), dir.equals("BT") || dir.equals("RL"));
        for (Draft d : ordered) {
            if (d.ext().has("pseudo")) {
                d.width = 24;
                d.height = 24;
            }
            else if (d.ext().has("kind") && !Mermaid.str(d.ext(), "kind", "").equals("choice")) {
                d.width = 120;
                d.height = 10;
            }
        }
    }

}
