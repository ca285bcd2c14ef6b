package com.autograph.auth.web;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/**
 * What auth-service's endpoints ask of their caller, the {@link TrustedIdentity} the
 * gateway verified and signed (as for every other service): the gateway checked the
 * access token or API key, the API key's scopes, and that the token's session is alive
 * and the user's.
 */
public final class Callers {

    private Callers() {
    }

    /**
     * The caller's user id; a signed identity that names no account of this service is
     * refused.
     */
    public static UUID id(TrustedIdentity caller) {
        return uuid(caller.userId(), "The signed-in identity names no account; sign in again.");
    }

    /**
     * The caller's login session. Session management (logout, MFA, passwords, keys) is
     * for people signed in with a password, not for API keys, which have no session.
     */
    public static UUID requireSession(TrustedIdentity caller) {
        if (!"jwt".equals(caller.method()) || caller.sessionId().isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "session_required",
                    "This endpoint needs a login session; API keys cannot use it.");
        }
        return uuid(caller.sessionId(), "The signed-in identity names no session; sign in again.");
    }

    public static void requireAdmin(TrustedIdentity caller) {
        if (!caller.roles().contains("admin")) {
            throw new ApiException(HttpStatus.FORBIDDEN, "admin_required", "Only administrators may do this.");
        }
    }

    private static UUID uuid(String value, String detail) {
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.unauthorized("authentication_required", detail);
        }
    }

}
