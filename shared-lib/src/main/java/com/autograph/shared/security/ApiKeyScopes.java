package com.autograph.shared.security;

import java.util.Collection;
import java.util.Set;

/**
 * What an API key's scopes allow, one rule for the gateway and every service:
 * {@code read} — safe methods (GET, HEAD, OPTIONS); {@code write} — any method outside
 * the admin endpoints ({@code /api/<service>/admin/**}); {@code admin} — everything.
 */
public final class ApiKeyScopes {

    public static final String READ = "read";

    public static final String WRITE = "write";

    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(READ, WRITE, ADMIN);

    private ApiKeyScopes() {
    }

    public static boolean allows(Collection<String> scopes, String method, String path) {
        if (scopes.contains(ADMIN)) {
            return true;
        }
        if (path.matches("/api/[^/]+/admin(/.*)?")) {
            return false;
        }
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        return safe ? scopes.contains(READ) || scopes.contains(WRITE) : scopes.contains(WRITE);
    }

}
