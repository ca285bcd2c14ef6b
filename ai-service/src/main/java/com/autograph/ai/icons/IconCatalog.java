package com.autograph.ai.icons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The icon keys the AI service knows (resource {@code ai/icon-catalog.json}), and name →
 * key resolution: exact names and aliases first, then the longest alias found inside the
 * name, then a typo-tolerant match. The diagram's provider breaks ties, so "function" is
 * {@code aws-lambda} in an AWS diagram and {@code azure-function-app} in an Azure one.
 * Only keys ship: the canvas and export draw a labelled generic glyph for each.
 */
@Component
public class IconCatalog {

    /** The providers a diagram can be about; "generic" icons fit all of them. */
    public static final Set<String> PROVIDERS = Set.of("aws", "azure", "gcp", "kubernetes", "generic");

    /**
     * Catalog terms too vague to name a component on their own ("web", "model", "api",
     * "service", ...): a prompt's "service" is a word, "orders service" a component.
     */
    public static final Set<String> VAGUE = Set.of("web", "model", "key", "node", "role", "job", "token", "deploy",
            "build", "pipeline", "events", "cluster", "container", "instance", "network", "app", "api", "rest", "ts",
            "go", "spring", "actions", "host", "machine", "edge", "config", "configuration", "transform", "ingestion",
            "reports", "reporting", "metrics", "logs", "alerts", "roles", "policies", "keys", "workflow",
            "state machine", "lake", "chart", "lock", "ns", "deployment", "service", "tls", "ssl", "certificate",
            "pods", "access token", "callback", "inference", "prediction service", "products", "delivery", "search",
            "warehouse", "alert service", "push", "text message", "client", "clients", "volume", "timer", "dag",
            "secret", "secrets", "replicas", "stream", "topic", "auth", "device", "devices", "model training", "repo",
            "repository", "source code", "basket", "app server", "application server", "worker", "function", "server",
            "database", "db", "queue", "cache", "storage", "user", "users", "order", "orders", "catalog", "checkout",
            "payments", "analytics", "notification", "notifications", "email", "scheduler", "cron");

    static final String RESOURCE = "ai/icon-catalog.json";

    private final List<Icon> icons;

    private final Map<String, Icon> byKey = new LinkedHashMap<>();

    /** Normalised name or alias → icons carrying it. */
    private final Map<String, List<Icon>> byTerm = new HashMap<>();

    private final int longestTermWords;

    public IconCatalog() {
        this.icons = load();
        int longest = 1;
        for (Icon icon : icons) {
            byKey.put(icon.key(), icon);
            List<String> terms = new ArrayList<>(icon.aliases());
            terms.add(icon.name());
            terms.add(icon.key().replace('-', ' '));
            for (String term : terms) {
                String t = normalize(term);
                if (!t.isEmpty()) {
                    List<Icon> list = byTerm.computeIfAbsent(t, k -> new ArrayList<>());
                    if (!list.contains(icon)) {
                        list.add(icon);
                    }
                    longest = Math.max(longest, t.split(" ").length);
                }
            }
        }
        this.longestTermWords = longest;
    }

