package com.autograph.ai.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.ai.icons.Icon;
import com.autograph.ai.icons.IconCatalog;

/**
 * Finds the components a prompt names, in the order it names them: every run of words
 * that is an icon name or alias ("CloudFront", "S3 bucket", "Postgres"), a business word
 * before a generic one ("orders service", "payments API"), and counts ("two services").
 * Icons are resolved for the diagram's provider.
 */
final class ComponentExtractor {

    /** Words that make a named component out of the word before them. */
    static final Set<String> CLASS_WORDS = Set.of("service", "services", "api", "db", "database", "worker", "workers",
            "queue", "server", "cache", "function", "functions", "bucket", "topic", "microservice", "app", "store",
            "gateway", "portal", "engine", "processor", "cluster", "instance", "instances", "table", "stream");

    /** Catalog terms that name no component on their own. */
    private static final Set<String> NOT_COMPONENTS = Set.of("web", "model", "key", "node", "role", "job", "token",
            "deploy", "build", "pipeline", "events", "cluster", "container", "instance", "network", "app", "api",
            "rest", "ts", "go", "spring", "actions", "host", "machine", "edge", "config", "configuration", "transform",
            "ingestion", "reports", "reporting", "metrics", "logs", "alerts", "roles", "policies", "keys", "workflow",
            "state machine", "lake", "chart", "lock", "ns", "deployment", "service", "tls", "ssl", "certificate",
            "pods", "access token", "callback", "inference", "prediction service", "products", "delivery", "search",
            "warehouse", "alert service", "push", "text message", "client", "clients", "volume", "timer", "dag",
            "secret", "secrets", "replicas", "stream", "topic", "auth", "device", "devices", "model training", "repo",
            "repository", "source code", "basket", "app server", "application server");

    /** Terms that are kept when a class word follows ("service" after "orders"). */
    private static final Set<String> WEAK = Set.of("service", "api", "stream", "topic", "search", "secret", "auth",
            "web", "app", "deployment", "repo", "repository", "delivery");

    private static final Set<String> STOP = Set.of("a", "an", "the", "with", "and", "or", "of", "on", "in", "to", "for",
            "from", "behind", "front", "via", "using", "into", "that", "which", "each", "its", "their", "our", "my",
            "show", "draw", "create", "make", "diagram", "architecture", "simple", "basic", "typical", "some", "as",
            "by", "at", "is", "are", "be", "between", "then", "where", "both", "all", "new", "one", "two", "three",
            "four", "five", "aws", "azure", "gcp", "google", "cloud", "amazon", "microsoft", "tier", "layer", "system",
            "platform", "application", "mobile", "public", "private", "managed", "serverless", "backed", "reads",
            "writes", "calls", "sends", "stores", "uses", "talks", "connects", "connected", "add", "remove", "colour",
            "color", "include", "including", "plus", "also", "multiple", "several", "event", "driven", "based",
            "deployed", "running", "runs", "hosted", "it", "them", "this", "these", "up", "out");

