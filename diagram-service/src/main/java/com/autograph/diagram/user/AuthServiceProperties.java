package com.autograph.diagram.user;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how diagram-service asks auth-service who has an e-mail address
 * ({@link UserDirectory}).
 *
 * @param urls auth-service's addresses ({@code AUTH_SERVICE_URL}: one, or several
 * comma-separated, tried in turn)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer
 */
@Validated
@ConfigurationProperties("autograph.auth-service")
public record AuthServiceProperties(@NotEmpty List<URI> urls, @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout) {
}
