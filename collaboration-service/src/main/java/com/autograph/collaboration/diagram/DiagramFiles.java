package com.autograph.collaboration.diagram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
 * diagram-service as the rooms use it, always with the user's own identity or the share
 * link the socket was opened with: it owns files and decides who may do what ({@code GET
 * /api/diagrams/{id}} answers the caller's {@code permission}, {@code GET
 * /api/diagrams/links/{token}} the link's), and a room's content is saved back through
 * its public API with {@code If-Match} ({@code PATCH /api/diagrams/{id}}, or {@code PATCH
 * /api/diagrams/links/{token}} for an edit link's holder), so its version history and
 * autosave rules apply to live edits as to any other, and diagram-service alone checks a
 * link's password, expiry and revocation. A link holder who is not signed in has a
 * {@link #guest} identity, which is never signed into a request. Permissions are
 * remembered for {@code permission-ttl} and forgotten at once when the file's sharing
 * changes ({@link #forget}).
 */
@Component
@EnableConfigurationProperties(DiagramServiceProperties.class)
public class DiagramFiles {

    /**
     * A file as read: its content, its ETag, what the reader may do and, when that comes
     * from a share link, until when the link lasts.
     */
    public record FileState(UUID fileId, String title, ObjectNode canvas, String note, String etag, Access access,
            Instant linkExpiresAt) {

        Grant grant() {
            return new Grant(access, linkExpiresAt);
        }

    }

    /**
     * The header that carries a protected link's password, as on the REST link endpoints.
     */
    public static final String PASSWORD_HEADER = "X-Share-Password";

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

    /**
     * A share link as presented on the socket: its token and, for a protected link, the
     * password (checked by diagram-service only).
     */
    public record Link(String token, String password) {

        /** Longest token accepted (diagram-service makes 32 characters). */
        public static final int MAX_TOKEN = 64;

        /** Longest password accepted (diagram-service's limit, as BCrypt's). */
        public static final int MAX_PASSWORD = 72;

        private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_TOKEN + "}");

        /**
         * The link, its size and alphabet checked before anything is looked up; null
         * without a token.
         */
        public static Link of(String token, String password) {
            if (token == null) {
                return null;
            }
            if (!TOKEN.matcher(token).matches()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request",
                        "share_token is not a share link's token.");
            }
            if (password != null && password.length() > MAX_PASSWORD) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request",
                        "share_password has at most " + MAX_PASSWORD + " characters.");
            }
            return new Link(token, password == null || password.isEmpty() ? null : password);
        }

        @Override
        public String toString() {
            // Never in a log line.
            return "Link[…]";
        }

    }

    /**
     * What a connection may do, and until when a share link it relies on lasts (null: it
     * does not rely on one, or the link never expires).
     */
    public record Grant(Access access, Instant linkExpiresAt) {
    }

    /** The {@code method} of a {@link #guest} identity. */
    public static final String GUEST_METHOD = "share_link";

    /**
     * A signed-out link holder, as rooms show it: {@code guest-} and eight hex digits.
     */
    public static TrustedIdentity guest() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new TrustedIdentity("guest-" + suffix, "", List.of(), "", GUEST_METHOD);
    }

    public static boolean isGuest(TrustedIdentity identity) {
        return GUEST_METHOD.equals(identity.method());
    }

    /** A save refused because the file moved on since {@code etag} (412). */
    public static final class Conflict extends RuntimeException {

        public Conflict() {
            super("The file changed since it was read.", null, false, false);
        }

    }

    private record Remembered(Grant grant, Instant until) {
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
        return read(caller, null, fileId);
    }

    /**
     * The file as {@code caller} may see it, with {@code link} when the socket came with
     * one: a guest sees it through the link only; a signed-in user with the higher of
     * their own permission and the link's (a link that no longer works leaves their own).
     * Refusals from diagram-service are passed on (a link's 403/410 too).
     */
    public FileState read(TrustedIdentity caller, Link link, UUID fileId) {
        FileState state;
        if (link == null || isGuest(caller)) {
            state = link == null ? readOwn(caller, fileId) : readThrough(caller, link, fileId);
        }
        else {
            FileState throughLink = null;
            ApiException linkRefused = null;
            try {
                throughLink = readThrough(caller, link, fileId);
            }
            catch (ApiException ex) {
                if (!ex.status().is4xxClientError()) {
                    throw ex;
                }
                linkRefused = ex;
            }
            FileState own = null;
            try {
                own = readOwn(caller, fileId);
            }
            catch (ApiException ex) {
                if (throughLink == null || !ex.status().is4xxClientError()) {
                    throw linkRefused != null && ex.status().is4xxClientError() ? linkRefused : ex;
                }
            }
            state = own == null
                    || (throughLink != null && own.access() == Access.VIEW && throughLink.access() == Access.EDIT)
                            ? throughLink : own;
        }
        permissions.put(key(caller, link, fileId), new Remembered(state.grant(), clock.instant().plus(permissionTtl)));
        return state;
    }

    private FileState readOwn(TrustedIdentity caller, UUID fileId) {
        if (isGuest(caller)) {
            throw ApiException.notFound("File", fileId);
        }
        return diagramService.idempotent(() -> diagramService.client()
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
                return state(fileId, body, etag, Access.of(body.path("permission").asString("view")), null);
            }));
    }

    /**
     * The file through a share link ({@code GET /api/diagrams/links/{token}}): a link to
     * another file is as good as none (404); a link to a version shows that version,
     * which no room holds (403).
     */
    private FileState readThrough(TrustedIdentity caller, Link link, UUID fileId) {
        return diagramService.idempotent(() -> diagramService.client()
            .get()
            // The token's alphabet is checked (Link.of): it is safe in a path.
            .uri(diagramService.uri("/api/diagrams/links/" + link.token()))
            .accept(MediaType.APPLICATION_JSON)
            .headers(headers -> linkHeaders(caller, link, headers))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() == 401) {
                    // diagram-service wants a signed-in team member (a team-only link).
                    throw ApiException.unauthorized("authentication_required",
                            "This link is for members of the file's team: sign in first.");
                }
                if (response.getStatusCode().value() != 200) {
                    throw diagramService.refusal(response, "opening a share link", json);
                }
                JsonNode body = json.readTree(response.getBody());
                JsonNode file = body.path("file");
                if (!fileId.toString().equals(file.path("id").asString(""))) {
                    throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                            "File " + fileId + " was not found (the share link is for another file).");
                }
                if (!body.path("version_number").isNull() && !body.path("version_number").isMissingNode()) {
                    throw new ApiException(HttpStatus.FORBIDDEN, "version_link",
                            "This link shows one version of the file, which has no live room; open it as a page.");
                }
                String expires = body.path("expires_at").asString("");
                return state(fileId, file, response.getHeaders().getETag(),
                        "edit".equals(body.path("permission").asString("")) ? Access.EDIT : Access.VIEW,
                        expires.isEmpty() ? null : Instant.parse(expires));
            }));
    }

    private void linkHeaders(TrustedIdentity caller, Link link, org.springframework.http.HttpHeaders headers) {
        if (!isGuest(caller)) {
            diagramService.sign(caller, headers);
        }
        if (link.password() != null) {
            headers.set(PASSWORD_HEADER, link.password());
        }
    }

    /** What {@code caller} may do with the file: remembered briefly, else read. */
    public Access access(TrustedIdentity caller, UUID fileId) {
        return grant(caller, null, fileId).access();
    }

    /**
     * What {@code caller}, who came with {@code link} (or null), may do with the file:
     * remembered briefly, else read.
     */
    public Grant grant(TrustedIdentity caller, Link link, UUID fileId) {
        Remembered remembered = permissions.get(key(caller, link, fileId));
        if (remembered != null && remembered.until().isAfter(clock.instant())) {
            return remembered.grant();
        }
        return read(caller, link, fileId).grant();
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
        return save(editor, null, fileId, etag, canvas, note);
    }

    /**
     * Saves as {@code editor}, who came with {@code link} (or null): a guest through the
     * link ({@code PATCH /api/diagrams/links/{token}}, which refuses a view link); a
     * signed-in user as themselves, and through the link when diagram-service refuses
     * that (their edit permission comes from the link).
     */
    public String save(TrustedIdentity editor, Link link, UUID fileId, String etag, ObjectNode canvas, String note) {
        if (link == null) {
            return patch(editor, null, "/api/diagrams/" + fileId, fileId, etag, canvas, note);
        }
        if (isGuest(editor)) {
            return patch(editor, link, "/api/diagrams/links/" + link.token(), fileId, etag, canvas, note);
        }
        try {
            return patch(editor, null, "/api/diagrams/" + fileId, fileId, etag, canvas, note);
        }
        catch (ApiException refused) {
            if (!refused.status().is4xxClientError()) {
                throw refused;
            }
            return patch(editor, link, "/api/diagrams/links/" + link.token(), fileId, etag, canvas, note);
        }
    }

    private String patch(TrustedIdentity editor, Link link, String path, UUID fileId, String etag, ObjectNode canvas,
            String note) {
        if (link == null && isGuest(editor)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied", "A guest saves through a link only.");
        }
        ObjectNode body = json.createObjectNode();
        body.set("canvas_data", canvas);
        body.put("note_content", note);
        return diagramService.once(() -> diagramService.client()
            .patch()
            .uri(diagramService.uri(path))
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .headers(headers -> {
                if (link == null) {
                    diagramService.sign(editor, headers);
                }
                else {
                    linkHeaders(editor, link, headers);
                }
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

    private static FileState state(UUID fileId, JsonNode body, String etag, Access access, Instant linkExpiresAt) {
        JsonNode canvas = body.get("canvas_data");
        ObjectNode document = canvas instanceof ObjectNode object ? object
                : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        return new FileState(fileId, body.path("title").asString(""), document, body.path("note_content").asString(""),
                etag == null ? body.path("etag").asString("") : etag, access, linkExpiresAt);
    }

    /**
     * Per user, team roles and link: once a user's roles change, a permission remembered
     * for the old ones is not theirs any more.
     */
    private static String key(TrustedIdentity caller, Link link, UUID fileId) {
        String who = caller.userId() + "/" + caller.teamsHeader();
        return link == null ? who + ":" + fileId : who + ":link:" + link.token() + ":" + fileId;
    }

}
