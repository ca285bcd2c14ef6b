package com.autograph.ai;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.autograph.shared.security.TrustedIdentity;

/**
 * diagram-service at the wire level for ai-service's tests: create, open and PATCH a file
 * with If-Match (412 when the version moved on), each file visible to its owner only (404
 * to anyone else), every call required to carry a caller id.
 */
final class FakeDiagramService implements AutoCloseable {

    record File(UUID id, String owner, String title, JsonNode canvas, int version) {

        String etag() {
            return "\"" + id + "-" + version + "\"";
        }

    }

    final Map<UUID, File> files = new ConcurrentHashMap<>();

    final AtomicInteger unsigned = new AtomicInteger();

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpServer server;

    FakeDiagramService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String user = ex.getRequestHeaders().getFirst(TrustedIdentity.USER_ID);
            if (user == null || ex.getRequestHeaders().getFirst(TrustedIdentity.SIGNATURE) == null) {
                unsigned.incrementAndGet();
                answer(ex, 401, "{}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/api/diagrams") && method.equals("POST")) {
                JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
                File f = new File(UUID.randomUUID(), user, body.path("title").asString(), body.path("canvas_data"), 1);
                files.put(f.id(), f);
                answer(ex, 201, view(f));
                return;
            }
            if (path.startsWith("/api/diagrams/")) {
                UUID id = UUID.fromString(path.substring("/api/diagrams/".length()));
                File f = files.get(id);
                if (f == null || !f.owner().equals(user)) {
                    answer(ex, 404, "{\"code\":\"not_found\",\"detail\":\"No such file.\"}");
                    return;
                }
                if (method.equals("GET")) {
                    answer(ex, 200, view(f));
                    return;
                }
                if (method.equals("PATCH")) {
                    if (!f.etag().equals(ex.getRequestHeaders().getFirst("If-Match"))) {
                        answer(ex, 412, "{\"code\":\"version_conflict\",\"detail\":\"The file changed.\"}");
                        return;
                    }
                    JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
                    File changed = new File(id, user, f.title(), body.path("canvas_data"), f.version() + 1);
                    files.put(id, changed);
                    answer(ex, 200, view(changed));
                    return;
                }
            }
            answer(ex, 404, "{}");
        }
    }

    private String view(File f) {
        ObjectNode n = json.createObjectNode();
        n.put("id", f.id().toString());
        n.put("title", f.title());
        n.put("etag", f.etag());
        n.set("canvas_data", f.canvas());
        return n.toString();
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
