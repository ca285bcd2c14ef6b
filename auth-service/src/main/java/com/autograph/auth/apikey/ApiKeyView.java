package com.autograph.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An API key as listed: never the secret. */
public record ApiKeyView(UUID id, String name, @JsonProperty("key_prefix") String keyPrefix, List<String> scopes,
        @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("revoked_at") Instant revokedAt, @JsonProperty("created_at") Instant createdAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.keyPrefix(), key.scopes(), key.expiresAt(), key.lastUsedAt(),
                key.revokedAt(), key.createdAt());
    }
}
