package com.autograph.gateway.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.GatewayApplication;
import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.testsupport.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The browser app's build served at / by a running gateway: pages fall back to
 * index.html, hashed assets are cached for a year and sent precompressed, the policy
 * headers suit a single-page app, and the API (with its 401s) is as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserAppTest {

    private static final String INDEX = "<!doctype html><title>AutoGraph</title><script type=module src=/assets/index-abc123.js></script>";

    private static final String SCRIPT = "console.log('hello from the app');".repeat(100);

    private static final Path build = build();

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private static Path build() {
        try {
            Path dir = Files.createTempDirectory("app-build");
            Files.writeString(dir.resolve("index.html"), INDEX);
            Files.writeString(dir.resolve("favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
            Files.createDirectories(dir.resolve("assets"));
            Files.writeString(dir.resolve("assets/index-abc123.js"), SCRIPT);
            Files.write(dir.resolve("assets/index-abc123.js.gz"), gzip(SCRIPT));
            return dir;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.registerRedis(registry, IsolatedInfrastructure.uniqueSuffix());
        registry.add("JWT_SECRET", () -> "test-only-jwt-secret-0123456789-abcdefghijkl");
        registry.add("IDENTITY_SIGNING_SECRET", () -> "test-only-identity-secret-0123456789-abcdef");
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            registry.add(GatewayRoutes.urlVariable(route.service()), () -> "http://127.0.0.1:9");
        }
        registry.add("GATEWAY_APP_DIR", build::toString);
    }

    @Test
    void everyPageOfTheAppAnswersIndexHtmlWithAStrictPolicy() throws Exception {
        for (String page : new String[] { "/", "/login", "/signup", "/verify-email?token=x", "/reset-password",
                "/join-team?token=x", "/notifications/unsubscribe?token=x", "/settings", "/settings/api-keys",
                "/files/8d1f0e52-0000-4000-8000-000000000000", "/s/tok3n" }) {
            HttpResponse<String> response = get(page, Map.of());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).isEqualTo(INDEX);
            assertThat(header(response, "Content-Type")).as(page).startsWith("text/html");
            assertThat(header(response, "Cache-Control")).as(page).isEqualTo("no-cache");
            String policy = header(response, "Content-Security-Policy");
            assertThat(policy).as(page).contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'");
            assertThat(policy).as(page).doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(header(response, "X-Frame-Options")).as(page).isEqualTo("DENY");
            assertThat(header(response, "X-Content-Type-Options")).as(page).isEqualTo("nosniff");
        }
    }

    @Test
    void theEmbedPageMayBeFramedByOtherSites() throws Exception {
        HttpResponse<String> response = get("/embed/tok3n", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(INDEX);
        assertThat(header(response, "Content-Security-Policy")).contains("script-src 'self';")
            .endsWith("frame-ancestors *");
        assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
    }

    @Test
    void hashedAssetsAreCachedForAYearAndSentPrecompressed() throws Exception {
        HttpResponse<byte[]> zipped = http.send(
                request("/assets/index-abc123.js", Map.of("Accept-Encoding", "gzip, deflate")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(zipped.headers().firstValue("Cache-Control"))
            .hasValueSatisfying(value -> assertThat(value).contains("max-age=31536000", "public", "immutable"));
        assertThat(zipped.headers().firstValue("Content-Type"))
            .hasValueSatisfying(value -> assertThat(value).contains("javascript"));
        assertThat(zipped.body().length).isLessThan(SCRIPT.length() / 10);
        assertThat(new String(gunzip(zipped.body()), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);

        HttpResponse<String> plain = get("/assets/index-abc123.js", Map.of());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(SCRIPT);

        HttpResponse<String> icon = get("/favicon.svg", Map.of());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(header(icon, "Content-Type")).startsWith("image/svg+xml");
        assertThat(header(icon, "Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void aKnownVersionIsNotSentAgain() throws Exception {
        String etag = header(get("/", Map.of()), "ETag");
        HttpResponse<String> again = get("/login", Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(header(again, "ETag")).isEqualTo(etag);
        assertThat(get("/", Map.of("If-None-Match", "\"something-else\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiAndEverythingThatIsNotTheAppsStayAsTheyWere() throws Exception {
        for (String path : new String[] { "/api/diagrams", "/api", "/unknown-page", "/assets/missing.js",
                "/index.html/x" }) {
            HttpResponse<String> response = get(path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(header(response, "Content-Type")).as(path).startsWith("application/problem+json");
        }
        HttpResponse<String> post = http.send(
                request("/", Map.of()).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void aRebuildWhileTheGatewayRunsIsServed() throws Exception {
        String rebuilt = INDEX.replace("abc123", "def456");
        Files.writeString(build.resolve("assets/index-def456.js"), "/* rebuilt */");
        Path index = build.resolve("index.html");
        try {
            Files.writeString(index, rebuilt);
            Files.setLastModifiedTime(index, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(get("/", Map.of()).body()).isEqualTo(rebuilt);
            assertThat(get("/assets/index-def456.js", Map.of()).body()).isEqualTo("/* rebuilt */");
        }
        finally {
            Files.writeString(index, INDEX);
            Files.setLastModifiedTime(index, FileTime.from(Instant.now().plusSeconds(10)));
            assertThat(get("/", Map.of()).body()).isEqualTo(INDEX);
        }
    }

    @Test
    void aFolderThatIsNotABuildStopsStartUpNamingTheSetting() throws Exception {
        Path empty = Files.createTempDirectory("not-a-build");
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
            .run("--JWT_SECRET=test-only-jwt-secret-0123456789-abcdefghijkl",
                    "--IDENTITY_SIGNING_SECRET=test-only-identity-secret-0123456789-abcdef", "--server.port=0",
                    "--GATEWAY_MANAGEMENT_PORT=0", "--GATEWAY_APP_DIR=" + empty,
                    "--AUTH_SERVICE_URL=http://127.0.0.1:9", "--DIAGRAM_SERVICE_URL=http://127.0.0.1:9",
                    "--AI_SERVICE_URL=http://127.0.0.1:9", "--COLLABORATION_SERVICE_URL=http://127.0.0.1:9",
                    "--GIT_SERVICE_URL=http://127.0.0.1:9", "--EXPORT_SERVICE_URL=http://127.0.0.1:9",
                    "--INTEGRATION_HUB_URL=http://127.0.0.1:9")
            .close());
        assertThat(failure).isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).hasMessageContaining("GATEWAY_APP_DIR").hasMessageContaining("index.html");
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return http.send(request(path, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

}
