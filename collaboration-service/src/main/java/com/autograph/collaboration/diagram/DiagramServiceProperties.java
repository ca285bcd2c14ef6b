package com.autograph.collaboration.diagram;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where collaboration-service reads and saves files and asks for permissions.
 *
 * @param urls diagram-service's addresses ({@code DIAGRAM_SERVICE_URL}, comma-separated
 * for several)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer (a large document included)
 * @param permissionTtl how long a user's permission on a file is trusted before asking
 * again (a share event drops it at once)
 */
@Validated
@ConfigurationProperties("autograph.diagram-service")
public record DiagramServiceProperties(@NotEmpty List<URI> urls, @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout, @NotNull @DefaultValue("30s") Duration permissionTtl) {
}
