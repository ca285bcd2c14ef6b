package com.autograph.auth.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth 2.0-shaped answer to a login or refresh. */
public record TokenPair(@JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken, @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    static TokenPair bearer(String accessToken, String refreshToken, long expiresIn) {
        return new TokenPair(accessToken, refreshToken, "Bearer", expiresIn);
    }
}
