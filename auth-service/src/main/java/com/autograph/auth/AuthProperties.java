package com.autograph.auth;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * auth-service settings ({@code autograph.auth.*}). {@code admin-emails}: accounts
 * registered with these addresses become administrators (how a new deployment gets its
 * first admin).
 */
@Validated
@ConfigurationProperties("autograph.auth")
public record AuthProperties(@Valid @NotNull @DefaultValue Jwt jwt, @Valid @NotNull @DefaultValue Sessions sessions,
        @Valid @NotNull @DefaultValue LoginProtection login, @Valid @NotNull @DefaultValue Mail mail,
        @Valid @NotNull @DefaultValue OneTimeTokens links, @Valid @NotNull @DefaultValue Mfa mfa,
        @Valid @NotNull @DefaultValue Teams teams, @DefaultValue("false") boolean requireVerifiedEmail,
        @NotNull @DefaultValue List<String> adminEmails, @Min(4) @DefaultValue("12") int bcryptCost) {

    /**
     * Outgoing mail; without MAIL_HOST the links are written to the log instead
     * (development).
     */
    public record Mail(@NotBlank @DefaultValue("AutoGraph <no-reply@autograph.local>") String from,
            @NotBlank @DefaultValue("http://localhost:8080") String publicUrl,
            /*
             * At most this many account mails to one address per window: public endpoints
             * mail on request.
             */
            @Min(1) @DefaultValue("5") int maxPerRecipient, @NotNull @DefaultValue("1h") Duration recipientWindow) {
    }

    /**
     * TOTP second factor; secrets are stored AES-GCM encrypted with
     * {@code encryption-key}.
     */
    public record Mfa(
            @NotBlank(message = "must be set (MFA_ENCRYPTION_KEY: 32 random bytes, base64)") String encryptionKey,
            @NotBlank @DefaultValue("AutoGraph") String issuer, @NotNull @DefaultValue("5m") Duration challengeTtl,
            @Min(1) @DefaultValue("5") int maxChallengeAttempts,
            /*
             * Wrong codes per account across challenges: a password holder cannot start
             * new ones without end.
             */
            @Min(1) @DefaultValue("10") int maxFailuresPerWindow,
            @NotNull @DefaultValue("15m") Duration failureWindow) {
    }

    /**
     * Limits of teams, whose sizes and invitations a signed-in user controls: each is
     * checked before anything is written.
     */
    public record Teams(@Min(1) @DefaultValue("50") int maxTeamsPerUser,
            @Min(2) @DefaultValue("500") int maxMembersPerTeam,
            @Min(1) @DefaultValue("100") int maxPendingInvitationsPerTeam,
            /* Invitations one user may send per window, whatever the team. */
            @Min(1) @DefaultValue("50") int maxInvitationsPerWindow,
            @NotNull @DefaultValue("1h") Duration invitationWindow,
            @NotNull @DefaultValue("7d") Duration invitationTtl) {
    }

    public record OneTimeTokens(@NotNull @DefaultValue("24h") Duration emailVerificationTtl,
            @NotNull @DefaultValue("1h") Duration passwordResetTtl) {
    }

    /** Access tokens: HS256 with a shared secret the gateway also holds. */
    public record Jwt(
            @NotBlank(message = "must be set (JWT_SECRET, at least 32 bytes)") @Size(min = 32,
                    message = "must be at least 32 bytes (JWT_SECRET)") String secret,
            @NotBlank @DefaultValue("autograph") String issuer, @NotNull @DefaultValue("1h") Duration accessTokenTtl,
            @NotNull @DefaultValue("30d") Duration refreshTokenTtl) {
    }

    public record Sessions(@NotNull @DefaultValue("24h") Duration lifetime,
            @NotNull @DefaultValue("30d") Duration rememberMeLifetime,
            @NotNull @DefaultValue("30m") Duration idleTimeout, @Min(1) @DefaultValue("5") int maxPerUser) {
    }

    public record LoginProtection(@Min(1) @DefaultValue("5") int maxFailuresPerWindow,
            @NotNull @DefaultValue("15m") Duration failureWindow,
            @Min(1) @DefaultValue("10") int lockAfterConsecutiveFailures) {
    }
}
