package com.autograph.platform.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.FreePorts;

/**
 * bench/collab: one room, N clients (the sender and N-1 receivers), one sender editing a
 * shape at a fixed rate; the delivery latency p50/p99 of each edit at the receivers and
 * the messages delivered per second. AutoGraph's room spans two collaboration-service
 * processes (the packaged jar, with the flags {@code ./autograph up} gives it) on one
 * Redis, with the sender and half the receivers on the first and the other half on the
 * second; permissions come from a real diagram-service (and auth-service for the
 * account). The peer, measured in the same run by the same client process
 * (bench/collab/clients.mjs, in Node), is the Yjs reference server (y-websocket's bundled
 * server, one process: it does not span instances), fed Yjs updates padded to the size of
 * AutoGraph's messages. The two take turns in short windows, each idle while the other is
 * measured, so both meet the same minute of a machine whose tail latency changes from
 * minute to minute. Also the servers' CPU time per delivered message (from /proc), which
 * moves less with the machine's load than latencies do. Goal: p99 under 30 ms at 50
 * clients, and no worse than the Yjs server (ratio at most 1.0).
 *
 * <p>
 * Arguments: the bench/collab directory (with node_modules), client counts (10,50,200),
 * edits per second (20), seconds measured per server (30: 600 edits, so that the p99
 * rests on more than a few late ones), warm-up seconds per server (60: the service's
 * compiled code settles within about a minute of edits; a room server runs for days, so
 * its steady state is what people meet), seconds per window (1). BENCH_SERVICE_JAVA_OPTS:
 * the services' JVM flags.
 */
public final class CollabBench {

    private static final double GOAL_P99_MILLIS = 30;

    private static final int GOAL_CLIENTS = 50;

    private CollabBench() {
    }

    /** One run's figures, as clients.mjs prints them. */
    private record Run(String json) {

        double value(String path) {
            Object value = JsonPath.read(json, "$." + path);
            return value == null ? Double.NaN : ((Number) value).doubleValue();
        }

        String line() {
            return String.format("%7.2f %7.2f %7.2f %9.0f %5.0f %6.0f", value("p50"), value("p99"), value("max"),
                    value("messagesPerSecond"), value("lost"), value("serverCpuMicrosPerMessage"));
        }

    }

