package com.autograph.ai.offline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flowcharts, sequence, ER, class, state and gantt diagrams in Mermaid: from the items a
 * prompt lists ("steps: a, b, then c"), or the domain's typical diagram when it lists
 * fewer than two.
 */
final class MermaidDrafter {

    private static final Pattern LIST_START = Pattern.compile(
            "(?i)(?::|\\b(?:with|of|showing|including|between|for|steps|states|tasks|phases|entities|tables|classes)\\b)");

    private static final Pattern SPLIT = Pattern
        .compile("(?i)\\s*(?:,|;|->|→|\\bthen\\b|\\band then\\b|\\band\\b|\\n)\\s*");

    private static final Pattern LEADING = Pattern
        .compile("(?i)^(?:\\d+[.)]\\s*|(?:a|an|the|finally|first|next|lastly|after that|step)\\s+)+");

    private static final Set<String> NOISE = Set.of("flowchart", "diagram", "process", "sequence", "states", "entities",
            "tables", "classes", "steps", "tasks", "phases", "er", "class", "state", "gantt", "chart");

    private final ComponentExtractor extractor;

    MermaidDrafter(ComponentExtractor extractor) {
        this.extractor = extractor;
    }

    /** The items a prompt lists, cleaned; empty when it lists fewer than two. */
    static List<String> items(String prompt) {
        Matcher m = LIST_START.matcher(prompt);
        String rest = null;
        int colon = prompt.indexOf(':');
        if (colon >= 0) {
            rest = prompt.substring(colon + 1);
        }
        else if (m.find()) {
            rest = prompt.substring(m.end());
        }
        if (rest == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String raw : SPLIT.split(rest)) {
            String item = LEADING.matcher(raw.strip()).replaceAll("").replaceAll("[.!]+$", "").strip();
            if (item.length() >= 2 && item.length() <= 60 && item.chars().anyMatch(Character::isLetter)
                    && !NOISE.contains(item.toLowerCase(Locale.ROOT))) {
                items.add(item);
            }
        }
        return items.size() >= 2 ? items : List.of();
    }

    // ---- flowchart

    String flowchart(String prompt, Domain domain, boolean leftToRight) {
        List<String> steps = items(prompt);
        if (steps.size() < 2) {
            steps = Patterns.FLOW
                .get(domain == Domain.GENERIC || !Patterns.FLOW.containsKey(domain) ? Domain.GENERIC : domain);
        }
        StringBuilder b = new StringBuilder("flowchart ").append(leftToRight ? "LR" : "TD").append('\n');
        List<String> links = new ArrayList<>();
        b.append("  start([Start])\n");
        String previous = "start";
        String previousLabel = null;
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            String id = "s" + (i + 1);
            boolean decision = step.startsWith("?") || step.toLowerCase(Locale.ROOT).startsWith("if ")
                    || step.endsWith("?");
            if (decision) {
                String[] parts = step.replaceFirst("^\\?", "").replaceFirst("(?i)^if\\s+", "").split("\\|", 2);
                String question = text(parts[0]).replaceAll("\\?+$", "") + "?";
                b.append("  ").append(id).append("{").append(quote(question)).append("}\n");
                String no = parts.length > 1 ? parts[1] : "Stop";
                b.append("  ").append(id).append("n[").append(quote(text(no))).append("]\n");
                links.add(link(previous, id, previousLabel));
                links.add(link(id + "n", "done", null));
                links.add(link(id, id + "n", "no"));
                previous = id;
                previousLabel = "yes";
            }
            else {
                b.append("  ").append(id).append("[").append(quote(text(step))).append("]\n");
                links.add(link(previous, id, previousLabel));
                previous = id;
                previousLabel = null;
            }
        }
        b.append("  done([End])\n");
        links.add(link(previous, "done", previousLabel));
        links.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    private static String link(String from, String to, String label) {
        return "  " + from + " -->" + (label == null ? " " : "|" + label + "| ") + to;
    }

    // ---- sequence

