package com.autograph.collaboration.diagram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.autograph.shared.client.PeerService;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * diagram-service as the rooms use it, always with the user's own identity: it owns files
 * and decides who may do what ({@code GET /api/diagrams/{id}} answers the caller's
 * {@code permission}), and a room's content is saved back through its public API with
 * {@code If-Match}, so its version history and autosave rules apply to live edits as to
 * any other. Permissions are remembered for {@code permission-ttl} and forgotten at once
 * when the file's sharing changes ({@link #forget}).
 */
@Component
@EnableConfigurationProperties(DiagramServiceProperties.class)
public class DiagramFiles {

    /** A file as read: its content, its ETag and what the reader may do. */
    public record FileState(UUID fileId, String title, ObjectNode canvas, String note, String etag, Access access) {
    }

    /** What a user may do in a room. */
    public enum Access {

        VIEW, EDIT;

        static Access of(String permission) {
            return switch (permission) {
                case "edit", "manage", "owner" -> EDIT;
                default -> VIEW;
            };
        }

    }

    /** A save refused because the file moved on since {@code etag} (412). */
    public static final class Conflict extends RuntimeException {

        public Conflict() {
            super("The file changed since it was read.", null, false, false);
        }

    }

    private record Remembered(Access access, Instant until) {
    }

    private final PeerService diagramService;

    private final JsonMapper json;

    private final Clock clock;

    private final Duration permissionTtl;

    private final Map<String, Remembered> permissions = new ConcurrentHashMap<>();

    public DiagramFiles(RestClient.Builder builder, DiagramServiceProperties properties, IdentityProperties identity,
            Clock clock, JsonMapper json) {
        this.diagramService = new PeerService("diagram-service", builder, properties.urls(),
                properties.connectTimeout(), properties.readTimeout(),
                new PeerService.Breaker(20, 10, Duration.ofSeconds(15)), identity, clock,
                () -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "diagram_service_unavailable",
                        "Files cannot be opened right now (diagram-service does not answer); retry in a few seconds."));
        this.json = json;
        this.clock = clock;
        this.permissionTtl = properties.permissionTtl();
    }

    /** The file as {@code caller} may see it (404/403 from diagram-service passed on). */
    public FileState read(TrustedIdentity caller, UUID fileId) {
        FileState state = diagramService.idempotent(() -> diagramService.client()
            .get()
            .uri(diagramService.uri("/api/diagrams/" + fileId))
            .accept(MediaType.APPLICATION_JSON)
            .headers(headers -> diagramService.sign(caller, headers))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 200) {
                    throw diagramService.refusal(response, "opening file " + fileId, json);
                }
                JsonNode body = json.readTree(response.getBody());
                String etag = response.getHeaders().getETag();
                return state(fileId, body, etag);
            }));
        permissions.put(key(caller, fileId), new Remembered(state.access(), clock.instant().plus(permissionTtl)));
        return state;
    }

    /** What {@code caller} may do with the file: remembered briefly, else read. */
    public Access access(TrustedIdentity caller, UUID fileId) {
        Remembered remembered = permissions.get(key(caller, fileId));
        if (remembered != null && remembered.until().isAfter(clock.instant())) {
            return remembered.access();
        }
        return read(caller, fileId).access();
    }

    /** Forgets every remembered permission on the file (its sharing changed). */
    public void forget(UUID fileId) {
        String suffix = ":" + fileId;
        permissions.keySet().removeIf(key -> key.endsWith(suffix));
    }

    /**
     * Saves the room's content as {@code editor} with {@code If-Match: etag}; returns the
     * new ETag. {@link Conflict} when the file changed meanwhile.
     */
    public String save(TrustedIdentity editor, UUID fileId, String etag, ObjectNode canvas, String note) {
        ObjectNode body = json.createObjectNode();
        body.set("canvas_data", canvas);
        body.put("note_content", note);
        return diagramService.once(() -> diagramService.client()
            .patch()
            .uri(diagramService.uri("/api/diagrams/" + fileId))
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .headers(headers -> {
                diagramService.sign(editor, headers);
                headers.setIfMatch(etag);
            })
            .body(body)
            .exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 412) {
                    throw new Conflict();
                }
                if (status != 200) {
                    throw diagramService.refusal(response, "saving file " + fileId, json);
                }
                String newTag = response.getHeaders().getETag();
                if (newTag == null) {
                    throw diagramService.unexpected("a save without an ETag");
                }
                return newTag;
            }));
    }

    private static FileState state(UUID fileId, JsonNode body, String etag) {
        JsonNode canvas = body.get("canvas_data");
        ObjectNode document = canvas instanceof ObjectNode object ? object
                : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        return new FileState(fileId, body.path("title").asString(""), document, body.path("note_content").asString(""),
                etag == null ? body.path("etag").asString("") : etag,
                Access.of(body.path("permission").asString("view")));
    }

    /**
     * Per user and team roles: once a user's roles change, a permission remembered for
     * the old ones is not theirs any more.
     */
    private static String key(TrustedIdentity caller, UUID fileId) {
        return caller.userId() + "/" + caller.teamsHeader() + ":" + fileId;
    }

}
