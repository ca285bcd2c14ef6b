package com.autograph.diagram.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.autograph.shared.security.IdentityProperties;

/**
 * The token of a mail's unsubscribe link: the user and notification type, with an
 * HMAC-SHA256 under a key derived from {@code IDENTITY_SIGNING_SECRET} for this purpose
 * only (so a token is never mistaken for a signed identity). It does not expire: an old
 * mail's link must still work, and all it can do is turn mail off.
 */
@Component
class UnsubscribeTokens {

    record Unsubscribe(UUID userId, String type) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    UnsubscribeTokens(IdentityProperties identity) {
        this.key = hmac(identity.secretBytes(), "autograph notification unsubscribe");
    }

    String sign(UUID userId, NotificationType type) {
        String payload = ENCODER.encodeToString((userId + ":" + type.value).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(hmac(key, payload));
    }

    Optional<Unsubscribe> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        byte[] given;
        String[] parts;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split(":", 2);
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, hmac(key, payload)) || parts.length != 2
                || NotificationType.of(parts[1]).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Unsubscribe(UUID.fromString(parts[0]), parts[1]));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
        }
    }

}
