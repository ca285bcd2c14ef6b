package com.autograph.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Where the real servers for tests are. With a Docker engine (and
 * {@code AUTOGRAPH_TEST_INFRA} not {@code local}) Testcontainers starts PostgreSQL 16,
 * Redis 7 and MinIO once per JVM; without one, the local servers are used: PostgreSQL and
 * Redis as the machine runs them and the S3Proxy that {@code ./autograph test} starts.
 * Every address can be overridden by environment.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    public record Postgres(String host, int port, String user, String password) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public record Redis(String host, int port) {
    }

    public record S3(String endpoint, String accessKey, String secretKey) {
    }

    private static volatile TestInfrastructure instance;

    private final Postgres postgres;

    private final Redis redis;

    private final S3 s3;

    private TestInfrastructure(Postgres postgres, Redis redis, S3 s3) {
        this.postgres = postgres;
        this.redis = redis;
        this.s3 = s3;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = useContainers() ? startContainers() : local();
                }
            }
        }
        return instance;
    }

    public Postgres postgres() {
        return postgres;
    }

    public Redis redis() {
        return redis;
    }

    public S3 s3() {
        return s3;
    }

    private static boolean useContainers() {
        String mode = env("AUTOGRAPH_TEST_INFRA", "auto");
        if (mode.equals("local")) {
            return false;
        }
        boolean docker = isDockerAvailable();
        if (mode.equals("testcontainers") && !docker) {
            throw new IllegalStateException("AUTOGRAPH_TEST_INFRA=testcontainers but no Docker engine answers");
        }
        return docker;
    }

    private static boolean isDockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    private static TestInfrastructure local() {
        log.info("Tests use the local PostgreSQL, Redis and S3 servers");
        return new TestInfrastructure(
                new Postgres(env("TEST_DB_HOST", "127.0.0.1"), Integer.parseInt(env("TEST_DB_PORT", "5432")),
                        env("TEST_DB_USER", "postgres"), env("TEST_DB_PASSWORD", "")),
                new Redis(env("TEST_REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("TEST_REDIS_PORT", "6379"))),
                new S3(env("TEST_S3_ENDPOINT", "http://127.0.0.1:9000"),
                        env("TEST_S3_ACCESS_KEY", installSecret("S3_ACCESS_KEY")),
                        env("TEST_S3_SECRET_KEY", installSecret("S3_SECRET_KEY"))));
    }

    /**
     * A key of the S3Proxy that {@code ./autograph} starts: this install's own, from its
     * state folder's {@code secrets.env} ({@code AUTOGRAPH_STATE_DIR}, or
     * {@code .autograph} in the repository); empty when there is none (then set
     * {@code TEST_S3_*}).
     */
    private static String installSecret(String name) {
        String stateDir = System.getenv("AUTOGRAPH_STATE_DIR");
        java.nio.file.Path secrets = null;
        if (stateDir != null && !stateDir.isBlank()) {
            secrets = java.nio.file.Path.of(stateDir, "secrets.env");
        }
        else {
            for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath(); dir != null; dir = dir
                .getParent()) {
                if (java.nio.file.Files.isRegularFile(dir.resolve("autograph"))
                        && java.nio.file.Files.isRegularFile(dir.resolve("pom.xml"))) {
                    secrets = dir.resolve(".autograph").resolve("secrets.env");
                    break;
                }
            }
        }
        if (secrets == null || !java.nio.file.Files.isRegularFile(secrets)) {
            return "";
        }
        try {
            return java.nio.file.Files.readAllLines(secrets)
                .stream()
                .filter(line -> line.startsWith(name + "="))
                .map(line -> line.substring(name.length() + 1))
                .findFirst()
                .orElse("");
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException("Cannot read " + secrets, ex);
        }
    }

    @SuppressWarnings("resource") // containers live as long as the test JVM
    private static TestInfrastructure startContainers() {
        log.info("Tests use Testcontainers (PostgreSQL 16, Redis 7, MinIO)");
        PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:16-alpine");
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        MinIOContainer minio = new MinIOContainer("minio/minio:latest");
        pg.start();
        redis.start();
        minio.start();
        return new TestInfrastructure(
                new Postgres(pg.getHost(), pg.getFirstMappedPort(), pg.getUsername(), pg.getPassword()),
                new Redis(redis.getHost(), redis.getFirstMappedPort()),
                new S3(minio.getS3URL(), minio.getUserName(), minio.getPassword()));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

}
