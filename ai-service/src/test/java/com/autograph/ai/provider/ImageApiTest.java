package com.autograph.ai.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/ai/image on a running ai-service whose providers are configured the way an
 * operator would (properties), the first reading images through Gemini inline data, the
 * second not reading images at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImageApiTest {

    static final String SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();

    static final WireServer gemini = start();

    static final HttpClient http = HttpClient.newHttpClient();

    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.register(registry);
        registry.add("autograph.identity.signing-secret", () -> SECRET);
        // Not called here: the image endpoint only drafts code (nothing is saved).
        registry.add("autograph.diagram-service.urls", () -> "http://127.0.0.1:9");
        registry.add("autograph.ai.providers[0].name", () -> "local");
        registry.add("autograph.ai.providers[0].kind", () -> "openai");
        registry.add("autograph.ai.providers[0].base-url", () -> "http://127.0.0.1:9/v1");
        registry.add("autograph.ai.providers[0].model", () -> "llama");
        registry.add("autograph.ai.providers[0].accepts-images", () -> "false");
        registry.add("autograph.ai.providers[1].name", () -> "gemini");
        registry.add("autograph.ai.providers[1].kind", () -> "gemini");
        registry.add("autograph.ai.providers[1].base-url", () -> gemini.url("/v1beta"));
        registry.add("autograph.ai.providers[1].api-key", () -> "gemini-key");
        registry.add("autograph.ai.providers[1].model", () -> "gemini-vision");
        registry.add("autograph.ai.providers[1].input-price-per1k", () -> "0.001");
        registry.add("autograph.ai.chain", () -> "local,gemini");
        registry.add("autograph.ai.image.max-bytes", () -> "64");
    }

    private static WireServer start() {
        try {
            return new WireServer()
                .answer(WireServer.json(200, Wire.GEMINI.answer("```eraser\nUser > Web App: HTTPS\n```", 1000, 10)));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterAll
    static void stop() {
        gemini.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aPictureBecomesCodeDraftedByTheFirstProviderThatReadsImages() throws Exception {
        HttpResponse<String> response = post(PNG, "language=eraser&instruction=group+the+services", true);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("User > Web App: HTTPS");
        assertThat(JsonPath.<String>read(response.body(), "$.source")).isEqualTo("gemini");
        assertThat(JsonPath.<Integer>read(response.body(), "$.input_tokens")).isEqualTo(1000);
        assertThat(JsonPath.<Double>read(response.body(), "$.estimated_cost_usd")).isEqualTo(0.001);
        String sent = gemini.last().body();
        assertThat(JsonPath.<List<String>>read(sent, "$..inlineData.mimeType")).containsExactly("image/png");
        assertThat(sent).contains(java.util.Base64.getEncoder().encodeToString(PNG)).contains("group the services");
        assertThat(gemini.last().path()).isEqualTo("/v1beta/models/gemini-vision:generateContent");

        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(PrometheusText.parse(metrics.body()))
            .anySatisfy(sample -> assertThat(sample.name()).isEqualTo("autograph_ai_provider_tokens_total"))
            .anySatisfy(sample -> {
                assertThat(sample.name()).isEqualTo("autograph_ai_provider_requests_total");
                assertThat(sample.labels()).containsEntry("provider", "gemini").containsEntry("outcome", "success");
            });
    }

    @Test
    void theEndpointIsDocumented() throws Exception {
        HttpResponse<String> docs = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JsonPath.<java.util.Map<String, Object>>read(docs.body(), "$.paths")).containsKey("/api/ai/image");
        // Both forms of the one operation's body, the multipart part as a file.
        assertThat(JsonPath.<java.util.Map<String, Object>>read(docs.body(),
                "$.paths['/api/ai/image'].post.requestBody.content"))
            .containsOnlyKeys("multipart/form-data", "application/json");
        assertThat(JsonPath.<String>read(docs.body(), "$.components.schemas.ImageFormRequest.properties.image.format"))
            .isEqualTo("binary");
    }

    @Test
    void aPictureOverTheLimitIs413AndAnythingButAPictureIs415() throws Exception {
        byte[] large = Arrays.copyOf(PNG, 65);
        assertThat(post(large, "", true).statusCode()).isEqualTo(413);
        HttpResponse<String> text = post("just some text, not a picture".getBytes(StandardCharsets.UTF_8), "", true);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("PNG, JPEG, GIF or WebP");
    }

    @Test
    void aModelNoProviderReadingImagesOffersIs422NamingTheReason() throws Exception {
        HttpResponse<String> response = post(PNG, "model=llama", true);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("local: accepts-images is false");
    }

    @Test
    void anUnknownLanguageIs400AndAnAnonymousCallerIs401() throws Exception {
        assertThat(post(PNG, "language=plantuml", true).statusCode()).isEqualTo(400);
        assertThat(post(PNG, "", false).statusCode()).isEqualTo(401);
    }

    @Test
    void aPictureSentAsBase64JsonIsDraftedTheSameWay() throws Exception {
        String b64 = java.util.Base64.getEncoder().encodeToString(PNG);
        HttpResponse<String> response = postJson("""
                {"image_base64": "%s", "media_type": "image/png", "language": "eraser", "instruction": "json form"}"""
            .formatted(b64), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.source")).isEqualTo("gemini");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("User > Web App: HTTPS");
        String sent = gemini.last().body();
        assertThat(JsonPath.<List<String>>read(sent, "$..inlineData.mimeType")).containsExactly("image/png");
        assertThat(sent).contains(b64).contains("json form");
    }

    @Test
    void base64OverTheLimitIs413BeforeDecodingAndBadInputIsNamed() throws Exception {
        // 64 bytes encode to 88 characters: 89 is refused on its length, whatever it
        // holds.
        assertProblem(postJson("{\"image_base64\": \"" + "!".repeat(89) + "\"}", true), 413, "image_too_large");
        // A body far over what such a request needs is refused unread.
        assertProblem(postJson("{\"image_base64\": \"" + "A".repeat(200_000) + "\"}", true), 413, "image_too_large");
        // 65 bytes also encode to 88 characters: the decoded size is checked too.
        String sixtyFive = java.util.Base64.getEncoder().encodeToString(Arrays.copyOf(PNG, 65));
        assertProblem(postJson("{\"image_base64\": \"" + sixtyFive + "\"}", true), 413, "image_too_large");
        assertProblem(postJson("{\"image_base64\": \"not base64 at all!\"}", true), 400, "validation_failed");
        assertProblem(postJson("{\"media_type\": \"image/png\"}", true), 400, "validation_failed");
        assertProblem(postJson("{\"image_base64\": 12}", true), 400, "validation_failed");
        assertProblem(postJson("not json", true), 400, "validation_failed");
        String b64 = java.util.Base64.getEncoder().encodeToString(PNG);
        assertProblem(postJson("{\"image_base64\": \"" + b64 + "\", \"media_type\": \"image/jpeg\"}", true), 415,
                "unsupported_image");
        assertProblem(postJson("{\"image_base64\": \"" + b64 + "\", \"media_type\": \"image/svg+xml\"}", true), 415,
                "unsupported_image");
        String text = java.util.Base64.getEncoder().encodeToString("plain text".getBytes(StandardCharsets.UTF_8));
        assertProblem(postJson("{\"image_base64\": \"" + text + "\"}", true), 415, "unsupported_image");
        assertThat(postJson("{\"image_base64\": \"" + b64 + "\"}", false).statusCode()).isEqualTo(401);
    }

    @Test
    void aJsonPictureForAModelThatReadsNoImagesIs422NamingTheReason() throws Exception {
        String b64 = java.util.Base64.getEncoder().encodeToString(PNG);
        HttpResponse<String> response = postJson("{\"image_base64\": \"" + b64 + "\", \"model\": \"llama\"}", true);
        assertProblem(response, 422, "image_not_supported");
        assertThat(response.body()).contains("local: accepts-images is false");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
    }

    private HttpResponse<String> postJson(String json, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ai/image"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        return http.send(sign(request, signed).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder sign(HttpRequest.Builder request, boolean signed) {
        if (signed) {
            UUID user = UUID.randomUUID();
            new TrustedIdentity(user.toString(), user + "@example.com", List.of("editor"), "s-" + user, "jwt")
                .writeHeaders(SECRET.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), request::header);
        }
        return request;
    }

    private HttpResponse<String> post(byte[] image, String query, boolean signed) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"board.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ai/image?" + query))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return http.send(sign(request, signed).build(), HttpResponse.BodyHandlers.ofString());
    }

}
