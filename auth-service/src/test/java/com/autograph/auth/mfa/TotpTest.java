package com.autograph.auth.mfa;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6238 Appendix B test vectors (SHA-1 key "12345678901234567890"), last six digits.
 */
class TotpTest {

    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void matchesTheRfcVectors() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepOfDriftAndNoMore() {
        Instant now = Instant.ofEpochSecond(1234567890);
        String previous = Totp.code(RFC_SECRET, Totp.step(now) - 1);
        String tooOld = Totp.code(RFC_SECRET, Totp.step(now) - 2);
        assertThat(Totp.matchingStep(RFC_SECRET, previous, now)).hasValue(Totp.step(now) - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, tooOld, now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEmpty();
    }

    @Test
    void secretsAreBase32AndUrisCarryTheParameters() {
        String secret = Totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Totp.otpauthUri("AutoGraph", "ada@example.com", secret))
            .isEqualTo("otpauth://totp/AutoGraph:ada%40example.com?secret=" + secret
                    + "&issuer=AutoGraph&algorithm=SHA1&digits=6&period=30");
    }

}
