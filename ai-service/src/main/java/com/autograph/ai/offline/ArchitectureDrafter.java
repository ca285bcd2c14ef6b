package com.autograph.ai.offline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.autograph.ai.icons.Icon;
import com.autograph.ai.icons.IconCatalog;

/**
 * Architecture diagrams: the components the prompt names (filled out with the domain's
 * typical parts when it names fewer than three), connected by their roles when the prompt
 * does not say how: clients → edge → ingress → compute → data, compute → messaging →
 * workers, with security, monitoring and delivery beside. Every connection is labelled.
 */
final class ArchitectureDrafter {

    private final IconCatalog catalog;

    private final ComponentExtractor extractor;

    ArchitectureDrafter(IconCatalog catalog, ComponentExtractor extractor) {
        this.catalog = catalog;
        this.extractor = extractor;
    }

    ArchModel draft(String prompt, String provider, Domain domain, boolean spread) {
        List<Part> components = new ArrayList<>(extractor.extract(prompt, provider));
        long meaningful = components.stream().filter(c -> c.role() != Role.CLIENT).count();
        if (meaningful < 3) {
            for (String part : Patterns.ARCHITECTURE.get(domain)) {
                String[] nameTerm = part.split("=", 2);
                Icon icon = catalog.resolve(nameTerm[1], provider).orElse(null);
                boolean present = components.stream()
                    .anyMatch(c -> c.name().equalsIgnoreCase(nameTerm[0])
                            || icon != null && icon.equals(c.icon()) && !"service".equals(icon.key()));
                if (!present) {
                    components.add(new Part(nameTerm[0], icon, Role.of(icon)));
                }
            }
        }
        ArchModel model = new ArchModel();
        model.title = domain.label().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + domain.label().substring(1)
                + " architecture" + (provider.equals("generic") ? "" : " on " + providerName(provider))
                + " (rule-based draft)";
        Map<Role, List<ArchModel.Node>> byRole = new EnumMap<>(Role.class);
        boolean needsClient = components.stream().noneMatch(c -> c.role() == Role.CLIENT) && components.stream()
            .anyMatch(c -> c.role() == Role.EDGE || c.role() == Role.INGRESS || c.role() == Role.IDENTITY);
        if (needsClient) {
            Icon users = catalog.get("users").orElse(null);
            components.add(0, new Part("Users", users, Role.CLIENT));
        }
        for (Part c : components) {
            ArchModel.Node n = model.add(c.name(), c.iconKey());
            List<ArchModel.Node> list = byRole.computeIfAbsent(c.role(), r -> new ArrayList<>());
            if (!list.contains(n)) {
                list.add(n);
            }
        }
        connect(model, byRole, spread);
        return model;
    }

    private static String providerName(String provider) {
        return switch (provider) {
            case "aws" -> "AWS";
            case "azure" -> "Azure";
            case "gcp" -> "Google Cloud";
            default -> "Kubernetes";
        };
    }

    private static List<ArchModel.Node> of(Map<Role, List<ArchModel.Node>> byRole, Role role) {
        return byRole.getOrDefault(role, List.of());
    }