    private static final Map<String, Integer> NUMBERS = Map.of("two", 2, "three", 3, "four", 4, "five", 5, "2", 2, "3",
            3, "4", 4, "5", 5);

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}./#+-]*");

    private final IconCatalog catalog;

    ComponentExtractor(IconCatalog catalog) {
        this.catalog = catalog;
    }

    /** The provider a prompt is about (see {@link IconCatalog#providerOf}). */
    String provider(String prompt) {
        return catalog.providerOf(prompt);
    }

    record Token(String text, String norm, int start) {
    }

    static List<Token> tokens(String prompt) {
        List<Token> list = new ArrayList<>();
        Matcher m = WORD.matcher(prompt);
        while (m.find()) {
            String text = m.group().replaceAll("[.-]+$", "");
            list.add(new Token(text, IconCatalog.normalize(text), m.start()));
        }
        return list;
    }

    /**
     * Components named in {@code prompt}, in order, for a diagram about {@code provider}.
     */
    List<Part> extract(String prompt, String provider) {
        List<Token> tokens = tokens(prompt);
        List<Part> found = new ArrayList<>();
        int i = 0;
        Part previous = null;
        int previousEnd = -1;
        while (i < tokens.size()) {
            int count = 1;
            int at = i;
            Integer n = NUMBERS.get(tokens.get(i).norm);
            if (n != null && i + 1 < tokens.size()) {
                count = n;
                at = i + 1;
            }
            Match match = longest(tokens, at);
            if (match == null) {
                i++;
                continue;
            }
            String term = match.term;
            boolean classWord = CLASS_WORDS.contains(tokens.get(at).norm);
            // "Postgres database", "SQS queue": the generic word only repeats the
            // component.
            if (classWord && previous != null && previousEnd == at && match.end - at == 1) {
                i = match.end;
                continue;
            }
            Icon icon = catalog.choose(match.icons, provider);
            String name = words(tokens, at, match.end);
            // "orders service", "payments API": a business word then a generic one.
            Match after = match.end < tokens.size() && CLASS_WORDS.contains(tokens.get(match.end).norm)
                    ? longest(tokens, match.end) : null;
            if (after != null && ("business".equals(icon.category()) || "generic".equals(icon.category())
                    || WEAK.contains(term))) {
                icon = catalog.choose(after.icons, provider);
                name = words(tokens, at, after.end);
                match = new Match(term, after.icons, after.end);
            }
            else if (NOT_COMPONENTS.contains(term) && count > 1 && CLASS_WORDS.contains(tokens.get(at).norm)) {
                // "two services": counted, the generic word is the component.
                Part c = new Part(title(name, count), icon, Role.of(icon));
                add(found, c, count);
                previous = c;
                previousEnd = match.end;
                i = match.end;
                continue;
            }
            else if (NOT_COMPONENTS.contains(term)) {
                Optional<Part> named = named(tokens, at, match, provider);
                if (named.isPresent()) {
                    add(found, named.get(), count);
                    previous = named.get();
                    previousEnd = match.end;
                }
                i = match.end;
                continue;
            }
            Part c = new Part(title(name, count), icon, Role.of(icon));
            add(found, c, count);
            previous = c;
            previousEnd = match.end;
            i = match.end;
        }
        return found;
    }

    /**
     * "orders service": the qualifier before a generic class word names the component.
     */
    private Optional<Part> named(List<Token> tokens, int at, Match match, String provider) {
        if (!CLASS_WORDS.contains(tokens.get(at).norm) || at == 0) {
            return Optional.empty();
        }
        Token qualifier = tokens.get(at - 1);
        if (STOP.contains(qualifier.norm) || NUMBERS.containsKey(qualifier.norm)
                || !catalog.term(qualifier.norm).isEmpty() || qualifier.norm.length() < 3) {
            return Optional.empty();
        }
        Icon icon = catalog.choose(match.icons, provider);
        return Optional.of(new Part(capitalize(qualifier.text) + " " + capitalize(words(tokens, at, match.end)), icon,
                Role.of(icon)));
    }

    private static void add(List<Part> found, Part c, int count) {
        if (count == 1) {
            if (found.stream().noneMatch(f -> f.name().equalsIgnoreCase(c.name()))) {
                found.add(c);
            }
            return;
        }
        for (int k = 1; k <= count; k++) {
            found.add(new Part(c.name() + " " + k, c.icon(), c.role()));
        }
    }

    private record Match(String term, List<Icon> icons, int end) {
    }

    /**
     * The longest run of words from {@code at} that is a term (plurals read as singular).
     */
    private Match longest(List<Token> tokens, int at) {
        int max = Math.min(tokens.size() - at, catalog.longestTermWords());
        for (int len = max; len >= 1; len--) {
            StringBuilder b = new StringBuilder();
            for (int k = at; k < at + len; k++) {
                b.append(k == at ? "" : " ").append(tokens.get(k).norm);
            }
            String term = b.toString();
            List<Icon> icons = catalog.term(term);
            if (icons.isEmpty() && term.endsWith("s") && term.length() > 3) {
                term = term.substring(0, term.length() - 1);
                icons = catalog.term(term);
            }
            if (!icons.isEmpty() && !(len == 1 && STOP.contains(term))) {
                return new Match(term, icons, at + len);
            }
        }
        return null;
    }

    private static String words(List<Token> tokens, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            b.append(k == from ? "" : " ").append(tokens.get(k).text);
        }
        return b.toString();
    }

    /**
     * Plural words of a counted component become singular: "two services" → "Service 1".
     */
    private static String title(String name, int count) {
        String n = name;
        if (count > 1 && n.endsWith("s") && !n.endsWith("ss")) {
            n = n.substring(0, n.length() - 1);
        }
        return capitalize(n);
    }

    static String capitalize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        for (String w : text.split(" ")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(w.isEmpty() || !w.equals(w.toLowerCase(Locale.ROOT)) ? w
                    : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return b.toString();
    }

}
