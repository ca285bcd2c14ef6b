package com.autograph.gateway.auth;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.autograph.shared.security.TrustedIdentity;

/** An authenticated caller, whichever way it proved itself (JWT or API key). */
public final class Caller extends AbstractAuthenticationToken {

    private final TrustedIdentity identity;

    public Caller(TrustedIdentity identity) {
        super(identity.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.identity = identity;
        setAuthenticated(true);
    }

    public TrustedIdentity identity() {
        return identity;
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
