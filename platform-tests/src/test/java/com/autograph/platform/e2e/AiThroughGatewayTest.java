package com.autograph.platform.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ai-service as clients meet it through the gateway: a generated diagram saved as a new
 * file in the caller's list, refined in place (a new head, untouched shapes where they
 * were), a Mermaid-made file refined by the offline generator, every stage of the
 * pipeline streamed as server-sent events as it happens (the gateway passes each event on
 * at once: a provider that holds its answer back shows the stages before the result), the
 * history, and the daily quota's 429. The provider is a local server speaking the OpenAI
 * chat-completions format that answers after a pause; the other tests ask for the offline
 * generator by name.
 */
class AiThroughGatewayTest {

    /** Generations per user per day: small, so the quota test reaches it. */
    private static final int QUOTA = 3;

    /** How long the stand-in provider holds its answer back. */
    private static final Duration PROVIDER_PAUSE = Duration.ofSeconds(3);

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpServer provider;

    private static RunningPlatform platform;

    private static GatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        provider = OpenAiStandIn.start(PROVIDER_PAUSE);
        String url = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
        platform = RunningPlatform.start(List.of("auth-service", "diagram-service", "ai-service"), "10",
                Map.of("AI_DAILY_QUOTA", Integer.toString(QUOTA), "AUTOGRAPH_AI_PROVIDERS_0_NAME", "stub",
                        "AUTOGRAPH_AI_PROVIDERS_0_KIND", "openai", "AUTOGRAPH_AI_PROVIDERS_0_BASE_URL", url,
                        "AUTOGRAPH_AI_PROVIDERS_0_MODEL", "stub-model", "AUTOGRAPH_AI_PROVIDERS_0_TIMEOUT", "60s"));
        client = new GatewayClient(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (provider != null) {
            provider.stop(0);
        }
    }

    @Test
    void aGeneratedDiagramIsANewFileInTheCallersListAndRefiningItSavesANewHead() throws Exception {
        String a = signIn();
        HttpResponse<String> generated = client.as(a, "POST", "/api/ai/generate",
                """
                        {"prompt": "Microservices architecture with Kong gateway, orders service, payments service, Kafka and MongoDB",
                         "provider": "offline", "title": "Shop"}""");
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(generated.body(), "$.rule_based")).isTrue();
        String id = JsonPath.read(generated.body(), "$.file_id");
        Map<String, Map<String, Object>> drawn = nodes(JsonPath.read(generated.body(), "$.document.shapes"));
        assertThat(drawn).containsKeys("orders-service", "kafka", "mongodb");

