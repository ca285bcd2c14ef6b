package com.autograph.auth;

import java.security.SecureRandom;
import java.util.Base64;

import com.autograph.shared.security.Sha256;

/**
 * Opaque secrets (refresh tokens, link tokens, API keys): 256 random bits, stored only as
 * SHA-256. With that much entropy a fast hash is enough; bcrypt is for what people choose
 * (passwords).
 */
public final class SecureTokens {

    private static final SecureRandom random = new SecureRandom();

    private SecureTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        return Sha256.hex(token);
    }

}
