package com.autograph.platform.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import com.autograph.testsupport.FreePorts;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestDatabase;
import com.autograph.testsupport.TestInfrastructure;

/**
 * Some of the platform's packaged services running as separate JVMs, the way ./autograph
 * up runs them, on free ports and their own database, Redis key prefix and buckets. Tests
 * talk to the gateway over HTTP exactly as a client does. Needs the jars:
 * {@code ./autograph test} (Maven {@code install}) packages every module before this one
 * runs.
 */
public final class RunningPlatform implements AutoCloseable {

    /**
     * Secrets made for this test run, the same for every process so that tokens and
     * identities verify: nothing here depends on a value written down anywhere.
     */
    public static final String JWT_SECRET = randomSecret(48);

    public static final String IDENTITY_SECRET = randomSecret(48);

    /** The name of the second gateway instance: its log is {@code gateway-2.log}. */
    public static final String SECOND_GATEWAY = "gateway-2";

    private static final String MFA_KEY = randomSecret(32);

    private static final String VERSION = "0.1.0-SNAPSHOT";

    private static final List<String> TEST_JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k");

    private static final Map<String, String> URL_VARIABLES = Map.of("auth-service", "AUTH_SERVICE_URL",
            "diagram-service", "DIAGRAM_SERVICE_URL", "ai-service", "AI_SERVICE_URL", "collaboration-service",
            "COLLABORATION_SERVICE_URL", "git-service", "GIT_SERVICE_URL", "export-service", "EXPORT_SERVICE_URL",
            "integration-hub", "INTEGRATION_HUB_URL");

    private final Map<String, Integer> ports = new LinkedHashMap<>();

    /** The management port (/metrics) of each gateway process. */
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();

    private TestDatabase database;

    private final Map<String, Process> processes = new LinkedHashMap<>();

    private final Map<String, List<String>> jvmOptions = new LinkedHashMap<>();

    /**
     * What each process was started with, so that it can be started again the same way.
     */
    private final Map<String, Path> jars = new LinkedHashMap<>();

    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

    private final Path logs;

    private String redisKeyPrefix;

    private RunningPlatform(Path logs) {
        this.logs = logs;
    }

    /**
     * Starts the given services and the gateway in front of them; returns when all are
     * ready.
     */
    public static RunningPlatform start(List<String> services) throws Exception {
        // A lower BCrypt cost than production: fewer CPU seconds per login on a shared CI
        // machine.
        return start(services, "10");
    }

    public static RunningPlatform start(List<String> services, String bcryptCost) throws Exception {
        return start(services, bcryptCost, Map.of());
    }

    /**
     * {@code settings}: extra environment for every process (e.g. SMTP, short link
     * lifetimes); the address of a service that is not started (e.g.
     * {@code DIAGRAM_SERVICE_URL}) too.
     */
    public static RunningPlatform start(List<String> services, String bcryptCost, Map<String, String> settings)
            throws Exception {
        return start(services, bcryptCost, settings, Map.of());
    }

    /**
     * {@code jvmOptions}: JVM flags per service instead of the tests' ones (which trade
     * peak speed for start-up time: C1 only), e.g. the flags {@code ./autograph up} runs
     * the gateway with.
     */
    public static RunningPlatform start(List<String> services, String bcryptCost, Map<String, String> settings,
            Map<String, List<String>> jvmOptions) throws Exception {
        Path root = repositoryRoot();
        RunningPlatform platform = new RunningPlatform(
                Files.createDirectories(root.resolve("platform-tests/target/e2e-logs")));
        platform.jvmOptions.putAll(jvmOptions);
        try {
            platform.launch(root, services, bcryptCost, settings);
            return platform;
        }
        catch (Exception | AssertionError ex) {
            platform.close();
            throw ex;
        }
    }