        HttpResponse<String> list = client.get(a, "/api/diagrams");
        assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].id")).contains(id);
        HttpResponse<String> file = client.get(a, "/api/diagrams/" + id);
        assertThat(JsonPath.<String>read(file.body(), "$.title")).isEqualTo("Shop");
        assertThat(places(nodes(JsonPath.read(file.body(), "$.canvas_data.shapes")))).isEqualTo(places(drawn));
        String head = file.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> refined = client.as(a, "POST", "/api/ai/files/" + id + "/refine",
                "{\"instruction\": \"add a Redis cache in front of the orders service\", \"provider\": \"offline\"}");
        assertThat(refined.statusCode()).as(refined.body()).isEqualTo(200);
        HttpResponse<String> after = client.get(a, "/api/diagrams/" + id);
        String newHead = after.headers().firstValue("ETag").orElseThrow();
        assertThat(newHead).isNotEqualTo(head).isEqualTo(JsonPath.<String>read(refined.body(), "$.etag"));
        Map<String, Map<String, Object>> now = nodes(JsonPath.read(after.body(), "$.canvas_data.shapes"));
        assertThat(now.values()).anyMatch(s -> "redis".equals(s.get("icon")));
        assertThat(places(now)).containsAllEntriesOf(places(drawn)).hasSize(drawn.size() + 1);

        HttpResponse<String> history = client.get(a, "/api/ai/history");
        assertThat(JsonPath.<List<String>>read(history.body(), "$.items[*].file_id")).contains(id, id);
        assertThat(JsonPath.<List<String>>read(history.body(), "$.items[*].kind")).contains("generate", "refine");
        assertThat(JsonPath.<Integer>read(history.body(), "$.used_today")).isEqualTo(2);

        String b = signIn();
        HttpResponse<String> foreign = client.as(b, "POST", "/api/ai/files/" + id + "/refine",
                "{\"instruction\": \"remove the cache\"}");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(GatewayClient.code(foreign)).isEqualTo("not_found");
        assertThat(JsonPath.<List<Object>>read(client.get(b, "/api/ai/history").body(), "$.items")).isEmpty();
    }

    @Test
    void aMermaidMadeFileIsRefinedOfflineKeepingItsIds() throws Exception {
        String a = signIn();
        HttpResponse<String> generated = client.as(a, "POST", "/api/ai/generate", """
                {"prompt": "A flowchart of order checkout: validate cart, check stock, take payment, ship order",
                 "provider": "offline", "save": true}""");
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(generated.body(), "$.language")).isEqualTo("mermaid");
        String id = JsonPath.read(generated.body(), "$.file_id");
        Map<String, Map<String, Object>> drawn = nodes(JsonPath.read(generated.body(), "$.document.shapes"));
        // A node its text names alone (no other text holds it), to rename.
        Map.Entry<String, Map<String, Object>> named = drawn.entrySet()
            .stream()
            .filter(e -> e.getValue().get("text") instanceof String t && t.length() >= 3 && !t.contains(" to ")
                    && drawn.values()
                        .stream()
                        .filter(o -> String.valueOf(o.get("text")).toLowerCase().contains(t.toLowerCase()))
                        .count() == 1)
            .findFirst()
            .orElseThrow();
        String instruction = "rename " + named.getValue().get("text") + " to Begin checkout";

        HttpResponse<String> refined = client.as(a, "POST", "/api/ai/files/" + id + "/refine",
                "{\"instruction\": " + quote(instruction) + ", \"provider\": \"offline\"}");
        assertThat(refined.statusCode()).as(refined.body()).isEqualTo(200);
        Map<String, Map<String, Object>> now = nodes(
                JsonPath.read(client.get(a, "/api/diagrams/" + id).body(), "$.canvas_data.shapes"));
        assertThat(places(now)).isEqualTo(places(drawn));
        assertThat(now.get(named.getKey()).get("text")).isEqualTo("Begin checkout");
    }

    @Test
    void everyStageStreamsThroughTheGatewayAsItHappens() throws Exception {
        String a = signIn();
        List<Event> events = stream(a, "/api/ai/generate",
                "{\"prompt\": \"A flowchart of a page request through CloudFront, a load balancer, a service and "
                        + "Postgres\", \"save\": true}");
        assertThat(stages(events)).containsSubsequence("draft", "parse", "icons", "layout", "score", "save");
        assertThat(events).extracting(Event::name).contains("partial").last().isEqualTo("result");
        Event result = events.get(events.size() - 1);
        assertThat(JsonPath.<String>read(result.data(), "$.source")).isEqualTo("providers");
        assertThat(JsonPath.<String>read(result.data(), "$.model")).isEqualTo("stub-model");
        // The draft stage is sent before the provider is asked; a buffering proxy would
        // hold it until the answer, a pause later.
        Event draft = events.stream().filter(e -> "draft".equals(e.stage())).findFirst().orElseThrow();
        assertThat(result.nanos() - draft.nanos()).isGreaterThan(PROVIDER_PAUSE.toNanos() / 2);

        String id = JsonPath.read(result.data(), "$.file_id");
        List<Event> refined = stream(a, "/api/ai/files/" + id + "/refine",
                "{\"instruction\": \"colour the services blue\", \"provider\": \"offline\"}");
        assertThat(stages(refined)).containsSubsequence("read", "draft", "parse", "icons", "layout", "score", "save");
        assertThat(refined.get(refined.size() - 1).name()).isEqualTo("result");
    }

    @Test
    void theDailyQuotaIsA429ProblemOnceUsed() throws Exception {
        String a = signIn();
        for (int i = 0; i < QUOTA; i++) {
            HttpResponse<String> ok = client.as(a, "POST", "/api/ai/generate",
                    "{\"prompt\": \"Sequence diagram of a login, step " + i + "\", \"provider\": \"offline\"}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
        HttpResponse<String> over = client.as(a, "POST", "/api/ai/generate",
                "{\"prompt\": \"Sequence diagram of a logout\", \"provider\": \"offline\"}");
        assertThat(over.statusCode()).as(over.body()).isEqualTo(429);
        assertThat(over.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(GatewayClient.code(over)).isEqualTo("quota_exceeded");
        assertThat(JsonPath.<String>read(over.body(), "$.detail")).contains(Integer.toString(QUOTA));
        // Someone else's quota is their own.
        assertThat(client
            .as(signIn(), "POST", "/api/ai/generate",
                    "{\"prompt\": \"Sequence diagram of a logout\", \"provider\": \"offline\"}")
            .statusCode()).isEqualTo(200);
    }

    /** One server-sent event as it arrived: its name, data and arrival time. */
    record Event(String name, String data, long nanos) {

        String stage() {
            return name.equals("stage") ? JsonPath.read(data, "$.stage") : null;
        }

    }

    private static List<String> stages(List<Event> events) {
        return events.stream().map(Event::stage).filter(s -> s != null).toList();
    }

    /** POSTs with Accept: text/event-stream and reads the events as they arrive. */
    private static List<Event> stream(String token, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(platform.gateway(path))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        List<Event> events = new ArrayList<>();
        String[] name = { null };
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                }
                else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5));
                }
                else if (line.isEmpty() && name[0] != null) {
                    events.add(new Event(name[0], data.toString(), System.nanoTime()));
                    name[0] = null;
                    data.setLength(0);
                }
            });
        }
        assertThat(events).as("events").isNotEmpty();
        return events;
    }

    /** Each shape's id and position. */
    private static Map<String, List<Double>> places(Map<String, Map<String, Object>> nodes) {
        Map<String, List<Double>> places = new HashMap<>();
        nodes.forEach((id, s) -> places.put(id,
                List.of(((Number) s.get("x")).doubleValue(), ((Number) s.get("y")).doubleValue())));
        return places;
    }

    private static String quote(String s) {
        return OpenAiStandIn.quote(s);
    }

    /** The non-connector shapes of a document by id, each as its JSON fields. */
    private static Map<String, Map<String, Object>> nodes(List<Map<String, Object>> shapes) {
        Map<String, Map<String, Object>> nodes = new java.util.LinkedHashMap<>();
        for (Map<String, Object> s : shapes) {
            if (!Set.of("arrow", "line").contains(s.get("type"))) {
                nodes.put((String) s.get("id"), new HashMap<>(s));
            }
        }
        return nodes;
    }

    private static String signIn() throws Exception {
        String email = GatewayClient.uniqueEmail("ai");
        client.register(email);
        return client.loginTokens(email, GatewayClient.PASSWORD, "10.17." + (int) (Math.random() * 250) + ".1")
            .access();
    }

    /**
     * An OpenAI-compatible chat-completions server: after a pause, a Mermaid flowchart
     * naming the request's first words, streamed as server-sent events when asked.
     */
    static final class OpenAiStandIn {

        private OpenAiStandIn() {
        }

        static HttpServer start(Duration pause) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/chat/completions", exchange -> {
                try (exchange) {
                    answer(exchange, pause);
                }
            });
            server.start();
            return server;
        }

        private static void answer(HttpExchange exchange, Duration pause) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try {
                // Held back, as a model takes its time; not a test's wait.
                new CountDownLatch(1).await(pause.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            String code = "```mermaid\nflowchart LR\n  cdn[CloudFront] -->|HTTPS| alb[ALB]\n"
                    + "  alb -->|routes| svc[Service]\n  svc -->|SQL| db[(Postgres)]\n```\n";
            boolean streaming = body.replace(" ", "").contains("\"stream\":true");
            if (!streaming) {
                byte[] json = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"stub-model\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(code)
                        + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":40,"
                        + "\"total_tokens\":140}}")
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                exchange.getResponseBody().write(json);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String line : code.split("(?<=\n)")) {
                event(out,
                        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"stub-model\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(line)
                                + "},\"finish_reason\":null}]}");
            }
            event(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"stub-model\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            event(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"stub-model\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":40,\"total_tokens\":140}}");
            event(out, "[DONE]");
        }

        private static void event(OutputStream out, String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }

    }

}
