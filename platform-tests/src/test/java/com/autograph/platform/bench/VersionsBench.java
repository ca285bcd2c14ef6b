package com.autograph.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;

/**
 * bench/versions: list, fetch-oldest and diff-oldest-vs-head latencies through the
 * gateway for a file with 1,000 versions of a 500-shape diagram (each version moves,
 * relabels and recolours a few shapes and has 495–500 of them, with a 40-line note). The
 * versions are written straight into PostgreSQL, hours apart, and diagram-service's own
 * background job then compresses all but the newest ten, so the oldest is read back from
 * gzip as in production. The baseline, measured in the same run, is diagram-service's
 * no-op {@code /health/liveness}, and the peer is reading the file itself (its 500-shape
 * head) through the gateway; the goal is p95 under 100 ms each. Because the gateway's
 * share depends on the machine's load, each run also reports diagram-service's own time
 * for the same requests, from its {@code http_server_requests_seconds} histogram.
 */
public final class VersionsBench {

    public static void main(String[] args) throws Exception {
        int versions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int shapes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Duration duration = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 10);
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        try (FileBench bench = FileBench.start(Map.of("VERSION_JOB_INTERVAL", "2s", "VERSION_COMPRESS_AFTER", "1h"),
                "Platform architecture", "mixed")) {
            RunningPlatform platform = bench.platform;
            HttpClient http = bench.http;
            String token = bench.token;
            UUID me = bench.me;
            UUID file = bench.file;

            long started = System.nanoTime();
            generate(platform, me, file, versions, shapes);
            System.out.printf("generated %,d versions of a %d-shape diagram in %.1f s%n", versions, shapes,
                    (System.nanoTime() - started) / 1e9);
            String base = "/api/diagrams/" + file + "/versions";
            String stats = awaitCompression(http, platform.gateway(base + "/stats"), token, versions - 10);
            long size = ((Number) JsonPath.read(stats, "$.size_bytes")).longValue();
            long stored = ((Number) JsonPath.read(stats, "$.stored_bytes")).longValue();
            System.out.printf(
                    "compressed by diagram-service's job: %s of %s versions; %,d bytes as snapshots, %,d stored (%.1fx smaller)%n",
                    JsonPath.read(stats, "$.compressed_count"), JsonPath.read(stats, "$.version_count"), size, stored,
                    (double) size / stored);

            URI list = platform.gateway(base);
            URI oldest = platform.gateway(base + "/1");
            URI diff = platform.gateway(base + "/diff?from=1&to=head");
            String sample = http
                .send(FileBench.authorized(diff, token).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
            System.out.printf("diff oldest vs head: %s%n", JsonPath.<Object>read(sample, "$.summary"));

            List<URI> measured = List.of(list, oldest, diff);
            for (URI uri : measured) {
                HttpLoad.run("warm-up", () -> FileBench.authorized(uri, token).GET().build(), workers,
                        Duration.ofSeconds(3));
            }
            URI metrics = platform.service("diagram-service", "/metrics");
            ServerTime.Sample listBefore = ServerTime.sample(http, metrics, "/api/diagrams/{id}/versions");
            HttpLoad.Result listResult = HttpLoad.run("list (newest 20 of " + versions + ")",
                    () -> FileBench.authorized(list, token).GET().build(), workers, duration);
            ServerTime.Sample listServer = ServerTime.sample(http, metrics, "/api/diagrams/{id}/versions")
                .minus(listBefore);
            ServerTime.Sample oldestBefore = ServerTime.sample(http, metrics, "/api/diagrams/{id}/versions/{number}");
            HttpLoad.Result oldestResult = HttpLoad.run("fetch oldest (compressed)",
                    () -> FileBench.authorized(oldest, token).GET().build(), workers, duration);
            ServerTime.Sample oldestServer = ServerTime.sample(http, metrics, "/api/diagrams/{id}/versions/{number}")
                .minus(oldestBefore);
            ServerTime.Sample diffBefore = ServerTime.sample(http, metrics, "/api/diagrams/{id}/versions/diff");
            HttpLoad.Result diffResult = HttpLoad.run("diff oldest vs head",
                    () -> FileBench.authorized(diff, token).GET().build(), workers, duration);
            ServerTime.Sample diffServer = ServerTime.sample(http, metrics, "/api/diagrams/{id}/versions/diff")
                .minus(diffBefore);
            URI head = platform.gateway("/api/diagrams/" + file);
            HttpLoad.Result peer = HttpLoad.run("peer: GET /api/diagrams/{id} (head)",
                    () -> FileBench.authorized(head, token).GET().build(), workers, duration);
            HttpLoad.Result health = HttpLoad.run("baseline: diagram-service /health/liveness",
                    () -> HttpRequest.newBuilder(platform.service("diagram-service", "/health/liveness")).GET().build(),
                    workers, duration);

            System.out.printf(
                    "bench/versions on %d cores, %,d versions x %d shapes, %d concurrent clients, %d s per measurement%n",
                    Runtime.getRuntime().availableProcessors(), versions, shapes, workers, duration.toSeconds());
            for (HttpLoad.Result result : List.of(listResult, oldestResult, diffResult, peer, health)) {
                System.out.println(result);
            }
            System.out.printf(
                    "diagram-service's own time (its histogram): list mean %.1f ms, p95 <= %.1f ms;"
                            + " fetch oldest mean %.1f ms, p95 <= %.1f ms; diff mean %.1f ms, p95 <= %.1f ms%n",
                    listServer.meanMillis(), listServer.p95UpperMillis(), oldestServer.meanMillis(),
                    oldestServer.p95UpperMillis(), diffServer.meanMillis(), diffServer.p95UpperMillis());
            System.out.printf(
                    "p95 vs goal (100 ms): list %.2fx, fetch oldest %.2fx, diff %.2fx;"
                            + " p50 / no-op p50: list %.1fx, fetch oldest %.1fx, diff %.1fx%n",
                    listResult.p95Millis() / 100, oldestResult.p95Millis() / 100, diffResult.p95Millis() / 100,
                    listResult.p50Millis() / health.p50Millis(), oldestResult.p50Millis() / health.p50Millis(),
                    diffResult.p50Millis() / health.p50Millis());
            System.out.printf("p50 / peer (GET the file) p50: list %.2fx, fetch oldest %.2fx, diff %.2fx%n",
                    listResult.p50Millis() / peer.p50Millis(), oldestResult.p50Millis() / peer.p50Millis(),
                    diffResult.p50Millis() / peer.p50Millis());
            if (listResult.errors() + oldestResult.errors() + diffResult.errors() > 0) {
                throw new IllegalStateException("requests failed during the benchmark (see errors above)");
            }
        }
    }

