package com.autograph.export;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import com.jayway.jsonpath.JsonPath;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.SignedServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running export-service on real PostgreSQL, Redis and S3, in front of a
 * diagram-service that speaks its wire protocol ({@link FakeDiagramService}). Requests
 * are signed as the gateway signs them. Every test makes its own users and files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "autograph.export.thumbnails.delay=100ms", "autograph.export.thumbnails.poll-interval=100ms" })
abstract class ExportApiTestBase extends SignedServiceTestBase {

    static final FakeDiagramService diagrams = start();
    static final HttpClient http = HttpClient.newHttpClient();

    static final String CANVAS = """
            {"schema_version": 1, "shapes": [
              {"id": "api", "type": "rectangle", "x": 0, "y": 0, "width": 160, "height": 60, "text": "Payment API"},
              {"id": "db", "type": "ellipse", "x": 300, "y": 0, "width": 100, "height": 60, "text": "Ledger database"},
              {"id": "e1", "type": "arrow", "start": {"shape_id": "api"}, "end": {"shape_id": "db"}, "text": "SQL"}]}""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        register(registry, diagrams::url);
    }

    private static FakeDiagramService start() {
        try {
            return new FakeDiagramService(SECRET);
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    protected void sign(UUID user, BiConsumer<String, String> header) {
        new TrustedIdentity(user.toString(), user + "@example.com", List.of("editor"), "s-" + user, "jwt")
            .writeHeaders(SECRET.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), header::accept);
    }

    HttpResponse<byte[]> send(UUID user, String method, String path, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request = request(user, method, path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
    }

    HttpResponse<byte[]> post(UUID user, String path, String json) {
        return send(user, "POST", path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    HttpResponse<byte[]> get(UUID user, String path) {
        return send(user, "GET", path, null, null, Map.of());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(text(response), "$.code")).isEqualTo(code);
    }

}
