package com.autograph.platform;

import static com.autograph.platform.Yamls.at;
import static com.autograph.platform.Yamls.integer;
import static com.autograph.platform.Yamls.list;
import static com.autograph.platform.Yamls.map;
import static com.autograph.platform.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.autograph.platform.Platform.ServiceSpec;

/**
 * Checks {@code docker-compose.yml} at the repository root against the platform contract:
 * all services and their infrastructure are declared, health-checked, started in
 * dependency order (infrastructure healthy, migrations completed), run the {@code docker}
 * profile, keep data in named volumes and publish only the gateway. The file is parsed
 * with SnakeYAML (anchors and merge keys resolved as Compose resolves them); no Docker
 * engine is needed.
 */
class DockerComposeTest {

    static final List<ServiceSpec> SERVICES = Platform.SERVICES;

    /** The S3 credentials: only for the services that use MinIO. */
    static final List<String> S3_KEYS = List.of("S3_ACCESS_KEY", "S3_SECRET_KEY");

    /** Everything that keeps running (all but the one-shot migration). */
    static final List<String> LONG_RUNNING = Stream
        .concat(SERVICES.stream().map(ServiceSpec::name), Platform.INFRASTRUCTURE.stream())
        .toList();

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?");

    private static Path root;

    private static Map<String, Object> compose;

    private static Map<String, Object> services;

    @BeforeAll
    static void parse() {
        root = Platform.repositoryRoot();
        compose = Yamls.document(Platform.read(root.resolve("docker-compose.yml")));
        services = map(compose, "services");
    }

