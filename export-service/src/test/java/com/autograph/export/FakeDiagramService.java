package com.autograph.export;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import com.autograph.shared.security.TrustedIdentity;

/**
 * diagram-service at the wire level, for export-service's tests: the internal content and
 * thumbnail endpoints and the export counter, with its permission answers (404 for a file
 * the caller may not see, 403 for the test's "forbidden" user), and checking that every
 * call carries an identity signed with the shared secret, as the real one does.
 */
final class FakeDiagramService implements AutoCloseable {

    record File(UUID id, UUID owner, String title, String canvas, String note, Map<Integer, String> versions) {
    }

    final Map<UUID, File> files = new ConcurrentHashMap<>();

    final Map<String, String> thumbnails = new ConcurrentHashMap<>();

    final List<String> exportsCounted = new CopyOnWriteArrayList<>();

    final AtomicInteger unsigned = new AtomicInteger();

    /** A user who may see every file but gets 403 (as a viewer asking for more would). */
    final UUID forbidden = UUID.randomUUID();

    /** When set, every content read answers 500 (diagram-service failing). */
    volatile boolean failing;

    private final HttpServer server;

    private final byte[] secret;

    FakeDiagramService(String secret) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    File add(UUID owner, String title, String canvas) {
        File file = new File(UUID.randomUUID(), owner, title, canvas, "A note", new ConcurrentHashMap<>());
        files.put(file.id(), file);
        return file;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<TrustedIdentity> identity = TrustedIdentity.verify(exchange.getRequestHeaders()::getFirst, secret,
                    Instant.now(), Duration.ofMinutes(2));
            if (identity.isEmpty()) {
                unsigned.incrementAndGet();
                answer(exchange, 401, problem("authentication_required", "unsigned"));
                return;
            }
            String caller = identity.get().userId();
            String[] path = exchange.getRequestURI().getPath().split("/");
            // /internal/files/{id}/content | /internal/files/{id}/thumbnail |
            // /api/diagrams/{id}/exports
            UUID id = UUID.fromString(path[3]);
            File file = files.get(id);
            boolean service = "service".equals(identity.get().method()) && caller.equals("service:export-service");
            if (failing) {
                answer(exchange, 500, problem("internal_error", "down"));
                return;
            }
            if (file == null
                    || !(service || caller.equals(file.owner().toString()) || caller.equals(forbidden.toString()))) {
                answer(exchange, 404, problem("not_found", "File " + id + " does not exist or is not visible to you."));
                return;
            }
            if (caller.equals(forbidden.toString())) {
                answer(exchange, 403, problem("permission_denied", "You may not."));
                return;
            }
            switch (path[4]) {
                case "content" -> {
                    String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
                    Integer version = null;
                    for (String pair : query.split("&")) {
                        if (pair.startsWith("version=")) {
                            version = Integer.valueOf(pair.substring(8));
                        }
                    }
                    String canvas = version == null ? file.canvas() : file.versions().get(version);
                    if (canvas == null) {
                        answer(exchange, 404, problem("not_found", "Version does not exist."));
                        return;
                    }
                    String key = thumbnails.get(id + (version == null ? "" : "/" + version));
                    answer(exchange, 200,
                            "{\"file_id\":\"" + id + "\",\"title\":" + quote(file.title()) + ",\"version_number\":"
                                    + version
                                    + ",\"latest_version\":1,\"etag\":\"\\\"1\\\"\",\"permission\":\"manage\","
                                    + "\"canvas_data\":" + canvas + ",\"note_content\":" + quote(file.note())
                                    + ",\"thumbnail_key\":" + (key == null ? "null" : quote(key)) + "}");
                }
                case "thumbnail" -> {
                    if (!service) {
                        answer(exchange, 403, problem("permission_denied", "Only a service may store thumbnails."));
                        return;
                    }
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    String version = body.replaceAll(".*\"version_number\":(null|\\d+).*", "$1");
                    String key = body.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
                    thumbnails.put(id + ("null".equals(version) ? "" : "/" + version), key);
                    answer(exchange, 204, null);
                }
                case "exports" -> {
                    exportsCounted
                        .add(id + ":" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    answer(exchange, 204, null);
                }
                default -> answer(exchange, 404, problem("not_found", "no such endpoint"));
            }
        }
        catch (RuntimeException ex) {
            answer(exchange, 500, problem("internal_error", ex.toString()));
        }
    }

    private static String problem(String code, String detail) {
        return "{\"type\":\"urn:autograph:problem:" + code + "\",\"code\":\"" + code + "\",\"detail\":" + quote(detail)
                + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
            .set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
