package com.autograph.auth.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.openapi.SignedInCaller;

/**
 * The caller of an auth-service endpoint: from a verified access token of a live session, or from
 * an API key (then {@code sessionId} is null and {@code apiKeyScopes} says what it may do).
 */
@SignedInCaller
public record AuthenticatedUser(UUID id, String email, List<String> roles, UUID sessionId, List<String> apiKeyScopes) {

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** Session management (logout, MFA, passwords, keys) is for people, not for API keys. */
    public UUID requireSession() {
        if (sessionId == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "session_required",
                    "This endpoint needs a login session; API keys cannot use it.");
        }
        return sessionId;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "admin_required", "Only administrators may do this.");
        }
    }
}