    public static void main(String[] args) throws Exception {
        Path clients = Path.of(args[0]).toAbsolutePath();
        int[] counts = Arrays.stream((args.length > 1 ? args[1] : "10,50,200").split(","))
            .map(String::trim)
            .mapToInt(Integer::parseInt)
            .toArray();
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        double window = args.length > 5 ? Double.parseDouble(args[5]) : 1;
        List<String> flags = options("BENCH_SERVICE_JAVA_OPTS");
        // BENCH_COLLAB_JAVA_OPTS: more flags for the collaboration instances only (a
        // profiler, say: -XX:StartFlightRecording:filename=/tmp/collab-%p.jfr).
        List<String> collabFlags = new ArrayList<>(flags);
        String extra = System.getenv("BENCH_COLLAB_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            collabFlags.addAll(List.of(extra.trim().split("\\s+")));
        }
        Map<String, List<String>> jvm = Map.of("collaboration-service", collabFlags, "diagram-service", flags,
                "auth-service", flags);
        Process yjs = null;
        // Every client is the bench's one account, so its per-user socket limit (20 per
        // instance) is lifted: this measures delivery, not admission.
        Map<String, String> settings = Map.of("COLLAB_MAX_SOCKETS_PER_USER", "1000");
        try (RunningPlatform platform = RunningPlatform
            .start(List.of("auth-service", "diagram-service", "collaboration-service"), "10", settings, jvm)) {
            platform.startInstance("collaboration-service", "collaboration-service-2", Map.of());
            int yjsPort = FreePorts.next();
            yjs = startYjs(clients, yjsPort);
            HttpClient http = HttpClient.newHttpClient();
            BenchAccount account = BenchAccount.signUp(platform, http);
            TrustedIdentity user = identity(account);
            List<String> instances = List.of("collaboration-service", "collaboration-service-2");

            System.out.printf(
                    "bench/collab on %d cores (%s): one room, one sender at %d edits/s, %d s measured after %d s"
                            + " of warm-up per server, the two servers taking turns in windows of %s s%n",
                    Runtime.getRuntime().availableProcessors(), loadAverage(), rate, seconds, warmup,
                    BigDecimal.valueOf(window).stripTrailingZeros().toPlainString());
            System.out.printf("AutoGraph: two collaboration-service processes on one Redis (flags: %s);"
                    + " permissions from a real diagram-service; clients straight to the instances (no gateway)%n",
                    String.join(" ", collabFlags));
            System.out.println("Yjs: y-websocket 2.1.0's bundled server (bin/server.cjs), one Node process;"
                    + " Yjs updates padded to AutoGraph's message size");
            kernelSampler().ifPresent(System.out::println);
            System.out.println();
            System.out.println("clients | AutoGraph  p50 ms  p99 ms  max ms     msg/s  lost  CPU us |"
                    + " Yjs  p50 ms  p99 ms  max ms     msg/s  lost  CPU us | p99 AutoGraph/Yjs  p50");
            Map<Integer, double[]> ratios = new LinkedHashMap<>();
            List<String> details = new ArrayList<>();
            for (int count : counts) {
                UUID file = createFile(platform, http, account.accessToken());
                List<String> sockets = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    // The sender and every other receiver on the first instance.
                    String instance = instances.get(i % 2);
                    URI ws = platform.service(instance, "/ws/files/" + file);
                    sockets.add(socket("ws://" + ws.getAuthority() + ws.getPath(), headers(user),
                            i % 2 == 0 ? "same instance" : "other instance"));
                }
                List<String> yjsSockets = new ArrayList<>();
                String room = "bench-" + count + "-" + UUID.randomUUID();
                for (int i = 0; i < count; i++) {
                    yjsSockets.add(socket("ws://127.0.0.1:" + yjsPort + "/" + room, Map.of(), null));
                }
                Map<String, Run> runs = run(clients,
                        List.of(target("autograph", sockets,
                                List.of(platform.pid(instances.get(0)), platform.pid(instances.get(1)))),
                                target("yjs", yjsSockets, List.of(yjs.pid()))),
                        rate, seconds, warmup, window);
                Run autograph = runs.get("autograph");
                Run reference = runs.get("yjs");

                double p99Ratio = autograph.value("p99") / reference.value("p99");
                double p50Ratio = autograph.value("p50") / reference.value("p50");
                ratios.put(count, new double[] { autograph.value("p99"), p99Ratio });
                System.out.printf("%7d |        %s |  %s |             %5.2fx %5.2fx%n", count, autograph.line(),
                        reference.line(), p99Ratio, p50Ratio);
                details.add(String.format(
                        "  %3d clients: AutoGraph same instance as the sender p50/p99 %.2f/%.2f ms, other instance"
                                + " %.2f/%.2f ms; message %.0f bytes (Yjs %.0f), errors %.0f; compression: %s",
                        count, autograph.value("groups['same instance'].p50"),
                        autograph.value("groups['same instance'].p99"), autograph.value("groups['other instance'].p50"),
                        autograph.value("groups['other instance'].p99"), autograph.value("messageBytes"),
                        reference.value("messageBytes"), autograph.value("errors"),
                        JsonPath.<String>read(autograph.json(), "$.extensions").isEmpty() ? "none"
                                : JsonPath.read(autograph.json(), "$.extensions")));
            }
            System.out.println();
            System.out.println("CPU us: the server processes' CPU time per delivered message (AutoGraph: both"
                    + " instances, not Redis; Yjs: its one process).");
            details.forEach(System.out::println);
            double[] atGoal = ratios.get(GOAL_CLIENTS);
            if (atGoal != null) {
                System.out.printf(
                        "goal at %d clients: p99 %.2f ms (goal < %.0f ms: %s), %.2fx the Yjs server"
                                + " (goal <= 1.0x: %s)%n",
                        GOAL_CLIENTS, atGoal[0], GOAL_P99_MILLIS, atGoal[0] < GOAL_P99_MILLIS ? "met" : "MISSED",
                        atGoal[1], atGoal[1] <= 1.0 ? "met" : "MISSED");
            }
            System.out.printf("load average at the end: %s%n", loadAverage());
        }
        finally {
            if (yjs != null) {
                yjs.destroy();
                yjs.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The account's identity as the gateway would sign it for the collaboration service.
     */
    private static TrustedIdentity identity(BenchAccount account) {
        String claims = new String(Base64.getUrlDecoder().decode(account.accessToken().split("\\.")[1]),
                StandardCharsets.UTF_8);
        return new TrustedIdentity(JsonPath.read(claims, "$.sub"), account.email(), List.of("user"), "", "jwt");
    }

    private static Map<String, String> headers(TrustedIdentity user) {
        Map<String, String> headers = new LinkedHashMap<>();
        user.writeHeaders(RunningPlatform.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8),
                Instant.now().getEpochSecond(), (name, value) -> {
                    if (!value.isEmpty()) {
                        headers.put(name, value);
                    }
                });
        return headers;
    }

    private static UUID createFile(RunningPlatform platform, HttpClient http, String token) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(platform.gateway("/api/diagrams"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Bench room\", \"type\": \"canvas\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the file failed: " + created.body());
        }
        return UUID.fromString(JsonPath.read(created.body(), "$.id"));
    }

