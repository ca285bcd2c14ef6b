package com.autograph.auth.apikey;

import java.util.Arrays;
import java.util.Optional;

import com.autograph.shared.security.ApiKeyScopes;

/**
 * What an API key may do: {@code read} — safe methods only; {@code write} — any method
 * outside the admin endpoints; {@code admin} — everything (its owner must be an admin).
 * The gateway applies the rule ({@link ApiKeyScopes}) to every request, to auth-service's
 * as to every other service's.
 */
public enum Scope {

    READ, WRITE, ADMIN;

    public String value() {
        return name().toLowerCase();
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

}
