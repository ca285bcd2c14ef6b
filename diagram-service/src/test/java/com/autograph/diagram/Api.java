package com.autograph.diagram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.autograph.shared.security.TrustedIdentity;

/**
 * Real HTTP requests to a running diagram-service, signed the way the gateway signs them
 * ({@link TrustedIdentity#sign}) for the given user, or anonymous.
 */
final class Api {

    /** A test user and their team roles (team id → admin | editor | viewer). */
    record User(UUID id, Map<UUID, String> teams) {

        User withTeam(UUID team, String role) {
            Map<UUID, String> all = new java.util.HashMap<>(teams);
            all.put(team, role);
            return new User(id, all);
        }
    }

    private static final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    private final byte[] secret;

    private final Clock clock;

    Api(int port, String secret, Clock clock) {
        this.base = "http://127.0.0.1:" + port;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    HttpResponse<String> send(User user, String method, String path, String json, Map<String, String> headers) {
        return sendBody(user, method, path, json == null ? null : "application/json",
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json),
                headers);
    }

    /** The gateway's signed identity headers for {@code user} (none for null). */
    private void sign(User user, HttpRequest.Builder request) {
        if (user != null) {
            Map<String, String> teams = new java.util.HashMap<>();
            user.teams().forEach((team, role) -> teams.put(team.toString(), role));
            TrustedIdentity identity = new TrustedIdentity(user.id().toString(), user.id() + "@example.com",
                    List.of("editor"), "session-" + user.id(), "jwt", teams);
            identity.writeHeaders(secret, clock.instant().getEpochSecond(), request::header);
        }
    }

    /**
     * A request with a body of {@code contentType} (a picture's bytes); {@code body}
     * decides whether a length is declared ({@code BodyPublishers.ofByteArray}) or the
     * body is chunked ({@code ofInputStream}).
     */
    HttpResponse<String> sendBody(User user, String method, String path, String contentType,
            HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        sign(user, request);
        headers.forEach(request::setHeader);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
    }

    /** A GET whose answer is bytes (a picture). */
    HttpResponse<byte[]> getBytes(User user, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        sign(user, request);
        headers.forEach(request::setHeader);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (Exception ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
    }

    HttpResponse<String> get(User user, String path) {
        return send(user, "GET", path, null, Map.of());
    }

    HttpResponse<String> post(User user, String path, String json) {
        return send(user, "POST", path, json, Map.of());
    }

    HttpResponse<String> put(User user, String path, String json) {
        return send(user, "PUT", path, json, Map.of());
    }

    HttpResponse<String> delete(User user, String path) {
        return send(user, "DELETE", path, null, Map.of());
    }

    HttpResponse<String> patch(User user, String path, String json, String ifMatch) {
        return send(user, "PATCH", path, json, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

}
