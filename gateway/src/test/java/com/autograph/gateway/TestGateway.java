package com.autograph.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.autograph.testsupport.IsolatedInfrastructure;

/** Settings and credentials every gateway test needs: Redis of its own, the secrets, tokens. */
final class TestGateway {

    static final String JWT_SECRET = "test-only-jwt-secret-0123456789-abcdefghijkl";
    static final String IDENTITY_SECRET = "test-only-identity-secret-0123456789-abcdef";

    private TestGateway() {
    }

    /** Returns the Redis key prefix of this test class. */
    static String register(DynamicPropertyRegistry registry) {
        String suffix = IsolatedInfrastructure.uniqueSuffix();
        IsolatedInfrastructure.registerRedis(registry, suffix);
        registry.add("JWT_SECRET", () -> JWT_SECRET);
        registry.add("IDENTITY_SIGNING_SECRET", () -> IDENTITY_SECRET);
        return "test-" + suffix + ":";
    }

    static String token(String userId) {
        return token(userId, Duration.ofMinutes(15), Map.of("email", userId + "@example.com", "roles", List.of("user")),
                JWT_SECRET);
    }

    static String token(String userId, Duration lifetime, Map<String, Object> claims, String secret) {
        Instant expiry = Instant.now().plus(lifetime);
        Instant issued = lifetime.isNegative() ? expiry.minus(Duration.ofMinutes(15)) : Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(userId)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expiry));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    static String bearer(String userId) {
        return "Bearer " + token(userId);
    }
}
