package com.autograph.export.web;

import java.util.UUID;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/** The signed-in user's id, as the history and jobs store it. */
public final class Callers {

    private Callers() {
    }

    public static UUID userId(TrustedIdentity identity) {
        try {
            return UUID.fromString(identity.userId());
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.unauthorized("authentication_required",
                    "The caller's identity is not a user id; sign in again.");
        }
    }

}