    private static String socket(String url, Map<String, String> headers, String group) {
        StringBuilder json = new StringBuilder("{\"url\":").append(quoted(url)).append(",\"headers\":{");
        String separator = "";
        for (Map.Entry<String, String> header : headers.entrySet()) {
            json.append(separator).append(quoted(header.getKey())).append(':').append(quoted(header.getValue()));
            separator = ",";
        }
        json.append('}');
        if (group != null) {
            json.append(",\"group\":").append(quoted(group));
        }
        return json.append('}').toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * One server's part of a run: its sockets and the processes whose CPU time counts.
     */
    private static String target(String target, List<String> sockets, List<Long> cpuPids) {
        return "{\"target\":\"" + target + "\",\"cpuPids\":" + cpuPids + ",\"sockets\":[" + String.join(",", sockets)
                + "]}";
    }

    /**
     * Runs clients.mjs once, the servers taking turns in windows, and returns each one's
     * figures by target.
     */
    private static Map<String, Run> run(Path clients, List<String> targets, int rate, int seconds, int warmup,
            double window) throws Exception {
        Path config = Files.createTempFile("collab-bench-", ".json");
        try {
            Files.writeString(config, "{\"rate\":" + rate + ",\"seconds\":" + seconds + ",\"warmupSeconds\":" + warmup
                    + ",\"windowSeconds\":" + window + ",\"targets\":[" + String.join(",", targets) + "]}");
            Process node = new ProcessBuilder("node", clients.resolve("clients.mjs").toString(), config.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!node.waitFor(1, TimeUnit.MINUTES) || node.exitValue() != 0 || output.isEmpty()) {
                throw new IllegalStateException("the clients failed: " + output);
            }
            Map<String, Run> runs = new LinkedHashMap<>();
            output.lines()
                .filter((line) -> line.startsWith("{"))
                .map(Run::new)
                .forEach((run) -> runs.put(JsonPath.read(run.json(), "$.target"), run));
            if (runs.size() != targets.size()) {
                throw new IllegalStateException("the clients did not report every server: " + output);
            }
            return runs;
        }
        finally {
            Files.deleteIfExists(config);
        }
    }

    /** y-websocket's bundled server on 127.0.0.1:port; returns once it answers. */
    private static Process startYjs(Path clients, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node",
                clients.resolve("node_modules/y-websocket/bin/server.cjs").toString());
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        Process server = builder.redirectErrorStream(true)
            .redirectOutput(Files.createTempFile("yjs-server-", ".log").toFile())
            .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return server;
            }
            catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("the Yjs server did not start");
    }

    /**
     * A note when the kernel's DAMON monitor runs: on the machines this bench runs on,
     * its thread takes one core for 7-20 ms at every sampling interval (0.5 s), and those
     * bursts make most of both servers' p99 (see README.md).
     */
    private static Optional<String> kernelSampler() {
        Path kdamonds = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
        try (Stream<Path> each = Files.list(kdamonds)) {
            List<String> running = new ArrayList<>();
            for (Path kdamond : each.filter(Files::isDirectory).toList()) {
                if (!"on".equals(Files.readString(kdamond.resolve("state")).strip())) {
                    continue;
                }
                Path sample = kdamond.resolve("contexts/0/monitoring_attrs/intervals/sample_us");
                running.add(Files.exists(sample)
                        ? "every " + Long.parseLong(Files.readString(sample).strip()) / 1000 + " ms" : "");
            }
            return running.isEmpty() ? Optional.empty()
                    : Optional.of("kernel: DAMON's kdamond is on (samples " + String.join(", ", running)
                            + "); each sample takes a core for several ms, which shows in both p99s (README.md)");
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return "load " + fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static List<String> options(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    variable + " is not set: run bench/collab/run, which takes it from ./autograph java-opts");
        }
        return List.of(value.trim().split("\\s+"));
    }

}
