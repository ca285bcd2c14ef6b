package com.autograph.platform.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;

/**
 * bench/ai through the gateway: the evaluation set (ai-service/src/test/resources/eval)
 * as clients send it, POST /api/ai/generate with a signed-in user's token, first with the
 * offline generator, then a sample with a provider (bench/ai/stub-openai, answering in
 * the OpenAI format after a fixed delay). Prints the rates (answered with a parsed
 * document, expected type, named components present with the expected icon, quality at or
 * above 80) and the median and p95 time per generation end to end, each against a peer
 * measured in the same run: the time ai-service itself reports for the same requests
 * (what the gateway, the HTTP hops and authentication add), a trivial authenticated call
 * through the gateway, and for the provider the stub's delay (the floor no pipeline can
 * beat).
 *
 * <p>
 * Arguments: the repository root, the stub's base URL (…/v1), its delay in ms, how many
 * prompts to send to the provider, how many rounds of the offline set.
 */
public final class AiBench {

    private AiBench() {
    }

    record Case(String prompt, String type, List<Map<String, String>> components) {
    }

    /** One generation: its end-to-end and server-reported times, and what it answered. */
    record Sample(long nanos, long serverMs, boolean parsed, boolean rightType, int components, int componentsOk,
            boolean good) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String stubUrl = args[1];
        long delayMs = Long.parseLong(args[2]);
        int providerPrompts = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        List<Case> cases = cases(root.resolve("ai-service/src/test/resources/eval/prompts.json"));
        Map<String, String> settings = Map.of("RATE_LIMIT_PER_USER", "100000000", "RATE_LIMIT_PER_IP", "100000000",
                "AI_DAILY_QUOTA", "1000000", "AI_CACHE_TTL", "1ms", "AUTOGRAPH_AI_PROVIDERS_0_NAME", "stub",
                "AUTOGRAPH_AI_PROVIDERS_0_KIND", "openai", "AUTOGRAPH_AI_PROVIDERS_0_BASE_URL", stubUrl,
                "AUTOGRAPH_AI_PROVIDERS_0_MODEL", "stub", "AUTOGRAPH_AI_PROVIDERS_0_TIMEOUT", "60s");
        try (RunningPlatform platform = RunningPlatform.start(List.of("auth-service", "diagram-service", "ai-service"),
                "10", settings)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = BenchAccount.signUp(platform, http).accessToken();
            // Warm-up: every kind once, unmeasured (the JVMs run C1 only, as in the
            // tests).
            for (int i = 0; i < Math.min(cases.size(), 14); i++) {
                generate(http, platform, token, cases.get(i), "offline");
            }
            List<Sample> offline = new ArrayList<>();
            List<Long> floor = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (Case c : cases) {
                    offline.add(generate(http, platform, token, c, "offline"));
                    floor.add(templates(http, platform, token));
                }
            }
            report("offline generator", offline, cases.size() * rounds);
            System.out.printf("  peer: ai-service's own time for the same requests   median %7.1f ms  p95 %7.1f ms%n",
                    percentile(server(offline), 50), percentile(server(offline), 95));
            System.out.printf("  peer: GET /api/ai/templates through the gateway    median %7.1f ms  p95 %7.1f ms%n",
                    percentile(floor, 50) / 1e6, percentile(floor, 95) / 1e6);
            System.out.printf("  ratio end-to-end / service's own: median %.2f, p95 %.2f; goal: median < 300 ms%n",
                    percentile(nanos(offline), 50) / 1e6 / percentile(server(offline), 50),
                    percentile(nanos(offline), 95) / 1e6 / percentile(server(offline), 95));