    private static List<Icon> load() {
        try (InputStream in = IconCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<Icon> list = new ArrayList<>();
            for (JsonNode n : root.path("icons")) {
                List<String> aliases = new ArrayList<>();
                n.path("aliases").forEach(a -> aliases.add(a.asString()));
                list.add(new Icon(n.path("key").asString(), n.path("name").asString(), n.path("provider").asString(),
                        n.path("category").asString(), aliases));
            }
            return List.copyOf(list);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Icons carrying exactly this normalised name or alias (empty when none). */
    public List<Icon> term(String normalized) {
        return byTerm.getOrDefault(normalized, List.of());
    }

    /** The most words a name or alias has. */
    public int longestTermWords() {
        return longestTermWords;
    }

    /** The best of icons carrying one term, for a diagram about {@code provider}. */
    public Icon choose(List<Icon> candidates, String provider) {
        return best(candidates, provider);
    }

    /**
     * The icons a text names, in order, for a diagram about {@code provider}: every
     * longest run of words that is a name or alias (plurals read as singular), each icon
     * once. {@link #VAGUE} terms name nothing.
     */
    public List<Mention> mentions(String text, String provider) {
        String[] words = normalize(text).split(" ");
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < words.length) {
            int matched = 0;
            for (int len = Math.min(longestTermWords, words.length - i); len >= 1 && matched == 0; len--) {
                String term = String.join(" ", java.util.Arrays.copyOfRange(words, i, i + len));
                List<Icon> hit = byTerm.get(term);
                if (hit == null && term.endsWith("s") && term.length() > 3) {
                    hit = byTerm.get(term.substring(0, term.length() - 1));
                }
                if (hit != null && !VAGUE.contains(term) && !VAGUE.contains(hit.get(0).key())) {
                    Icon icon = best(hit, provider);
                    if (found.stream().noneMatch(m -> m.icon().equals(icon))) {
                        found.add(new Mention(term, icon));
                    }
                    matched = len;
                }
            }
            i += Math.max(1, matched);
        }
        return found;
    }

    /**
     * The cloud a text is about: named outright (AWS, Azure, Google Cloud), else voted
     * for by terms only one provider has ("EC2", "Cosmos DB", "kubectl"-free Kubernetes
     * words); "generic" when none.
     */
    public String providerOf(String text) {
        String p = " " + normalize(text) + " ";
        if (p.contains(" aws ") || p.contains(" amazon ")) {
            return "aws";
        }
        if (p.contains(" azure ") || p.contains(" microsoft ")) {
            return "azure";
        }
        if (p.contains(" gcp ") || p.contains(" google cloud ") || p.contains(" google ")) {
            return "gcp";
        }
        Map<String, Integer> votes = new HashMap<>();
        for (Mention m : mentions(text, null)) {
            List<Icon> all = byTerm.getOrDefault(m.term(), List.of(m.icon()));
            if (all.stream().map(Icon::provider).distinct().count() == 1 && !"generic".equals(m.icon().provider())) {
                votes.merge(m.icon().provider(), 1, Integer::sum);
            }
        }
        if (p.contains(" kubernetes ") || p.contains(" k8s ")) {
            votes.merge("kubernetes", 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("generic");
    }

    public List<Icon> all() {
        return icons;
    }

    public Optional<Icon> get(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    public boolean knows(String key) {
        return key != null && byKey.containsKey(key);
    }

    /**
     * The icon for a component called {@code name} in a diagram about {@code provider}
     * (null or "generic" when the diagram names no cloud).
     */
    public Optional<Icon> resolve(String name, String provider) {
        String n = normalize(name);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        // A key as written ("aws-lambda") is taken as it is; a plain word goes by its
        // aliases.
        Icon key = name.contains("-") ? byKey.get(n.replace(' ', '-')) : null;
        if (key != null) {
            return Optional.of(key);
        }
        List<Icon> exact = byTerm.get(n);
        if (exact != null) {
            return Optional.of(best(exact, provider));
        }
        String[] words = n.split(" ");
        // The longest run of words that is a known term, e.g. "orders db" → "db".
        for (int len = Math.min(words.length, longestTermWords); len >= 1; len--) {
            List<Icon> found = new ArrayList<>();
            for (int i = 0; i + len <= words.length; i++) {
                List<Icon> hit = byTerm.get(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + len)));
                if (hit != null) {
                    found.addAll(hit);
                }
            }
            if (!found.isEmpty()) {
                return Optional.of(best(found, provider));
            }
        }
        return fuzzy(n, provider);
    }

    /**
     * A misspelt term ("postgress", "kafak"): one or two edits away, on longer words
     * only.
     */
    private Optional<Icon> fuzzy(String n, String provider) {
        if (n.length() < 5 || n.length() > 40) {
            return Optional.empty();
        }
        int allowed = n.length() >= 8 ? 2 : 1;
        List<Icon> found = new ArrayList<>();
        int bestDistance = allowed + 1;
        for (Map.Entry<String, List<Icon>> e : byTerm.entrySet()) {
            String term = e.getKey();
            if (term.length() < 4 || Math.abs(term.length() - n.length()) > allowed) {
                continue;
            }
            int d = Levenshtein.distance(n, term, allowed);
            if (d < bestDistance) {
                bestDistance = d;
                found.clear();
            }
            if (d == bestDistance) {
                found.addAll(e.getValue());
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(best(found, provider));
    }

    /** The diagram's own provider first, then generic icons, then the catalog's order. */
    private Icon best(List<Icon> candidates, String provider) {
        String p = provider == null ? "generic" : provider;
        return candidates.stream()
            .min(Comparator
                .comparingInt((Icon i) -> i.provider().equals(p) ? 0 : "generic".equals(i.provider()) ? 1 : 2)
                .thenComparingInt(icons::indexOf))
            .orElseThrow();
    }

    /**
     * Icons whose key, name or an alias contains {@code query} (all when blank),
     * optionally of one provider; best matches first, at most {@code limit}.
     */
    public List<Icon> search(String query, String provider, int limit) {
        String q = normalize(query);
        List<Icon> hits = new ArrayList<>();
        Map<Icon, Integer> rank = new HashMap<>();
        for (Icon icon : icons) {
            if (provider != null && !provider.equals(icon.provider())) {
                continue;
            }
            int r = q.isEmpty() ? 3 : rank(icon, q);
            if (r < 4) {
                hits.add(icon);
                rank.put(icon, r);
            }
        }
        hits.sort(Comparator.comparingInt((Icon i) -> rank.get(i)).thenComparingInt(icons::indexOf));
        return hits.subList(0, Math.min(limit, hits.size()));
    }

    /** 0 exact, 1 prefix, 2 contains, 3 alias contains, 4 no match. */
    private static int rank(Icon icon, String q) {
        String key = icon.key().replace('-', ' ');
        String name = normalize(icon.name());
        if (key.equals(q) || name.equals(q)) {
            return 0;
        }
        if (key.startsWith(q) || name.startsWith(q)) {
            return 1;
        }
        if (key.contains(q) || name.contains(q)) {
            return 2;
        }
        return icon.aliases().stream().anyMatch(a -> normalize(a).contains(q)) ? 3 : 4;
    }

    /**
     * Lower case, punctuation to spaces (except within "pub/sub"-like words), single
     * spaces.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String t = text.toLowerCase(Locale.ROOT).replace("/", "").replace("&", " and ");
        t = t.replaceAll("[^\\p{L}\\p{N}.#+]+", " ").replaceAll("(?<![\\p{L}\\p{N}])\\.|\\.(?![\\p{L}\\p{N}])", " ");
        return t.strip().replaceAll(" +", " ");
    }

}
