package com.autograph.gateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.autograph.shared.security.ApiKeyScopes;
import com.autograph.shared.security.TrustedIdentity;

/** An authenticated caller, whichever way it proved itself (JWT or API key). */
public final class Caller extends AbstractAuthenticationToken {

    private final TrustedIdentity identity;

    private final List<String> apiKeyScopes;

    private final Instant expiresAt;

    /** A caller with a JWT: no scope limits beyond its roles. */
    public Caller(TrustedIdentity identity) {
        this(identity, null);
    }

    /**
     * {@code apiKeyScopes}: what an API key may do (see {@code ApiKeyScopes}); null for a
     * JWT.
     */
    public Caller(TrustedIdentity identity, List<String> apiKeyScopes) {
        this(identity, apiKeyScopes, null);
    }

    private Caller(TrustedIdentity identity, List<String> apiKeyScopes, Instant expiresAt) {
        super(identity.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.identity = identity;
        this.apiKeyScopes = apiKeyScopes == null ? null : List.copyOf(apiKeyScopes);
        this.expiresAt = expiresAt;
        setAuthenticated(true);
    }

    /**
     * The same caller, whose credential (an access token) expires at {@code expiresAt}.
     */
    public Caller expiringAt(Instant expiresAt) {
        return new Caller(identity, apiKeyScopes, expiresAt);
    }

    /** When the credential expires; empty for one that does not (API keys). */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public TrustedIdentity identity() {
        return identity;
    }

    /** The same caller with other team roles (team id → role). */
    public Caller withTeams(Map<String, String> teams) {
        return new Caller(new TrustedIdentity(identity.userId(), identity.email(), identity.roles(),
                identity.sessionId(), identity.method(), teams), apiKeyScopes, expiresAt);
    }

    /**
     * Whether this caller may make the request: always for a JWT, by its scopes for an
     * API key.
     */
    public boolean mayRequest(String method, String path) {
        return apiKeyScopes == null || ApiKeyScopes.allows(apiKeyScopes, method, path);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return identity.userId();
    }

    @Override
    public String getName() {
        return identity.userId();
    }

    /**
     * The {@code team_roles} claim (team id → role) auth-service puts in access tokens.
     */
    static Map<String, String> teams(Object claim) {
        Map<String, String> teams = new TreeMap<>();
        if (claim instanceof Map<?, ?> map) {
            map.forEach((team, role) -> teams.put(String.valueOf(team), String.valueOf(role)));
        }
        return teams;
    }

    static List<String> roles(Object claim) {
        if (claim instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("[\\s,]+"));
        }
        return List.of();
    }

}
