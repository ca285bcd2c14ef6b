package com.autograph.collaboration.room;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * diagram-service's wire format for what rooms use: GET /api/diagrams/{id} (with the
 * caller's permission and an ETag) and PATCH with If-Match (412 when stale). Permissions
 * by X-User-Id, or for a team's file by the caller's role in X-User-Teams; anyone else
 * gets 404.
 */
final class StandInDiagramService implements AutoCloseable {

    final class StoredFile {

        volatile ObjectNode canvas;

        volatile String note = "";

        volatile int version = 1;

        final Map<String, String> permissions = new ConcurrentHashMap<>();

        /** The team the file is in: its members' roles (X-User-Teams) decide for them. */
        volatile String team;

        String etag() {
            return "\"" + version + "\"";
        }

    }

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpServer server;

    final Map<UUID, StoredFile> files = new ConcurrentHashMap<>();

    StandInDiagramService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/diagrams/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StoredFile create(UUID id, ObjectNode canvas) {
        StoredFile file = new StoredFile();
        file.canvas = canvas;
        files.put(id, file);
        return file;
    }

    private void handle(HttpExchange exchange) throws IOException {
        UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/api/diagrams/".length()));
        StoredFile file = files.get(id);
        String user = exchange.getRequestHeaders().getFirst("X-User-Id");
        String permission = file == null ? null : file.permissions.get(user);
        if (permission == null && file != null && file.team != null) {
            permission = teamPermission(file.team, exchange.getRequestHeaders().getFirst("X-User-Teams"));
        }
        if (permission == null) {
            reply(exchange, 404, "{\"code\":\"not_found\",\"detail\":\"File " + id + " was not found.\"}", null);
            return;
        }
        synchronized (file) {
            if (exchange.getRequestMethod().equals("PATCH")) {
                if (permission.equals("view")) {
                    reply(exchange, 403, "{\"code\":\"forbidden\",\"detail\":\"read only\"}", null);
                    return;
                }
                if (!file.etag().equals(exchange.getRequestHeaders().getFirst("If-Match"))) {
                    reply(exchange, 412, "{\"code\":\"precondition_failed\",\"detail\":\"stale\"}", null);
                    return;
                }
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                file.canvas = (ObjectNode) body.get("canvas_data");
                file.note = body.path("note_content").asString(file.note);
                file.version++;
            }
            ObjectNode view = json.createObjectNode()
                .put("id", id.toString())
                .put("title", "t")
                .put("etag", file.etag());
            view.set("canvas_data", file.canvas);
            view.put("note_content", file.note).put("permission", permission);
            reply(exchange, 200, view.toString(), file.etag());
        }
    }

    /** Team viewers view, editors and admins edit; others nothing. */
    private static String teamPermission(String team, String teams) {
        for (String membership : teams == null ? new String[0] : teams.split(",")) {
            if (membership.startsWith(team + ":")) {
                return membership.endsWith(":viewer") ? "view" : "edit";
            }
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status, String body, String etag) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
            .set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
