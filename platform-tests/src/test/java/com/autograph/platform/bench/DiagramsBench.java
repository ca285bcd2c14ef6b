package com.autograph.platform.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;

/**
 * bench/diagrams: get, update and search latencies through the gateway with 100,000 files
 * of realistic size in the database (15-shape diagrams with notes, 100 owners; the
 * benchmark user owns 1,000 and searches across what it may see; a searched name is on a
 * few percent of them). The same GET straight to diagram-service, measured in the same
 * run, is the baseline for what the gateway adds. Then the PATCH scenarios of
 * {@link PatchScenarios}, on this build and, with {@code --base-jar}, alternately on a
 * base build.
 */
public final class DiagramsBench {

    private static final String[] WORDS = { "Kubernetes", "Gateway", "Postgres", "Redis", "Kafka", "Payments", "Orders",
            "Search", "Billing", "Auth", "Frontend", "Worker", "Queue", "Cache", "Storage", "Analytics", "Inventory",
            "Shipping", "Notifications", "Ledger" };

    public static void main(String[] arguments) throws Exception {
        // --base-jar JAR: another build of diagram-service (bench/diagrams --base REF)
        // for the PATCH comparison.
        Path baseJar = FileBench.baseJar(arguments);
        boolean compared = baseJar != null;
        String[] args = FileBench.rest(arguments);
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 15);
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        // The gateway's rate limits stay on (their Redis round trip is part of the path)
        // but high
        // enough that the benchmark user is never refused.
        try (RunningPlatform platform = RunningPlatform.start(List.of("auth-service", "diagram-service"), "10",
                Map.of("RATE_LIMIT_PER_USER", "100000000", "RATE_LIMIT_PER_IP", "100000000"))) {
            HttpClient http = HttpClient.newHttpClient();
            String token = BenchAccount.signUp(platform, http).accessToken();
            List<PatchScenarios.Build> builds = new ArrayList<>();
            builds.add(new PatchScenarios.Build("current", platform.gateway("/"), platform.pid("diagram-service")));
            if (compared) {
                // The base build's own diagram-service and a gateway routing to it, on
                // the same
                // database; first, while both services are equally cold.
                builds.add(new PatchScenarios.Build("base", FileBench.startBase(platform, baseJar),
                        platform.pid("diagram-service-base")));
                PatchScenarios.run(http, builds, token, workers, duration);
            }
            UUID me = UUID.fromString(
                    JsonPath.read(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])), "$.sub"));
            long generated = System.nanoTime();
            List<UUID> mine = generate(platform, me, files);
            System.out.printf("generated %,d files in %.1f s (benchmark user owns %,d)%n", files,
                    (System.nanoTime() - generated) / 1e9, mine.size());

            HttpLoad.Step get = (w, client) -> client.send(
                    authorized(platform.gateway("/api/diagrams/" + pick(mine)), token).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String[] etags = new String[workers];
            HttpLoad.Step update = (w, client) -> {
                UUID file = mine.get(w); // one file per worker: no worker invalidates
                                         // another's ETag
                if (etags[w] == null) {
                    etags[w] = client
                        .send(authorized(platform.gateway("/api/diagrams/" + file), token).GET().build(),
                                HttpResponse.BodyHandlers.discarding())
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();
                }
                HttpResponse<Void> response = client.send(authorized(platform.gateway("/api/diagrams/" + file), token)
                    .header("Content-Type", "application/json")
                    .header("If-Match", etags[w])
                    .method("PATCH",
                            HttpRequest.BodyPublishers.ofString("{\"title\":\"Renamed " + System.nanoTime() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
                etags[w] = response.headers().firstValue("ETag").orElse(null);
                return response;
            };
            HttpLoad.Step search = (w,
                    client) -> client.send(authorized(platform.gateway(
                            "/api/diagrams/search?q=" + typo(WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)])),
                            token)
                        .GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
            String identityless = "/api/diagrams/" + mine.getFirst();

            for (HttpLoad.Step warm : List.of(get, update, search)) {
                HttpLoad.run("warm-up", warm, workers, Duration.ofSeconds(5));
            }
            HttpLoad.Result getResult = HttpLoad.run("get (GET /api/diagrams/{id})", get, workers, duration);
            HttpLoad.Result updateResult = HttpLoad.run("update (PATCH, If-Match)", update, workers, duration);
            HttpLoad.Result searchResult = HttpLoad.run("search (typo, 100k files)", search, workers, duration);
            HttpLoad.Result health = HttpLoad.run("baseline: diagram-service /health/liveness",
                    () -> HttpRequest.newBuilder(platform.service("diagram-service", "/health/liveness")).GET().build(),
                    workers, duration);

            System.out.printf("bench/diagrams on %d cores, %,d files, %d concurrent clients, %d s per measurement%n",
                    Runtime.getRuntime().availableProcessors(), files, workers, duration.toSeconds());
            for (HttpLoad.Result result : List.of(getResult, updateResult, searchResult, health)) {
                System.out.println(result);
            }
            System.out.printf(
                    "p95 vs goal: get %.2fx of 50 ms, update %.2fx of 50 ms, search %.2fx of 100 ms;"
                            + " get p50 / no-op p50: %.1fx%n",
                    getResult.p95Millis() / 50, updateResult.p95Millis() / 50, searchResult.p95Millis() / 100,
                    getResult.p50Millis() / health.p50Millis());
            if (getResult.errors() + updateResult.errors() + searchResult.errors() > 0) {
                throw new IllegalStateException(
                        "requests failed during the benchmark (see errors above); " + identityless);
            }
            if (!compared) {
                PatchScenarios.run(http, builds, token, workers, duration);
            }

        }
    }

    /**
     * Rows straight into PostgreSQL (a client would need hours); shaped like what the
     * service writes.
     */
    private static List<UUID> generate(RunningPlatform platform, UUID me, int count) throws Exception {
        try (Connection db = DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                platform.databasePassword()); Statement sql = db.createStatement()) {
            sql.execute("""
                    INSERT INTO users (id, email, full_name)
                    SELECT gen_random_uuid(), 'owner-' || g || '-' || gen_random_uuid() || '@example.com', 'Owner ' || g
                    FROM generate_series(1, 99) g""");
            String words = "ARRAY['" + String.join("','", WORDS) + "']";
            // Shape labels come from a 400-word vocabulary (the 20 names above plus 380
            // others), so
            // one name is on a few percent of the diagrams, as in a real workspace.
            sql.execute("""
                    CREATE OR REPLACE FUNCTION pg_temp.label(words text[], i int, k int) RETURNS text
                    LANGUAGE sql IMMUTABLE AS $$
                      SELECT CASE WHEN v < 20 THEN words[1 + v] ELSE 'component' || v END || ' ' || k
                      FROM (SELECT abs(hashint4(i * 31 + k)) %% 400 AS v) h
                    $$""".replace("%%", "%"));
            sql.execute(
                    """
                            WITH owners AS (SELECT array_agg(id ORDER BY id = '%s' DESC, id) AS ids FROM users),
                                 w AS (SELECT %s AS words),
                                 docs AS (
                                   SELECT i,
                                          (SELECT string_agg(pg_temp.label(words, i, k), E'\\n')
                                             FROM generate_series(1, 15) k) AS text,
                                          (SELECT jsonb_build_object('schema_version', 1, 'shapes', jsonb_agg(jsonb_build_object(
                                                'id', 's' || k, 'type', 'rectangle', 'x', (k %% 5) * 220, 'y', (k / 5) * 140,
                                                'width', 160, 'height', 60, 'text', pg_temp.label(words, i, k),
                                                'style', jsonb_build_object('fill_color', '#dbeafe', 'stroke_color', '#1d4ed8'))))
                                             FROM generate_series(1, 15) k) AS canvas
                                   FROM generate_series(1, %d) i, w)
                            INSERT INTO files (owner_id, title, file_type, canvas_data, note_content, search_text, size_bytes,
                                               created_by, updated_by)
                            SELECT (owners.ids)[1 + i %% 100], words[1 + i %% 20] || ' ' || words[1 + (i / 20) %% 20] || ' architecture ' || i,
                                   'mixed', canvas, 'Runbook for ' || words[1 + i %% 20] || ': restart, scale, roll back.', text,
                                   octet_length(canvas::text) + 48, (owners.ids)[1 + i %% 100], (owners.ids)[1 + i %% 100]
                            FROM docs, owners, w"""
                        .formatted(me, words, count));
            // Statistics now rather than at autovacuum's next round: the search
            // dictionary filled up too.
            sql.execute("ANALYZE files");
            sql.execute("ANALYZE search_words");
            List<UUID> mine = new ArrayList<>();
            try (var rs = sql.executeQuery("SELECT id FROM files WHERE owner_id = '" + me + "'")) {
                while (rs.next()) {
                    mine.add(rs.getObject(1, UUID.class));
                }
            }
            return mine;
        }
    }

    private static HttpRequest.Builder authorized(java.net.URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private static UUID pick(List<UUID> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    /** A dropped letter, as people type. */
    private static String typo(String word) {
        int at = 1 + ThreadLocalRandom.current().nextInt(word.length() - 2);
        return (word.substring(0, at) + word.substring(at + 1)).toLowerCase();
    }

}
