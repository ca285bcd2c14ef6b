package com.autograph.gateway.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RS256 with a configured public key, and the start-up checks of the key settings. */
class JwtDecodersTest {

    private static AuthProperties.Jwt rs256(String publicKey) {
        return new AuthProperties.Jwt("RS256", null, publicKey, null, "https://auth.autograph.test",
                Duration.ofSeconds(30));
    }

    private static JWTClaimsSet claims(String issuer) {
        return new JWTClaimsSet.Builder().subject("u-1")
            .issuer(issuer)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .build();
    }

    @Test
    void rs256TokensVerifyWithThePemPublicKeyAndTheIssuerIsChecked() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
        ReactiveJwtDecoder decoder = JwtDecoders.from(rs256(pem), null);

        SignedJWT good = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims("https://auth.autograph.test"));
        good.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        assertThat(decoder.decode(good.serialize()).block().getSubject()).isEqualTo("u-1");

        SignedJWT otherIssuer = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims("https://evil.test"));
        otherIssuer.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        assertThatThrownBy(() -> decoder.decode(otherIssuer.serialize()).block()).hasMessageContaining("iss");

        // Algorithm confusion: HS256 "signed" with the public key as the HMAC secret.
        SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("https://auth.autograph.test"));
        confused.sign(new MACSigner(keys.getPublic().getEncoded()));
        assertThatThrownBy(() -> decoder.decode(confused.serialize()).block()).isNotNull();
    }

    @Test
    void weakOrMissingKeysStopStartUpNamingTheSetting() {
        AuthProperties.Jwt hs256 = new AuthProperties.Jwt("HS256", null, null, null, null, Duration.ofSeconds(30));
        assertThatThrownBy(() -> JwtDecoders.from(hs256, "too-short")).hasMessageContaining("JWT_SECRET");
        assertThatThrownBy(() -> JwtDecoders.from(rs256(null), null)).hasMessageContaining("JWT_PUBLIC_KEY");
        assertThatThrownBy(() -> JwtDecoders.from(rs256("not a key"), null)).hasMessageContaining("JWT_PUBLIC_KEY");
    }

}