    /**
     * Versions 1…n hours apart, each a full snapshot shaped like what diagram-service
     * writes.
     */
    private static void generate(RunningPlatform platform, UUID me, UUID file, int versions, int shapes)
            throws Exception {
        try (Connection db = DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                platform.databasePassword())) {
            try (PreparedStatement insert = db.prepareStatement(
                    """
                            WITH docs AS (
                              SELECT k,
                                     (SELECT jsonb_build_object('schema_version', 1, 'background', '#ffffff', 'shapes',
                                               jsonb_agg(jsonb_build_object(
                                                 'id', 's' || i,
                                                 'type', CASE WHEN i % 7 = 0 THEN 'ellipse' ELSE 'rectangle' END,
                                                 'x', (i % 25) * 200 + CASE WHEN i % 50 = k % 50 THEN k % 40 ELSE 0 END,
                                                 'y', (i / 25) * 120, 'width', 160, 'height', 60,
                                                 'text', 'Service ' || i || CASE WHEN i % 100 = k % 100 THEN ' (rev ' || k || ')' ELSE '' END,
                                                 'style', jsonb_build_object(
                                                   'fill_color', CASE WHEN (i + k) % 97 = 0 THEN '#fde68a' ELSE '#dbeafe' END,
                                                   'stroke_color', '#1d4ed8', 'stroke_width', 2)) ORDER BY i))
                                        FROM generate_series(1, ? - k % 6) i) AS canvas,
                                     (SELECT string_agg('Step ' || j || ': ' || CASE WHEN j % 10 = k % 10 THEN 'check revision ' || k
                                                        ELSE 'restart the service, watch the dashboards' END, E'\\n' ORDER BY j)
                                        FROM generate_series(1, 40) j) AS note
                              FROM generate_series(1, ?) k)
                            INSERT INTO versions (file_id, version_number, canvas_data, note_content, reason, search_text,
                                                  size_bytes, created_by, created_at)
                            SELECT ?, k, canvas, note, CASE WHEN k % 10 = 0 THEN 'save' ELSE 'autosave' END,
                                   (SELECT string_agg(s ->> 'text', E'\\n') FROM jsonb_array_elements(canvas -> 'shapes') s),
                                   octet_length(canvas::text) + octet_length(note), ?, now() - make_interval(hours => ? - k)
                            FROM docs""")) {
                insert.setInt(1, shapes);
                insert.setInt(2, versions);
                insert.setObject(3, file);
                insert.setObject(4, me);
                insert.setInt(5, versions);
                insert.executeUpdate();
            }
            // The head: the newest version with one more shape, as after an edit since
            // the last save.
            try (PreparedStatement head = db.prepareStatement(
                    """
                            UPDATE files f SET current_version = ?, note_content = v.note_content,
                                   canvas_data = jsonb_set(v.canvas_data, '{shapes}', (v.canvas_data -> 'shapes') || jsonb_build_array(
                                       jsonb_build_object('id', 'late', 'type', 'text', 'x', 0, 'y', -100, 'text', 'Added after the save'))),
                                   search_text = v.search_text || E'\\nAdded after the save', size_bytes = v.size_bytes + 80
                            FROM versions v WHERE f.id = ? AND v.file_id = f.id AND v.version_number = ?""")) {
                head.setInt(1, versions);
                head.setObject(2, file);
                head.setInt(3, versions);
                head.executeUpdate();
            }
            db.createStatement().execute("ANALYZE versions");
        }
    }

    /**
     * Waits until diagram-service's background job has compressed {@code expected}
     * versions.
     */
    private static String awaitCompression(HttpClient http, URI stats, String token, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            String body = http
                .send(FileBench.authorized(stats, token).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
            int compressed = JsonPath.read(body, "$.compressed_count");
            if (compressed >= expected) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + compressed + " of " + expected + " versions compressed after 5 min");
            }
            Thread.sleep(1000);
        }
    }

}
