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
import com.autograph.document.LimitExceededException;
import com.autograph.document.LimitedJson;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sequenceDiagram}: participants are shapes, messages arrows, notes sticky notes,
 * blocks (loop, alt, ...) and boxes frames; the order of everything is the document's
 * {@code mermaid.statements} list, which refers to those shapes by id.
 */
final class SequenceParser extends KindParser {

    /**
     * Participant keywords; also the types {@code participant A@{ "type": "..." }} names.
     */
    static final List<String> PARTICIPANT_KINDS = List.of("participant", "actor", "boundary", "control", "entity",
            "database", "collections", "queue");
    static final List<String> BLOCKS = List.of("loop", "alt", "opt", "par", "critical", "break", "rect");

    /** Which section keyword each block allows. */
    static final Map<String, String> SECTIONS = Map.of("alt", "else", "par", "and", "critical", "option");

    /**
     * Message arrows. Where two start alike the longer comes first, so {@code -->>} is
     * not read as {@code -->}. The half arrows ({@code -|\}, {@code -\\}, ...) have their
     * head on one side of the line; the reversed ones ({@code /|-}, ...) point back at
     * the sender.
     */
    static final List<String> ARROWS = List.of("<<-->>", "<<->>", "--|\\", "--|/", "--\\\\", "--//", "-->>", "-->",
            "--x", "--)", "-|\\", "-|/", "-\\\\", "-//", "->>", "->", "-x", "-)", "/|--", "\\|--", "//--", "\\\\--",
            "/|-", "\\|-", "//-", "\\\\-");

    /** The arrows written most, offered when one is mistyped. */
    private static final List<String> COMMON_ARROWS = List.of("->", "-->", "->>", "-->>", "-x", "--x", "-)", "--)",
            "<<->>", "<<-->>");

    /** Statements that attach menus and data to a participant: {@code link A: ...}. */
    static final List<String> MENUS = List.of("link", "links", "properties", "details");

    /** Marks a message's start or end at the centre of the participant's lifeline. */
    static final String CENTRAL = "()";

    private static final Pattern NOTE = Pattern.compile("(?i)^note\\s+(left of|right of|over)\\s+([^:]+?)\\s*:(.*)$");

    private static final Pattern AS = Pattern.compile("\\s+as\\s+");

    private static final Pattern AS_LABEL = Pattern.compile("^\\s+as\\s+(.+)$");

    /** CSS colour names, which `box` takes as its colour when one comes first. */
    private static final java.util.Set<String> CSS_COLORS = java.util.Set.of("aliceblue", "antiquewhite", "aqua",
            "aquamarine", "azure", "beige", "bisque", "black", "blanchedalmond", "blue", "blueviolet", "brown",
            "burlywood", "cadetblue", "chartreuse", "chocolate", "coral", "cornflowerblue", "cornsilk", "crimson",
            "cyan", "darkblue", "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki",
            "darkmagenta", "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen",
            "darkslateblue", "darkslategray", "darkslategrey", "darkturquoise", "darkviolet", "deeppink", "deepskyblue",
            "dimgray", "dimgrey", "dodgerblue", "firebrick", "floralwhite", "forestgreen", "fuchsia", "gainsboro",
            "ghostwhite", "gold", "goldenrod", "gray", "green", "greenyellow", "grey", "honeydew", "hotpink",
            "indianred", "indigo", "ivory", "khaki", "lavender", "lavenderblush", "lawngreen", "lemonchiffon",
            "lightblue", "lightcoral", "lightcyan", "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey",
            "lightpink", "lightsalmon", "lightseagreen", "lightskyblue", "lightslategray", "lightslategrey",
            "lightsteelblue", "lightyellow", "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine",
            "mediumblue", "mediumorchid", "mediumpurple", "mediumseagreen", "mediumslateblue", "mediumspringgreen",
            "mediumturquoise", "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite",
            "navy", "oldlace", "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod", "palegreen",
            "paleturquoise", "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple",
            "rebeccapurple", "red", "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen",
            "seashell", "sienna", "silver", "skyblue", "slateblue", "slategray", "slategrey", "snow", "springgreen",
            "steelblue", "tan", "teal", "thistle", "tomato", "transparent", "turquoise", "violet", "wheat", "white",
            "whitesmoke", "yellow", "yellowgreen");

    /** An arrow found in a message: where it starts and which one it is. */
    private record Arrow(int at, String token) {

