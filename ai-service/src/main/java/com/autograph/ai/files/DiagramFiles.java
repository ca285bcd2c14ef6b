package com.autograph.ai.files;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.shared.client.PeerService;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.TrustedIdentity;

/**
 * diagram-service as ai-service uses it, always with the caller's identity: a generated
 * diagram becomes a new file in the caller's list; a refined one the file's new head,
 * written with If-Match so a concurrent edit is not overwritten (diagram-service answers
 * 412, passed on). Its 403/404 are passed on as they are.
 */
@Component
@EnableConfigurationProperties(DiagramServiceProperties.class)
public class DiagramFiles {

    /** A file as read: its id, title, current version tag and document. */
    public record OpenFile(UUID id, String title, String etag, DiagramDocument document) {
    }

    private final PeerService diagramService;

    private final JsonMapper json;

    public DiagramFiles(RestClient.Builder builder, DiagramServiceProperties properties, IdentityProperties identity,
            Clock clock, JsonMapper json) {
        this.diagramService = new PeerService("diagram-service", builder, properties.urls(),
                properties.connectTimeout(), properties.readTimeout(),
                new PeerService.Breaker(20, 10, Duration.ofSeconds(15)), identity, clock,
                () -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "diagram_service_unavailable",
                        "Files cannot be read or saved right now (diagram-service does not answer); retry in a few seconds."));
        this.json = json;
    }

    /** Creates a canvas file in the caller's list (top level); its id. Not retried. */
    public OpenFile create(TrustedIdentity caller, String title, DiagramDocument document) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("type", "canvas");
        body.put("canvas_data", DocumentCodec.toTree(document));
        return diagramService.once(() -> diagramService.client()
            .post()
            .uri(diagramService.uri("/api/diagrams"))
            .contentType(MediaType.APPLICATION_JSON)
            .headers(h -> diagramService.sign(caller, h))
            .body(json.writeValueAsString(body))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 201) {
                    throw diagramService.refusal(response, "creating a file", json);
                }
                return read(response.bodyTo(String.class), response.getHeaders(), document);
            }));
    }

    /** The file's head as the caller may see it. */
    public OpenFile open(TrustedIdentity caller, UUID id) {
        return diagramService.idempotent(() -> diagramService.client()
            .get()
            .uri(diagramService.uri("/api/diagrams/" + id))
            .accept(MediaType.APPLICATION_JSON)
            .headers(h -> diagramService.sign(caller, h))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 200) {
                    throw diagramService.refusal(response, "reading file " + id, json);
                }
                return read(response.bodyTo(String.class), response.getHeaders(), null);
            }));
    }

    /**
     * Saves a new head over version {@code etag}; 412 from diagram-service when it moved
     * on.
     */
    public OpenFile replaceContent(TrustedIdentity caller, UUID id, String etag, DiagramDocument document) {
        Map<String, Object> body = Map.of("canvas_data", DocumentCodec.toTree(document));
        return diagramService.once(() -> diagramService.client()
            .patch()
            .uri(diagramService.uri("/api/diagrams/" + id))
            .contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.IF_MATCH, etag)
            .headers(h -> diagramService.sign(caller, h))
            .body(json.writeValueAsString(body))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 200) {
                    throw diagramService.refusal(response, "saving file " + id, json);
                }
                return read(response.bodyTo(String.class), response.getHeaders(), document);
            }));
    }

    private OpenFile read(String body, HttpHeaders headers, DiagramDocument known) {
        if (body == null) {
            throw diagramService.unexpected("an empty file");
        }
        JsonNode file = json.readTree(body);
        String id = file.path("id").asString(null);
        if (id == null) {
            throw diagramService.unexpected("a file without an id");
        }
        String etag = file.path("etag").asString(headers.getETag());
        DiagramDocument document = known;
        if (document == null) {
            JsonNode canvas = file.path("canvas_data");
            document = canvas.isObject() ? DocumentCodec.read(canvas) : DiagramDocument.empty();
        }
        return new OpenFile(UUID.fromString(id), file.path("title").asString(""), etag, document);
    }

}
