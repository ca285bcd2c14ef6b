package com.autograph.ai.offline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.autograph.ai.icons.Icon;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

/**
 * Rule-based prose about a parsed diagram: what it shows (explain), what it lacks or
 * where it would break (critique: missing parts, single points of failure, unlabelled
 * connections, components without an icon) and what to add (suggest).
 */
final class Critic {

    private final IconCatalog catalog;

    Critic(IconCatalog catalog) {
        this.catalog = catalog;
    }

    private record Facts(List<Shape> nodes, List<Shape> connectors, Map<Role, List<Shape>> byRole,
            Map<String, Integer> degree) {
    }

    private Facts facts(DiagramDocument doc) {
        List<Shape> nodes = doc.shapes()
            .stream()
            .filter(s -> !s.type().isConnector() && s.text().isPresent() && !s.type().isContainer())
            .toList();
        List<Shape> connectors = doc.connectors();
        Map<Role, List<Shape>> byRole = new EnumMap<>(Role.class);
        for (Shape s : nodes) {
            Icon icon = s.icon().flatMap(catalog::get).orElse(null);
            if (icon == null) {
                icon = catalog.resolve(s.text().orElse(""), null).orElse(null);
            }
            byRole.computeIfAbsent(Role.of(icon), r -> new ArrayList<>()).add(s);
        }
        Map<String, Integer> degree = new LinkedHashMap<>();
        for (Shape c : connectors) {
            c.start().flatMap(e -> e.shapeId()).ifPresent(id -> degree.merge(id, 1, Integer::sum));
            c.end().flatMap(e -> e.shapeId()).ifPresent(id -> degree.merge(id, 1, Integer::sum));
        }
        return new Facts(nodes, connectors, byRole, degree);
    }

    String explain(DiagramDocument doc, String kind) {
        Facts f = facts(doc);
        StringBuilder b = new StringBuilder();
        b.append("This ")
            .append(kind)
            .append(" diagram has ")
            .append(f.nodes.size())
            .append(" element(s) and ")
            .append(f.connectors.size())
            .append(" connection(s).");
        List<String> names = f.nodes.stream().limit(12).map(s -> s.text().orElse(s.id())).toList();
        if (!names.isEmpty()) {
            b.append(" It shows ")
                .append(String.join(", ", names))
                .append(f.nodes.size() > 12 ? ", …" : "")
                .append('.');
        }
        int described = 0;
        for (Shape c : f.connectors) {
            if (described == 8) {
                break;
            }
            Optional<String> from = c.start().flatMap(e -> e.shapeId()).flatMap(doc::shape).flatMap(Shape::text);
            Optional<String> to = c.end().flatMap(e -> e.shapeId()).flatMap(doc::shape).flatMap(Shape::text);
            if (from.isPresent() && to.isPresent()) {
                b.append("\n- ").append(from.get()).append(" → ").append(to.get());
                c.text().ifPresent(t -> b.append(" (").append(t).append(')'));
                described++;
            }
        }
        return b.append("\n(Rule-based explanation.)").toString();
    }

    String critique(DiagramDocument doc) {
        Facts f = facts(doc);
        List<String> findings = new ArrayList<>();
        long unlabelled = f.connectors.stream().filter(c -> c.text().isEmpty()).count();
        if (unlabelled > 0) {
            findings.add(unlabelled + " of " + f.connectors.size()
                    + " connection(s) have no label: say what flows along them (protocol, data, event).");
        }
        for (Role role : List.of(Role.DATA, Role.INGRESS, Role.MESSAGING)) {
            List<Shape> list = f.byRole.getOrDefault(role, List.of());
            if (list.size() == 1 && f.degree.getOrDefault(list.get(0).id(), 0) >= 2) {
                findings.add(list.get(0).text().orElse(list.get(0).id())
                        + " is a single point of failure: consider a replica, a standby or several instances.");
            }
        }
        if (!f.byRole.containsKey(Role.OBSERVABILITY) && f.nodes.size() >= 3) {
            findings.add("Nothing monitors the system: add metrics, logs or tracing.");
        }
        if (f.byRole.containsKey(Role.COMPUTE) && !f.byRole.containsKey(Role.DATA)) {
            findings.add("No data store is shown: where is state kept?");
        }
        if (f.byRole.containsKey(Role.CLIENT) && !f.byRole.containsKey(Role.INGRESS)
                && f.byRole.getOrDefault(Role.COMPUTE, List.of()).size() > 1) {
            findings.add(
                    "Clients reach several services directly: a load balancer or API gateway would give one entry point.");
        }
        if (!f.byRole.containsKey(Role.SECURITY) && !f.byRole.containsKey(Role.IDENTITY)
                && f.byRole.containsKey(Role.CLIENT)) {
            findings.add("No authentication or secret management is shown.");
        }
        long noIcon = f.nodes.stream().filter(s -> s.icon().isEmpty()).count();
        if (noIcon > 0 && f.nodes.size() > 0 && f.byRole.size() > 1) {
            findings.add(noIcon + " component(s) have no icon.");
        }
        for (Shape s : f.nodes) {
            if (f.degree.getOrDefault(s.id(), 0) == 0 && !f.connectors.isEmpty()) {
                findings.add(s.text().orElse(s.id()) + " is not connected to anything.");
            }
        }
        StringBuilder b = new StringBuilder(findings.isEmpty() ? "No problems found by the rules." : "Findings:");
        findings.forEach(x -> b.append("\n- ").append(x));
        return b.append("\n(Rule-based critique.)").toString();
    }

    String suggest(DiagramDocument doc, String provider) {
        Facts f = facts(doc);
        List<String> ideas = new ArrayList<>();
        for (Shape s : f.nodes) {
            if (s.icon().isEmpty()) {
                catalog.resolve(s.text().orElse(""), provider)
                    .ifPresent(i -> ideas.add("Give " + s.text().orElse(s.id()) + " the icon " + i.key() + "."));
            }
        }
        for (Shape c : f.connectors) {
            if (c.text().isEmpty()) {
                Optional<Shape> to = c.end().flatMap(e -> e.shapeId()).flatMap(doc::shape);
                to.ifPresent(t -> ideas.add("Label the connection into " + t.text().orElse(t.id()) + " (e.g. \""
                        + suggestedLabel(t) + "\")."));
            }
        }
        if (f.byRole.containsKey(Role.DATA) && !f.byRole.containsKey(Role.OBSERVABILITY)) {
            ideas.add("Add monitoring connected to the services (metrics and logs).");
        }
        if (f.byRole.containsKey(Role.COMPUTE) && f.byRole.containsKey(Role.DATA) && f.nodes.stream()
            .noneMatch(s -> s.icon().map(i -> i.contains("cache") || i.equals("redis")).orElse(false))) {
            ideas.add("Add a cache (e.g. Redis) in front of the database for hot reads.");
        }
        StringBuilder b = new StringBuilder(
                ideas.isEmpty() ? "No suggestions: the diagram is complete by the rules." : "Suggestions:");
        ideas.stream().limit(15).forEach(x -> b.append("\n- ").append(x));
        return b.append("\n(Rule-based suggestions.)").toString();
    }

    private String suggestedLabel(Shape target) {
        Icon icon = target.icon().flatMap(catalog::get).orElse(null);
        return switch (Role.of(icon)) {
            case DATA -> "reads and writes";
            case MESSAGING -> "publishes";
            case INGRESS, EDGE -> "HTTPS";
            default -> "calls";
        };
    }

}
