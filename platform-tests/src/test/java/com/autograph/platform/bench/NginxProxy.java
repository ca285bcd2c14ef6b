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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import com.autograph.testsupport.FreePorts;

/**
 * nginx as a plain reverse proxy in front of one upstream: the floor a proxy's CPU per
 * request is measured against. Its own process (not the system service) with a generated
 * configuration in a temporary folder: one worker, a keep-alive pool to the upstream, no
 * access log, on a free loopback port.
 */
record NginxProxy(Process process, Path home, int port) implements AutoCloseable {

    /**
     * Starts {@code binary} proxying every request to {@code 127.0.0.1:upstreamPort};
     * returns when it accepts connections.
     */
    static NginxProxy start(String binary, int upstreamPort) throws Exception {
        Path home = Files.createTempDirectory("bench-nginx");
        int port = FreePorts.next();
        Files.writeString(home.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream service {
                        server 127.0.0.1:%2$d;
                        keepalive 64;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://service;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                        }
                    }
                }
                """.formatted(home, upstreamPort, port));
        // -e: the start-up error log too, which otherwise goes to the system's log
        // folder.
        Process process = new ProcessBuilder(List.of(binary, "-p", home.toString(), "-c",
                home.resolve("nginx.conf").toString(), "-e", home.resolve("error.log").toString()))
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("nginx.out").toFile())
            .start();
        NginxProxy nginx = new NginxProxy(process, home, port);
        try {
            LocalProcesses.awaitListening("nginx", process, port, Duration.ofSeconds(20), nginx::log);
            return nginx;
        }
        catch (Exception | AssertionError ex) {
            nginx.close();
            throw ex;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** User plus system CPU time of the master and its workers so far, in clock ticks. */
    long cpuTicks() throws IOException {
        long ticks = ProcStat.cpuTicks(process.pid());
        try (Stream<ProcessHandle> workers = process.descendants()) {
            for (ProcessHandle worker : workers.toList()) {
                ticks += ProcStat.cpuTicks(worker.pid());
            }
        }
        return ticks;
    }

    private String log() throws IOException {
        Path errors = home.resolve("error.log");
        return Files.readString(home.resolve("nginx.out")) + (Files.exists(errors) ? Files.readString(errors) : "");
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        FileSystemUtils.deleteRecursively(home);
    }
}
