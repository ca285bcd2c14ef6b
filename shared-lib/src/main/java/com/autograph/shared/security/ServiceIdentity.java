package com.autograph.shared.security;

import java.util.List;
import java.util.Optional;

/**
 * A service acting on its own behalf, not for a user (export-service storing a thumbnail
 * after someone else's save): a {@link TrustedIdentity} with method {@value #METHOD} and
 * user id {@code service:<name>}, signed with {@code IDENTITY_SIGNING_SECRET} like the
 * gateway's. The gateway only ever signs {@code jwt} and {@code api_key} and strips
 * identity headers from clients, so only a holder of the secret (a service) can present
 * one.
 */
public final class ServiceIdentity {

    public static final String METHOD = "service";

    private static final String PREFIX = "service:";

    private ServiceIdentity() {
    }

    public static TrustedIdentity of(String service) {
        return new TrustedIdentity(PREFIX + service, "", List.of(METHOD), "", METHOD);
    }

    /** The service's name when {@code identity} is a service's, empty for a user's. */
    public static Optional<String> serviceName(TrustedIdentity identity) {
        return METHOD.equals(identity.method()) && identity.userId().startsWith(PREFIX)
                ? Optional.of(identity.userId().substring(PREFIX.length())) : Optional.empty();
    }

}
