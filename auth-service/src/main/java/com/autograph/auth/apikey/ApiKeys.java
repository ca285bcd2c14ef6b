package com.autograph.auth.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.SecureTokens;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.redis.RedisKeyspace;

/** Creates, lists, revokes and verifies API keys ({@code ag_<prefix>_<secret>}). */
@Service
public class ApiKeys {

    /** A key's owner and powers, as verification reports them. */
    public record Verified(UUID keyId, UUID userId, String email, List<String> roles, List<String> scopes,
            Instant expiresAt) {
    }

    public record Created(ApiKeyView key, String secret) {
    }

    private final ApiKeyRepository keys;

    private final UserRepository users;

    private final AuditLog audit;

    private final Clock clock;

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    ApiKeys(ApiKeyRepository keys, UserRepository users, AuditLog audit, Clock clock, StringRedisTemplate redis,
            RedisKeyspace keyspace) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.redis = redis;
        this.keyspace = keyspace;
    }

    @Transactional
    public Created create(UUID userId, String name, List<String> requestedScopes, Instant expiresAt) {
        User owner = users.findById(userId).orElseThrow(() -> ApiException.notFound("Account", userId));
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requestedScopes) {
            scopes.add(Scope.of(scope)
                .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_scope",
                        "scopes may contain read, write and admin; '" + scope + "' is none of them."))
                .value());
        }
        if (scopes.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_scope",
                    "Give the key at least one scope: read, write or admin.");
        }
        if (scopes.contains(Scope.ADMIN.value()) && !owner.role().value().equals("admin")) {
            throw new ApiException(HttpStatus.FORBIDDEN, "admin_required",
                    "Only administrators can create keys with the admin scope.");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_expiry",
                    "expires_at must be in the future.");
        }
        String prefix = "ag_" + SecureTokens.newToken().replaceAll("[^A-Za-z0-9]", "").substring(0, 8);
        String secret = prefix + "_" + SecureTokens.newToken();
        ApiKey key = keys.save(new ApiKey(userId, name.strip(), prefix, SecureTokens.sha256(secret),
                List.copyOf(scopes), expiresAt, now));
        audit.success(AuditAction.API_KEY_CREATE, userId, Map.of("key_id", key.id(), "scopes", scopes));
        return new Created(ApiKeyView.of(key), secret);
    }

    @Transactional(readOnly = true)
    public List<ApiKeyView> list(UUID userId) {
        return keys.findByUserIdOrderByCreatedAtDesc(userId).stream().map(ApiKeyView::of).toList();
    }

    @Transactional
    public void revoke(UUID userId, UUID keyId) {
        ApiKey key = keys.findById(keyId)
            .filter(k -> k.userId().equals(userId))
            .orElseThrow(() -> ApiException.notFound("API key", keyId));
        if (key.revokedAt() == null) {
            key.revoke(clock.instant());
            // The gateway caches verified keys under cache:api-key::<sha256>; a revoked
            // key stops at once.
            redis.delete(keyspace.apiKeyCacheKey(key.keyHash()));
            audit.success(AuditAction.API_KEY_REVOKE, userId, Map.of("key_id", keyId));
        }
    }

    /**
     * Drops the gateway's cached answers for every key of the user, so a change of the
     * account (deactivated, locked, new role) reaches its keys at once rather than after
     * the cache TTL.
     */
    public void forgetCachedKeys(UUID userId) {
        List<String> cached = keys.findByUserIdOrderByCreatedAtDesc(userId)
            .stream()
            .map(key -> keyspace.apiKeyCacheKey(key.keyHash()))
            .toList();
        if (!cached.isEmpty()) {
            redis.delete(cached);
        }
    }

    /**
     * Empty for unknown, revoked and expired keys, and for keys of locked or deactivated
     * accounts.
     */
    @Transactional
    public Optional<Verified> verify(String secret) {
        if (secret == null || !secret.startsWith("ag_")) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return keys.findByKeyHash(SecureTokens.sha256(secret))
            .filter(k -> k.isUsable(now))
            .flatMap(key -> users.findById(key.userId()).filter(u -> u.isActive() && !u.isLocked()).map(user -> {
                key.touch(now);
                return new Verified(key.id(), user.id(), user.email(), List.of(user.role().value()), key.scopes(),
                        key.expiresAt());
            }));
    }

}
