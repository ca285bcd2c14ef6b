package com.autograph.export.diagrams;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import com.autograph.shared.client.PeerService;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.ServiceIdentity;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.json.JsonMapper;

/**
 * diagram-service as export-service uses it: the owner of files decides who may read
 * them, so every read goes there with the caller's identity, signed afresh as the gateway
 * signs it ({@link PeerService}: timeouts, a circuit breaker answering 503
 * {@code diagram_service_unavailable}). Its 404 and 403 are passed on to the client as
 * they are. Reads (GET, and the idempotent thumbnail PUT) are retried once on the next
 * instance; counting an export is not.
 */
@Component
@EnableConfigurationProperties(DiagramServiceProperties.class)
public class DiagramService {

    private static final Logger log = LoggerFactory.getLogger(DiagramService.class);

    private final PeerService diagramService;

    private final JsonMapper json;

    private final TrustedIdentity self = ServiceIdentity.of("export-service");

    public DiagramService(RestClient.Builder builder, DiagramServiceProperties properties, IdentityProperties identity,
            Clock clock, JsonMapper json) {
        this.diagramService = new PeerService("diagram-service", builder, properties.urls(),
                properties.connectTimeout(), properties.readTimeout(),
                new PeerService.Breaker(20, 10, Duration.ofSeconds(15)), identity, clock,
                () -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "diagram_service_unavailable",
                        "Files cannot be read right now (diagram-service does not answer); retry in a few seconds."));
        this.json = json;
    }

    /**
     * The head ({@code version} null) or a version, with content, as {@code caller} may
     * see it.
     */
    public FileContent content(TrustedIdentity caller, UUID fileId, Integer version) {
        return diagramService.idempotent(() -> fetch(caller, fileId, version, true));
    }

    /** Metadata only (the thumbnail key, the newest version): for serving thumbnails. */
    public FileContent metadata(TrustedIdentity caller, UUID fileId, Integer version) {
        return diagramService.idempotent(() -> fetch(caller, fileId, version, false));
    }

    /** The content as export-service itself reads it (thumbnails: no user is waiting). */
    public FileContent contentForService(UUID fileId, Integer version) {
        return content(self, fileId, version);
    }

    /** Stores a thumbnail's key for the head ({@code version} null) or a version. */
    public void storeThumbnail(UUID fileId, Integer version, String key) {
        diagramService.idempotent(() -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("version_number", version);
            body.put("key", key);
            return diagramService.client()
                .put()
                .uri(diagramService.uri("/internal/files/" + fileId + "/thumbnail"))
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> diagramService.sign(self, headers))
                .body(body)
                .exchange((request, response) -> {
                    if (response.getStatusCode().value() != 204) {
                        throw diagramService.refusal(response, "storing a thumbnail", json);
                    }
                    return null;
                });
        });
    }

    /**
     * Counts one export of the file in its {@code export_count} (diagram-service's
     * {@code POST /api/diagrams/{id}/exports}). Not retried: a retry after a lost answer
     * would count twice.
     */
    public void recordExport(TrustedIdentity caller, UUID fileId, String format) {
        diagramService.once(() -> diagramService.client()
            .post()
            .uri(diagramService.uri("/api/diagrams/" + fileId + "/exports"))
            .contentType(MediaType.APPLICATION_JSON)
            .headers(headers -> diagramService.sign(caller, headers))
            .body(Map.of("format", format))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 204) {
                    throw diagramService.refusal(response, "counting an export", json);
                }
                return null;
            }));
    }

    private FileContent fetch(TrustedIdentity caller, UUID fileId, Integer version, boolean withContent) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(diagramService.next())
            .path("/internal/files/{id}/content")
            .queryParam("content", withContent);
        if (version != null) {
            uri.queryParam("version", version);
        }
        return diagramService.client()
            .get()
            .uri(uri.buildAndExpand(fileId).toUri())
            .accept(MediaType.APPLICATION_JSON)
            .headers(headers -> diagramService.sign(caller, headers))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 200) {
                    throw diagramService.refusal(response, "reading file " + fileId, json);
                }
                FileContent content = response.bodyTo(FileContent.class);
                if (content == null || content.fileId() == null) {
                    throw diagramService.unexpected("an empty file");
                }
                return content;
            });
    }

}
