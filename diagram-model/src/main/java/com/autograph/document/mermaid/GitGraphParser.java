package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code gitGraph}: branches are frames (lanes), commits small ellipses in them, parent →
 * child links lines; the commands in order are {@code mermaid.statements}.
 */
final class GitGraphParser extends KindParser {

    static final List<String> COMMANDS = List.of("commit", "branch", "checkout", "switch", "merge", "cherry-pick");

    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*:\\s*(\"[^\"]*\"|[^\\s\"]+)");

    private final ArrayNode statements = root.putArray("statements");

    /** Branch name → its head commit (null before the first). */
    private final Map<String, String> heads = new LinkedHashMap<>();

    /**
     * Commit ids as written → the commit shape that has it now: Mermaid lets a later
     * commit reuse an id (it warns, and references then mean the later one).
     */
    private final Map<String, String> named = new LinkedHashMap<>();

    private String current;

    private int commits;

    private int links;

    @Override
    void header(Line rest) {
        String r = rest.text().replace(":", "").strip();
        if (r.equals("LR") || r.equals("TB") || r.equals("BT")) {
            root.put("direction", r);
        }
        else if (!r.isEmpty()) {
            error(rest, 0, "`" + r + "` is not a gitGraph direction; use LR, TB or BT");
        }
        // front matter `config: gitGraph: mainBranchName: ...` or the same in %%{init}%%
        String main = setting("gitGraph", "mainBranchName");
        current = main == null || main.isBlank() ? "main" : main.strip();
        lane(current);
    }