            List<Sample> provider = new ArrayList<>();
            for (int i = 0; i < providerPrompts; i++) {
                // Spread over the set: every kind of diagram, not the first few.
                provider.add(generate(http, platform, token, cases.get(i * cases.size() / providerPrompts), null));
            }
            report("provider stub answering in " + delayMs + " ms", provider, providerPrompts);
            System.out.printf(
                    "  peer: the stub's delay (the floor) %d ms; ratio median / floor %.2f, p95 / floor %.2f;"
                            + " goal: < 15 s%n",
                    delayMs, percentile(nanos(provider), 50) / 1e6 / delayMs,
                    percentile(nanos(provider), 95) / 1e6 / delayMs);
        }
    }

    private static void report(String what, List<Sample> samples, int expected) {
        int n = samples.size();
        long parsed = samples.stream().filter(Sample::parsed).count();
        long type = samples.stream().filter(Sample::rightType).count();
        long good = samples.stream().filter(Sample::good).count();
        int components = samples.stream().mapToInt(Sample::components).sum();
        int componentsOk = samples.stream().mapToInt(Sample::componentsOk).sum();
        System.out.printf(Locale.ROOT,
                "bench/ai through the gateway, %s: %d generations (%d expected): parsed %.1f %%, expected type "
                        + "%.1f %%, components iconed %.1f %%, quality >= 80 %.1f %%%n",
                what, n, expected, 100.0 * parsed / n, 100.0 * type / n,
                components == 0 ? 100.0 : 100.0 * componentsOk / components, 100.0 * good / n);
        System.out.printf(Locale.ROOT,
                "  end to end                                       median %7.1f ms  p95 %7.1f ms%n",
                percentile(nanos(samples), 50) / 1e6, percentile(nanos(samples), 95) / 1e6);
    }

    private static Sample generate(HttpClient http, RunningPlatform platform, String token, Case c, String provider)
            throws Exception {
        String body = "{\"prompt\": " + quote(c.prompt())
                + (provider == null ? "" : ", \"provider\": \"" + provider + "\"") + "}";
        HttpRequest request = HttpRequest.newBuilder(platform.gateway("/api/ai/generate"))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            return new Sample(nanos, 0, false, false, c.components().size(), 0, false);
        }
        String json = response.body();
        List<Map<String, Object>> shapes = JsonPath.read(json, "$.document.shapes");
        int ok = 0;
        for (Map<String, String> expected : c.components()) {
            String name = normal(expected.get("name"));
            String icon = expected.get("icon");
            boolean found = shapes.stream()
                .filter(s -> !List.of("arrow", "line").contains(s.get("type")))
                .anyMatch(s -> normal(String.valueOf(s.getOrDefault("text", s.get("id")))).contains(name)
                        && (icon == null || icon.equals(s.get("icon"))));
            ok += found ? 1 : 0;
        }
        long serverMs = ((Number) JsonPath.read(json, "$.duration_ms")).longValue();
        return new Sample(nanos, serverMs, !shapes.isEmpty(), c.type().equals(JsonPath.read(json, "$.type")),
                c.components().size(), ok, JsonPath.<Integer>read(json, "$.quality.score") >= 80);
    }

    private static long templates(HttpClient http, RunningPlatform platform, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(platform.gateway("/api/ai/templates"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .build();
        long started = System.nanoTime();
        http.send(request, HttpResponse.BodyHandlers.discarding());
        return System.nanoTime() - started;
    }

    private static List<Case> cases(Path file) throws Exception {
        List<Map<String, Object>> raw = JsonPath.read(Files.readString(file), "$");
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> c : raw) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> components = (List<Map<String, String>>) c.getOrDefault("components", List.of());
            cases.add(new Case((String) c.get("prompt"), (String) c.get("type"), components));
        }
        return cases;
    }

    /** As the evaluation test compares names (ai-service's IconCatalog.normalize). */
    private static String normal(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("/", "").replace("&", " and ");
        t = t.replaceAll("[^\\p{L}\\p{N}.#+]+", " ").replaceAll("(?<![\\p{L}\\p{N}])\\.|\\.(?![\\p{L}\\p{N}])", " ");
        return t.strip().replaceAll(" +", " ");
    }

    private static List<Long> nanos(List<Sample> samples) {
        return samples.stream().map(Sample::nanos).toList();
    }

    private static List<Long> server(List<Sample> samples) {
        return samples.stream().map(Sample::serverMs).toList();
    }

    private static double percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