        int end() {
            return at + token.length();
        }

    }

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
            if (box != null) {
                error(line, 0, "`create` can't be inside a `box`", "create the participant after the box's `end`");
                return;
            }
            Draft p = participant(restLine.sub(kind.length()), kind, true);
            if (p != null) {
                p.ext().put("created", true);
                op("create").put("id", p.id);
            }
            return;
        }
        boolean isMessage = arrow(head(t)) != null;
        // `participant` and `actor` always declare (as in Mermaid); the other kinds are
        // also names people give participants (`database ->> API: query`).
        if (word.equals("participant") || word.equals("actor") || PARTICIPANT_KINDS.contains(word) && !isMessage) {
            participant(restLine, word, false);
            return;
        }
        if (MENUS.contains(word) && !rest.isEmpty() && !isMessage) {
            menu(line, word, restLine);
            return;
        }
        switch (word) {
            case "destroy" -> {
                if (rest.isEmpty()) {
                    error(line, 0, "`destroy` needs a participant");
                }
                else if (validName(restLine, 0, rest)) {
                    op("destroy").put("participant", ensure(rest).id);
                }
            }
            case "activate", "deactivate" -> {
                if (rest.isEmpty()) {
                    error(line, 0, "`" + word + "` needs a participant");
                }
                else if (validName(restLine, 0, rest)) {
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

    /**
     * {@code Name}, {@code Name as Label}, {@code Name@{ "type": "database" }} and
     * {@code Name@{ ... } as Label}, after the keyword {@code kind} (and {@code create}
     * when {@code create}); null after an error.
     */
    private Draft participant(Line at, String kind, boolean create) {
        String rest = at.text();
        Matcher as = AS.matcher(rest);
        int asAt = as.find() ? as.start() : -1;
        int open = rest.indexOf("@{");
        String name;
        String label = null;
        ObjectNode config = null;
        if (open >= 0 && (asAt < 0 || open < asAt)) {
            name = rest.substring(0, open).strip();
            FlowMapping.Result settings = FlowMapping.read(rest, open + 1);
            if (!settings.ok()) {
                error(at, settings.errorAt(), settings.error(),
                        "write the settings as `" + kind + " A@{ \"type\": \"database\" }`");
                return null;
            }
            config = Mermaid.NODES.objectNode();
            for (Map.Entry<String, String> e : settings.entries().entrySet()) {
                config.put(e.getKey(), e.getValue());
            }
            String type = Mermaid.str(config, "type", null);
            if (type != null && !PARTICIPANT_KINDS.contains(type)) {
                String near = Mermaid.closest(type, PARTICIPANT_KINDS);
                error(at, rest.indexOf(type, open), "unknown participant type `" + type + "`", near != null
                        ? "did you mean `" + near + "`?" : "use one of " + String.join(", ", PARTICIPANT_KINDS));
                return null;
            }
            String after = rest.substring(settings.end());
            Matcher alias = AS_LABEL.matcher(after);
            if (alias.matches()) {
                label = alias.group(1);
            }
            else if (!after.isBlank()) {
                error(at, settings.end() + (after.length() - after.stripLeading().length()),
                        "only `as Label` may follow a participant's settings");
                return null;
            }
        }
        else {
            name = asAt < 0 ? rest : rest.substring(0, asAt).strip();
            label = asAt < 0 ? null : rest.substring(as.end());
        }
        if (name.isEmpty() || label != null && label.isBlank()) {
            error(at, 0, "`" + kind + "` needs a name", "write `" + kind + " Alice` or `" + kind + " A as Alice`");
            return null;
        }
        if (!validName(at, 0, name)) {
            return null;
        }
        if (create && draft(name) != null) {
            // As in Mermaid: a created participant appears where it is created.
            error(at, 0, "`" + name + "` is already in the diagram; `create` must be its first mention",
                    "move this line above the first line that uses `" + name + "`");
            return null;
        }
        Draft p = ensure(name);
        if (config != null) {
            p.ext().set("config", config);
        }
        String alias = Mermaid.str(p.ext().path("config"), "alias", null);
        if (label != null) {
            p.text = Mermaid.unescape(label.strip());
        }
        else if (config != null && alias != null) {
            p.text = Mermaid.unescape(alias);
        }
        String type = Mermaid.str(p.ext().path("config"), "type", kind);
        p.type = type.equals("actor") ? ShapeType.ELLIPSE : ShapeType.RECTANGLE;
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

    /**
     * Whether {@code name} can be a participant; if not, says why at {@code index} of
     * {@code line}.
     */
    private boolean validName(Line line, int index, String name) {
        int central = name.indexOf(CENTRAL);
        if (central >= 0) {
            error(line, index + central, "`()` can't be part of a participant's name",
                    "`()` marks the centre of a lifeline and goes right before or after a message's arrow: `A()->>B`");
            return false;
        }
        Arrow arrow = arrow(name);
        if (arrow != null) {
            error(line, index + arrow.at(), "`" + arrow.token() + "` in a participant's name reads as an arrow",
                    "rename the participant; use `as` for a label with any text: `participant A as " + name + "`");
            return false;
        }
        for (String bad : List.of(",", ":", ";", "<", ">", "+", "@{")) {
            int at = name.indexOf(bad);
            if (at >= 0) {
                error(line, index + at, "`" + bad + "` can't be part of a participant's name",
                        "use `as` for a label with any text: `participant A as " + name + "`");
                return false;
            }
        }
        boolean badStart = name.startsWith("-") || name.startsWith("/") || name.startsWith("\\");
        if (badStart || name.endsWith("-")) {
            error(line, index + (badStart ? 0 : name.length() - 1),
                    badStart ? "a participant's name can't start with `" + name.charAt(0) + "`"
                            : "a participant's name can't end with `-`",
                    "use `as` for a label with any text: `participant A as " + name + "`");
            return false;
        }
        return true;
    }

    private Draft ensure(String id) {
        Draft p = draft(id);
        if (p == null) {
            p = add(new Draft(id, ShapeType.RECTANGLE));
            p.text = id;
        }
        return p;
    }

    /**
     * {@code link A: Label @ url}, {@code links A: {json}}, {@code properties A: {json}},
     * {@code details A: id}: kept, in order, as data of the statements.
     */
    private void menu(Line line, String word, Line rest) {
        int colon = rest.text().indexOf(':');
        String name = colon < 0 ? "" : rest.text().substring(0, colon).strip();
        if (name.isEmpty()) {
            error(rest, 0, "`" + word + "` is written `" + word + " Participant: " + menuExample(word) + "`");
            return;
        }
        if (!validName(rest, 0, name)) {
            return;
        }
        Line valueLine = rest.sub(colon + 1);
        String value = valueLine.text();
        ObjectNode op = Mermaid.NODES.objectNode();
        op.put("op", word);
        op.put("participant", name);
        switch (word) {
            case "link" -> {
                int sep = value.indexOf('@');
                String label = sep < 0 ? "" : value.substring(0, sep).strip();
                String url = sep < 0 ? "" : value.substring(sep + 1).strip();
                if (label.isEmpty() || url.isEmpty()) {
                    error(valueLine, sep < 0 ? 0 : sep, "a link is written `Label @ url`",
                            "write `link " + name + ": " + menuExample(word) + "`");
                    return;
                }
                op.put("label", label);
                op.put("url", url);
            }
            case "links", "properties" -> {
                JsonNode json = jsonObject(valueLine, word);
                if (json == null) {
                    return;
                }
                op.set(word, json);
            }
            default -> {
                if (value.isEmpty()) {
                    error(valueLine, 0, "`details` needs the id of the element holding them");
                    return;
                }
                op.put("id", value);
            }
        }
        ensure(name);
        statements.add(op);
    }

    private static String menuExample(String word) {
        return switch (word) {
            case "link" -> "Dashboard @ https://example.org";
            case "links" -> "{\"Dashboard\": \"https://example.org\"}";
            case "properties" -> "{\"class\": \"internal\"}";
            default -> "element-id";
        };
    }

    /** The JSON object on {@code line}, or null after an error naming the problem. */
    private JsonNode jsonObject(Line line, String word) {
        String problem;
        int at = 0;
        try {
            JsonNode json = LimitedJson.readTree(line.text(), limits);
            if (json != null && json.isObject()) {
                return json;
            }
            problem = "`" + word + "` takes a JSON object";
        }
        catch (LimitExceededException e) {
            problem = e.getMessage();
        }
        catch (JacksonException e) {
            // The text is one line, so Jackson's column is a column of it.
            if (e.getLocation() != null && e.getLocation().getLineNr() == 1) {
                at = Math.max(0, Math.min(line.text().length(), e.getLocation().getColumnNr() - 1));
            }
            problem = "`" + word + "` takes a JSON object; this is not JSON: "
                    + LimitedJson.describe(e).replaceFirst(" at line \\d+, column \\d+$", "");
        }
        error(line, at, problem, "write `" + word + " Participant: " + menuExample(word) + "`");
        return null;
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
        boolean function = p[0].matches("(?i)(rgba?|hsla?)\\s*\\(.*") && rest.indexOf(')') > 0;
        if (function || p[0].startsWith("#") || Mermaid.color(p[0]) != null
                || CSS_COLORS.contains(p[0].toLowerCase(Locale.ROOT))) {
            int close = function ? rest.indexOf(')') + 1 : p[0].length();
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

    /**
     * The part of a statement before its text (the first {@code :}), where a message's
     * participants and arrow are.
     */
    private static String head(String t) {
        int colon = t.indexOf(':');
        return colon < 0 ? t : t.substring(0, colon);
    }

    /**
     * The first arrow in {@code head}, the longest where several start at the same place;
     * null when there is none. Like Mermaid, an arrow ends a participant's name wherever
     * it appears ({@code my-xservice} is {@code my -x service}).
     */
    private static Arrow arrow(String head) {
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c != '-' && c != '<' && c != '/' && c != '\\') {
                continue;
            }
            for (String a : ARROWS) {
                if (head.startsWith(a, i)) {
                    return new Arrow(i, a);
                }
            }
        }
        return null;
    }

    private void message(Line line, String t) {
        String head = head(t);
        Arrow arrow = arrow(head);
        if (arrow == null) {
            int dash = t.indexOf('-');
            if (dash > 0 && (t.indexOf('>') > dash || t.indexOf("=>") > 0)) {
                int at = t.indexOf('=') >= 0 ? t.indexOf('=') : dash;
                error(line, at, "unknown message arrow",
                        "use one of " + String.join(" ", COMMON_ARROWS.stream().map(a -> "`" + a + "`").toList())
                                + " or a half arrow such as `-|\\`");
            }
            else if (t.contains("=>") || t.contains("=>>")) {
                error(line, t.indexOf('='), "unknown message arrow", "did you mean `->>`?");
            }
            else {
                String word = t.split("\\s+", 2)[0];
                List<String> keywords = new ArrayList<>(PARTICIPANT_KINDS);
                keywords.addAll(BLOCKS);
                keywords.addAll(MENUS);
                keywords.addAll(List.of("else", "and", "option", "end", "activate", "deactivate", "autonumber", "Note",
                        "box", "title", "create", "destroy"));
                String near = Mermaid.closest(word, keywords);
                error(line, 0, "unknown statement `" + word + "`",
                        near == null ? null : "did you mean `" + near + "`?");
            }
            return;
        }
        String from = head.substring(0, arrow.at()).strip();
        boolean centralStart = from.endsWith(CENTRAL);
        if (centralStart) {
            from = from.substring(0, from.length() - CENTRAL.length()).strip();
        }
        int i = arrow.end();
        while (i < head.length() && head.charAt(i) == ' ') {
            i++;
        }
        String activation = "";
        if (i < head.length() && (head.charAt(i) == '+' || head.charAt(i) == '-')) {
            activation = String.valueOf(head.charAt(i++));
        }
        while (i < head.length() && head.charAt(i) == ' ') {
            i++;
        }
        boolean centralEnd = head.startsWith(CENTRAL, i);
        if (centralEnd) {
            i += CENTRAL.length();
        }
        while (i < head.length() && Character.isWhitespace(head.charAt(i))) {
            i++;
        }
        int toAt = i;
        String to = head.substring(i).strip();
        if (from.isEmpty()) {
            error(line, arrow.at(), "a message needs a sender before its arrow", "write `Alice->>Bob: text`");
            return;
        }
        if (to.isEmpty()) {
            error(line, arrow.end(), "a message needs a receiver after its arrow", "write `Alice->>Bob: text`");
            return;
        }
        if (!validName(line, 0, from) || !validName(line, toAt, to)) {
            return;
        }
        Draft fromP = ensure(from);
        Draft toP = ensure(to);
        Draft msg = add(Draft.connector("msg:" + (++messages), ShapeType.ARROW, fromP.id, toP.id));
        String text = head.length() < t.length() ? t.substring(head.length() + 1) : null;
        msg.text = text == null || text.isBlank() ? null : Mermaid.unescape(text.strip());
        msg.ext().put("arrow", arrow.token());
        if (!activation.isEmpty()) {
            msg.ext().put("activation", activation);
        }
        if (centralStart || centralEnd) {
            msg.ext().put("central", centralStart && centralEnd ? "both" : centralStart ? "start" : "end");
        }
        applyArrow(msg, arrow.token());
        if (!blocks.isEmpty()) {
            msg.parent = blocks.peek().frame().id;
        }
        op("message").put("id", msg.id);
    }

    /**
     * The arrow's look in document terms: dashed for replies; an arrow head for
     * {@code >>}, {@code )} and the half arrows, at the sender's end for the reversed
     * ones; a bar for {@code x}.
     */
    static void applyArrow(Draft msg, String arrow) {
        boolean reversed = arrow.startsWith("/") || arrow.startsWith("\\");
        if (arrow.contains("--")) {
            msg.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
        }
        if (reversed) {
            msg.startHead = Arrowhead.ARROW;
            msg.endHead = Arrowhead.NONE;
            return;
        }
        String body = arrow.replace("<<", "").replace(">>", ">");
        char head = body.charAt(body.length() - 1);
        msg.endHead = switch (head) {
            case '>' -> arrow.endsWith(">>") ? Arrowhead.ARROW : Arrowhead.NONE;
            case 'x' -> Arrowhead.BAR;
            case ')', '\\', '/' -> Arrowhead.ARROW;
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
        for (Draft d : drafts.values()) {
            if (!d.isConnector()) {
                ClassParser.orderFields(d.ext(), List.of("config", "kind", "created"));
            }
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
