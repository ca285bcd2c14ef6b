package com.autograph.ai.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.ai.icons.Icon;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.document.formats.eraser.EraserLanguage;

/**
 * Changes a diagram as an instruction says, touching nothing else: add components (in
 * front of or behind one, or where their role puts them), remove them (their neighbours
 * reconnected), connect two, rename one and colour some. Nodes keep their ids, whatever
 * they are renamed to. New components get icons only in a diagram that has icons.
 */
final class Refiner {

    static final Set<String> COLORS = Set.of("black", "gray", "grey", "red", "pink", "purple", "violet", "indigo",
            "blue", "cyan", "teal", "green", "lime", "yellow", "orange", "brown", "white");

    private static final Pattern ADD = Pattern.compile(
            "(?i)\\b(?:add|insert|introduce|put|place|include)\\s+(.+?)(?:\\s+(in front of|before|behind|after|between|next to|to|for|on)\\s+(.+))?$");

    private static final Pattern REMOVE = Pattern.compile("(?i)\\b(?:remove|delete|drop|get rid of|take out)\\s+(.+)$");

    private static final Pattern COLOUR = Pattern
        .compile("(?i)\\b(?:colou?r|paint|make|mark|highlight)\\s+(.+?)\\s+(?:in\\s+)?(" + String.join("|", COLORS)
                + ")\\b");

    private static final Pattern RENAME = Pattern.compile("(?i)\\brename\\s+(.+?)\\s+(?:to|as|into)\\s+(.+)$");

    private static final int MAX_NAME = 200;

    private static final Pattern CONNECT = Pattern
        .compile("(?i)\\b(?:connect|link)\\s+(.+?)\\s+(?:to|with|and)\\s+(.+)$");

    private final IconCatalog catalog;

    private final ComponentExtractor extractor;

    Refiner(IconCatalog catalog, ComponentExtractor extractor) {
        this.catalog = catalog;
        this.extractor = extractor;
    }

