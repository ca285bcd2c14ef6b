package com.autograph.auth.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.autograph.auth.AuthProperties;

/**
 * AES-256-GCM for TOTP secrets at rest: a database dump alone does not give away second
 * factors.
 */
@Component
class SecretCipher {

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    private static final SecureRandom random = new SecureRandom();

    private final SecretKeySpec key;

    SecretCipher(AuthProperties properties) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(properties.mfa().encryptionKey());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("MFA_ENCRYPTION_KEY must be base64 (32 random bytes)", ex);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("MFA_ENCRYPTION_KEY must decode to 32 bytes, not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM failed", ex);
        }
    }

    String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("A stored MFA secret cannot be decrypted: was MFA_ENCRYPTION_KEY changed?",
                    ex);
        }
    }

}
