package com.autograph.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.autograph.gateway.GatewayApplication;
import com.autograph.gateway.routing.GatewayRoutes;

/**
 * bench/gateway-overhead: the gateway's own cost, isolated. The same authenticated GET is sent
 * through the gateway and straight to a stand-in service that answers in microseconds, interleaved
 * request by request on every worker, so both paths see the same machine load. Gateway, stand-in
 * and load generator share one JVM, so a profiler attached to it sees the gateway alone (the
 * stand-in and the client run on virtual threads). bench/gateway measures against the real
 * diagram-service instead.
 * Loopback only; bounded by time and by request count. Prints req/s, p50 and p99 of each path
 * and the gateway/direct ratios.
 *
 * Arguments (all optional): seconds (10), concurrency (16), warm-up cap in seconds (120), max
 * requests (400000), warm-up requests (40000).
 */
public final class GatewayOverheadBench {

    private GatewayOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        long maxRequests = args.length > 3 ? Long.parseLong(args[3]) : 400_000;
        // The JIT compiles by invocation counts, not by time: on a busy 2-core machine 25 s of
        // warm-up left the gateway partly interpreted. Warm up by requests, with time as a cap.
        long warmupRequests = args.length > 4 ? Long.parseLong(args[4]) : 40_000;

        HttpServer service = standIn();
        String serviceUrl = "http://127.0.0.1:" + service.getAddress().getPort();
        String jwtSecret = randomSecret();
        String prefix = "bench-" + HexFormat.of().toHexDigits(System.nanoTime()) + ":";
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--JWT_SECRET=" + jwtSecret,
                "--IDENTITY_SIGNING_SECRET=" + randomSecret(),
                "--REDIS_HOST=" + env("REDIS_HOST", "127.0.0.1"), "--REDIS_PORT=" + env("REDIS_PORT", "6379"),
                "--REDIS_KEY_PREFIX=" + prefix,
                // The real path, limits included, but high enough that the bench is never refused.
                "--RATE_LIMIT_PER_USER=100000000", "--RATE_LIMIT_PER_IP=100000000",
                "--logging.level.com.autograph.access=WARN"));
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            arguments.add("--" + GatewayRoutes.urlVariable(route.service()) + "=" + serviceUrl);
        }
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(arguments.toArray(String[]::new));
        String gatewayUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
        // The token's session, as auth-service keeps it: the gateway checks it on every request.
        var redis = gateway.getBean(org.springframework.data.redis.core.StringRedisTemplate.class);
        redis.opsForHash().putAll(prefix + "session:bench-session", java.util.Map.of("user_id", "bench",
                "last_seen_at", java.time.Instant.now().toString(), "remember_me", "false"));
        redis.expire(prefix + "session:bench-session", Duration.ofHours(1));
        String bearer = "Bearer " + token(jwtSecret);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            HttpRequest viaGateway = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/diagrams/bench-42"))
                    .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).GET().build();
            HttpRequest direct = HttpRequest.newBuilder(URI.create(serviceUrl + "/api/diagrams/bench-42"))
                    .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).GET().build();
            check(client, viaGateway);
            check(client, direct);

            System.out.printf("bench/gateway-overhead: %d cores, %d workers, %d s warm-up, %d s measured (at most %d requests)%n",
                    Runtime.getRuntime().availableProcessors(), concurrency, warmup, seconds, maxRequests);
            long warmStarted = System.nanoTime();
            run(client, viaGateway, direct, concurrency, Duration.ofSeconds(warmup), warmupRequests, false);
            System.out.printf("warm-up: %d requests in %.1f s%n", warmupRequests, (System.nanoTime() - warmStarted) / 1e9);
            Map<Long, Long> cpuBefore = gatewayThreadCpu();
            Result[] results = run(client, viaGateway, direct, concurrency, Duration.ofSeconds(seconds), maxRequests, true);
            long gatewayCpuNanos = cpuSince(cpuBefore);
            Result gatewayResult = results[0];
            Result directResult = results[1];
            System.out.println(gatewayResult.line("gateway"));
            System.out.println(directResult.line("direct"));
            System.out.printf("ratio gateway/direct: throughput %.2f, p50 %.2f, p99 %.2f%n",
                    gatewayResult.perSecond() / directResult.perSecond(),
                    gatewayResult.p50() / directResult.p50(), gatewayResult.p99() / directResult.p99());
            System.out.printf("gateway adds: p50 +%.2f ms, p99 +%.2f ms%n",
                    gatewayResult.p50() - directResult.p50(), gatewayResult.p99() - directResult.p99());
            // Unlike the rates, CPU time per request hardly moves with what else the machine runs.
            System.out.printf("gateway CPU per request: %.0f us (its own threads: Netty, Lettuce, Reactor schedulers)%n",
                    gatewayCpuNanos / 1000.0 / Math.max(1, gatewayResult.count() + gatewayResult.errors()));
        }
        finally {
            gateway.close();
            service.stop(0);
        }
    }

    /**
     * Interleaving gives both paths the same number of requests, so their raw rates are equal by
     * construction; each path's rate is what its share of the workers achieves on it (Little's
     * law: workers on the path / mean latency).
     */
    record Result(long[] micros, int count, int errors, double elapsedSeconds, int workers) {
        double perSecond() {
            if (count == 0) {
                return 0;
            }
            double meanSeconds = java.util.Arrays.stream(micros).average().orElse(0) / 1e6;
            return (workers / 2.0) / meanSeconds;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double percentile(double p) {
            if (count == 0) {
                return Double.NaN;
            }
            return micros[Math.min(count - 1, (int) Math.ceil(p * count) - 1)] / 1000.0;
        }

        String line(String name) {
            return String.format("%-8s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (%d requests in %.1f s, %d errors)",
                    name, perSecond(), p50(), p99(), count, elapsedSeconds, errors);
        }
    }

    /** Each worker alternates: gateway, direct, gateway, direct… */
    private static Result[] run(HttpClient client, HttpRequest viaGateway, HttpRequest direct, int concurrency,
            Duration duration, long maxRequests, boolean measure) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong budget = new AtomicLong(maxRequests);
        List<long[]> gatewayTimes = new ArrayList<>();
        List<long[]> directTimes = new ArrayList<>();
        int[][] counts = new int[concurrency][4];
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                long[] g = new long[(int) (maxRequests / concurrency + 1)];
                long[] d = new long[(int) (maxRequests / concurrency + 1)];
                gatewayTimes.add(g);
                directTimes.add(d);
                int worker = w;
                workers.submit(() -> {
                    boolean toGateway = worker % 2 == 0;
                    while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                        HttpRequest request = toGateway ? viaGateway : direct;
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        }
                        catch (IOException | InterruptedException ex) {
                            ok = false;
                        }
                        long micros = (System.nanoTime() - t0) / 1000;
                        int[] c = counts[worker];
                        if (toGateway) {
                            if (ok && c[0] < g.length) {
                                g[c[0]++] = micros;
                            }
                            else if (!ok) {
                                c[2]++;
                            }
                        }
                        else {
                            if (ok && c[1] < d.length) {
                                d[c[1]++] = micros;
                            }
                            else if (!ok) {
                                c[3]++;
                            }
                        }
                        toGateway = !toGateway;
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (!measure) {
            return null;
        }
        return new Result[] {merge(gatewayTimes, counts, 0, 2, elapsed, concurrency),
                merge(directTimes, counts, 1, 3, elapsed, concurrency)};
    }

    private static Result merge(List<long[]> times, int[][] counts, int countIndex, int errorIndex, double elapsed,
            int workers) {
        int total = 0;
        int errors = 0;
        for (int w = 0; w < times.size(); w++) {
            total += counts[w][countIndex];
            errors += counts[w][errorIndex];
        }
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < times.size(); w++) {
            System.arraycopy(times.get(w), 0, all, at, counts[w][countIndex]);
            at += counts[w][countIndex];
        }
        java.util.Arrays.sort(all);
        return new Result(all, total, errors, elapsed, workers);
    }

    /**
     * The gateway's threads in this JVM: Reactor Netty's event loops (server and client), Lettuce's
     * and Reactor's schedulers. The load generator and the stand-in run on virtual threads and the
     * JDK client's selector, so they are not counted.
     */
    private static Map<Long, Long> gatewayThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && isGatewayThread(info.getThreadName())) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static long cpuSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : gatewayThreadCpu().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private static boolean isGatewayThread(String name) {
        return name.startsWith("reactor-") || name.startsWith("lettuce-") || name.startsWith("parallel-")
                || name.startsWith("boundedElastic-") || name.startsWith("loadbalancer");
    }

    private static void check(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A stand-in diagram-service: a small JSON document for every GET. */
    private static HttpServer standIn() throws IOException {
        byte[] body = "{\"id\":\"bench-42\",\"title\":\"Architecture\",\"schema_version\":1,\"shapes\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String token(String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("bench-user").claim("email", "bench@example.com").claim("roles", List.of("user"))
                .claim("sid", "bench-session")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
