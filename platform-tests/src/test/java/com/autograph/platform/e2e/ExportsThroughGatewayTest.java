package com.autograph.platform.e2e;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exports as clients meet them through the gateway: real accounts, files at
 * diagram-service, export-service reading them with the caller's identity; a thumbnail
 * made after a save from diagram-service's events; a batch ZIP job followed over
 * server-sent events; the public Kroki-compatible URLs.
 */
class ExportsThroughGatewayTest {

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String CANVAS = """
            {"schema_version": 1, "shapes": [
              {"id": "api", "type": "rectangle", "x": 0, "y": 0, "width": 160, "height": 60, "text": "Payment API"},
              {"id": "db", "type": "ellipse", "x": 300, "y": 0, "width": 100, "height": 60, "text": "Ledger database"},
              {"id": "e1", "type": "arrow", "start": {"shape_id": "api"}, "end": {"shape_id": "db"}, "text": "SQL"}]}""";

    private static RunningPlatform platform;

    private static GatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.start(List.of("auth-service", "diagram-service", "export-service"), "10",
                java.util.Map.of("THUMBNAIL_DELAY", "200ms", "THUMBNAIL_POLL_INTERVAL", "200ms"));
        client = new GatewayClient(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aSignedInUserExportsTheirFileAndNobodyElseCan() throws Exception {
        String a = signIn();
        String b = signIn();
        String id = createFile(a, "Payments");

        HttpResponse<byte[]> png = bytes(a, "POST", "/api/export/files/" + id + "/png?scale=2", null);
        assertThat(png.statusCode()).as(new String(png.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isGreaterThan(400);
        String etag = png.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = send(a, "POST", "/api/export/files/" + id + "/png?scale=2", null,
                java.util.Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);

        HttpResponse<String> foreign = client.as(b, "POST", "/api/export/files/" + id + "/png", null);
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        assertThat(GatewayClient.code(foreign)).isEqualTo("not_found");
        assertThat(client.as(b, "POST", "/api/export/files/" + id + "/svg", null).statusCode()).isEqualTo(404);

        HttpResponse<String> file = client.get(a, "/api/diagrams/" + id);
        assertThat(JsonPath.<Integer>read(file.body(), "$.export_count")).isEqualTo(1);
        HttpResponse<String> history = client.get(a, "/api/export/history?file_id=" + id);
        assertThat(JsonPath.<Integer>read(history.body(), "$.total")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(client.get(b, "/api/export/history?file_id=" + id).body(), "$.total"))
            .isZero();
    }

    @Test
    void aThumbnailAppearsAfterASave() throws Exception {
        String a = signIn();
        String id = createFile(a, "Thumbnailed");
        HttpResponse<String> read = client.get(a, "/api/diagrams/" + id);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> saved = client.send("PATCH", "/api/diagrams/" + id + "?save=true",
                "{\"canvas_data\": " + CANVAS.replace("Ledger database", "Orders database") + "}",
                java.util.Map.of("Authorization", "Bearer " + a, "If-Match", etag));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> bytes(a, "GET", "/api/export/thumbnails/" + id, null).statusCode() == 200);
        HttpResponse<byte[]> thumbnail = bytes(a, "GET", "/api/export/thumbnails/" + id, null);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
        await().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> JsonPath.<Object>read(client.get(a, "/api/diagrams/" + id + "/versions").body(),
                    "$.items[0].thumbnail_key") != null);
        assertThat(client.get(signIn(), "/api/export/thumbnails/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aBatchJobZipsFilesWithProgressOverServerSentEvents() throws Exception {
        String a = signIn();
        String first = createFile(a, "First");
        String second = createFile(a, "Second");
        HttpResponse<String> created = client.as(a, "POST", "/api/export/jobs",
                "{\"file_ids\": [\"" + first + "\", \"" + second + "\"], \"format\": \"svg\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String job = JsonPath.read(created.body(), "$.id");

        HttpRequest events = HttpRequest.newBuilder(platform.gateway("/api/export/jobs/" + job + "/events"))
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Bearer " + a)
            .header("Accept", "text/event-stream")
            .build();
        HttpResponse<InputStream> stream = http.send(events, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> progress = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                if (line.startsWith("data:")) {
                    progress.add(line.substring(5).strip());
                }
            }
        }
        assertThat(progress).isNotEmpty();
        assertThat(JsonPath.<String>read(progress.getLast(), "$.status")).isEqualTo("succeeded");
        assertThat(JsonPath.<Integer>read(progress.getLast(), "$.done")).isEqualTo(2);

        HttpResponse<String> done = client.get(a, "/api/export/jobs/" + job);
        HttpResponse<InputStream> zip = http.send(
                HttpRequest.newBuilder(URI.create(JsonPath.read(done.body(), "$.download_url"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(zip.body())) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                names.add(entry.getName());
                assertThat(new String(entries.readAllBytes(), StandardCharsets.UTF_8)).contains("<svg", "Payment API");
            }
        }
        assertThat(names).containsExactlyInAnyOrder("First.svg", "Second.svg");
        assertThat(client.get(signIn(), "/api/export/jobs/" + job).statusCode()).isEqualTo(404);
    }

    @Test
    void krokiUrlsArePublic() throws Exception {
        byte[] source = "graph TD\n  A[Browser] --> B[AutoGraph]".getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(9);
        deflater.setInput(source);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        String encoded = Base64.getUrlEncoder().encodeToString(out.toByteArray());
        HttpResponse<String> svg = client.send("GET", "/api/export/kroki/mermaid/svg/" + encoded, null,
                java.util.Map.of());
        assertThat(svg.statusCode()).as(svg.body()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("Browser", "AutoGraph");
        HttpResponse<String> broken = client.send("GET", "/api/export/kroki/mermaid/svg/%21%21", null,
                java.util.Map.of());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(broken.body()).startsWith("Error 400: ");
        // Everything else of export-service still needs a signed-in caller.
        assertThat(client.send("GET", "/api/export/history", null, java.util.Map.of()).statusCode()).isEqualTo(401);
    }

    private static String signIn() throws Exception {
        String email = GatewayClient.uniqueEmail("export");
        client.register(email);
        return client.loginTokens(email, GatewayClient.PASSWORD, "10.9." + (int) (Math.random() * 250) + ".1").access();
    }

    private static String createFile(String token, String title) throws Exception {
        HttpResponse<String> created = client.as(token, "POST", "/api/diagrams",
                "{\"title\": \"" + title + "\", \"type\": \"canvas\", \"canvas_data\": " + CANVAS + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    private static HttpResponse<byte[]> bytes(String token, String method, String path, String json) throws Exception {
        return send(token, method, path, json, java.util.Map.of());
    }

    private static HttpResponse<byte[]> send(String token, String method, String path, String json,
            java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gateway(path))
            .timeout(Duration.ofSeconds(60))
            .method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

}
