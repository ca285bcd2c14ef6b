package com.autograph.shared.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedIdentityTest {

    private static final byte[] SECRET = "identity-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final TrustedIdentity alice = new TrustedIdentity("u-1", "alice@example.com", List.of("user", "admin"),
            "s-9", "jwt");

    private Map<String, String> headersOf(TrustedIdentity identity, long timestamp, byte[] secret) {
        Map<String, String> headers = new HashMap<>();
        headers.put(TrustedIdentity.USER_ID, identity.userId());
        headers.put(TrustedIdentity.EMAIL, identity.email());
        headers.put(TrustedIdentity.ROLES, identity.rolesHeader());
        headers.put(TrustedIdentity.SESSION_ID, identity.sessionId());
        headers.put(TrustedIdentity.AUTH_METHOD, identity.method());
        headers.put(TrustedIdentity.TIMESTAMP, Long.toString(timestamp));
        headers.put(TrustedIdentity.SIGNATURE, identity.sign(secret, timestamp));
        return headers;
    }

    @Test
    void signedHeadersVerify() {
        Map<String, String> headers = headersOf(alice, NOW.getEpochSecond(), SECRET);
        assertThat(TrustedIdentity.verify(headers::get, SECRET, NOW.plusSeconds(5), MAX_AGE)).contains(alice);
    }

    @Test
    void anAlteredValueIsRejected() {
        Map<String, String> headers = headersOf(alice, NOW.getEpochSecond(), SECRET);
        headers.put(TrustedIdentity.ROLES, "user,admin,owner");
        assertThat(TrustedIdentity.verify(headers::get, SECRET, NOW, MAX_AGE)).isEmpty();
        headers = headersOf(alice, NOW.getEpochSecond(), SECRET);
        headers.put(TrustedIdentity.USER_ID, "u-2");
        assertThat(TrustedIdentity.verify(headers::get, SECRET, NOW, MAX_AGE)).isEmpty();
    }

    @Test
    void anotherSecretOrNoSignatureIsRejected() {
        byte[] other = "some-other-secret-of-enough-length-000".getBytes(StandardCharsets.UTF_8);
        Map<String, String> forged = headersOf(alice, NOW.getEpochSecond(), other);
        assertThat(TrustedIdentity.verify(forged::get, SECRET, NOW, MAX_AGE)).isEmpty();
        forged.remove(TrustedIdentity.SIGNATURE);
        assertThat(TrustedIdentity.verify(forged::get, SECRET, NOW, MAX_AGE)).isEmpty();
    }

    @Test
    void oldOrFutureTimestampsAreRejected() {
        Map<String, String> old = headersOf(alice, NOW.minusSeconds(61).getEpochSecond(), SECRET);
        assertThat(TrustedIdentity.verify(old::get, SECRET, NOW, MAX_AGE)).isEmpty();
        Map<String, String> future = headersOf(alice, NOW.plusSeconds(61).getEpochSecond(), SECRET);
        assertThat(TrustedIdentity.verify(future::get, SECRET, NOW, MAX_AGE)).isEmpty();
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        TrustedIdentity a = new TrustedIdentity("u-1", "x", List.of(), "", "jwt");
        TrustedIdentity b = new TrustedIdentity("u-1x", "", List.of(), "", "jwt");
        assertThat(a.sign(SECRET, 1)).isNotEqualTo(b.sign(SECRET, 1));
    }
}
