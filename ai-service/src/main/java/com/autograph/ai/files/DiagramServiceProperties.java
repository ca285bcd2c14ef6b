package com.autograph.ai.files;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how ai-service reads and saves files in diagram-service
 * ({@link DiagramFiles}).
 *
 * @param urls diagram-service's addresses ({@code DIAGRAM_SERVICE_URL}, comma-separated
 * for several)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
@Validated
@ConfigurationProperties("autograph.diagram-service")
public record DiagramServiceProperties(@NotEmpty List<URI> urls, @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout) {
}
