package com.autograph.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Builds the access-token decoder from configuration. Each decoder accepts exactly one
 * algorithm, so {@code alg: none} and algorithm-confusion tokens (HS256 signed with an
 * RSA public key) fail.
 */
final class JwtDecoders {

    static final int MIN_SECRET_BYTES = 32;

    private JwtDecoders() {
    }

    static ReactiveJwtDecoder from(AuthProperties.Jwt jwt, String secret) {
        NimbusReactiveJwtDecoder decoder;
        if (jwt.algorithm().equals("RS256")) {
            if (hasText(jwt.jwkSetUri())) {
                decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            }
            else if (hasText(jwt.publicKey())) {
                decoder = NimbusReactiveJwtDecoder.withPublicKey(rsaPublicKey(jwt.publicKey()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            }
            else {
                throw new IllegalStateException("JWT_ALGORITHM=RS256 needs JWT_JWK_SET_URI or JWT_PUBLIC_KEY");
            }
        }
        else {
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("JWT_SECRET must be at least " + MIN_SECRET_BYTES
                        + " bytes for HS256 (e.g. openssl rand -base64 48)");
            }
            decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        }
        OAuth2TokenValidator<Jwt> validator = validator(jwt);
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator);
    }

    private static OAuth2TokenValidator<Jwt> validator(AuthProperties.Jwt jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(jwt.clockSkew()));
        if (hasText(jwt.issuer())) {
            validators.add(new JwtIssuerValidator(jwt.issuer()));
        }
        validators.add(JwtDecoders::accessTokenWithSubject);
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * A token must name its user, and refresh tokens (token_type other than access) are
     * not access tokens.
     */
    private static OAuth2TokenValidatorResult accessTokenWithSubject(Jwt token) {
        if (!hasText(token.getSubject())) {
            return OAuth2TokenValidatorResult
                .failure(new OAuth2Error("invalid_token", "The token has no subject", null));
        }
        Object type = token.getClaims().get("token_type");
        if (type != null && !"access".equals(type)) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Not an access token", null));
        }
        return OAuth2TokenValidatorResult.success();
    }

    static RSAPublicKey rsaPublicKey(String pem) {
        String base64 = pem.replace("\\n", "\n")
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("JWT_PUBLIC_KEY is not a PEM RSA public key (-----BEGIN PUBLIC KEY-----)",
                    ex);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

}
