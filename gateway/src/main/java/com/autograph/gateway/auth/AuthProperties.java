package com.autograph.gateway.auth;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication at the edge. Secrets ({@code JWT_SECRET},
 * {@code IDENTITY_SIGNING_SECRET}) have no default: {@link SecurityConfiguration}
 * resolves them strictly, so a missing one stops start-up naming the variable.
 */
@Validated
@ConfigurationProperties("autograph.gateway.auth")
public record AuthProperties(@NotNull @Valid Jwt jwt, @NotNull @Valid ApiKey apiKey, @NotNull @Valid Identity identity,
        /*
         * "[METHOD ]/path/pattern": requests that need no credentials (and whose
         * credentials are ignored).
         */
        @NotNull @DefaultValue List<@Pattern(regexp = PATH_ENTRY, message = PATH_ENTRY_MESSAGE) String> publicPaths,
        /*
         * Requests that need no credentials but use them when sent: a shared link opened
         * by a signed-in team member (team-only links). Credentials sent here must be
         * valid.
         */
        @NotNull @DefaultValue List<@Pattern(regexp = PATH_ENTRY,
                message = PATH_ENTRY_MESSAGE) String> optionalAuthPaths,
        /*
         * Sessions without remember-me end after this long without a request
         * (SESSION_IDLE_TIMEOUT, as auth-service).
         */
        @NotNull @DefaultValue("30m") Duration sessionIdleTimeout) {

    static final String PATH_ENTRY = "((GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) )?/\\S*";
    static final String PATH_ENTRY_MESSAGE = "must be \"[METHOD ]/path/pattern\"";

    /**
     * How access tokens are checked: {@code HS256} with {@code secret} (its UTF-8 bytes,
     * at least 32), or {@code RS256} with {@code jwkSetUri} or {@code publicKey} (PEM).
     */
    public record Jwt(@NotNull @DefaultValue("HS256") @Pattern(regexp = "HS256|RS256") String algorithm, String secret,
            String publicKey, String jwkSetUri, String issuer, @NotNull @DefaultValue("30s") Duration clockSkew) {
    }

    /**
     * API keys are checked by auth-service ({@code verifyPath}) and the answer cached in
     * Redis.
     */
    public record ApiKey(@NotNull @DefaultValue("X-API-Key") String header,
            @NotNull @DefaultValue("/api/auth/api-keys/verify") String verifyPath,
            @NotNull @DefaultValue("60s") Duration cacheTtl, @NotNull @DefaultValue("5s") Duration timeout) {
    }

    /** The signed identity headers passed to services. */
    public record Identity(String signingSecret) {
    }
}
