package com.autograph.auth.apikey;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * What an API key may do: {@code read} — safe methods only; {@code write} — any method outside
 * the admin endpoints; {@code admin} — everything (its owner must be an admin). The gateway applies
 * the same rule to every service.
 */
public enum Scope {
    READ, WRITE, ADMIN;

    public String value() {
        return name().toLowerCase();
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    public static boolean allows(Collection<String> scopes, String method, String path) {
        if (scopes.contains(ADMIN.value())) {
            return true;
        }
        if (path.matches("/api/[^/]+/admin(/.*)?")) {
            return false;
        }
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        return safe ? scopes.contains(READ.value()) || scopes.contains(WRITE.value()) : scopes.contains(WRITE.value());
    }
}
