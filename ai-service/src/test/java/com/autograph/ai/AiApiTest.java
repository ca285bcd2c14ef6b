package com.autograph.ai;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.SignedServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AI endpoints on a running ai-service (real PostgreSQL and Redis) in front of a
 * diagram-service speaking its wire protocol ({@link FakeDiagramService}), with no
 * provider configured: the offline generator answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "autograph.ai.max-prompt-chars=500")
class AiApiTest extends SignedServiceTestBase {

    static final FakeDiagramService diagrams = start();

    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        register(registry, diagrams::url);
    }

    private static FakeDiagramService start() {
        try {
            return new FakeDiagramService();
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterAll
    static void stop() {
        diagrams.close();
    }

    @Override
    protected void sign(UUID user, BiConsumer<String, String> header) {
        new TrustedIdentity(user.toString(), user + "@example.com", List.of("editor"), "s-" + user, "jwt")
            .writeHeaders(SECRET.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), header::accept);
    }

    HttpResponse<String> send(UUID user, String method, String path, String body, String accept) {
        HttpRequest.Builder request = request(user, method, path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Accept", accept);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        // A fresh client per request: a pooled connection after an error answer can be
        // left waiting.
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build()) {
            return http.send(request.timeout(java.time.Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
    }

    HttpResponse<String> post(UUID user, String path, Object body) {
        return send(user, "POST", path, json.writeValueAsString(body), "application/json");
    }

    static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(body(response).path("code").asString()).isEqualTo(code);
    }

    @Test
    void generateAnswersALaidOutIconedDiagramAndSavesItInTheCallersList() {
        UUID user = newUser();
        var response = post(user, "/api/ai/generate", Map.of("prompt",
                "An e-commerce architecture on AWS with CloudFront, two services behind an ALB, an SQS queue and Postgres",
                "title", "Shop"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = body(response);
        assertThat(answer.path("type").asString()).isEqualTo("architecture");
        assertThat(answer.path("source").asString()).isEqualTo("offline");
        assertThat(answer.path("rule_based").asBoolean()).isTrue();
        assertThat(answer.path("quality").path("score").asInt()).isGreaterThanOrEqualTo(80);
        Set<String> icons = new java.util.HashSet<>();
        answer.path("document").path("shapes").forEach(s -> icons.add(s.path("icon").asString("")));
        assertThat(icons).contains("aws-cloudfront", "aws-alb", "aws-sqs", "postgresql");
        answer.path("document")
            .path("shapes")
            .forEach(s -> assertThat(
                    s.has("x") || s.path("type").asString().equals("arrow") || s.path("type").asString().equals("line"))
                .isTrue());
        UUID fileId = UUID.fromString(answer.path("file_id").asString());
        assertThat(diagrams.files.get(fileId).owner()).isEqualTo(user.toString());
        assertThat(diagrams.files.get(fileId).title()).isEqualTo("Shop");
        var history = body(send(user, "GET", "/api/ai/history", null, "application/json"));
        assertThat(history.path("items").get(0).path("file_id").asString()).isEqualTo(fileId.toString());
        assertThat(history.path("items").get(0).path("source").asString()).isEqualTo("offline");
    }

    @Test
    void emptyOverlongAndUndiagrammablePromptsAreRefusedByName() {
        UUID user = newUser();
        assertProblem(post(user, "/api/ai/generate", Map.of("prompt", "  ")), 400, "prompt_required");
        assertProblem(post(user, "/api/ai/generate", Map.of("prompt", "x".repeat(501))), 400, "prompt_too_long");
        var nothing = post(user, "/api/ai/generate", Map.of("prompt", "what a lovely day it is"));
        assertProblem(nothing, 422, "nothing_to_draw");
        assertThat(body(nothing).path("detail").asString()).contains("no kind of diagram").doesNotContain("lovely");
        assertProblem(post(user, "/api/ai/generate", Map.of("prompt", "AWS with EC2", "provider", "nope")), 400,
                "unknown_provider");
        assertProblem(post(null, "/api/ai/generate", Map.of("prompt", "AWS with EC2")), 401,
                body(post(null, "/api/ai/generate", Map.of("prompt", "AWS with EC2"))).path("code").asString());
    }

    @Test
    void theEventStreamShowsEveryStageThenTheResult() {
        UUID user = newUser();
        var response = send(user, "POST", "/api/ai/generate",
                json.writeValueAsString(Map.of("prompt", "Sequence diagram of the OAuth 2.0 authorization code flow")),
                "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = response.body()
            .lines()
            .filter(l -> l.startsWith("event:"))
            .map(l -> l.substring(6).strip())
            .toList();
        String stages = response.body()
            .lines()
            .filter(l -> l.startsWith("data:") && l.contains("\"stage\""))
            .map(l -> json.readTree(l.substring(5)).path("stage").asString())
            .collect(Collectors.joining(","));
        assertThat(stages).contains("draft", "parse", "icons", "layout", "score");
        assertThat(events).contains("partial").last().isEqualTo("result");
    }

    @Test
    void refineChangesTheFileInPlaceKeepingUntouchedIdsAndPositions() {
        UUID user = newUser();
        JsonNode generated = body(post(user, "/api/ai/generate", Map.of("prompt",
                "Microservices architecture with Kong gateway, orders service, payments service, Kafka and MongoDB",
                "save", true)));
        UUID fileId = UUID.fromString(generated.path("file_id").asString());
        Map<String, JsonNode> before = shapes(generated.path("document"));
        var refined = post(user, "/api/ai/files/" + fileId + "/refine",
                Map.of("instruction", "add a Redis cache in front of the orders service"));
        assertThat(refined.statusCode()).as(refined.body()).isEqualTo(200);
        Map<String, JsonNode> after = shapes(body(refined).path("document"));
        assertThat(after.values()).anyMatch(shape -> shape.path("icon").asString("").equals("redis"));
        assertThat(before).containsKeys("orders-service", "kafka", "mongodb");
        for (String id : before.keySet()) {
            assertThat(after).containsKey(id);
            assertThat(after.get(id).path("x").asDouble()).isEqualTo(before.get(id).path("x").asDouble());
            assertThat(after.get(id).path("y").asDouble()).isEqualTo(before.get(id).path("y").asDouble());
        }
        assertThat(diagrams.files.get(fileId).version()).isEqualTo(2);
        var removed = post(user, "/api/ai/files/" + fileId + "/refine", Map.of("instruction", "remove the Kafka"));
        assertThat(shapes(body(removed).path("document"))).doesNotContainKey("kafka").containsKey("mongodb");
        assertThat(body(removed).path("conversation").toString()).contains("Redis");
        // Someone else's file is not found, whatever its id.
        assertProblem(post(newUser(), "/api/ai/files/" + fileId + "/refine", Map.of("instruction", "remove the cache")),
                404, "not_found");
    }

    private static Map<String, JsonNode> shapes(JsonNode document) {
        Map<String, JsonNode> map = new java.util.HashMap<>();
        document.path("shapes").forEach(s -> {
            if (!s.path("type").asString().equals("arrow")) {
                map.put(s.path("id").asString(), s);
            }
        });
        return map;
    }

    @Test
    void proseIconsAndTemplates() {
        UUID user = newUser();
        var critique = post(user, "/api/ai/critique",
                Map.of("code", "A [icon: aws-ec2]\nB [icon: postgresql]\nA > B\n"));
        assertThat(critique.statusCode()).as(critique.body()).isEqualTo(200);
        assertThat(body(critique).path("text").asString()).contains("no label").contains("Rule-based");
        assertProblem(post(user, "/api/ai/explain", Map.of()), 400, "diagram_required");
        var icons = body(send(user, "GET", "/api/ai/icons?q=lambda&limit=5", null, "application/json"));
        assertThat(icons.path("icons").get(0).path("key").asString()).isEqualTo("aws-lambda");
        assertProblem(send(user, "GET", "/api/ai/icons?limit=100000", null, "application/json"), 400, "invalid_limit");
        assertProblem(send(user, "GET", "/api/ai/icons?q=" + "a".repeat(101), null, "application/json"), 400,
                "query_too_long");
        assertThat(body(send(user, "GET", "/api/ai/templates", null, "application/json")).path("templates").size())
            .isGreaterThanOrEqualTo(7);
    }

}