    String sequence(String prompt, String provider, Domain domain) {
        List<Part> named = extractor.extract(prompt, provider);
        Map<String, String> participants = new LinkedHashMap<>();
        Set<String> actors = new LinkedHashSet<>();
        List<String> messages = new ArrayList<>();
        if (named.size() >= 3 || named.size() >= 2 && !Patterns.SEQUENCE.containsKey(domain)) {
            for (Part c : named) {
                participants.put(id(c.name()), text(c.name()));
                if (c.role() == Role.CLIENT) {
                    actors.add(id(c.name()));
                }
            }
            List<String> ids = new ArrayList<>(participants.keySet());
            for (int i = 0; i + 1 < ids.size(); i++) {
                messages.add(ids.get(i) + "->>" + ids.get(i + 1) + ": " + request(named.get(i + 1)));
            }
            for (int i = ids.size() - 1; i > 0; i--) {
                messages.add(ids.get(i) + "-->>" + ids.get(i - 1) + ": " + (i == 1 ? "Response" : "Result"));
            }
        }
        else {
            List<String> pattern = Patterns.SEQUENCE.getOrDefault(domain, Patterns.SEQUENCE.get(Domain.GENERIC));
            for (String line : pattern) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.contains("->")) {
                    String name = line.substring(0, eq);
                    participants.put(id(name), name);
                    String term = line.substring(eq + 1);
                    if (term.equals("user") || term.equals("developer")) {
                        actors.add(id(name));
                    }
                    continue;
                }
                int arrow = line.indexOf("->");
                int colon = line.indexOf(':', arrow);
                boolean reply = line.startsWith("-->", arrow - 1) || line.charAt(arrow - 1) == '-';
                String from = line.substring(0, reply ? arrow - 1 : arrow);
                String to = line.substring(arrow + 2, colon);
                messages.add(id(from) + (reply ? "-->>" : "->>") + id(to) + ": " + text(line.substring(colon + 1)));
            }
        }
        StringBuilder b = new StringBuilder("sequenceDiagram\n");
        participants.forEach((id, name) -> b.append("  ")
            .append(actors.contains(id) ? "actor " : "participant ")
            .append(id)
            .append(id.equals(name) ? "" : " as " + name)
            .append('\n'));
        messages.forEach(m -> b.append("  ").append(m).append('\n'));
        return b.toString();
    }

    private static String request(Part target) {
        return switch (target.role()) {
            case DATA -> "Query";
            case MESSAGING -> "Publish event";
            case IDENTITY, SECURITY -> "Authenticate";
            case EXTERNAL -> "Call";
            case WORKER -> "Deliver job";
            default -> "Request";
        };
    }

    // ---- ER

    String er(String prompt, Domain domain) {
        List<String> entities = items(prompt).stream().map(MermaidDrafter::entity).distinct().toList();
        List<String> relations = new ArrayList<>();
        if (entities.size() >= 2 && !covers(Patterns.ER.get(domain), entities)) {
            for (int i = 1; i < entities.size(); i++) {
                relations.add(entities.get(i - 1) + " ||--o{ " + entities.get(i) + " : has");
            }
        }
        else {
            relations.addAll(Patterns.ER.getOrDefault(domain, Patterns.ER.get(Domain.GENERIC)));
        }
        Map<String, List<String>> foreignKeys = new LinkedHashMap<>();
        Pattern rel = Pattern.compile("^(\\w+) \\S+ (\\w+) :");
        for (String r : relations) {
            Matcher m = rel.matcher(r);
            if (m.find()) {
                foreignKeys.computeIfAbsent(m.group(1), k -> new ArrayList<>());
                foreignKeys.computeIfAbsent(m.group(2), k -> new ArrayList<>())
                    .add(m.group(1).toLowerCase(Locale.ROOT) + "_id");
            }
        }
        StringBuilder b = new StringBuilder("erDiagram\n");
        relations.forEach(r -> b.append("  ").append(r).append('\n'));
        foreignKeys.forEach((entity, fks) -> {
            b.append("  ").append(entity).append(" {\n");
            b.append("    uuid id PK\n");
            for (String fk : fks) {
                b.append("    uuid ").append(fk).append(" FK\n");
            }
            b.append("    string name\n    timestamp created_at\n  }\n");
        });
        return b.toString();
    }

    private static String entity(String item) {
        String singular = singular(text(item));
        return singular.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    }

    static String singular(String word) {
        String w = word.strip();
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && w.length() > 3) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    // ---- class

    String classes(String prompt, Domain domain) {
        List<String> items = items(prompt);
        List<String> lines;
        if (items.size() >= 2
                && !covers(Patterns.CLASS.get(domain), items.stream().map(i -> id(singular(text(i)))).toList())) {
            lines = new ArrayList<>();
            List<String> names = items.stream().map(i -> id(singular(text(i)))).distinct().toList();
            for (String n : names) {
                lines.add(n + ": id, name; save()");
            }
            for (int i = 1; i < names.size(); i++) {
                lines.add(names.get(0) + " --> " + names.get(i));
            }
        }
        else {
            lines = Patterns.CLASS.getOrDefault(domain, Patterns.CLASS.get(Domain.GENERIC));
        }
        StringBuilder b = new StringBuilder("classDiagram\n");
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.contains("--") && !line.contains("<|")) {
                String[] members = line.substring(colon + 1).split(";", 2);
                b.append("  class ").append(line, 0, colon).append(" {\n");
                for (String f : members[0].split(",")) {
                    if (!f.isBlank()) {
                        b.append("    +").append(f.strip()).append('\n');
                    }
                }
                if (members.length > 1) {
                    for (String op : members[1].split(",")) {
                        if (!op.isBlank()) {
                            b.append("    +").append(op.strip()).append('\n');
                        }
                    }
                }
                b.append("  }\n");
            }
            else {
                b.append("  ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    // ---- state

    String state(String prompt, Domain domain) {
        List<String> items = items(prompt);
        List<String> transitions = new ArrayList<>();
        if (items.size() >= 2) {
            List<String> states = items.stream().map(i -> id(text(i))).distinct().toList();
            transitions.add("[*] -> " + states.get(0));
            for (int i = 1; i < states.size(); i++) {
                transitions.add(states.get(i - 1) + " -> " + states.get(i) + " : next");
            }
            transitions.add(states.get(states.size() - 1) + " -> [*]");
        }
        else {
            transitions.addAll(Patterns.STATE.getOrDefault(domain, Patterns.STATE.get(Domain.GENERIC)));
        }
        StringBuilder b = new StringBuilder("stateDiagram-v2\n");
        for (String t : transitions) {
            b.append("  ").append(t.replace(" -> ", " --> ")).append('\n');
        }
        return b.toString();
    }

    // ---- gantt

    String gantt(String prompt, Domain domain, LocalDate start) {
        List<String> items = items(prompt);
        List<String> tasks = new ArrayList<>();
        if (items.size() >= 2) {
            for (String item : items) {
                tasks.add("Plan|" + text(item) + "|5");
            }
        }
        else {
            tasks.addAll(Patterns.GANTT.getOrDefault(domain, Patterns.GANTT.get(Domain.GENERIC)));
        }
        StringBuilder b = new StringBuilder("gantt\n  title ")
            .append(domain == Domain.GENERIC ? "Project plan" : ComponentExtractor.capitalize(domain.label()) + " plan")
            .append("\n  dateFormat YYYY-MM-DD\n");
        String section = null;
        for (int i = 0; i < tasks.size(); i++) {
            String[] t = tasks.get(i).split("\\|");
            if (!t[0].equals(section)) {
                section = t[0];
                b.append("  section ").append(section).append('\n');
            }
            // A task's name ends at its colon; gantt reads nothing else in it as syntax.
            String task = t[1].replaceAll("[:;#,]+", " ").replaceAll("-{2,}", "-").strip();
            b.append("  ").append(task.isEmpty() ? "Task " + (i + 1) : task).append(" :t").append(i + 1).append(", ");
            b.append(i == 0 ? start.toString() : "after t" + i).append(", ").append(t[2]).append("d\n");
        }
        return b.toString();
    }

    // ---- shared

    /**
     * The domain's typical diagram already has every item the prompt lists (and more).
     */
    private static boolean covers(List<String> pattern, List<String> items) {
        if (pattern == null) {
            return false;
        }
        String all = String.join("\n", pattern).toLowerCase(Locale.ROOT);
        return items.stream().allMatch(i -> all.contains(i.toLowerCase(Locale.ROOT)));
    }

    /** An identifier from a name: its words joined in CamelCase. */
    static String id(String name) {
        StringBuilder b = new StringBuilder();
        for (String w : name.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        String id = b.length() == 0 ? "Item" : b.toString();
        return Character.isDigit(id.charAt(0)) ? "N" + id : id.length() > 60 ? id.substring(0, 60) : id;
    }

    /** Text a label may hold: no quotes, brackets or other syntax. */
    static String text(String value) {
        String t = value.replaceAll("[\"\\[\\](){}<>|#;`]+", " ").strip().replaceAll(" +", " ");
        return t.isEmpty() ? "Step" : ComponentExtractor.capitalize(t.substring(0, 1)) + t.substring(1);
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }

}
