package com.autograph.platform.e2e.adversarial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.platform.e2e.adversarial.OpenApiOperations.Operation;
import com.autograph.platform.e2e.adversarial.OpenApiOperations.Parameter;

/**
 * The hostile requests made of one operation: malformed and mistyped JSON, NUL and lone
 * surrogates in every string (body property, query and path parameter), oversize strings
 * and an oversize body, ids that are no ids, unknown ids, and ids of another user's
 * objects. Each case changes one thing of an otherwise plausible request: the other path
 * parameters name the caller's own objects and the body holds the schema's required
 * properties with sample values, so that the change is what the service has to deal with.
 */
public final class AdversarialCases {

    /** Far over any text limit; fits in auth-service's 1 MB body limit at the gateway. */
    static final int OVERSIZE_STRING = 1_000_000;

    /**
     * Over any text limit yet within the URL lengths HTTP servers read (Netty: 4096 bytes
     * a request line).
     */
    static final int OVERSIZE_QUERY = 2_000;

    /**
     * Declared length of the oversize body: over every route's limit at the gateway (the
     * largest is 25 MB).
     */
    static final long OVERSIZE_BODY = 32L * 1024 * 1024;
    static final String NUL = "a\u0000b";
    static final String LONE_SURROGATE = "a\uD800b";

    /**
     * Per operation: string properties given NUL/surrogate/wrong-type cases, and those
     * given 1 MB.
     */
    static final int MAX_PROPERTIES = 8;
    static final int MAX_OVERSIZE_PROPERTIES = 3;

    private static final Pattern ALTERNATIVES = Pattern
        .compile("^\\^?\\(?([A-Za-z0-9_-]+)(\\|[A-Za-z0-9_-]+)+\\)?\\$?$");

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    /** The objects that fill id parameters: the caller's own, and another user's. */
    public interface Ids {

        String own(String kind);

        String foreign(String kind);

    }

    public sealed interface Payload {

    }

    public record NoBody() implements Payload {
    }

    public record Bytes(String contentType, byte[] bytes) implements Payload {
    }

    /**
     * A body of this declared length, sent only if the server asks for it (Expect:
     * 100-continue).
     */
    public record Oversize(String contentType, long length) implements Payload {
    }

    /**
     * One request. {@code path} is encoded (with its query); {@code expectedStatus} 0
     * means any status that is not 5xx.
     */
    public record Case(Operation operation, String name, String path, Map<String, String> headers, Payload payload,
            int expectedStatus) {
    }

    private final OpenApiOperations document;

    private final Ids ids;

    public AdversarialCases(OpenApiOperations document, Ids ids) {
        this.document = document;
        this.ids = ids;
    }

    public List<Case> of(Operation op) {
        List<Case> cases = new ArrayList<>();
        pathCases(op, cases);
        queryCases(op, cases);
        bodyCases(op, cases);
        cases.add(new Case(op, "body: 32 MB (declared)", path(op, Map.of(), Map.of()), headers(op),
                new Oversize("application/json", OVERSIZE_BODY), 413));
        return cases;
    }

    // --- path parameters
    // ----------------------------------------------------------------------

