package com.autograph.document.mermaid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sequenceDiagram}: participants are shapes, messages arrows, notes sticky notes,
 * blocks (loop, alt, ...) and boxes frames; the order of everything is the document's
 * {@code mermaid.statements} list, which refers to those shapes by id.
 */
final class SequenceParser extends KindParser {

    static final List<String> PARTICIPANT_KINDS = List.of("participant", "actor", "boundary", "control", "entity",
            "database", "collections", "queue");
    static final List<String> BLOCKS = List.of("loop", "alt", "opt", "par", "critical", "break", "rect");

    /** Which section keyword each block allows. */
    static final Map<String, String> SECTIONS = Map.of("alt", "else", "par", "and", "critical", "option");

    /** Longest first, so {@code -->>} is not read as {@code -->}. */
    static final List<String> ARROWS = List.of("<<-->>", "<<->>", "-->>", "->>", "-->", "->", "--x", "-x", "--)", "-)");

    private static final Pattern MESSAGE = Pattern
        .compile("^([^:]+?)\\s*(<<-->>|<<->>|-->>|->>|-->|->|--x|-x|--\\)|-\\))\\s*([+-]?)\\s*([^:]+?)\\s*(?::(.*))?$");

    private static final Pattern NOTE = Pattern.compile("(?i)^note\\s+(left of|right of|over)\\s+([^:]+?)\\s*:(.*)$");

    private static final Pattern PARTICIPANT = Pattern.compile("^(\\S+)(?:\\s+as\\s+(.+))?$");

    private record Open(Draft frame, Line line) {
    }

    private final ArrayNode statements = root.putArray("statements");

    private final Deque<Open> blocks = new ArrayDeque<>();

    private Open box;

    private int messages;

    private int notes;

    private int blockCount;

