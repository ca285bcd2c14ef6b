package com.autograph.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/diagrams' write path: an autosave PATCH of a 50-shape canvas (one shape moved, so
 * the content changes every time) and a title-only PATCH, both on 50-shape files, through
 * the gateway; then the read path, a GET of the same files. Given two builds (each its
 * own diagram-service and gateway on the same database), every worker sends its requests
 * to them in turn, so before and after share the run and the machine's load; each build's
 * diagram-service CPU time per request comes from /proc.
 */
final class PatchScenarios {

    /** Rectangles with labels and style; arrows between neighbours: 50 shapes. */
    private static final int BOXES = 35;

    private static final int ARROWS = 15;

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private static final int WARM_UP_REQUESTS = 500;

    private static final Duration IDLE = Duration.ofSeconds(15);

    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(4);

    /**
     * One build under test: the gateway in front of it and its diagram-service's process
     * id.
     */
    record Build(String name, URI gateway, long servicePid) {
    }

    @FunctionalInterface
    private interface Body {

        String next(int worker, long sequence);

    }

    /** {@code body} null: a GET of the file (the read path every open takes). */
    private record Scenario(String name, Body body) {
    }

    private PatchScenarios() {
    }

    /**
     * A realistic diagram: labelled, styled boxes in a grid and labelled arrows;
     * {@code shift} moves the first box.
     */
    static String document(int shift) {
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < BOXES; i++) {
            shapes.append(i == 0 ? "" : ",")
                .append("""
                        {"id":"s%d","type":"rectangle","x":%d,"y":%d,"width":160,"height":60,"rotation":0,\
                        "text":"Service %d","icon":"aws-lambda","parent_id":null,"style":{"fill_color":"#dbeafe",\
                        "stroke_color":"#1d4ed8","stroke_width":2,"font_size":16}}""".formatted(i,
                        (i % 7) * 220 + (i == 0 ? shift : 0), (i / 7) * 140, i));
        }
        for (int i = 0; i < ARROWS; i++) {
            shapes.append(",").append("""
                    {"id":"e%d","type":"arrow","start":{"shape_id":"s%d"},"end":{"shape_id":"s%d"},"text":"calls %d",\
                    "style":{"stroke_color":"#334155"}}""".formatted(i, i, i + 1, i));
        }
        return "{\"schema_version\":1,\"shapes\":[" + shapes + "],\"background\":\"#ffffff\"}";
    }

    static void run(HttpClient http, List<Build> builds, String token, int workers, Duration duration)
            throws Exception {
        // Per worker and build a file of its own: no request invalidates another's ETag.
        String[][] files = new String[workers][builds.size()];
        String[][] etags = new String[workers][builds.size()];
        for (int w = 0; w < workers; w++) {
            for (int b = 0; b < builds.size(); b++) {
                HttpResponse<String> created = http.send(request(builds.get(b), "/api/diagrams", token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Patched " + w + "\",\"type\":\"canvas\","
                            + "\"canvas_data\":" + document(0) + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException(
                            "could not create a file: " + created.statusCode() + " " + created.body());
                }
                files[w][b] = created.headers().firstValue("Location").orElseThrow();
                etags[w][b] = created.headers().firstValue("ETag").orElseThrow();
            }
        }
        List<Scenario> scenarios = List.of(
                new Scenario("autosave (PATCH canvas_data)",
                        (w, n) -> "{\"canvas_data\":" + document((int) (n % 400)) + "}"),
                new Scenario("title only (PATCH title)", (w, n) -> "{\"title\":\"Renamed " + w + " " + n + "\"}"),
                new Scenario("open (GET the file)", null));

        System.out.printf("PATCH and GET on %d-shape files (%,d-byte canvas), %d clients, %d s each%s%n",
                BOXES + ARROWS, document(0).length(), workers, duration.toSeconds(), builds.size() > 1
                        ? ", requests alternating between builds " + builds.stream().map(Build::name).toList() : "");
        for (Scenario scenario : scenarios) {
            warmUp(http, builds, scenario, token, files, etags, workers);
        }
        // What each service spends with no request at all (schedulers, pools, metrics):
        // at the few
        // requests per second of a busy machine it is a visible share of the CPU per
        // request.
        long[] idle = new long[builds.size()];
        for (int b = 0; b < idle.length; b++) {
            idle[b] = cpuTicks(builds.get(b).servicePid());
        }
        Thread.sleep(IDLE.toMillis());
        double[] idleTicksPerSecond = new double[builds.size()];
        for (int b = 0; b < idle.length; b++) {
            idleTicksPerSecond[b] = (cpuTicks(builds.get(b).servicePid()) - idle[b]) / (double) IDLE.toSeconds();
            System.out.printf("idle: %s's diagram-service uses %.1f ms of CPU per second%n", builds.get(b).name(),
                    idleTicksPerSecond[b] * 1000 / CLOCK_TICKS_PER_SECOND);
        }
        System.out.printf("%-30s %-8s %9s %8s %8s %8s   %s%n", "scenario", "build", "req", "p50 ms", "p95 ms", "errors",
                "diagram-service CPU/request (net of idle)");
        for (Scenario scenario : scenarios) {
            List<Outcome> outcomes = measure(http, builds, scenario, token, files, etags, workers, duration);
            for (Outcome outcome : outcomes) {
                System.out.printf("%-30s %-8s %9d %8.2f %8.2f %8d   %.0f us (%.0f us)%n", scenario.name(),
                        outcome.build.name(), outcome.count(), outcome.percentile(0.50), outcome.percentile(0.95),
                        outcome.errors, outcome.cpuMicrosPerRequest(), outcome.cpuMicrosPerRequest(
                                idleTicksPerSecond[builds.indexOf(outcome.build)] * duration.toSeconds()));
            }
            if (outcomes.size() == 2) {
                Outcome current = outcomes.get(0);
                Outcome base = outcomes.get(1);
                System.out.printf("%-30s %s / %s: p50 %.2fx, p95 %.2fx, CPU/request %.2fx (net of idle %.2fx)%n", "",
                        current.build.name(), base.build.name(), current.percentile(0.50) / base.percentile(0.50),
                        current.percentile(0.95) / base.percentile(0.95),
                        current.cpuMicrosPerRequest() / base.cpuMicrosPerRequest(),
                        current.cpuMicrosPerRequest(idleTicksPerSecond[0] * duration.toSeconds())
                                / base.cpuMicrosPerRequest(idleTicksPerSecond[1] * duration.toSeconds()));
            }
        }
    }

    /**
     * Until every build has served {@link #WARM_UP_REQUESTS} of the scenario (at most
     * {@link #WARM_UP_LIMIT}): on a busy machine a time-based warm-up leaves the
     * later-started build colder, and a cold service's JIT compilation shows up as its
     * CPU per request.
     */
    private static void warmUp(HttpClient http, List<Build> builds, Scenario scenario, String token, String[][] files,
            String[][] etags, int workers) throws Exception {
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        int[] served = new int[builds.size()];
        while (Arrays.stream(served).min().orElse(0) < WARM_UP_REQUESTS && System.nanoTime() < deadline) {
            List<Outcome> round = measure(http, builds, scenario, token, files, etags, workers, Duration.ofSeconds(10));
            for (int b = 0; b < served.length; b++) {
                served[b] += round.get(b).count();
            }
        }
        System.out.printf("warm-up of %s: %s requests served%n", scenario.name(), Arrays.toString(served));
    }

    private record Outcome(Build build, long[] sortedMicros, int errors, long cpuTicks) {

        int count() {
            return sortedMicros.length;
        }

        double percentile(double p) {
            return count() == 0 ? Double.NaN
                    : sortedMicros[Math.max(0, Math.min(count() - 1, (int) Math.ceil(p * count()) - 1))] / 1000.0;
        }

        double cpuMicrosPerRequest() {
            return cpuMicrosPerRequest(0);
        }

        /**
         * Less {@code idleTicks}, what the process would have used meanwhile without
         * requests.
         */
        double cpuMicrosPerRequest(double idleTicks) {
            return (cpuTicks - idleTicks) * 1e6 / CLOCK_TICKS_PER_SECOND / Math.max(1, count() + errors);
        }
    }

    /**
     * Each worker sends to the builds in turn (odd workers start with the second), closed
     * loop.
     */
    private static List<Outcome> measure(HttpClient http, List<Build> builds, Scenario scenario, String token,
            String[][] files, String[][] etags, int workers, Duration duration) throws Exception {
        int n = builds.size();
        long[] cpuBefore = new long[n];
        for (int b = 0; b < n; b++) {
            cpuBefore[b] = cpuTicks(builds.get(b).servicePid());
        }
        List<List<List<Long>>> times = new ArrayList<>();
        int[][] errors = new int[workers][n];
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                List<List<Long>> mine = new ArrayList<>();
                for (int b = 0; b < n; b++) {
                    mine.add(new ArrayList<>());
                }
                times.add(mine);
                int worker = w;
                pool.submit(() -> {
                    int b = worker % n;
                    while (System.nanoTime() < deadline) {
                        Build build = builds.get(b);
                        HttpRequest request = scenario.body() == null
                                ? request(build, files[worker][b], token).GET().build()
                                : request(build, files[worker][b], token).header("If-Match", etags[worker][b])
                                    .method("PATCH",
                                            HttpRequest.BodyPublishers
                                                .ofString(scenario.body().next(worker, sequence.incrementAndGet())))
                                    .build();
                        long started = System.nanoTime();
                        try {
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            long micros = (System.nanoTime() - started) / 1000;
                            if (response.statusCode() == 200) {
                                mine.get(b).add(micros);
                                etags[worker][b] = response.headers().firstValue("ETag").orElseThrow();
                            }
                            else {
                                errors[worker][b]++;
                            }
                        }
                        catch (Exception ex) {
                            errors[worker][b]++;
                        }
                        b = (b + 1) % n;
                    }
                    return null;
                });
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            int build = b;
            long[] all = times.stream()
                .flatMap(mine -> mine.get(build).stream())
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
            int failed = Arrays.stream(errors).mapToInt(row -> row[build]).sum();
            outcomes.add(new Outcome(builds.get(b), all, failed, cpuTicks(builds.get(b).servicePid()) - cpuBefore[b]));
        }
        return outcomes;
    }

    private static HttpRequest.Builder request(Build build, String path, String token) {
        return HttpRequest.newBuilder(build.gateway().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    }

    /**
     * User plus system CPU time of a process so far, in clock ticks (/proc/PID/stat
     * fields 14 and 15).
     */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

}
