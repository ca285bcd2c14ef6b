package com.autograph.auth.web;

import java.util.List;
import java.util.UUID;

/** The caller of an auth-service endpoint, from a verified access token of a live session. */
public record AuthenticatedUser(UUID id, String email, List<String> roles, UUID sessionId) {

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
