package com.autograph.ai;

import java.util.UUID;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/** The signed-in user's id, as the history and quotas key on it. */
public final class Callers {

    private Callers() {
    }

    public static UUID userId(TrustedIdentity identity) {
        try {
            return UUID.fromString(identity.userId());
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw ApiException.unauthorized("authentication_required",
                    "The caller's identity is not a user id; sign in again.");
        }
    }

}