    private static void connect(ArchModel m, Map<Role, List<ArchModel.Node>> byRole, boolean spread) {
        List<ArchModel.Node> clients = new ArrayList<>(of(byRole, Role.CLIENT));
        List<ArchModel.Node> developers = new ArrayList<>();
        if (!of(byRole, Role.DELIVERY).isEmpty()) {
            clients.stream().filter(n -> "developer".equals(n.icon) || "admin".equals(n.icon)).forEach(developers::add);
            clients.removeAll(developers);
        }
        List<ArchModel.Node> chain = new ArrayList<>(of(byRole, Role.EDGE));
        chain.addAll(of(byRole, Role.INGRESS));
        List<ArchModel.Node> compute = of(byRole, Role.COMPUTE);
        List<ArchModel.Node> data = of(byRole, Role.DATA);
        List<ArchModel.Node> messaging = of(byRole, Role.MESSAGING);
        List<ArchModel.Node> workers = of(byRole, Role.WORKER);
        List<ArchModel.Node> analytics = of(byRole, Role.ANALYTICS);
        // Who receives the traffic that comes in: the ingress chain's end, else compute,
        // else data.
        List<ArchModel.Node> entry = !compute.isEmpty() ? compute
                : !messaging.isEmpty() ? messaging.subList(0, 1) : !data.isEmpty() ? data : analytics;
        for (ArchModel.Node client : clients) {
            if (!chain.isEmpty()) {
                m.connect(client, chain.get(0), "HTTPS");
            }
            else {
                entry.stream().limit(2).forEach(e -> m.connect(client, e, "requests"));
            }
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            m.connect(chain.get(i), chain.get(i + 1), i + 1 < of(byRole, Role.EDGE).size() ? "HTTPS" : "routes");
        }
        if (!chain.isEmpty()) {
            for (ArchModel.Node e : entry) {
                m.connect(chain.get(chain.size() - 1), e, "routes");
            }
        }
        for (ArchModel.Node idp : of(byRole, Role.IDENTITY)) {
            clients.stream().findFirst().ifPresent(c -> m.connect(c, idp, "signs in"));
            if (clients.isEmpty() && !compute.isEmpty()) {
                m.connect(compute.get(0), idp, "verifies tokens");
            }
        }
        if (!compute.isEmpty()) {
            fan(m, compute, data, spread, ArchitectureDrafter::dataLabel);
            fan(m, compute.subList(0, Math.min(2, compute.size())), messaging, spread, n -> "publishes");
            for (ArchModel.Node n : of(byRole, Role.EXTERNAL)) {
                m.connect(compute.get(compute.size() - 1), n, "calls");
            }
            for (ArchModel.Node n : of(byRole, Role.SECURITY)) {
                m.connect(compute.get(0), n, "keys and secrets");
            }
            for (ArchModel.Node n : of(byRole, Role.OBSERVABILITY)) {
                m.connect(compute.get(0), n, "metrics and logs");
            }
        }
        else {
            for (ArchModel.Node n : of(byRole, Role.EXTERNAL)) {
                entry.stream().findFirst().ifPresent(e -> m.connect(e, n, "calls"));
            }
        }
        if (!messaging.isEmpty()) {
            for (int i = 0; i + 1 < messaging.size() && compute.isEmpty(); i++) {
                m.connect(messaging.get(i), messaging.get(i + 1), "forwards");
            }
            for (int i = 0; i < workers.size(); i++) {
                m.connect(messaging.get(i % messaging.size()), workers.get(i), "consumes");
            }
            if (!analytics.isEmpty()) {
                m.connect(messaging.get(messaging.size() - 1), analytics.get(0), "streams");
            }
        }
        if (!workers.isEmpty() && !data.isEmpty()) {
            for (ArchModel.Node w : workers) {
                m.connect(w, data.get(0), dataLabel(data.get(0)));
            }
        }
        for (int i = 0; i + 1 < analytics.size(); i++) {
            m.connect(analytics.get(i), analytics.get(i + 1), "loads");
        }
        if (!analytics.isEmpty() && messaging.isEmpty() && !data.isEmpty() && !compute.isEmpty()) {
            m.connect(data.get(0), analytics.get(0), "exports");
        }
        List<ArchModel.Node> delivery = of(byRole, Role.DELIVERY);
        for (ArchModel.Node dev : developers) {
            if (!delivery.isEmpty()) {
                m.connect(dev, delivery.get(0), "pushes code");
            }
        }
        for (int i = 0; i + 1 < delivery.size(); i++) {
            m.connect(delivery.get(i), delivery.get(i + 1), i == 0 ? "triggers" : "publishes");
        }
        if (!delivery.isEmpty() && !compute.isEmpty()) {
            m.connect(delivery.get(delivery.size() - 1), compute.get(0), "deploys");
        }
        // Anything still alone hangs off the component it most likely serves.
        for (ArchModel.Node n : m.nodes.values()) {
            boolean connected = m.edges.stream().anyMatch(e -> e.from().equals(n.id()) || e.to().equals(n.id()));
            if (!connected && m.nodes.size() > 1) {
                ArchModel.Node hub = !compute.isEmpty() && !compute.contains(n) ? compute.get(0)
                        : m.nodes.values().stream().filter(o -> o != n).findFirst().orElseThrow();
                m.connect(hub, n, "uses");
            }
        }
    }

    /**
     * Every source to every target when both are few; else each target from one source,
     * in turn.
     */
    private static void fan(ArchModel m, List<ArchModel.Node> from, List<ArchModel.Node> to, boolean spread,
            java.util.function.Function<ArchModel.Node, String> label) {
        if (from.isEmpty()) {
            return;
        }
        boolean all = !spread && from.size() * to.size() <= 6;
        for (int j = 0; j < to.size(); j++) {
            if (all) {
                for (ArchModel.Node f : from) {
                    m.connect(f, to.get(j), label.apply(to.get(j)));
                }
            }
            else {
                m.connect(from.get(j % from.size()), to.get(j), label.apply(to.get(j)));
            }
        }
    }

    private static String dataLabel(ArchModel.Node n) {
        String icon = n.icon == null ? "" : n.icon;
        if (icon.contains("cache") || icon.contains("redis") || icon.contains("memcache")
                || icon.contains("memorystore")) {
            return "caches";
        }
        if (icon.contains("s3") || icon.contains("storage") || icon.contains("blob") || icon.contains("minio")) {
            return "stores files";
        }
        if (icon.contains("search")) {
            return "indexes";
        }
        if (icon.startsWith("k8s-")) {
            return "mounts";
        }
        return "reads and writes";
    }

}
