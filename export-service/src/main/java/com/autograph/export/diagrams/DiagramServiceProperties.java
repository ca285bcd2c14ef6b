package com.autograph.export.diagrams;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how export-service asks diagram-service for files ({@link DiagramService}).
 *
 * @param urls diagram-service's addresses ({@code DIAGRAM_SERVICE_URL}: one, or several
 * comma-separated, taken in turn)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer (a large file's content included)
 */
@Validated
@ConfigurationProperties("autograph.diagram-service")
public record DiagramServiceProperties(@NotEmpty List<URI> urls, @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout) {
}
