package com.autograph.testsupport;

import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test context at the real servers with nothing shared between test
 * classes: its own migrated database, its own Redis key prefix and its own three buckets.
 * Call from a {@code @DynamicPropertySource} method.
 */
public final class IsolatedInfrastructure {

    private IsolatedInfrastructure() {
    }

    /**
     * Database, Redis and S3 for one test class; returns the unique suffix used for keys
     * and buckets.
     */
    public static String register(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.migrated();
        String suffix = database.name().substring("ag_test_".length(), "ag_test_".length() + 10);
        registerDatabase(registry, database);
        registerRedis(registry, suffix);
        registerS3(registry, suffix);
        return suffix;
    }

    public static void registerDatabase(DynamicPropertyRegistry registry, TestDatabase database) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }

    public static void registerRedis(DynamicPropertyRegistry registry, String suffix) {
        TestInfrastructure.Redis redis = TestInfrastructure.get().redis();
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("autograph.redis.key-prefix", () -> "test-" + suffix + ":");
    }

    public static void registerS3(DynamicPropertyRegistry registry, String suffix) {
        TestInfrastructure.S3 s3 = TestInfrastructure.get().s3();
        registry.add("autograph.s3.endpoint", s3::endpoint);
        registry.add("autograph.s3.access-key", s3::accessKey);
        registry.add("autograph.s3.secret-key", s3::secretKey);
        registry.add("autograph.s3.buckets.diagrams", () -> "t" + suffix + "-diagrams");
        registry.add("autograph.s3.buckets.exports", () -> "t" + suffix + "-exports");
        registry.add("autograph.s3.buckets.uploads", () -> "t" + suffix + "-uploads");
    }

    public static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }

}
