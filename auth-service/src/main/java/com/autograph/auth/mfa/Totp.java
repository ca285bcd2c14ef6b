package com.autograph.auth.mfa;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238 over the HOTP of RFC 4226): HMAC-SHA1, 6
 * digits, 30-second steps, the parameters every authenticator app supports.
 */
final class Totp {

    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;

    private static final SecureRandom random = new SecureRandom();

    private static final Base32 base32 = new Base32();

    private Totp() {
    }

    /** A new 160-bit secret, Base32 without padding, as authenticator apps take it. */
    static String newSecret() {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        return base32.encodeToString(secret).replace("=", "");
    }

    static String otpauthUri(String issuer, String account, String secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits="
                + DIGITS + "&period=" + STEP_SECONDS;
    }

    static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    static String code(String secret, long step) {
        byte[] key = base32.decode(secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA1 is part of every JRE", ex);
        }
    }

    /**
     * The step the code belongs to, accepting one step of clock drift either way; empty
     * when it matches none. Comparison is constant-time.
     */
    static OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long candidate = current - 1; candidate <= current + 1; candidate++) {
            if (MessageDigest.isEqual(code(secret, candidate).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(candidate);
            }
        }
        return OptionalLong.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
