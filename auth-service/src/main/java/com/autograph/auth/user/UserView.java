package com.autograph.auth.user;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user as the API shows it: never the password hash or MFA secret. */
public record UserView(UUID id, String email, @JsonProperty("full_name") String fullName, String role,
        @JsonProperty("is_verified") boolean verified, @JsonProperty("mfa_enabled") boolean mfaEnabled,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("last_login_at") Instant lastLoginAt) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.fullName(), user.role().value(), user.isVerified(),
                user.isMfaEnabled(), user.createdAt(), user.lastLoginAt());
    }
}
