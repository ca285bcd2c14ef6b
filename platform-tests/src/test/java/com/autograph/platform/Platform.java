package com.autograph.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's fixed contract as the deployment descriptors must express it (see
 * DESIGN.md): the eight services, their ports and which infrastructure each one uses, and
 * where the repository is.
 */
final class Platform {

    /**
     * A deployable HTTP service: its module (= compose service, Deployment and Service
     * name).
     */
    record ServiceSpec(String name, int port, Set<String> uses) {

        boolean uses(String infrastructure) {
            return uses.contains(infrastructure);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String POSTGRES = "postgres";
    static final String REDIS = "redis";
    static final String MINIO = "minio";
    static final String MIGRATIONS = "db-migrations";
    static final List<String> INFRASTRUCTURE = List.of(POSTGRES, REDIS, MINIO);

    static final List<ServiceSpec> SERVICES = List.of(new ServiceSpec("gateway", 8080, Set.of(REDIS)),
            new ServiceSpec("auth-service", 8085, Set.of(POSTGRES, REDIS)),
            new ServiceSpec("diagram-service", 8082, Set.of(POSTGRES, REDIS, MINIO)),
            new ServiceSpec("ai-service", 8084, Set.of(POSTGRES, REDIS)),
            new ServiceSpec("collaboration-service", 8083, Set.of(REDIS)),
            new ServiceSpec("git-service", 8087, Set.of(POSTGRES, REDIS)),
            new ServiceSpec("export-service", 8097, Set.of(POSTGRES, REDIS, MINIO)),
            new ServiceSpec("integration-hub", 8099, Set.of(POSTGRES, REDIS)));

    /** Services that scale horizontally with CPU and so must have an HPA in k8s/. */
    static final Set<String> AUTOSCALED = Set.of("gateway", "diagram-service", "collaboration-service",
            "export-service", "ai-service");

    static final Map<String, Integer> PORTS = portsByName();

    /** The gateway's management port: /metrics and /info, never published like 8080. */
    static final int GATEWAY_MANAGEMENT_PORT = 8081;

    /** Settings that are secrets: no deployment descriptor may carry a value for one. */
    static final List<String> SECRETS = List.of("DB_PASSWORD", "REDIS_PASSWORD", "S3_ACCESS_KEY", "S3_SECRET_KEY",
            "JWT_SECRET", "MFA_ENCRYPTION_KEY", "IDENTITY_SIGNING_SECRET");

    private Platform() {
    }

    static ServiceSpec service(String name) {
        return SERVICES.stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("not an AutoGraph service: " + name));
    }

    /**
     * The repository root: the nearest directory, from the working directory upwards,
     * that holds both {@code .env.local} and {@code pom.xml} (Surefire runs in
     * platform-tests/, an IDE may run in the root).
     */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".env.local")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No directory with .env.local and pom.xml at or above " + start);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    private static Map<String, Integer> portsByName() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SERVICES.forEach(s -> ports.put(s.name(), s.port()));
        return Map.copyOf(ports);
    }

}