    @Test
    void declaresEveryServiceTheInfrastructureAndTheMigration() {
        List<String> expected = new ArrayList<>(LONG_RUNNING);
        expected.add(Platform.MIGRATIONS);
        assertThat(services).containsKeys(expected.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("LONG_RUNNING")
    void everyLongRunningServiceHasAHealthcheckEvery30sWith3Retries(String name) {
        Map<String, Object> healthcheck = map(services, name, "healthcheck");
        assertThat(healthcheck).as("healthcheck of %s", name).isNotEmpty();
        assertThat(healthcheck.get("disable")).as("healthcheck.disable of %s", name).isIn(null, false);
        assertThat(healthcheck.get("test")).as("healthcheck.test of %s", name).isNotNull();
        assertThat(string(healthcheck, "interval")).as("healthcheck.interval of %s", name).isEqualTo("30s");
        assertThat(integer(healthcheck.get("retries"))).as("healthcheck.retries of %s", name).isEqualTo(3);
        assertThat(string(healthcheck, "timeout")).as("healthcheck.timeout of %s", name).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    void serviceHealthchecksAskForReadinessOnTheServicePort(ServiceSpec service) {
        Object test = at(services, service.name(), "healthcheck", "test");
        String command = test instanceof List<?> parts ? String.join(" ", parts.stream().map(String::valueOf).toList())
                : String.valueOf(test);
        assertThat(command).as("healthcheck.test of %s", service)
            .contains("localhost:" + service.port() + "/health/readiness");
        assertThat(string(services, service.name(), "healthcheck", "start_period"))
            .as("healthcheck.start_period of %s", service)
            .isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    void serviceStartsAfterTheInfrastructureItUsesIsHealthyAndTheSchemaIsMigrated(ServiceSpec service) {
        Map<String, String> conditions = dependsOn(service.name());
        SoftAssertions softly = new SoftAssertions();
        for (String infrastructure : Platform.INFRASTRUCTURE) {
            if (service.uses(infrastructure)) {
                softly.assertThat(conditions.get(infrastructure))
                    .as("%s depends_on %s", service, infrastructure)
                    .isEqualTo("service_healthy");
            }
        }
        if (service.uses(Platform.POSTGRES)) {
            softly.assertThat(conditions.get(Platform.MIGRATIONS))
                .as("%s depends_on %s", service, Platform.MIGRATIONS)
                .isEqualTo("service_completed_successfully");
        }
        softly.assertAll();
    }

    @Test
    void theMigrationRunsOnceAfterPostgresIsHealthy() {
        assertThat(dependsOn(Platform.MIGRATIONS)).containsEntry(Platform.POSTGRES, "service_healthy");
        assertThat(string(services, Platform.MIGRATIONS, "restart")).as("restart of db-migrations").isIn(null, "no");
        assertThat(string(services, Platform.MIGRATIONS, "build", "args", "MODULE")).isEqualTo(Platform.MIGRATIONS);
    }

    @Test
    void theGatewayStartsAfterEveryOtherServiceIsHealthy() {
        Map<String, String> conditions = dependsOn("gateway");
        SoftAssertions softly = new SoftAssertions();
        SERVICES.stream()
            .map(ServiceSpec::name)
            .filter(name -> !name.equals("gateway"))
            .forEach(name -> softly.assertThat(conditions.get(name))
                .as("gateway depends_on %s", name)
                .isEqualTo("service_healthy"));
        softly.assertAll();
    }

    @Test
    void infrastructureKeepsItsDataInDeclaredNamedVolumes() {
        Map<String, Object> volumes = map(compose, "volumes");
        SoftAssertions softly = new SoftAssertions();
        for (String infrastructure : Platform.INFRASTRUCTURE) {
            List<String> named = list(services, infrastructure, "volumes").stream()
                .map(DockerComposeTest::volumeSource)
                .filter(source -> source != null && !source.startsWith(".") && !source.startsWith("/")
                        && !source.startsWith("~"))
                .toList();
            softly.assertThat(named).as("named volumes of %s", infrastructure).isNotEmpty();
            softly.assertThat(volumes).as("top-level volumes").containsKeys(named.toArray(String[]::new));
        }
        softly.assertAll();
    }

    @Test
    void onlyTheGatewayIsPublishedOnPort8080() {
        assertThat(list(services, "gateway", "ports").stream().map(DockerComposeTest::publishedContainerPort))
            .as("container ports published by gateway")
            .contains(8080);
        SoftAssertions softly = new SoftAssertions();
        Stream.concat(SERVICES.stream().map(ServiceSpec::name), Stream.of(Platform.POSTGRES, Platform.REDIS))
            .filter(name -> !name.equals("gateway"))
            .forEach(name -> softly.assertThat(list(services, name, "ports")).as("ports of %s", name).isEmpty());
        softly.assertAll();
    }

    @Test
    void everyAutographContainerRunsTheDockerProfileWithSecretsFromComposeVariables() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceSpec service : SERVICES) {
            Map<String, String> environment = environment(service.name());
            softly.assertThat(environment.get("SPRING_PROFILES_ACTIVE"))
                .as("SPRING_PROFILES_ACTIVE of %s", service)
                .isEqualTo("docker");
            for (String secret : List.of("DB_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "IDENTITY_SIGNING_SECRET")) {
                softly.assertThat(environment.get(secret))
                    .as("%s of %s comes from a compose variable", secret, service)
                    .startsWith("${");
            }
            // Only the services that store objects get the S3 keys.
            for (String secret : S3_KEYS) {
                if (service.uses(Platform.MINIO)) {
                    softly.assertThat(environment.get(secret))
                        .as("%s of %s comes from a compose variable", secret, service)
                        .startsWith("${");
                }
                else {
                    softly.assertThat(environment)
                        .as("environment of %s, which uses no S3", service)
                        .doesNotContainKey(secret);
                }
            }
        }
        softly.assertThat(environment(Platform.MIGRATIONS).get("SPRING_PROFILES_ACTIVE"))
            .as("SPRING_PROFILES_ACTIVE of db-migrations")
            .isEqualTo("docker");
        softly.assertAll();
    }

    @Test
    void secretsHaveNoDefaultComposeRefusesToStartWithoutThem() {
        // ${NAME:?message}: compose stops with the message when NAME is unset or empty. A
        // default
        // (${NAME:-value}) would be the same on every install.
        Pattern required = Pattern.compile("\\$\\{[A-Z_]+:\\?[^}]+}");
        SoftAssertions softly = new SoftAssertions();
        for (ServiceSpec service : SERVICES) {
            Map<String, String> environment = environment(service.name());
            for (String secret : Platform.SECRETS) {
                if (secret.equals("S3_ACCESS_KEY") || (S3_KEYS.contains(secret) && !service.uses(Platform.MINIO))) {
                    continue; // a user name (MINIO_ROOT_USER), not a secret; no S3 keys
                              // where S3 is not used
                }
                softly.assertThat(environment.get(secret)).as("%s of %s", secret, service).matches(required);
            }
        }
        softly.assertThat(environment(Platform.POSTGRES).get("POSTGRES_PASSWORD")).matches(required);
        softly.assertThat(environment(Platform.MINIO).get("MINIO_ROOT_PASSWORD")).matches(required);
        softly.assertThat(environment(Platform.REDIS).get("REDISCLI_AUTH")).matches(required);
        softly
            .assertThat(
                    String.join(" ", list(services, Platform.REDIS, "command").stream().map(String::valueOf).toList()))
            .as("redis command")
            .containsPattern(required)
            .doesNotContain(":-");
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("LONG_RUNNING")
    void everyLongRunningServiceIsRestartedUnlessStopped(String name) {
        assertThat(string(services, name, "restart")).as("restart of %s", name).isEqualTo("unless-stopped");
    }

    @Test
    void servicesGetTimeToDrainOnStop() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceSpec service : SERVICES) {
            String grace = string(services, service.name(), "stop_grace_period");
            softly.assertThat(seconds(grace))
                .as("stop_grace_period of %s (SHUTDOWN_TIMEOUT is 30s)", service)
                .isGreaterThan(30);
        }
        softly.assertAll();
    }

    @Test
    void imagesAreBuiltFromTheSharedDockerfileForTheirModule() {
        SoftAssertions softly = new SoftAssertions();
        List<String> built = new ArrayList<>(SERVICES.stream().map(ServiceSpec::name).toList());
        built.add(Platform.MIGRATIONS);
        for (String name : built) {
            Map<String, Object> build = map(services, name, "build");
            Path dockerfile = root.resolve(string(build, "context") == null ? "." : string(build, "context"))
                .resolve(string(build, "dockerfile") == null ? "Dockerfile" : string(build, "dockerfile"));
            softly.assertThat(dockerfile).as("Dockerfile of %s", name).isRegularFile();
            String module = string(build, "args", "MODULE");
            softly.assertThat(module).as("build arg MODULE of %s", name).isEqualTo(name);
            softly.assertThat(root.resolve(name).resolve("pom.xml")).as("module %s", name).isRegularFile();
            String target = string(build, "target");
            if (target != null && Files.isRegularFile(dockerfile)) {
                softly.assertThat(Platform.read(dockerfile))
                    .as("stage %s in %s", target, dockerfile)
                    .containsPattern("(?im)^FROM\\s+\\S+\\s+AS\\s+" + Pattern.quote(target) + "\\s*$");
            }
            if (Platform.PORTS.containsKey(name)) {
                softly.assertThat(integer(at(build, "args", "PORT")))
                    .as("build arg PORT of %s", name)
                    .isEqualTo(Platform.PORTS.get(name));
            }
        }
        softly.assertAll();
    }

    // ---- helpers
    // -------------------------------------------------------------------------------

    /** depends_on as name -> condition; the short (list) form means service_started. */
    private static Map<String, String> dependsOn(String service) {
        Object dependsOn = at(services, service, "depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> names) {
            names.forEach(n -> conditions.put(String.valueOf(n), "service_started"));
        }
        else if (dependsOn instanceof Map<?, ?> entries) {
            entries.forEach((n, options) -> conditions.put(String.valueOf(n),
                    String.valueOf(map(options).getOrDefault("condition", "service_started"))));
        }
        return conditions;
    }

    /** environment as a map, from either the mapping or the list ("KEY=value") form. */
    private static Map<String, String> environment(String service) {
        Object environment = at(services, service, "environment");
        Map<String, String> values = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] pair = String.valueOf(entry).split("=", 2);
                values.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        }
        return values;
    }

    /** The source of a volume mount in short ("source:target[:mode]") or long syntax. */
    private static String volumeSource(Object mount) {
        if (mount instanceof Map<?, ?> entry) {
            return "volume".equals(entry.get("type")) || entry.get("type") == null ? string(entry, "source") : null;
        }
        String text = String.valueOf(mount);
        return text.contains(":") ? text.substring(0, text.indexOf(':')) : null;
    }

    /**
     * The container port of a port mapping: "[ip:][host:]container[/proto]" or long
     * syntax.
     */
    private static Integer publishedContainerPort(Object port) {
        if (port instanceof Map<?, ?> entry) {
            return integer(entry.get("target"));
        }
        String text = String.valueOf(port);
        text = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        return integer(text.substring(text.lastIndexOf(':') + 1));
    }

    private static int seconds(String duration) {
        if (duration == null) {
            return 0;
        }
        Matcher matcher = DURATION.matcher(duration.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Unsupported duration " + duration);
        }
        int minutes = matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
        int seconds = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        return minutes * 60 + seconds;
    }

}