    private void pathCases(Operation op, List<Case> cases) {
        List<Parameter> params = op.in("path");
        Payload body = sampleBody(op);
        for (Parameter param : params) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean number = param.type().equals("integer") || param.type().equals("number");
            if (number) {
                values.put("not-a-number", "abc");
                values.put("overflow", "99999999999999999999999");
                values.put("negative", "-1");
            }
            else {
                values.put("not-a-uuid", "not-a-uuid");
                values.put("random uuid", UUID.randomUUID().toString());
            }
            values.put("NUL", NUL);
            values.put("lone surrogate", LONE_SURROGATE);
            values.put("other user's", ids.foreign(kind(op, param)));
            values.forEach((label, value) -> cases.add(new Case(op, "path " + param.name() + ": " + label,
                    path(op, Map.of(param.name(), value), Map.of()), headers(op), body, 0)));
        }
        if (params.size() > 1) {
            Map<String, String> foreign = new LinkedHashMap<>();
            params.forEach(param -> foreign.put(param.name(), ids.foreign(kind(op, param))));
            cases.add(new Case(op, "path: all other user's", path(op, foreign, Map.of()), headers(op), body, 0));
        }
    }

    /**
     * Which kind of object a path parameter names, by its name or the path segment before
     * it.
     */
    static String kind(Operation op, Parameter param) {
        String name = param.name().toLowerCase(Locale.ROOT).replace("_", "");
        if (name.contains("email")) {
            return "email";
        }
        switch (name) {
            case "fileid":
                return "file";
            case "tagid":
                return "tag";
            case "userid":
                return "user";
            case "shareid":
                return "link";
            case "token":
                return "linkToken";
            case "number":
                return "version";
            case "folderid":
                return "folder";
            default:
                break;
        }
        String[] segments = op.path().split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + param.name() + "}")) {
                return switch (segments[i - 1]) {
                    case "folders" -> "folder";
                    case "tags" -> "tag";
                    case "api-keys" -> "apiKey";
                    case "sessions" -> "session";
                    case "users" -> "user";
                    case "versions" -> "version";
                    case "links" -> "link";
                    case "uploads" -> "upload";
                    case "comments" -> "comment";
                    case "notifications" -> "notification";
                    case "teams" -> "team";
                    case "invitations" -> "invitation";
                    default -> "file";
                };
            }
        }
        return "file";
    }

    // --- query parameters
    // ---------------------------------------------------------------------

    private void queryCases(Operation op, List<Case> cases) {
        Payload body = sampleBody(op);
        for (Parameter param : op.in("query")) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("NUL", NUL);
            values.put("lone surrogate", LONE_SURROGATE);
            values.put("oversize (" + OVERSIZE_QUERY + " chars)", "q".repeat(OVERSIZE_QUERY));
            switch (param.type()) {
                case "integer", "number" -> {
                    values.put("wrong type", "not-a-number");
                    values.put("overflow", "99999999999999999999999");
                }
                case "boolean" -> values.put("wrong type", "yes");
                default -> {
                    if (idLike(param.name(), param.schema())) {
                        values.put("not-a-uuid", "not-a-uuid");
                        values.put("other user's", ids.foreign(kindOfProperty(param.name())));
                    }
                    else if ("date-time".equals(param.format()) || param.name().matches(".*_(after|before)|from|to")) {
                        values.put("not-a-date", "yesterday");
                    }
                }
            }
            values.forEach((label, value) -> cases.add(new Case(op, "query " + param.name() + ": " + label,
                    path(op, Map.of(), Map.of(param.name(), value)), headers(op), body, 0)));
        }
    }

    // --- bodies
    // -------------------------------------------------------------------------------

    private void bodyCases(Operation op, List<Case> cases) {
        String path = path(op, Map.of(), Map.of());
        Map<String, String> headers = headers(op);
        cases.add(new Case(op, "body: malformed JSON", path, headers, json("{\"title\": \"unterminated"), 0));
        if (op.body().isEmpty()) {
            return;
        }
        OpenApiOperations.Body body = op.body().get();
        if (body.multipart()) {
            multipartCases(op, path, headers, cases);
            return;
        }
        cases.add(new Case(op, "body: an array instead of an object", path, headers, json("[1, 2]"), 0));
        cases.add(new Case(op, "body: empty", path, headers, json(""), 0));
        cases.add(new Case(op, "body: null", path, headers, json("null"), 0));
        cases.add(new Case(op, "body: deeply nested", path, headers, json("[".repeat(5_000) + "]".repeat(5_000)), 0));

        Map<String, Map<String, Object>> properties = document.properties(body.schema());
        int mutated = 0;
        int oversized = 0;
        for (Map.Entry<String, Map<String, Object>> property : properties.entrySet()) {
            if (mutated++ >= MAX_PROPERTIES) {
                break;
            }
            String name = property.getKey();
            Map<String, Object> schema = property.getValue();
            String type = type(schema);
            cases.add(bodyCase(op, path, headers, name, "wrong type", wrongType(type)));
            if (type.equals("string") || stringArray(schema)) {
                boolean array = !type.equals("string");
                cases.add(bodyCase(op, path, headers, name, "NUL", array ? List.of(NUL) : NUL));
                cases.add(bodyCase(op, path, headers, name, "lone surrogate",
                        array ? List.of(LONE_SURROGATE) : LONE_SURROGATE));
                if (oversized++ < MAX_OVERSIZE_PROPERTIES) {
                    String big = "x".repeat(OVERSIZE_STRING);
                    cases.add(bodyCase(op, path, headers, name, "1 MB string", array ? List.of(big) : big));
                }
            }
            if (idLike(name, schema) || (stringArray(schema) && idLike(name, document.resolve(items(schema))))) {
                String foreign = ids.foreign(kindOfProperty(name));
                cases.add(bodyCase(op, path, headers, name, "other user's",
                        type.equals("array") ? List.of(foreign) : foreign));
                cases.add(bodyCase(op, path, headers, name, "not-a-uuid",
                        type.equals("array") ? List.of("not-a-uuid") : "not-a-uuid"));
            }
        }
    }

    private Case bodyCase(Operation op, String path, Map<String, String> headers, String property, String label,
            Object value) {
        Map<String, Object> body = sample(op);
        body.put(snakeCase(property), value);
        return new Case(op, "body " + snakeCase(property) + ": " + label, path, headers, json(JsonText.write(body)), 0);
    }

    private void multipartCases(Operation op, String path, Map<String, String> headers, List<Case> cases) {
        String boundary = "adversarial" + UUID.randomUUID().toString().replace("-", "");
        String type = "multipart/form-data; boundary=" + boundary;
        cases.add(new Case(op, "multipart: garbage file", path, headers, new Bytes(type, multipart(boundary, "file",
                "garbage.drawio", new byte[] { 0, 1, 2, (byte) 0xff, (byte) 0xfe, '<', '?' })), 0));
        cases
            .add(new Case(
                    op, "multipart: NUL in file and name", path, headers, new Bytes(type, multipart(boundary, "file",
                            NUL + ".mmd", ("graph TD\n  A[" + NUL + "] --> B\n").getBytes(StandardCharsets.UTF_8))),
                    0));
        cases.add(new Case(op, "multipart: lone surrogate in file and name", path, headers, new Bytes(type,
                multipart(boundary, "file", LONE_SURROGATE + ".mmd", surrogateBytes("graph TD\n  A[", "] --> B\n"))),
                0));
        cases.add(new Case(op, "multipart: empty file", path, headers,
                new Bytes(type, multipart(boundary, "file", "empty.drawio", new byte[0])), 0));
        cases.add(new Case(op, "multipart: 1 MB file", path, headers,
                new Bytes(type, multipart(boundary, "file", "big.mmd",
                        ("graph TD\n  A[" + "x".repeat(OVERSIZE_STRING) + "]\n").getBytes(StandardCharsets.UTF_8))),
                0));
        cases.add(new Case(op, "multipart: no file part", path, headers,
                new Bytes(type, multipart(boundary, "title", null, "no file".getBytes(StandardCharsets.UTF_8))), 0));
        cases.add(
                new Case(op, "multipart: wrong boundary", path, headers,
                        new Bytes("multipart/form-data; boundary=other",
                                multipart(boundary, "file", "a.mmd", "graph TD\n".getBytes(StandardCharsets.UTF_8))),
                        0));
        cases.add(
                new Case(op, "multipart: no boundary", path, headers,
                        new Bytes("multipart/form-data",
                                multipart(boundary, "file", "a.mmd", "graph TD\n".getBytes(StandardCharsets.UTF_8))),
                        0));
    }

    private static byte[] multipart(String boundary, String part, String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"");
        if (filename != null) {
            head.append("; filename=\"").append(filename).append("\"\r\nContent-Type: application/octet-stream");
        }
        head.append("\r\n\r\n");
        out.writeBytes(utf8Lenient(head.toString()));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * {@code before} + a lone surrogate encoded as its three UTF-8-style bytes (invalid
     * UTF-8) + {@code after}.
     */
    private static byte[] surrogateBytes(String before, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(utf8Lenient(LONE_SURROGATE));
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // --- request parts
    // ------------------------------------------------------------------------

    /**
     * The sample body of every case that varies a parameter: the schema's required
     * properties.
     */
    private Payload sampleBody(Operation op) {
        if (op.body().isEmpty()) {
            return new NoBody();
        }
        if (op.body().get().multipart()) {
            String boundary = "sample" + UUID.randomUUID().toString().replace("-", "");
            return new Bytes("multipart/form-data; boundary=" + boundary, multipart(boundary, "file", "sample.mmd",
                    "graph TD\n  A --> B\n".getBytes(StandardCharsets.UTF_8)));
        }
        return json(JsonText.write(sample(op)));
    }

    /**
     * The required properties with plausible values. Names are written in snake_case, the
     * platform's JSON convention, whatever the document says (springdoc lists some
     * records' Java names).
     */
    private Map<String, Object> sample(Operation op) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> schema = op.body().map(OpenApiOperations.Body::schema).orElse(Map.of());
        Map<String, Map<String, Object>> properties = document.properties(schema);
        for (String name : document.required(schema)) {
            body.put(snakeCase(name), sampleValue(name, properties.getOrDefault(name, Map.of())));
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private Object sampleValue(String name, Map<String, Object> schema) {
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        if (schema.get("pattern") instanceof String pattern) {
            Matcher alternatives = ALTERNATIVES.matcher(pattern);
            if (alternatives.matches()) {
                return alternatives.group(1);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (type(schema)) {
            case "integer", "number" -> 1;
            case "boolean" -> false;
            case "array" ->
                idLike(name, document.resolve(items(schema))) ? List.of(ids.own(kindOfProperty(name))) : List.of();
            case "object" -> new LinkedHashMap<>();
            default -> {
                if (idLike(name, schema)) {
                    yield ids.own(kindOfProperty(name));
                }
                if (lower.contains("email")) {
                    // New each time: a taken address would stop a registration before its
                    // other fields count.
                    yield "nobody-" + UUID.randomUUID() + "@example.com";
                }
                if ("date-time".equals(schema.get("format"))) {
                    yield "2099-01-01T00:00:00Z";
                }
                if (lower.contains("password")) {
                    yield "Adversarial horse battery 7";
                }
                yield "sample";
            }
        };
    }

    private static Object wrongType(String type) {
        return switch (type) {
            case "string" -> 12345;
            case "integer", "number" -> "not-a-number";
            case "boolean" -> "yes";
            case "array" -> Map.of("not", "an array");
            case "object" -> "not an object";
            default -> List.of(List.of());
        };
    }

    private String path(Operation op, Map<String, String> overrides, Map<String, String> query) {
        String path = op.path();
        for (Parameter param : op.in("path")) {
            String value = overrides.containsKey(param.name()) ? overrides.get(param.name()) : ids.own(kind(op, param));
            path = path.replace("{" + param.name() + "}", encode(value));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Parameter param : op.in("query")) {
            if (param.required()) {
                parameters.put(param.name(), sampleQuery(param));
            }
        }
        parameters.putAll(query);
        StringBuilder uri = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            uri.append(separator).append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
            separator = '&';
        }
        return uri.toString();
    }

    private String sampleQuery(Parameter param) {
        return switch (param.type()) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> param.name().equals("url") ? "http://localhost/s/unknown"
                    : String.valueOf(sampleValue(param.name(), param.schema()));
        };
    }

    private static Map<String, String> headers(Operation op) {
        // Writes that need a precondition get one that always holds, so that the body is
        // what is judged.
        boolean precondition = op.header("If-Match").isPresent() || op.method().equals("PUT")
                || op.method().equals("PATCH");
        return precondition ? Map.of("If-Match", "*") : Map.of();
    }

    private static Bytes json(String text) {
        return new Bytes("application/json", utf8Lenient(text));
    }

    // --- helpers
    // ------------------------------------------------------------------------------

    static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) { // OpenAPI 3.1: ["string", "null"]
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("string");
        }
        if (type == null) {
            return schema.containsKey("properties") ? "object" : schema.containsKey("items") ? "array" : "any";
        }
        return String.valueOf(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> items(Map<String, Object> schema) {
        return schema.get("items") instanceof Map<?, ?> items ? (Map<String, Object>) items : Map.of();
    }

    private boolean stringArray(Map<String, Object> schema) {
        return type(schema).equals("array") && type(document.resolve(items(schema))).equals("string");
    }

    private static boolean idLike(String name, Map<String, Object> schema) {
        String lower = name.toLowerCase(Locale.ROOT);
        return "uuid".equals(schema.get("format")) || lower.equals("id") || lower.equals("ids") || lower.endsWith("_id")
                || lower.endsWith("id") && Character.isUpperCase(name.charAt(Math.max(0, name.length() - 2)))
                || lower.endsWith("_ids")
                || lower.endsWith("ids") && Character.isUpperCase(name.charAt(Math.max(0, name.length() - 3)));
    }

    private static String kindOfProperty(String name) {
        // A transfer's to_team and to_user name a team and a user.
        String lower = snakeCase(name).toLowerCase(Locale.ROOT).replaceFirst("^to_", "");
        if (lower.startsWith("folder") || lower.startsWith("parent")) {
            return "folder";
        }
        if (lower.startsWith("tag")) {
            return "tag";
        }
        if (lower.startsWith("team")) {
            return "team";
        }
        if (lower.startsWith("user") || lower.startsWith("owner") || lower.startsWith("author")) {
            return "user";
        }
        return "file";
    }

    static String snakeCase(String name) {
        return CAMEL.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Percent-encodes everything but unreserved characters; a lone surrogate becomes the
     * three bytes a careless encoder writes for it (invalid UTF-8), NUL becomes
     * {@code %00}.
     */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8Lenient(value)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append((char) c);
            }
            else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /**
     * UTF-8, except that a lone surrogate is written as its own three bytes instead of
     * '?'.
     */
    static byte[] utf8Lenient(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            }
            else if (Character.isSurrogate(c)) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
            else if (c < 0x80) {
                out.write(c);
            }
            else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /**
     * JSON text that keeps what a careful writer would refuse: NUL and lone surrogates as
     * \\u escapes.
     */
    static final class JsonText {

        private JsonText() {
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null) {
                out.append("null");
            }
            else if (value instanceof String text) {
                out.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    }
                    else if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
                out.append('"');
            }
            else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    write(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            }
            else {
                out.append(value); // numbers and booleans
            }
        }

    }

}