    private int boxes;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `sequenceDiagram` on its line");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text().endsWith(";") && !line.text().matches(".*#\\w+;")
                ? line.text().substring(0, line.text().length() - 1).strip() : line.text();
        String word = t.split("\\s+", 2)[0];
        String rest = t.substring(word.length()).strip();
        Line restLine = line.sub(word.length());
        if (word.equals("create") && rest.split("\\s+", 2)[0].matches("participant|actor")) {
            String kind = rest.split("\\s+", 2)[0];
            Draft p = participant(line, kind, rest.substring(kind.length()).strip());
            if (p != null) {
                p.ext().put("created", true);
                op("create").put("id", p.id);
            }
            return;
        }
        if (PARTICIPANT_KINDS.contains(word) && !MESSAGE.matcher(t).matches()) {
            participant(restLine, word, rest);
            return;
        }
        switch (word) {
            case "destroy" -> {
                if (rest.isEmpty()) {
                    error(line, 0, "`destroy` needs a participant");
                }
                else {
                    op("destroy").put("participant", ensure(rest).id);
                }
            }
            case "activate", "deactivate" -> {
                if (rest.isEmpty()) {
                    error(line, 0, "`" + word + "` needs a participant");
                }
                else {
                    op(word).put("participant", ensure(rest).id);
                }
            }
            case "autonumber" -> {
                ObjectNode op = op("autonumber");
                if (!rest.isEmpty()) {
                    op.put("args", rest);
                }
            }
            case "title" -> title(line);
            case "box" -> box(line, rest);
            case "end" -> end(line);
            default -> {
                if (BLOCKS.contains(word)) {
                    block(line, word, rest);
                }
                else if (SECTIONS.containsValue(word)) {
                    section(line, word, rest);
                }
                else if (word.equalsIgnoreCase("note")) {
                    note(line, t);
                }
                else if (!common(line)) {
                    message(line, t);
                }
            }
        }
    }

    private ObjectNode op(String op) {
        ObjectNode o = statements.addObject();
        o.put("op", op);
        return o;
    }

    private Draft participant(Line line, String kind, String rest) {
        Matcher m = PARTICIPANT.matcher(rest);
        if (!m.matches()) {
            error(line, 0, "`" + kind + "` needs a name", "write `" + kind + " Alice` or `" + kind + " A as Alice`");
            return null;
        }
        Draft p = ensure(m.group(1));
        if (m.group(2) != null) {
            p.text = Mermaid.unescape(m.group(2).strip());
        }
        p.type = kind.equals("actor") ? ShapeType.ELLIPSE : ShapeType.RECTANGLE;
        if (kind.equals("participant")) {
            p.ext().remove("kind");
        }
        else {
            p.ext().put("kind", kind);
        }
        if (box != null && p.parent == null) {
            p.parent = box.frame().id;
        }
        return p;
    }

    private Draft ensure(String id) {
        Draft p = draft(id);
        if (p == null) {
            p = add(new Draft(id, ShapeType.RECTANGLE));
            p.text = id;
        }
        return p;
    }

    private void box(Line line, String rest) {
        if (box != null) {
            error(line, 0, "boxes can't be nested", "close the open box with `end` first");
            return;
        }
        Draft frame = add(new Draft("box:" + (++boxes), ShapeType.FRAME));
        String[] p = rest.split("\\s+", 2);
        String color = null;
        String title = rest;
        if (!rest.isEmpty() && (p[0].startsWith("rgb") || p[0].startsWith("#") || Mermaid.color(p[0]) != null)) {
            int close = p[0].startsWith("rgb") ? rest.indexOf(')') + 1 : p[0].length();
            color = rest.substring(0, close);
            title = rest.substring(close).strip();
        }
        if (color != null) {
            frame.ext().put("color", color);
            String c = Mermaid.color(color);
            if (c != null) {
                frame.style = Style.builder().fillColor(c).build();
            }
        }
        frame.text = title.isEmpty() ? null : title;
        box = new Open(frame, line);
    }

    private void block(Line line, String word, String rest) {
        if (tooDeep(line, blocks.size())) {
            return;
        }
        Draft frame = add(new Draft("block:" + (++blockCount), ShapeType.FRAME));
        frame.text = rest.isEmpty() ? null : rest;
        frame.ext().put("block", word);
        if (!blocks.isEmpty()) {
            frame.parent = blocks.peek().frame().id;
        }
        if (word.equals("rect")) {
            String c = Mermaid.color(rest);
            if (c != null) {
                frame.style = Style.builder().fillColor(c).build();
            }
        }
        op(word).put("id", frame.id);
        blocks.push(new Open(frame, line));
    }

    private void section(Line line, String word, String rest) {
        String kind = blocks.isEmpty() ? null : Mermaid.str(blocks.peek().frame().ext(), "block", null);
        if (kind == null || !word.equals(SECTIONS.get(kind))) {
            String belongs = SECTIONS.entrySet()
                .stream()
                .filter(e -> e.getValue().equals(word))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("?");
            error(line, 0, "`" + word + "` only belongs inside `" + belongs + "`");
            return;
        }
        ObjectNode op = op(word);
        if (!rest.isEmpty()) {
            op.put("label", rest);
        }
    }

    private void end(Line line) {
        if (!blocks.isEmpty()) {
            blocks.pop();
            op("end");
        }
        else if (box != null) {
            box = null;
        }
        else {
            error(line, 0, "`end` without an open block",
                    "blocks start with loop, alt, opt, par, critical, break, rect or box");
        }
    }

    private void note(Line line, String t) {
        Matcher m = NOTE.matcher(t);
        if (!m.matches()) {
            error(line, 0, "a note is written `Note right of A: text`",
                    "use `left of`, `right of` or `over`, then the participant(s) and `:`");
            return;
        }
        Draft note = add(new Draft("note:" + (++notes), ShapeType.STICKY_NOTE));
        note.text = Mermaid.unescape(m.group(3).strip());
        note.ext().put("placement", m.group(1).toLowerCase(Locale.ROOT));
        ArrayNode over = note.ext().putArray("participants");
        for (String p : m.group(2).split(",")) {
            over.add(ensure(p.strip()).id);
        }
        if (!blocks.isEmpty()) {
            note.parent = blocks.peek().frame().id;
        }
        op("note").put("id", note.id);
    }

    private void message(Line line, String t) {
        Matcher m = MESSAGE.matcher(t);
        if (!m.matches()) {
            int dash = t.indexOf('-');
            if (dash > 0 && (t.indexOf('>') > dash || t.indexOf("=>") > 0)) {
                int at = t.indexOf('=') >= 0 ? t.indexOf('=') : dash;
                error(line, at, "unknown message arrow",
                        "use one of " + String.join(" ", ARROWS.stream().map(a -> "`" + a + "`").toList()));
            }
            else if (t.contains("=>") || t.contains("=>>")) {
                error(line, t.indexOf('='), "unknown message arrow", "did you mean `->>`?");
            }
            else {
                String word = t.split("\\s+", 2)[0];
                List<String> keywords = new ArrayList<>(PARTICIPANT_KINDS);
                keywords.addAll(BLOCKS);
                keywords.addAll(List.of("else", "and", "option", "end", "activate", "deactivate", "autonumber", "Note",
                        "box", "title"));
                String near = Mermaid.closest(word, keywords);
                error(line, 0, "unknown statement `" + word + "`",
                        near == null ? null : "did you mean `" + near + "`?");
            }
            return;
        }
        Draft from = ensure(m.group(1).strip());
        Draft to = ensure(m.group(4).strip());
        String arrow = m.group(2);
        Draft msg = add(Draft.connector("msg:" + (++messages), ShapeType.ARROW, from.id, to.id));
        msg.text = m.group(5) == null || m.group(5).isBlank() ? null : Mermaid.unescape(m.group(5).strip());
        msg.ext().put("arrow", arrow);
        if (!m.group(3).isEmpty()) {
            msg.ext().put("activation", m.group(3));
        }
        applyArrow(msg, arrow);
        if (!blocks.isEmpty()) {
            msg.parent = blocks.peek().frame().id;
        }
        op("message").put("id", msg.id);
    }

    /** The arrow's look in document terms: dashed for replies, heads for each kind. */
    static void applyArrow(Draft msg, String arrow) {
        String body = arrow.replace("<<", "").replace(">>", ">");
        if (body.startsWith("--")) {
            msg.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
        }
        char head = body.charAt(body.length() - 1);
        msg.endHead = switch (head) {
            case '>' -> arrow.endsWith(">>") ? Arrowhead.ARROW : Arrowhead.NONE;
            case 'x' -> Arrowhead.BAR;
            case ')' -> Arrowhead.ARROW;
            default -> Arrowhead.NONE;
        };
        if (arrow.startsWith("<<")) {
            msg.startHead = Arrowhead.ARROW;
        }
    }

    @Override
    void finish(int lastLine) {
        for (Open o : blocks) {
            errors.add(new com.autograph.document.code.CodeError(o.line().number(), o.line().column(),
                    "`" + Mermaid.str(o.frame().ext(), "block", "") + "` is never closed",
                    "add `end` after its last line"));
        }
        if (box != null) {
            errors.add(new com.autograph.document.code.CodeError(box.line().number(), box.line().column(),
                    "`box` is never closed", "add `end` after its participants"));
        }
        // Participants and boxes first: that is the order the renderer declares them in.
        Map<String, Draft> reordered = new LinkedHashMap<>();
        for (Draft d : drafts.values()) {
            boolean isParticipant = !d.isConnector() && d.type != ShapeType.STICKY_NOTE && d.type != ShapeType.FRAME;
            if (isParticipant || d.id.startsWith("box:")) {
                reordered.put(d.id, d);
            }
        }
        drafts.values().forEach(d -> reordered.putIfAbsent(d.id, d));
        drafts.clear();
        drafts.putAll(reordered);
    }

    @Override
    boolean fitsContainers() {
        return false;
    }

    @Override
    void layout(List<Draft> ordered) {
        Map<String, Draft> participants = new LinkedHashMap<>();
        double x = 0;
        for (Draft d : ordered) {
            if (!d.isConnector() && d.type != ShapeType.STICKY_NOTE && d.type != ShapeType.FRAME) {
                double[] size = Mermaid.sizeFor(d.text, 120, 60);
                d.width = size[0];
                d.height = size[1];
                d.x = x;
                d.y = 0;
                x += d.width + 80;
                participants.put(d.id, d);
            }
        }
        double width = Math.max(200, x - 80);
        for (Draft d : ordered) {
            if (d.id.startsWith("box:")) {
                double min = Double.MAX_VALUE;
                double max = 0;
                for (Draft p : participants.values()) {
                    if (d.id.equals(p.parent)) {
                        min = Math.min(min, p.x);
                        max = Math.max(max, p.x + p.width);
                    }
                }
                d.x = min == Double.MAX_VALUE ? 0 : min - 20;
                d.y = -40;
                d.width = min == Double.MAX_VALUE ? 200 : max - min + 40;
                d.height = 140;
            }
        }
        Deque<Draft> open = new ArrayDeque<>();
        int row = 0;
        for (var st : statements) {
            double y = 120 + row * 50;
            String op = st.get("op").asString();
            Draft d = st.has("id") ? draft(st.get("id").asString()) : null;
            if (op.equals("note") && d != null) {
                double[] size = Mermaid.sizeFor(d.text, 120, 40);
                Draft first = participants.get(d.ext().get("participants").get(0).asString());
                double px = first == null ? 0 : first.x;
                String placement = Mermaid.str(d.ext(), "placement", "over");
                d.width = size[0];
                d.height = size[1];
                d.x = placement.equals("left of") ? px - size[0] - 10
                        : placement.equals("right of") ? px + (first == null ? 120 : first.width) + 10 : px;
                d.y = y;
            }
            else if (BLOCKS.contains(op) && d != null) {
                d.x = -20 - open.size() * 10;
                d.y = y;
                d.width = width + 40 + open.size() * 20;
                open.push(d);
            }
            else if (op.equals("end") && !open.isEmpty()) {
                Draft b = open.pop();
                b.height = y - b.y + 20;
            }
            row++;
        }
        while (!open.isEmpty()) {
            Draft b = open.pop();
            b.height = 120 + row * 50 - b.y;
        }
    }

}
