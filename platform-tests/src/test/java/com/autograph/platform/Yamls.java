package com.autograph.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Parsing with SnakeYAML's safe constructor and null-tolerant navigation of the result.
 */
final class Yamls {

    private Yamls() {
    }

    /**
     * Every non-empty document of a (multi-document) YAML text. Merge keys ({@code <<:})
     * are resolved.
     */
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static Map<String, Object> document(String text) {
        List<Map<String, Object>> documents = documents(text);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("Expected one YAML document, found " + documents.size());
        }
        return documents.getFirst();
    }

    /**
     * The value at a path of mapping keys, or null when any step is missing or not a
     * mapping.
     */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : value.toString();
    }

    /** The mapping at a path; empty when missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("Not a mapping at " + String.join(".", path) + ": " + value);
        }
        return (Map<String, Object>) value;
    }

    /** The sequence at a path; empty when missing. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("Not a sequence at " + String.join(".", path) + ": " + value);
        }
        return (List<Object>) value;
    }

    static List<Map<String, Object>> maps(Object node, String... path) {
        return list(node, path).stream().filter(Objects::nonNull).map(Yamls::map).toList();
    }

    /** An integer written as a YAML number or a numeric string; null otherwise. */
    static Integer integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s && s.strip().matches("\\d+")) {
            return Integer.valueOf(s.strip());
        }
        return null;
    }

}
