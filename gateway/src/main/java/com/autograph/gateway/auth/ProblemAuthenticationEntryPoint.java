package com.autograph.gateway.auth;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import com.autograph.gateway.error.ProblemResponses;

/**
 * 401 as problem+json with a {@code WWW-Authenticate} challenge (RFC 6750):
 * {@code unauthenticated} when no credentials came, {@code invalid_token} or
 * {@code invalid_api_key} when they failed.
 */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemResponses problems;

    private final String apiKeyHeader;

    ProblemAuthenticationEntryPoint(ProblemResponses problems, String apiKeyHeader) {
        this.problems = problems;
        this.apiKeyHeader = apiKeyHeader;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof OAuth2AuthenticationException oauth) {
            String reason = sanitize(oauth.getError().getDescription() != null ? oauth.getError().getDescription()
                    : oauth.getError().getErrorCode());
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "invalid_token",
                    "The access token was rejected (" + reason + "). Get a new one with POST /api/auth/refresh"
                            + " or sign in again with POST /api/auth/login.",
                    headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer realm=\"autograph\", error=\"invalid_token\", " + "error_description=\"" + reason
                                    + "\""));
        }
        if (ex instanceof ApiKeyAuthentication.InvalidApiKeyException) {
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "invalid_api_key",
                    "The " + apiKeyHeader
                            + " is unknown, revoked or expired; create a new key in your account settings.",
                    headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE,
                            "ApiKey realm=\"autograph\", header=\"" + apiKeyHeader + "\""));
        }
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                "This endpoint needs credentials: send Authorization: Bearer <access token> (from POST /api/auth/login)"
                        + " or " + apiKeyHeader + ": <key>.",
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"autograph\""));
    }

    /** Quoted-string safe, and short: the description ends up in a header. */
    private static String sanitize(String text) {
        String clean = text.replaceAll("[\"\\\\\\r\\n]", "'");
        return clean.length() > 200 ? clean.substring(0, 200) : clean;
    }

}
