package com.autograph.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;

/**
 * bench/comments: p50/p95 through the gateway of listing a file's open threads (first
 * page of 50, each with its first comment and latest reply) and the caller's unread
 * notifications, for a file with 10,000 comments in 1,000 threads (a third resolved, with
 * mentions and reactions) and a user with 2,000 notifications (a quarter unread), all
 * written straight into PostgreSQL. Peers measured in the same run: GET of the file
 * itself through the gateway (whose summary counts its comments), and the open-threads
 * query straight over JDBC (what the database alone costs). Goal: p95 under 50 ms each.
 */
public final class CommentsBench {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Duration duration = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 10);
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Map<String, String> settings = Map.of("RATE_LIMIT_PER_USER", "100000000", "RATE_LIMIT_PER_IP", "100000000",
                "NOTIFICATION_MAIL_INTERVAL", "3650d");
        try (RunningPlatform platform = RunningPlatform.start(List.of("auth-service", "diagram-service"), "10",
                settings)) {
            HttpClient http = HttpClient.newHttpClient();
            String token = BenchAccount.signUp(platform, http).accessToken();
            UUID me = UUID.fromString(
                    JsonPath.read(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])), "$.sub"));
            HttpResponse<String> created = http
                .send(authorized(platform.gateway("/api/diagrams"), token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers
                        .ofString("{\"title\": \"Reviewed architecture\", \"type\": \"canvas\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating the file failed: " + created.body());
            }
            UUID file = UUID.fromString(JsonPath.read(created.body(), "$.id"));
            long started = System.nanoTime();
            try (Connection db = DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                    platform.databasePassword())) {
                seed(db, me, file, threads, perThread);
                System.out.printf("seeded %,d comments in %,d threads and 2,000 notifications in %.1f s%n",
                        threads * perThread, threads, (System.nanoTime() - started) / 1e9);

                URI open = platform.gateway("/api/diagrams/" + file + "/comments?status=open&size=50");
                URI unread = platform.gateway("/api/diagrams/notifications?unread=true&size=20");
                URI head = platform.gateway("/api/diagrams/" + file);
                String sample = http.send(authorized(open, token).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
                System.out.printf("open threads: %s of %,d; unread notifications: %s%n",
                        JsonPath.<Object>read(sample, "$.total"), threads,
                        JsonPath.<Object>read(
                                http.send(authorized(unread, token).GET().build(), HttpResponse.BodyHandlers.ofString())
                                    .body(),
                                "$.unread_count"));
                for (URI uri : List.of(open, unread, head)) {
                    HttpLoad.run("warm-up", () -> authorized(uri, token).GET().build(), workers, Duration.ofSeconds(3));
                }
                HttpLoad.Result openResult = HttpLoad.run("list open threads (50 of them)",
                        () -> authorized(open, token).GET().build(), workers, duration);
                HttpLoad.Result unreadResult = HttpLoad.run("unread notifications (20)",
                        () -> authorized(unread, token).GET().build(), workers, duration);
                HttpLoad.Result peer = HttpLoad.run("peer: GET /api/diagrams/{id}",
                        () -> authorized(head, token).GET().build(), workers, duration);
                double[] jdbc = jdbcOpenThreads(db, file, duration);

                System.out.printf("bench/comments on %d cores, %,d comments in %,d threads, %d clients, %d s each%n",
                        Runtime.getRuntime().availableProcessors(), threads * perThread, threads, workers,
                        duration.toSeconds());
                for (HttpLoad.Result result : List.of(openResult, unreadResult, peer)) {
                    System.out.println(result);
                }
                System.out.printf("%-34s p50 %7.2f ms   p95 %7.2f ms   (one client)%n",
                        "peer: open-threads SQL over JDBC", jdbc[0], jdbc[1]);
                System.out.printf("p95 vs goal (50 ms): open threads %.2fx, unread notifications %.2fx%n",
                        openResult.p95Millis() / 50, unreadResult.p95Millis() / 50);
                System.out.printf(
                        "p50 / peer GET-the-file p50: open threads %.2fx, unread notifications %.2fx;"
                                + " open threads p50 / its SQL alone p50: %.1fx%n",
                        openResult.p50Millis() / peer.p50Millis(), unreadResult.p50Millis() / peer.p50Millis(),
                        openResult.p50Millis() / jdbc[0]);
                if (openResult.errors() + unreadResult.errors() + peer.errors() > 0) {
                    throw new IllegalStateException("requests failed during the benchmark (see errors above)");
                }
            }
        }
    }

    /**
     * Threads with their replies (every third resolved), a mention of the caller in every
     * tenth thread and reactions on first comments; 2,000 notifications, every fourth
     * unread. Authors are the caller and a second account.
     */
    private static void seed(Connection db, UUID me, UUID file, int threads, int perThread) throws Exception {
        UUID other = UUID.randomUUID();
        try (PreparedStatement user = db
            .prepareStatement("INSERT INTO users (id, email, full_name) VALUES (?, ?, 'Bench Reviewer')")) {
            user.setObject(1, other);
            user.setString(2, "reviewer-" + other + "@example.com");
            user.executeUpdate();
        }
        try (PreparedStatement roots = db.prepareStatement("""
                INSERT INTO comments (id, file_id, user_id, content, anchor_kind, position_x, position_y, is_resolved,
                                      created_at, updated_at)
                SELECT md5(? || t)::uuid, ?, CASE WHEN t % 2 = 0 THEN ? ELSE ? END,
                       'Thread ' || t || ': should the payment service retry on timeout?', 'point', t * 10, t * 5,
                       t % 3 = 0, now() - make_interval(mins => ? - t), now()
                FROM generate_series(1, ?) t""")) {
            roots.setString(1, file.toString());
            roots.setObject(2, file);
            roots.setObject(3, me);
            roots.setObject(4, other);
            roots.setInt(5, threads);
            roots.setInt(6, threads);
            roots.executeUpdate();
        }
        try (PreparedStatement replies = db.prepareStatement("""
                INSERT INTO comments (file_id, user_id, parent_id, content, anchor_kind, created_at, updated_at)
                SELECT ?, CASE WHEN r % 2 = 0 THEN ? ELSE ? END, md5(? || t)::uuid,
                       'Reply ' || r || ' in thread ' || t || ': idempotency keys make retries safe', 'reply',
                       now() - make_interval(mins => ? - t) + make_interval(secs => r), now()
                FROM generate_series(1, ?) t, generate_series(1, ?) r""")) {
            replies.setObject(1, file);
            replies.setObject(2, me);
            replies.setObject(3, other);
            replies.setString(4, file.toString());
            replies.setInt(5, threads);
            replies.setInt(6, threads);
            replies.setInt(7, perThread - 1);
            replies.executeUpdate();
        }
        try (PreparedStatement mentions = db.prepareStatement(
                "INSERT INTO mentions (comment_id, user_id) SELECT md5(? || t)::uuid, ? FROM generate_series(10, ?, 10) t");
                PreparedStatement reactions = db.prepareStatement("""
                        INSERT INTO comment_reactions (comment_id, user_id, emoji)
                        SELECT md5(? || t)::uuid, u, e FROM generate_series(1, ?) t, unnest(ARRAY[?, ?]::uuid[]) u,
                               unnest(ARRAY['thumbs_up', 'eyes']) e""");
                PreparedStatement notifications = db.prepareStatement(
                        """
                                INSERT INTO notifications (user_id, type, actor_id, file_id, details, read_at, email_state, created_at)
                                SELECT ?, 'comment_on_file', ?, ?, jsonb_build_object('file_title', 'Reviewed architecture',
                                       'excerpt', 'Comment ' || n), CASE WHEN n % 4 = 0 THEN NULL ELSE now() END, 'sent',
                                       now() - make_interval(mins => n)
                                FROM generate_series(1, 2000) n""")) {
            mentions.setString(1, file.toString());
            mentions.setObject(2, me);
            mentions.setInt(3, threads);
            mentions.executeUpdate();
            reactions.setString(1, file.toString());
            reactions.setInt(2, threads);
            reactions.setObject(3, me);
            reactions.setObject(4, other);
            reactions.executeUpdate();
            notifications.setObject(1, me);
            notifications.setObject(2, other);
            notifications.setObject(3, file);
            notifications.executeUpdate();
        }
        try (var analyze = db.createStatement()) {
            analyze.execute("ANALYZE comments, mentions, comment_reactions, notifications");
        }
    }

    /**
     * The open-threads page's main query (threads, reply counts, latest replies) straight
     * over JDBC, one client: p50 and p95 in ms.
     */
    private static double[] jdbcOpenThreads(Connection db, UUID file, Duration duration) throws Exception {
        long[] samples = new long[1_000_000];
        int n = 0;
        long end = System.nanoTime() + duration.toNanos();
        try (PreparedStatement query = db.prepareStatement(
                """
                        SELECT c.id, c.content, c.anchor_kind, c.position_x, c.position_y, c.is_resolved, c.created_at,
                               count(*) OVER () AS total,
                               (SELECT count(*) FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL) AS reply_count,
                               (SELECT r.id FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL
                                ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS latest_reply
                        FROM comments c WHERE c.file_id = ? AND c.parent_id IS NULL AND c.deleted_at IS NULL AND NOT c.is_resolved
                        ORDER BY c.created_at DESC, c.id LIMIT 50""")) {
            query.setObject(1, file);
            while (System.nanoTime() < end && n < samples.length) {
                long sent = System.nanoTime();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(2);
                    }
                }
                samples[n++] = System.nanoTime() - sent;
            }
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new double[] { sorted[n / 2] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.95))] / 1e6 };
    }

    private static HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

}
