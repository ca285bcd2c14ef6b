package com.autograph.platform.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * bench/gateway-floor's jar (Spring Cloud Gateway with one route to {@code upstreamPort}
 * and nothing else) in a process of its own, with the gateway's JVM flags: what the
 * framework costs per proxied request before anything of ours runs.
 */
record GatewayFloorProcess(Process process, Path log, int port) implements AutoCloseable {

    static GatewayFloorProcess start(Path jar, List<String> javaOptions, int upstreamPort) throws Exception {
        Path log = Files.createTempFile("bench-gateway-floor", ".log");
        int port = LocalProcesses.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLOOR_PORT", Integer.toString(port));
        builder.environment().put("FLOOR_UPSTREAM", "http://127.0.0.1:" + upstreamPort);
        GatewayFloorProcess floor = new GatewayFloorProcess(builder.start(), log, port);
        try {
            LocalProcesses.awaitListening("the gateway floor", floor.process, port, Duration.ofMinutes(2),
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
