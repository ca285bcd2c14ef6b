package com.autograph.auth.mfa;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a correct password of an account with MFA: no tokens yet, a second step
 * to take.
 */
public record MfaChallenge(@JsonProperty("mfa_required") boolean mfaRequired,
        @JsonProperty("mfa_token") String mfaToken, @JsonProperty("expires_in") long expiresIn) {
}
