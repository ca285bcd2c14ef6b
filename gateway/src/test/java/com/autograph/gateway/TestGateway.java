package com.autograph.gateway;

import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import com.autograph.testsupport.TestInfrastructure;

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

/**
 * Settings and credentials every gateway test needs: Redis of its own, the secrets,
 * tokens.
 */
final class TestGateway {

    static final String JWT_SECRET = "test-only-jwt-secret-0123456789-abcdefghijkl";
    static final String IDENTITY_SECRET = "test-only-identity-secret-0123456789-abcdef";

    /**
     * Redis key prefixes of the gateways started so far: test tokens' sessions exist for
     * each.
     */
    private static final List<String> prefixes = new CopyOnWriteArrayList<>();

    private static RedisClient redis;

    private TestGateway() {
    }

    /** Returns the Redis key prefix of this test class. */
    static String register(DynamicPropertyRegistry registry) {
        String suffix = IsolatedInfrastructure.uniqueSuffix();
        IsolatedInfrastructure.registerRedis(registry, suffix);
        registry.add("JWT_SECRET", () -> JWT_SECRET);
        registry.add("IDENTITY_SIGNING_SECRET", () -> IDENTITY_SECRET);
        String prefix = "test-" + suffix + ":";
        prefixes.add(prefix);
        return prefix;
    }

    /** A token whose session auth-service has ended (no session key in Redis). */
    static String tokenOfEndedSession(String userId) {
        return sign(userId, Duration.ofMinutes(15), Map.of("sid", "ended-" + UUID.randomUUID()), JWT_SECRET);
    }

    static String token(String userId) {
        return token(userId, Duration.ofMinutes(15), Map.of("email", userId + "@example.com", "roles", List.of("user")),
                JWT_SECRET);
    }

    /**
     * A token of a live session (its {@code sid}, given or made up, exists in Redis as
     * auth-service would keep it).
     */
    static String token(String userId, Duration lifetime, Map<String, Object> claims, String secret) {
        Map<String, Object> withSession = new HashMap<>(claims);
        withSession.putIfAbsent("sid", "s-" + userId);
        openSession(withSession.get("sid").toString(), userId);
        return sign(userId, lifetime, withSession, secret);
    }

    /**
     * A correctly signed token of {@code userId} naming session {@code sessionId}, which
     * is left as it is in Redis.
     */
    static String tokenNamingSession(String userId, String sessionId) {
        return sign(userId, Duration.ofMinutes(15), Map.of("sid", sessionId), JWT_SECRET);
    }

    private static synchronized void openSession(String sessionId, String userId) {
        if (redis == null) {
            TestInfrastructure.Redis server = TestInfrastructure.get().redis();
            redis = RedisClient.create("redis://" + server.host() + ":" + server.port());
        }
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            for (String prefix : prefixes) {
                String key = prefix + "session:" + sessionId;
                connection.sync()
                    .hset(key,
                            Map.of("user_id", userId, "last_seen_at", Instant.now().toString(), "remember_me", "true"));
                connection.sync().expire(key, 3600);
            }
        }
    }

    private static String sign(String userId, Duration lifetime, Map<String, Object> claims, String secret) {
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
