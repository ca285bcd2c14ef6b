package com.autograph.export;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.s3.ObjectStorage;
import com.autograph.shared.s3.ObjectStorageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thumbnails made from diagram-service's file events, and batch exports to a ZIP with
 * progress (JSON and server-sent events) and a presigned download.
 */
class ThumbnailsAndJobsApiTest extends ExportApiTestBase {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RedisKeyspace keyspace;

    @Autowired
    ObjectStorage storage;

    @Test
    void aSavedFileGetsA256PixelThumbnailThatFollowsItsPermissions() throws Exception {
        UUID owner = newUser();
        FakeDiagramService.File file = diagrams.add(owner, "Thumbnailed", CANVAS);
        assertProblem(get(owner, "/api/export/thumbnails/" + file.id()), 404, "thumbnail_not_ready");

        // The subscription is made asynchronously at start-up: publish until a subscriber
        // hears it.
        String event = "{\"event\": \"file.updated\", \"file_id\": \"" + file.id()
                + "\", \"fields\": [\"canvas_data\"]}";
        await().atMost(Duration.ofSeconds(20))
            .until(() -> redis.convertAndSend(keyspace.fileChannel(file.id()), event) > 0);
        redis.convertAndSend(keyspace.fileChannel(file.id()),
                "{\"event\": \"version.created\", \"file_id\": \"" + file.id() + "\", \"version_number\": 1}");
        file.versions().put(1, CANVAS);

        await().atMost(Duration.ofSeconds(30)).until(() -> diagrams.thumbnails.containsKey(file.id().toString()));
        HttpResponse<byte[]> png = get(owner, "/api/export/thumbnails/" + file.id());
        assertThat(png.statusCode()).as(text(png)).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
        assertThat(diagrams.thumbnails.get(file.id().toString())).isEqualTo("thumbnails/" + file.id() + "/head.png");
        String etag = png.headers().firstValue("ETag").orElseThrow();
        assertThat(send(owner, "GET", "/api/export/thumbnails/" + file.id(), null, null, Map.of("If-None-Match", etag))
            .statusCode()).isEqualTo(304);

        await().atMost(Duration.ofSeconds(30)).until(() -> diagrams.thumbnails.containsKey(file.id() + "/1"));
        assertThat(get(owner, "/api/export/thumbnails/" + file.id() + "/versions/1").statusCode()).isEqualTo(200);
        assertProblem(get(newUser(), "/api/export/thumbnails/" + file.id()), 404, "not_found");

        // A deleted version's thumbnail goes, then a purged file's others.
        String bucket = storage.buckets().diagrams();
        String head = "thumbnails/" + file.id() + "/head.png";
        String v1 = "thumbnails/" + file.id() + "/v1.png";
        assertThat(storage.get(bucket, v1)).isNotEmpty();
        redis.convertAndSend(keyspace.fileChannel(file.id()),
                "{\"event\": \"version.deleted\", \"file_id\": \"" + file.id() + "\", \"version_number\": 1}");
        await().atMost(Duration.ofSeconds(20)).until(() -> !stored(bucket, v1));
        assertThat(stored(bucket, head)).isTrue();
        redis.convertAndSend(keyspace.fileChannel(file.id()),
                "{\"event\": \"file.purged\", \"file_id\": \"" + file.id() + "\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> !stored(bucket, head));
    }

    private boolean stored(String bucket, String key) {
        try {
            storage.get(bucket, key);
            return true;
        }
        catch (ObjectStorageException gone) {
            return false;
        }
    }

    @Test
    void aBatchJobZipsTheFilesItMayReadWithProgress() throws Exception {
        UUID owner = newUser();
        FakeDiagramService.File a = diagrams.add(owner, "Alpha", CANVAS);
        FakeDiagramService.File b = diagrams.add(owner, "Alpha", CANVAS.replace("Payment API", "Billing API"));
        FakeDiagramService.File foreign = diagrams.add(newUser(), "Not mine", CANVAS);

        HttpResponse<byte[]> created = post(owner, "/api/export/jobs", "{\"file_ids\": [\"" + a.id() + "\", \"" + b.id()
                + "\", \"" + foreign.id() + "\"], \"format\": \"json\"}");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(202);
        String id = JsonPath.read(text(created), "$.id");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/export/jobs/" + id);
        assertThat(JsonPath.<Integer>read(text(created), "$.total")).isEqualTo(3);

        List<String> progress = events(owner, "/api/export/jobs/" + id + "/events");
        assertThat(progress).isNotEmpty();
        assertThat(JsonPath.<String>read(progress.getLast(), "$.status")).isEqualTo("succeeded");

        HttpResponse<byte[]> done = get(owner, "/api/export/jobs/" + id);
        String job = text(done);
        assertThat(JsonPath.<Integer>read(job, "$.done")).isEqualTo(3);
        assertThat(JsonPath.<List<String>>read(job, "$.failures[*].file_id")).containsExactly(foreign.id().toString());
        assertThat(JsonPath.<List<String>>read(job, "$.failures[*].code")).containsExactly("not_found");
        String url = JsonPath.read(job, "$.download_url");
        HttpResponse<InputStream> zip = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(zip.body())) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                names.add(entry.getName());
                assertThat(new String(entries.readAllBytes(), StandardCharsets.UTF_8)).contains("Ledger database");
            }
        }
        assertThat(names).containsExactly("Alpha.json", "Alpha (2).json");
        assertProblem(get(newUser(), "/api/export/jobs/" + id), 404, "not_found");
        assertThat(
                JsonPath.<String>read(text(get(owner, "/api/export/history?file_id=" + a.id())), "$.items[0].source"))
            .isEqualTo("job");
    }

    @Test
    void jobsAreLimitedInFilesAndPerUser() {
        UUID owner = newUser();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        assertProblem(post(owner, "/api/export/jobs", "{\"file_ids\": [" + many + "], \"format\": \"json\"}"), 400,
                "validation_failed");
        assertProblem(post(owner, "/api/export/jobs", "{\"file_ids\": [], \"format\": \"json\"}"), 400,
                "validation_failed");
        assertProblem(
                post(owner, "/api/export/jobs", "{\"file_ids\": [\"" + UUID.randomUUID() + "\"], \"format\": \"gif\"}"),
                400, "invalid_option");
        // Two jobs may be active at once; the third is refused while they are.
        jdbc.sql(
                "INSERT INTO export_jobs (user_id, status, format, file_ids, total) VALUES (:u, 'running', 'json', '{}', 1),"
                        + " (:u, 'queued', 'json', '{}', 1)")
            .param("u", owner)
            .update();
        HttpResponse<byte[]> third = post(owner, "/api/export/jobs",
                "{\"file_ids\": [\"" + UUID.randomUUID() + "\"], \"format\": \"json\"}");
        assertProblem(third, 429, "too_many_jobs");
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }

    /** Reads a server-sent event stream to its end; the data of each 'progress' event. */
    private List<String> events(UUID user, String path) throws Exception {
        HttpRequest.Builder request = request(user, "GET", path, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "text/event-stream");
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> data = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = lines.readLine()) != null;) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                }
                else if (line.startsWith("data:") && "progress".equals(event)) {
                    data.add(line.substring(5).strip());
                }
            }
        }
        return data;
    }

}