    /**
     * A branch name at the start of {@code rest}: a word, or quoted text without its
     * quotes; null when the quote is never closed.
     */
    private static String[] branchName(String rest) {
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            return close < 0 ? null : new String[] { rest.substring(1, close), rest.substring(close + 1).strip() };
        }
        String[] p = rest.split("\\s+", 2);
        return new String[] { p[0], p.length > 1 ? p[1] : "" };
    }

    private Draft lane(String name) {
        Draft d = add(new Draft("branch:" + name, ShapeType.FRAME));
        d.text = name;
        heads.put(name, null);
        return d;
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        String word = t.split("\\s+", 2)[0];
        String rest = t.substring(word.length()).strip();
        Map<String, String> attrs = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(rest);
        while (m.find()) {
            String v = m.group(2);
            attrs.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        String[] branch = branchName(rest);
        if (branch == null && List.of("branch", "checkout", "switch", "merge").contains(word)) {
            error(line.sub(word.length()), 0, "the quoted branch name is never closed", "end it with `\"`");
            return;
        }
        switch (word) {
            case "commit" -> {
                ObjectNode op = statements.addObject().put("op", "commit");
                Draft c = commit(line, attrs, heads.get(current));
                if (c != null) {
                    op.put("id", c.id);
                }
            }
            case "branch" -> {
                String name = branch[0];
                if (name.isEmpty()) {
                    error(line, 0, "`branch` needs a name");
                }
                else if (name.contains("\"")) {
                    error(line.sub(6), name.indexOf('"'), "a branch name cannot contain `\"`");
                }
                else if (heads.containsKey(name)) {
                    error(line.sub(6), 0, "branch `" + name + "` already exists",
                            "switch to it with `checkout " + name + "`");
                }
                else {
                    String from = heads.get(current);
                    Draft lane = lane(name);
                    ObjectNode op = statements.addObject().put("op", "branch").put("name", name);
                    if (attrs.containsKey("order")) {
                        op.put("order", attrs.get("order"));
                        lane.ext().put("order", attrs.get("order"));
                    }
                    heads.put(name, from);
                    current = name;
                }
            }
            case "checkout", "switch" -> {
                String name = branch[0];
                if (!heads.containsKey(name)) {
                    unknownBranch(line.sub(word.length()), name);
                }
                else {
                    statements.addObject().put("op", "checkout").put("name", name).put("keyword", word);
                    current = name;
                }
            }
            case "merge" -> {
                String name = branch[0];
                if (!heads.containsKey(name)) {
                    unknownBranch(line.sub(5), name);
                }
                else if (name.equals(current)) {
                    error(line.sub(5), 0, "a branch can't be merged into itself",
                            "`checkout` the branch to merge into first");
                }
                else {
                    ObjectNode op = statements.addObject().put("op", "merge").put("branch", name);
                    Draft c = commit(line, attrs, heads.get(current));
                    if (c != null) {
                        op.put("id", c.id);
                        c.ext().put("merge", name);
                        link(heads.get(name), c.id, true);
                    }
                }
            }
            case "cherry-pick" -> {
                String source = attrs.get("id");
                Draft picked = source == null || !named.containsKey(source) ? null : draft(named.get(source));
                if (picked == null || picked.type != ShapeType.ELLIPSE) {
                    error(line, 0,
                            source == null ? "`cherry-pick` needs the id of a commit"
                                    : "there is no commit `" + source + "`",
                            "write `cherry-pick id: \"abc\"` with the id of an earlier commit");
                }
                else {
                    Map<String, String> own = new LinkedHashMap<>();
                    if (attrs.containsKey("tag")) {
                        own.put("tag", attrs.get("tag"));
                    }
                    ObjectNode op = statements.addObject().put("op", "cherry_pick").put("source", source);
                    if (attrs.containsKey("parent")) {
                        op.put("parent", attrs.get("parent"));
                    }
                    Draft c = commit(line, own, heads.get(current));
                    if (c != null) {
                        op.put("id", c.id);
                        c.ext().put("cherry_pick", source);
                    }
                }
            }
            default -> {
                if (!common(line)) {
                    String near = Mermaid.closest(word, COMMANDS);
                    error(line, 0, "unknown command `" + word + "`", near == null
                            ? "use commit, branch, checkout, merge or cherry-pick" : "did you mean `" + near + "`?");
                }
            }
        }
    }

    private void unknownBranch(Line at, String name) {
        String near = Mermaid.closest(name, heads.keySet());
        error(at, 0, "branch `" + name + "` does not exist",
                near != null ? "did you mean `" + near + "`?" : "create it first with `branch " + name + "`");
    }

    private Draft commit(Line line, Map<String, String> attrs, String parent) {
        String given = attrs.get("id");
        commits++;
        // A reused id (Mermaid allows it) or one that is some other shape's keeps its
        // text; the shape gets a numbered id.
        boolean own = given != null && draft(given) == null && !given.startsWith("commit:")
                && !given.startsWith("branch:") && !given.startsWith("link:");
        Draft c = add(new Draft(own ? given : "commit:" + commits, ShapeType.ELLIPSE));
        c.text = given;
        if (given != null) {
            if (!own) {
                c.ext().put("id", given);
            }
            named.put(given, c.id);
        }
        c.parent = "branch:" + current;
        for (String key : List.of("type", "tag", "msg")) {
            if (attrs.containsKey(key)) {
                c.ext().put(key, attrs.get(key));
            }
        }
        if (attrs.containsKey("type") && !List.of("NORMAL", "REVERSE", "HIGHLIGHT").contains(attrs.get("type"))) {
            error(line, line.text().indexOf(attrs.get("type")), "`" + attrs.get("type") + "` is not a commit type",
                    "use NORMAL, REVERSE or HIGHLIGHT");
        }
        if ("HIGHLIGHT".equals(attrs.get("type"))) {
            c.style = Style.builder().fillColor("#ffd700").build();
        }
        link(parent, c.id, false);
        heads.put(current, c.id);
        return c;
    }

    private void link(String from, String to, boolean merge) {
        if (from == null) {
            return;
        }
        Draft l = add(Draft.connector("link:" + (++links), ShapeType.LINE, from, to));
        if (merge) {
            l.style = Style.builder().strokeStyle(StrokeStyle.DASHED).build();
        }
    }

    @Override
    void finish(int lastLine) {
        // nothing stays open in a gitGraph
    }

    private static double number(String text, double fallback) {
        try {
            return text == null ? fallback : Double.parseDouble(text.strip());
        }
        catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    void layout(List<Draft> ordered) {
        // Lanes as Mermaid stacks them: by `order:`, the main branch by `mainBranchOrder`
        // (0 when unset), others without one by their position, before ordered ones.
        List<Draft> lanes = new ArrayList<>(ordered.stream().filter(d -> d.type == ShapeType.FRAME).toList());
        Map<String, Double> rank = new LinkedHashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            Draft lane = lanes.get(i);
            String given = i == 0 ? setting("gitGraph", "mainBranchOrder") : Mermaid.str(lane.ext(), "order", null);
            rank.put(lane.id, number(given, i == 0 ? 0 : Double.parseDouble("0." + i)));
        }
        lanes.sort(java.util.Comparator.comparingDouble(lane -> rank.get(lane.id)));
        Map<String, Integer> laneRow = new LinkedHashMap<>();
        lanes.forEach(lane -> laneRow.put(lane.id, laneRow.size()));
        int index = 0;
        List<String> order = new ArrayList<>();
        statements.forEach(s -> {
            if (s.has("id")) {
                order.add(s.get("id").asString());
            }
        });
        boolean vertical = !Mermaid.str(root, "direction", "LR").equals("LR");
        for (String id : order) {
            Draft c = draft(id);
            int lane = laneRow.getOrDefault(c.parent, 0);
            c.width = 30;
            c.height = 30;
            c.x = vertical ? 40 + lane * 120 : 40 + index * 70;
            c.y = vertical ? 60 + index * 70 : 60 + lane * 90;
            index++;
        }
    }

}