    /**
     * What changed, in words; empty when the instruction asked for nothing this refiner
     * does.
     */
    List<String> apply(ArchModel model, String instruction, String provider) {
        List<String> done = new ArrayList<>();
        for (String sentence : instruction
            .split("(?i)[.;\\n]+|\\band then\\b|,\\s*(?:and\\s+)?(?=add|remove|delete|colou?r|connect|make|rename)")) {
            String s = sentence.strip();
            if (s.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = RENAME.matcher(s)).find()) {
                List<ArchModel.Node> targets = find(model, m.group(1), provider);
                String name = m.group(2).strip().replaceAll("^[\"'“‘]|[\"'”’]$", "").strip();
                if (targets.size() == 1 && !name.isEmpty()) {
                    String old = targets.get(0).name;
                    targets.get(0).name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
                    done.add("renamed " + old + " to " + targets.get(0).name);
                }
            }
            else if ((m = COLOUR.matcher(s)).find()) {
                List<ArchModel.Node> targets = find(model, m.group(1), provider);
                String color = m.group(2).toLowerCase(Locale.ROOT);
                targets.forEach(n -> n.color = color);
                if (!targets.isEmpty()) {
                    done.add("coloured " + targets.size() + " component(s) " + color);
                }
            }
            else if ((m = REMOVE.matcher(s)).find()) {
                for (ArchModel.Node n : find(model, m.group(1), provider)) {
                    remove(model, n);
                    done.add("removed " + n.name);
                }
            }
            else if ((m = CONNECT.matcher(s)).find()) {
                List<ArchModel.Node> from = find(model, m.group(1), provider);
                List<ArchModel.Node> to = find(model, m.group(2), provider);
                if (!from.isEmpty() && !to.isEmpty()) {
                    model.connect(from.get(0), to.get(0), "calls");
                    done.add("connected " + from.get(0).name + " to " + to.get(0).name);
                }
            }
            else if ((m = ADD.matcher(s)).find()) {
                add(model, m.group(1), m.group(2), m.group(3), provider, done);
            }
        }
        return done;
    }

    private void add(ArchModel model, String what, String where, String target, String provider, List<String> done) {
        List<Part> added = extractor.extract(what, provider);
        if (added.isEmpty()) {
            Optional<Icon> icon = catalog.resolve(what, provider);
            if (icon.isEmpty()) {
                return;
            }
            added = List.of(new Part(icon.get().name(), icon.get(), Role.of(icon.get())));
        }
        List<ArchModel.Node> targets = target == null ? List.of() : find(model, target, provider);
        boolean iconed = model.nodes.values().stream().anyMatch(n -> n.icon != null);
        for (Part c : added) {
            String slug = EraserLanguage.slug(ArchModel.cleanName(c.name()));
            if (model.nodes.values().stream().anyMatch(n -> EraserLanguage.slug(n.name).equals(slug))) {
                continue;
            }
            ArchModel.Node n = model.add(c.name(), iconed ? c.iconKey() : null);
            done.add("added " + n.name);
            if (!targets.isEmpty() && where != null
                    && Set.of("in front of", "before").contains(where.toLowerCase(Locale.ROOT))) {
                for (ArchModel.Node t : targets) {
                    List<ArchModel.Edge> incoming = model.edges.stream().filter(e -> e.to().equals(t.id())).toList();
                    for (ArchModel.Edge e : incoming) {
                        model.edges.set(model.edges.indexOf(e),
                                new ArchModel.Edge(e.from(), n.id(), e.label(), e.shapeId()));
                    }
                    model.connect(n, t, label(t, c.role()));
                }
            }
            else if (!targets.isEmpty()) {
                for (ArchModel.Node t : targets) {
                    model.connect(t, n, label(n, c.role()));
                }
            }
            else {
                attach(model, n, c.role(), provider);
            }
        }
    }

    /** A new component with no place given goes where its role puts it. */
    private void attach(ArchModel model, ArchModel.Node n, Role role, String provider) {
        List<ArchModel.Node> compute = model.nodes.values()
            .stream()
            .filter(o -> o != n && roleOf(o, provider) == Role.COMPUTE)
            .toList();
        ArchModel.Node other = model.nodes.values().stream().filter(o -> o != n).findFirst().orElse(null);
        if (other == null) {
            return;
        }
        switch (role) {
            case CLIENT, EDGE -> model.connect(n, other, "HTTPS");
            default -> {
                for (ArchModel.Node c : compute.isEmpty() ? List.of(other) : compute) {
                    model.connect(c, n, label(n, role));
                }
            }
        }
    }

    private static String label(ArchModel.Node target, Role role) {
        return switch (role) {
            case DATA -> target.icon != null && (target.icon.contains("cache") || target.icon.contains("redis"))
                    ? "caches" : "reads and writes";
            case MESSAGING -> "publishes";
            case WORKER -> "consumes";
            case OBSERVABILITY -> "metrics and logs";
            case SECURITY, IDENTITY -> "verifies";
            default -> "calls";
        };
    }

    private Role roleOf(ArchModel.Node n, String provider) {
        return Role.of(catalog.get(n.icon).orElse(null));
    }

    private void remove(ArchModel model, ArchModel.Node n) {
        List<ArchModel.Edge> in = model.edges.stream().filter(e -> e.to().equals(n.id())).toList();
        List<ArchModel.Edge> out = model.edges.stream().filter(e -> e.from().equals(n.id())).toList();
        model.remove(n.id());
        for (ArchModel.Edge i : in) {
            for (ArchModel.Edge o : out) {
                model.node(i.from()).ifPresent(f -> model.node(o.to()).ifPresent(t -> model.connect(f, t, o.label())));
            }
        }
    }

    /**
     * The nodes a phrase means: named ("the orders service"), by icon ("the queue" is the
     * SQS node), or a whole role in the plural ("the services", "the databases").
     */
    List<ArchModel.Node> find(ArchModel model, String phrase, String provider) {
        String p = IconCatalog.normalize(phrase).replaceAll("^(?:the|a|an|all|every|our|my)\\s+", "");
        List<ArchModel.Node> named = model.nodes.values()
            .stream()
            .filter(n -> IconCatalog.normalize(n.name).equals(p)
                    || IconCatalog.normalize(n.name).contains(p) && p.length() >= 3)
            .toList();
        if (!named.isEmpty()) {
            return named;
        }
        String singular = MermaidDrafter.singular(p);
        boolean plural = !singular.equals(p);
        // "the services": every node with the word in its name, and those of the role
        List<ArchModel.Node> worded = plural ? model.nodes.values()
            .stream()
            .filter(n -> (" " + IconCatalog.normalize(n.name) + " ").contains(" " + singular + " "))
            .toList() : List.of();
        Optional<Icon> icon = catalog.resolve(singular, provider);
        if (icon.isEmpty()) {
            return worded;
        }
        List<ArchModel.Node> sameIcon = model.nodes.values()
            .stream()
            .filter(n -> icon.get().key().equals(n.icon))
            .toList();
        if (!sameIcon.isEmpty()) {
            return union(worded, sameIcon);
        }
        Role role = Role.of(icon.get());
        List<ArchModel.Node> sameRole = model.nodes.values()
            .stream()
            .filter(n -> n.icon != null && roleOf(n, provider) == role)
            .toList();
        return plural ? union(worded, sameRole) : sameRole.size() == 1 ? sameRole : List.of();
    }

    private static List<ArchModel.Node> union(List<ArchModel.Node> a, List<ArchModel.Node> b) {
        Set<ArchModel.Node> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

}