    /** A gateway process's management port (/metrics, /info): not the public one. */
    public URI management(String gateway, String path) {
        return URI.create("http://127.0.0.1:" + managementPorts.get(gateway) + path);
    }

    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.Base64.getEncoder().encodeToString(random);
    }

    public URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + ports.get("gateway") + path);
    }

    /** The second gateway instance ({@link #startSecondGateway()}). */
    public URI secondGateway(String path) {
        return service(SECOND_GATEWAY, path);
    }

    /**
     * Starts a second gateway process on a port of its own, in front of the same services
     * and with the same settings (secrets, Redis and its key prefix): two instances
     * behind a load balancer. Returns when it is ready.
     */
    public void startSecondGateway() throws Exception {
        startGateway(SECOND_GATEWAY, Map.of());
    }

    /**
     * Starts another gateway process called {@code name} (a free port, log
     * {@code <name>.log}) with the platform's settings and {@code settings} over them,
     * e.g. other limits or another Redis key prefix. Returns when it is ready;
     * {@link #stop} ends it, {@link #close} too.
     */
    public void startGateway(String name, Map<String, String> settings) throws Exception {
        startInstance("gateway", name, settings);
    }

    /**
     * Starts another instance of {@code service} called {@code name}: the same jar, JVM
     * flags and settings, with {@code settings} over them, on a free port of its own (log
     * {@code <name>.log}). Returns when it is ready; {@link #stop} ends it,
     * {@link #close} too.
     */
    public void startInstance(String service, String name, Map<String, String> settings) throws Exception {
        startInstance(service, name, settings, null);
    }

    /**
     * As {@link #startInstance(String, String, Map)}, from {@code jar} (another build of
     * the service, e.g. a benchmark's baseline) instead of the platform's; null: the
     * platform's.
     */
    public void startInstance(String service, String name, Map<String, String> settings, Path jar) throws Exception {
        if (ports.containsKey(name)) {
            throw new IllegalStateException(name + " exists already");
        }
        if (!jars.containsKey(service)) {
            throw new IllegalArgumentException(service + " is not part of this platform");
        }
        ports.put(name, FreePorts.next());
        Map<String, String> environment = new LinkedHashMap<>(environments.get(service));
        environment.putAll(settings);
        environment.put("SERVER_PORT", Integer.toString(ports.get(name)));
        if (service.equals("gateway")) {
            managementPorts.put(name, FreePorts.next());
            environment.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(managementPorts.get(name)));
        }
        jars.put(name, jar == null ? jars.get(service) : extracted(jar));
        environments.put(name, environment);
        jvmOptions.putIfAbsent(name, jvmOptions.getOrDefault(service, TEST_JVM_OPTIONS));
        spawn(name, false);
        awaitReady(name, Duration.ofSeconds(150));
    }

    /**
     * Stops one process the way an operator or an orchestrator does (SIGTERM: it drains
     * and exits; killed if it has not exited after 20 s). Its port stays reserved for
     * {@link #restart}.
     */
    public void stop(String service) throws InterruptedException {
        Process process = processes.get(service);
        if (process == null) {
            throw new IllegalArgumentException(service + " is not part of this platform");
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * Starts a stopped process again, on the same port and with the same settings (its
     * log goes on in the same file); stops it first if it still runs. Returns when it is
     * ready.
     */
    public void restart(String service) throws Exception {
        if (!processes.containsKey(service)) {
            throw new IllegalArgumentException(service + " is not part of this platform");
        }
        if (processes.get(service).isAlive()) {
            stop(service);
        }
        spawn(service, true);
        awaitReady(service, Duration.ofSeconds(150));
    }

    /** The platform's own database, for benchmarks that seed it directly. */
    public String databaseUrl() {
        return database.jdbcUrl();
    }

    public String databaseUser() {
        return database.user();
    }

    public String databasePassword() {
        return database.password();
    }

    /**
     * The prefix of the platform's Redis keys and channels (file events go to
     * {@code <prefix>file:<id>}).
     */
    public String redisKeyPrefix() {
        return redisKeyPrefix;
    }

    /**
     * The operating-system process id of a running service, e.g. to read its CPU time.
     */
    public long pid(String service) {
        return processes.get(service).pid();
    }

    /**
     * A running service's environment (its database settings, say), as it was started
     * with.
     */
    public Map<String, String> environment(String service) {
        return Map.copyOf(environments.get(service));
    }

    public URI service(String name, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(name) + path);
    }

    private void launch(Path root, List<String> services, String bcryptCost, Map<String, String> settings)
            throws Exception {
        database = TestDatabase.migrated();
        String suffix = IsolatedInfrastructure.uniqueSuffix();
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, String> common = new LinkedHashMap<>();
        common.put("AUTOGRAPH_ENV_DIR", Files.createTempDirectory("e2e-env").toString()); // no
                                                                                          // .env
                                                                                          // file
        common.put("SPRING_PROFILES_ACTIVE", "local");
        common.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        common.put("SPRING_DATASOURCE_USERNAME", database.user());
        common.put("SPRING_DATASOURCE_PASSWORD", database.password());
        common.put("REDIS_HOST", infra.redis().host());
        common.put("REDIS_PORT", Integer.toString(infra.redis().port()));
        redisKeyPrefix = "e2e-" + suffix + ":";
        common.put("REDIS_KEY_PREFIX", redisKeyPrefix);
        common.put("S3_ENDPOINT", infra.s3().endpoint());
        common.put("S3_ACCESS_KEY", infra.s3().accessKey());
        common.put("S3_SECRET_KEY", infra.s3().secretKey());
        common.put("S3_BUCKET_DIAGRAMS", "e" + suffix + "-diagrams");
        common.put("S3_BUCKET_EXPORTS", "e" + suffix + "-exports");
        common.put("S3_BUCKET_UPLOADS", "e" + suffix + "-uploads");
        common.put("JWT_SECRET", JWT_SECRET);
        common.put("IDENTITY_SIGNING_SECRET", IDENTITY_SECRET);
        common.put("MFA_ENCRYPTION_KEY", MFA_KEY);
        common.put("BCRYPT_COST", bcryptCost);
        common.put("SHUTDOWN_TIMEOUT", "5s");
        common.putAll(settings);

        List<String> all = new ArrayList<>(services);
        all.add("gateway");
        for (String service : all) {
            ports.put(service, FreePorts.next());
        }
        // Routes to services that are not started point at a port where nothing listens,
        // unless
        // the settings name an address (a stand-in, say).
        int closed = FreePorts.next();
        URL_VARIABLES.forEach((service, variable) -> {
            if (ports.containsKey(service) || !settings.containsKey(variable)) {
                common.put(variable, "http://127.0.0.1:" + ports.getOrDefault(service, closed));
            }
        });

        for (String service : all) {
            Path jar = root.resolve(service).resolve("target").resolve(service + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError(jar + " is missing: package the services first (./autograph test does).");
            }
            Map<String, String> environment = new LinkedHashMap<>(common);
            environment.put("SERVER_PORT", Integer.toString(ports.get(service)));
            if (service.equals("gateway")) {
                managementPorts.put(service, FreePorts.next());
                environment.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(managementPorts.get(service)));
            }
            jars.put(service, extracted(jar));
            environments.put(service, environment);
            spawn(service, false);
        }
        // The JVMs start at once and share the CPU (2 cores in CI, ~30 CPU seconds each
        // to start):
        // the more of them, the longer the last one may take. E2E_START_TIMEOUT (seconds)
        // raises
        // the floor on a machine that other work keeps busy (a benchmark beside builds,
        // say).
        Duration timeout = Duration.ofSeconds(Math.max(startTimeoutFloor(), 35L * all.size()));
        for (String service : all) {
            awaitReady(service, timeout);
        }
    }

    private static long startTimeoutFloor() {
        String seconds = System.getenv("E2E_START_TIMEOUT");
        return seconds == null || seconds.isBlank() ? 150 : Long.parseLong(seconds.strip());
    }

    /**
     * Starts the service's JVM; {@code appendLog}: a restart, whose output goes on after
     * the first run's.
     */
    private void spawn(String service, boolean appendLog) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions.getOrDefault(service, TEST_JVM_OPTIONS));
        command.addAll(List.of("-jar", jars.get(service).toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environments.get(service));
        java.io.File log = logs.resolve(service + ".log").toFile();
        builder.redirectErrorStream(true)
            .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
        processes.put(service, builder.start());
    }

    private void awaitReady(String service, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        URI readiness = service(service, "/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            if (!processes.get(service).isAlive()) {
                throw new AssertionError(service + " exited during start-up:\n" + tail(service));
            }
            try {
                if (http
                    .send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError(service + " not ready after " + timeout.toSeconds() + " s:\n" + tail(service));
    }

    private String tail(String service) throws IOException {
        List<String> lines = Files.readAllLines(logs.resolve(service + ".log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * The service's jar unpacked to plain jars on a class path, as {@code ./autograph up}
     * runs it: a JVM starts about twice as fast from it as from the nested jar
     * (diagram-service alone: 5.6 s against 10.8 s on 2 cores), and the e2e classes start
     * dozens of JVMs. Unpacked once per jar build into
     * {@code target/extracted-<jar mtime>}; concurrent test runs each unpack into a
     * folder of their own and the first rename wins.
     */
    private static synchronized Path extracted(Path jar) throws IOException, InterruptedException {
        Path target = jar.resolveSibling("extracted-" + Files.getLastModifiedTime(jar).toMillis());
        Path launcher = target.resolve(jar.getFileName());
        if (Files.isRegularFile(launcher)) {
            return launcher;
        }
        Path scratch = Files.createTempDirectory(jar.getParent(), "extracting-");
        Process extract = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Djarmode=tools",
                "-jar", jar.toString(), "extract", "--destination", scratch.resolve("app").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("Could not extract " + jar + " (java -Djarmode=tools -jar … extract)");
        }
        try {
            Files.move(scratch.resolve("app"), target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (FileAlreadyExistsException | DirectoryNotEmptyException madeMeanwhile) {
            // another test run extracted the same jar first; its copy is identical
        }
        FileSystemUtils.deleteRecursively(scratch);
        // Copies of earlier builds of the jar: about 100 MB each.
        try (Stream<Path> siblings = Files.list(jar.getParent())) {
            for (Path old : siblings
                .filter(path -> path.getFileName().toString().startsWith("extracted-") && !path.equals(target))
                .toList()) {
                FileSystemUtils.deleteRecursively(old);
            }
        }
        return launcher;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !(Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve(".env.local")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from inside the AutoGraph repository");
        }
        return dir;
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy); // SIGTERM: graceful shutdown
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

}
