package com.autograph.collaboration.room;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * gets 404. Share links as GET/PATCH /api/diagrams/links/{token} with X-Share-Password:
 * 404 unknown, 410 revoked or expired, 403 password, 403 view-only PATCH; every request
 * through a link is counted.
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

    /** A share link: anyone holding its token gets its permission. */
    static final class StoredLink {

        final UUID fileId;

        final String permission;

        volatile String password;

        volatile boolean revoked;

        volatile Instant expiresAt;

        volatile Integer versionNumber;

        /** Link PATCHes made (saves through the link). */
        volatile int saves;

        StoredLink(UUID fileId, String permission) {
            this.fileId = fileId;
            this.permission = permission;
        }

    }

    final Map<String, StoredLink> links = new ConcurrentHashMap<>();

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpServer server;

    final Map<UUID, StoredFile> files = new ConcurrentHashMap<>();

    private final Map<UUID, Integer> reads = new ConcurrentHashMap<>();

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

    /** A link to the file; its token is returned. */
    String link(UUID fileId, String permission) {
        String token = UUID.randomUUID().toString().replace("-", "");
        links.put(token, new StoredLink(fileId, permission));
        return token;
    }

    /** How many times the file was read (GET): a room looking at it. */
    int reads(UUID id) {
        return reads.getOrDefault(id, 0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring("/api/diagrams/".length());
        if (rest.startsWith("links/")) {
            handleLink(exchange, rest.substring("links/".length()));
            return;
        }
        UUID id = UUID.fromString(rest);
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
            if (exchange.getRequestMethod().equals("GET")) {
                reads.merge(id, 1, Integer::sum);
            }
            if (exchange.getRequestMethod().equals("PATCH")) {
                if (permission.equals("view")) {
                    reply(exchange, 403, "{\"code\":\"forbidden\",\"detail\":\"read only\"}", null);
                    return;
                }
                if (!applyPatch(exchange, file)) {
                    return;
                }
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

    private void handleLink(HttpExchange exchange, String token) throws IOException {
        StoredLink link = links.get(token);
        if (link == null) {
            reply(exchange, 404, "{\"code\":\"link_not_found\",\"detail\":\"no such link\"}", null);
            return;
        }
        if (link.revoked) {
            reply(exchange, 410, "{\"code\":\"link_revoked\",\"detail\":\"This share link was revoked.\"}", null);
            return;
        }
        if (link.expiresAt != null && !link.expiresAt.isAfter(Instant.now())) {
            reply(exchange, 410, "{\"code\":\"link_expired\",\"detail\":\"This share link expired.\"}", null);
            return;
        }
        if (link.password != null && !link.password.equals(exchange.getRequestHeaders().getFirst("X-Share-Password"))) {
            reply(exchange, 403, "{\"code\":\"wrong_password\",\"detail\":\"wrong password\"}", null);
            return;
        }
        StoredFile file = files.get(link.fileId);
        synchronized (file) {
            if (exchange.getRequestMethod().equals("PATCH")) {
                if (!link.permission.equals("edit")) {
                    reply(exchange, 403, "{\"code\":\"permission_denied\",\"detail\":\"view link\"}", null);
                    return;
                }
                if (!applyPatch(exchange, file)) {
                    return;
                }
                link.saves++;
                ObjectNode view = json.createObjectNode().put("id", link.fileId.toString()).put("etag", file.etag());
                reply(exchange, 200, view.toString(), file.etag());
                return;
            }
            ObjectNode view = json.createObjectNode();
            ObjectNode shown = view.putObject("file")
                .put("id", link.fileId.toString())
                .put("title", "t")
                .put("etag", file.etag());
            shown.set("canvas_data", file.canvas);
            shown.put("note_content", file.note).put("permission", link.permission);
            view.put("permission", link.permission);
            if (link.versionNumber == null) {
                view.putNull("version_number");
            }
            else {
                view.put("version_number", link.versionNumber);
            }
            if (link.expiresAt == null) {
                view.putNull("expires_at");
            }
            else {
                view.put("expires_at", link.expiresAt.toString());
            }
            reply(exchange, 200, view.toString(), file.etag());
        }
    }

    /**
     * The PATCH's canvas and note as the file's next version, if its If-Match names the
     * current one; otherwise 412 is answered and nothing changes.
     */
    private boolean applyPatch(HttpExchange exchange, StoredFile file) throws IOException {
        if (!file.etag().equals(exchange.getRequestHeaders().getFirst("If-Match"))) {
            reply(exchange, 412, "{\"code\":\"precondition_failed\",\"detail\":\"stale\"}", null);
            return false;
        }
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        file.canvas = (ObjectNode) body.get("canvas_data");
        file.note = body.path("note_content").asString(file.note);
        file.version++;
        return true;
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
