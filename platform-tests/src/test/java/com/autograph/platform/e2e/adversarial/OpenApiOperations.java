package com.autograph.platform.e2e.adversarial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import net.minidev.json.JSONValue;

/**
 * The operations of an OpenAPI 3 document (the gateway's merged {@code /api/docs}), read
 * as plain maps so that the adversarial suite follows the document as it is: every path ×
 * method, its path and query parameters, and its request body (JSON or multipart) with
 * {@code $ref}s and {@code allOf} resolved. Tolerant of the document's shape: parameters
 * that are internal objects (a query parameter {@code identity}/{@code caller} whose
 * schema is an object: what springdoc made of the services' argument resolvers) are left
 * out, and a body without a schema is a body of unknown properties.
 */
public final class OpenApiOperations {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /**
     * Reads before writes before deletes: an operation that removes the caller's objects
     * runs late.
     */
    private static final Map<String, Integer> METHOD_ORDER = Map.of("GET", 0, "POST", 1, "PUT", 2, "PATCH", 3, "DELETE",
            4);

    private final Map<String, Object> document;

    private OpenApiOperations(Map<String, Object> document) {
        this.document = document;
    }

    public record Parameter(String name, String in, boolean required, Map<String, Object> schema) {

        public String type() {
            return String.valueOf(schema.getOrDefault("type", "string"));
        }

        public String format() {
            return (String) schema.get("format");
        }
    }

    /**
     * A request body: its media type and its (resolved) schema, empty when the document
     * gives none.
     */
    public record Body(String mediaType, Map<String, Object> schema) {

        public boolean multipart() {
            return mediaType.startsWith("multipart/");
        }

        public boolean json() {
            return mediaType.contains("json");
        }
    }

    public record Operation(String method, String path, List<Parameter> parameters, Optional<Body> body) {

        public List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        public Optional<Parameter> header(String name) {
            return parameters.stream()
                .filter(p -> p.in().equals("header") && p.name().equalsIgnoreCase(name))
                .findFirst();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @SuppressWarnings("unchecked")
    public static OpenApiOperations parse(String json) {
        Object parsed = JSONValue.parse(json);
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("paths") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(
                    "Not an OpenAPI document with paths: " + json.substring(0, Math.min(200, json.length())));
        }
        return new OpenApiOperations((Map<String, Object>) parsed);
    }

    /**
     * Every operation, in a stable order: by path, reads first and deletes last, logouts
     * at the very end.
     */
    @SuppressWarnings("unchecked")
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        paths.forEach((path, value) -> {
            Map<String, Object> item = (Map<String, Object>) value;
            List<Object> shared = (List<Object>) item.getOrDefault("parameters", List.of());
            for (String method : METHODS) {
                if (item.get(method) instanceof Map<?, ?> op) {
                    Map<String, Object> operation = (Map<String, Object>) op;
                    List<Parameter> parameters = new ArrayList<>();
                    List<Object> declared = new ArrayList<>(shared);
                    declared.addAll((List<Object>) operation.getOrDefault("parameters", List.of()));
                    for (Object raw : declared) {
                        parameter(resolve((Map<String, Object>) raw)).ifPresent(parameters::add);
                    }
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, parameters, body(operation)));
                }
            }
        });
        operations.sort(Comparator.comparing((Operation op) -> op.path().contains("logout"))
            .thenComparing(op -> METHOD_ORDER.get(op.method()))
            .thenComparing(Operation::path));
        return operations;
    }

    /**
     * {@code x-autograph-services}: each service's name and status ("ok" or
     * "unavailable").
     */
    @SuppressWarnings("unchecked")
    public Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        for (Object entry : (List<Object>) document.getOrDefault("x-autograph-services", List.of())) {
            Map<String, Object> service = (Map<String, Object>) entry;
            services.put(String.valueOf(service.get("service")), String.valueOf(service.get("status")));
        }
        return services;
    }

    /**
     * The properties of an object schema ({@code allOf} merged), by name; empty for
     * anything else.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        Map<String, Object> resolved = resolve(schema);
        for (Object part : (List<Object>) resolved.getOrDefault("allOf", List.of())) {
            properties.putAll(properties((Map<String, Object>) part));
        }
        if (resolved.get("properties") instanceof Map<?, ?> declared) {
            ((Map<String, Object>) declared)
                .forEach((name, property) -> properties.put(name, resolve((Map<String, Object>) property)));
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    public List<String> required(Map<String, Object> schema) {
        Map<String, Object> resolved = resolve(schema);
        List<String> required = new ArrayList<>((List<String>) resolved.getOrDefault("required", List.of()));
        for (Object part : (List<Object>) resolved.getOrDefault("allOf", List.of())) {
            required.addAll(required((Map<String, Object>) part));
        }
        return required;
    }

    /**
     * The schema a {@code $ref} points to (followed until there is none), or the schema
     * itself.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resolve(Map<String, Object> schema) {
        Map<String, Object> current = schema == null ? Map.of() : schema;
        for (int hops = 0; current.get("$ref") instanceof String ref && hops < 20; hops++) {
            Object target = document;
            for (String part : ref.replaceFirst("^#/", "").split("/")) {
                target = target instanceof Map<?, ?> map ? map.get(part.replace("~1", "/").replace("~0", "~")) : null;
            }
            current = target instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private Optional<Parameter> parameter(Map<String, Object> raw) {
        String name = String.valueOf(raw.get("name"));
        String in = String.valueOf(raw.get("in"));
        Map<String, Object> schema = resolve((Map<String, Object>) raw.getOrDefault("schema", Map.of()));
        boolean internalObject = in.equals("query")
                && (schema.containsKey("properties") || "object".equals(schema.get("type")));
        if (name.equals("identity") || internalObject || in.equals("cookie")) {
            return Optional.empty();
        }
        return Optional
            .of(new Parameter(name, in, Boolean.TRUE.equals(raw.get("required")) || in.equals("path"), schema));
    }

    @SuppressWarnings("unchecked")
    private Optional<Body> body(Map<String, Object> operation) {
        if (!(operation.get("requestBody") instanceof Map<?, ?> raw)) {
            return Optional.empty();
        }
        Map<String, Object> requestBody = resolve((Map<String, Object>) raw);
        Map<String, Object> content = (Map<String, Object>) requestBody.getOrDefault("content", Map.of());
        if (content.isEmpty()) {
            return Optional.of(new Body("application/json", Map.of()));
        }
        // JSON when offered, otherwise the first media type (multipart for uploads).
        String mediaType = content.keySet()
            .stream()
            .filter(type -> type.contains("json"))
            .findFirst()
            .orElse(content.keySet().iterator().next());
        Map<String, Object> media = (Map<String, Object>) content.get(mediaType);
        Map<String, Object> schema = media == null ? Map.of()
                : (Map<String, Object>) media.getOrDefault("schema", Map.of());
        return Optional.of(new Body(mediaType, resolve(schema)));
    }

}
