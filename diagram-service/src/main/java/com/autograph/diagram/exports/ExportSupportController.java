package com.autograph.diagram.exports;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.shared.security.TrustedIdentity;

/**
 * What export-service needs from the owner of files (it never reads their tables): a
 * file's or a version's content with diagram-service's own permission answer (404/403
 * exactly as {@code GET /api/diagrams/{id}}, but no view counted: an export is not a
 * visit), and a place to store the key of a rendered thumbnail. Not routed by the
 * gateway, which passes {@code /api/diagrams/**} only, and not in the public API
 * document; every call needs an identity signed with {@code IDENTITY_SIGNING_SECRET}: the
 * user's, passed on, or export-service's own service identity (thumbnails after someone's
 * save).
 */
@Hidden
@RestController
@RequestMapping("/internal/files")
class ExportSupportController {

    record ThumbnailRequest(@Positive Integer versionNumber, @NotBlank @Size(max = 1024) String key) {
    }

    private final ExportSupport support;

    ExportSupportController(ExportSupport support) {
        this.support = support;
    }

    /**
     * {@code version}: that version instead of the head; {@code content=false}: metadata
     * only.
     */
    @GetMapping("/{id}/content")
    ExportSupport.Content content(TrustedIdentity identity, @PathVariable UUID id,
            @RequestParam(required = false) @Positive Integer version,
            @RequestParam(defaultValue = "true") boolean content) {
        return support.content(identity, id, version, content);
    }

    @PutMapping("/{id}/thumbnail")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void thumbnail(TrustedIdentity identity, @PathVariable UUID id, @Valid @RequestBody ThumbnailRequest request) {
        support.storeThumbnail(identity, id, request.versionNumber(), request.key());
    }

}
