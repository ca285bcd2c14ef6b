package com.autograph.platform.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.autograph.testsupport.FreePorts;

/**
 * A floor in a process of its own: one of the bench/*-floor jars (a framework doing the
 * measured request and nothing of ours), started with the JVM flags of the process it is
 * the floor for, listening on {@code FLOOR_PORT}. What the framework costs per request
 * before anything of ours runs.
 */
record FloorProcess(String name, Process process, Path log, int port) implements AutoCloseable {

    /**
     * Spring Cloud Gateway with one route to {@code upstreamPort} (bench/gateway-floor).
     */
    static FloorProcess gateway(Path jar, List<String> javaOptions, int upstreamPort) throws Exception {
        return start("the gateway floor", jar, javaOptions,
                Map.of("FLOOR_UPSTREAM", "http://127.0.0.1:" + upstreamPort));
    }

    /**
     * Spring MVC with HikariCP answering diagram-service's GET on its database
     * (bench/diagram-floor); {@code database}: diagram-service's DB_* settings.
     */
    static FloorProcess diagram(Path jar, List<String> javaOptions, Map<String, String> database) throws Exception {
        return start("the diagram-service floor", jar, javaOptions, database);
    }

    private static FloorProcess start(String name, Path jar, List<String> javaOptions, Map<String, String> environment)
            throws Exception {
        Path log = Files.createTempFile("bench-floor", ".log");
        int port = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("FLOOR_PORT", Integer.toString(port));
        FloorProcess floor = new FloorProcess(name, builder.start(), log, port);
        try {
            LocalProcesses.awaitListening(name, floor.process, port, Duration.ofMinutes(2),
                    () -> Files.readString(log));
            return floor;
        }
        catch (Exception | AssertionError ex) {
            floor.close();
            throw ex;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(log);
    }
}
