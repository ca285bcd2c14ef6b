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
        headers.put(TrustedIdentity.TEAMS, identity.teamsHeader());
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
    void writtenHeadersAreTheSignedOnesAndVerify() {
        TrustedIdentity inTeams = new TrustedIdentity("u-1", "alice@example.com", List.of("user"), "s-9", "jwt",
                Map.of("t-1", "admin"));
        Map<String, String> written = new HashMap<>();
        inTeams.writeHeaders(SECRET, NOW.getEpochSecond(), written::put);
        assertThat(written).isEqualTo(headersOf(inTeams, NOW.getEpochSecond(), SECRET));
        assertThat(TrustedIdentity.verify(written::get, SECRET, NOW, MAX_AGE)).contains(inTeams);

        // No teams, no teams header; the rest still verifies.
        Map<String, String> withoutTeams = new HashMap<>();
        alice.writeHeaders(SECRET, NOW.getEpochSecond(), withoutTeams::put);
        assertThat(withoutTeams).doesNotContainKey(TrustedIdentity.TEAMS).hasSize(TrustedIdentity.HEADERS.size() - 5);
        assertThat(TrustedIdentity.verify(withoutTeams::get, SECRET, NOW, MAX_AGE)).contains(alice);
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
    void teamRolesAreSignedToo() {
        TrustedIdentity member = new TrustedIdentity("u-1", "a@example.com", List.of("editor"), "s-1", "jwt",
                Map.of("t-2", "viewer", "t-1", "admin"));
        assertThat(member.teamsHeader()).isEqualTo("t-1:admin,t-2:viewer");
        Map<String, String> headers = headersOf(member, NOW.getEpochSecond(), SECRET);
        assertThat(TrustedIdentity.verify(headers::get, SECRET, NOW, MAX_AGE)).hasValueSatisfying(verified -> {
            assertThat(verified.teamRole("t-1")).hasValue("admin");
            assertThat(verified.teamRole("t-3")).isEmpty();
        });

        headers.put(TrustedIdentity.TEAMS, "t-1:admin,t-2:admin");
        assertThat(TrustedIdentity.verify(headers::get, SECRET, NOW, MAX_AGE)).isEmpty();
        headers.put(TrustedIdentity.TEAMS, "garbage");
        assertThat(TrustedIdentity.verify(headers::get, SECRET, NOW, MAX_AGE)).isEmpty();
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        TrustedIdentity a = new TrustedIdentity("u-1", "x", List.of(), "", "jwt");
        TrustedIdentity b = new TrustedIdentity("u-1x", "", List.of(), "", "jwt");
        assertThat(a.sign(SECRET, 1)).isNotEqualTo(b.sign(SECRET, 1));
    }

    @Test
    void theClientAddressIsSignedAndATamperedOneIsIgnored() {
        Map<String, String> headers = new HashMap<>();
        TrustedIdentity.writeClientAddress("203.0.113.9", SECRET, NOW.getEpochSecond(), headers::put);
        assertThat(headers).containsOnlyKeys(TrustedIdentity.CLIENT_ADDRESS, TrustedIdentity.TIMESTAMP,
                TrustedIdentity.CLIENT_ADDRESS_SIGNATURE);
        assertThat(TrustedIdentity.verifyClientAddress(headers::get, SECRET, NOW.plusSeconds(5), MAX_AGE))
            .contains("203.0.113.9");

        Map<String, String> tampered = new HashMap<>(headers);
        tampered.put(TrustedIdentity.CLIENT_ADDRESS, "203.0.113.10");
        assertThat(TrustedIdentity.verifyClientAddress(tampered::get, SECRET, NOW, MAX_AGE)).isEmpty();
        Map<String, String> unsigned = new HashMap<>(headers);
        unsigned.remove(TrustedIdentity.CLIENT_ADDRESS_SIGNATURE);
        assertThat(TrustedIdentity.verifyClientAddress(unsigned::get, SECRET, NOW, MAX_AGE)).isEmpty();
        assertThat(TrustedIdentity.verifyClientAddress(headers::get,
                "some-other-secret-of-enough-length-000".getBytes(StandardCharsets.UTF_8), NOW, MAX_AGE))
            .isEmpty();
        assertThat(TrustedIdentity.verifyClientAddress(headers::get, SECRET, NOW.plusSeconds(61), MAX_AGE)).isEmpty();

        // An identity's signature is no address signature, and the other way round.
        Map<String, String> identity = headersOf(alice, NOW.getEpochSecond(), SECRET);
        identity.put(TrustedIdentity.CLIENT_ADDRESS, "203.0.113.9");
        identity.put(TrustedIdentity.CLIENT_ADDRESS_SIGNATURE, identity.get(TrustedIdentity.SIGNATURE));
        assertThat(TrustedIdentity.verifyClientAddress(identity::get, SECRET, NOW, MAX_AGE)).isEmpty();
    }

    @Test
    void theCredentialsExpiryIsSignedForItsUserAndATamperedOneIsIgnored() {
        Instant expires = NOW.plusSeconds(900);
        Map<String, String> headers = new HashMap<>();
        TrustedIdentity.writeCredentialExpiry("u-1", expires, SECRET, NOW.getEpochSecond(), headers::put);
        headers.put(TrustedIdentity.TIMESTAMP, Long.toString(NOW.getEpochSecond()));
        assertThat(TrustedIdentity.verifyCredentialExpiry(headers::get, "u-1", SECRET, NOW, MAX_AGE)).contains(expires);

        // Another user's, a later expiry, no signature, another secret, too old: none.
        assertThat(TrustedIdentity.verifyCredentialExpiry(headers::get, "u-2", SECRET, NOW, MAX_AGE)).isEmpty();
        Map<String, String> later = new HashMap<>(headers);
        later.put(TrustedIdentity.CREDENTIAL_EXPIRES, Long.toString(expires.getEpochSecond() + 3600));
        assertThat(TrustedIdentity.verifyCredentialExpiry(later::get, "u-1", SECRET, NOW, MAX_AGE)).isEmpty();
        Map<String, String> unsigned = new HashMap<>(headers);
        unsigned.remove(TrustedIdentity.CREDENTIAL_EXPIRES_SIGNATURE);
        assertThat(TrustedIdentity.verifyCredentialExpiry(unsigned::get, "u-1", SECRET, NOW, MAX_AGE)).isEmpty();
        assertThat(TrustedIdentity.verifyCredentialExpiry(headers::get, "u-1",
                "some-other-secret-of-enough-length-000".getBytes(StandardCharsets.UTF_8), NOW, MAX_AGE))
            .isEmpty();
        assertThat(TrustedIdentity.verifyCredentialExpiry(headers::get, "u-1", SECRET, NOW.plusSeconds(61), MAX_AGE))
            .isEmpty();
    }

}
