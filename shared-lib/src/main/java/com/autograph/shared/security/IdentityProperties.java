package com.autograph.shared.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a servlet service verifies the identity headers the gateway signs
 * ({@code autograph.identity.*}). Bound only in services that opt in with
 * {@code autograph.identity.enabled=true}, so services that do not read the caller yet
 * need no secret.
 *
 * @param enabled whether {@link TrustedIdentity} parameters are resolved (and the secret
 * required)
 * @param signingSecret the HMAC key shared with the gateway
 * ({@code IDENTITY_SIGNING_SECRET})
 * @param maxAge how old a signature may be: bounds the replay of captured headers
 */
@Validated
@ConfigurationProperties("autograph.identity")
public record IdentityProperties(@DefaultValue("false") boolean enabled,
        @NotBlank(message = "must be set (IDENTITY_SIGNING_SECRET, at least 32 bytes)") String signingSecret,
        @NotNull @DefaultValue("2m") Duration maxAge) {

    /** Bytes, not characters: the HMAC key strength is what matters. */
    @AssertTrue(message = "must be at least 32 bytes (IDENTITY_SIGNING_SECRET)")
    public boolean isSigningSecretLongEnough() {
        return signingSecret == null || signingSecret.isBlank() || secretBytes().length >= 32;
    }

    public byte[] secretBytes() {
        return signingSecret.getBytes(StandardCharsets.UTF_8);
    }
}
