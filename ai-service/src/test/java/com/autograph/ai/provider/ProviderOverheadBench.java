package com.autograph.ai.provider;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.DraftRequest;
import com.autograph.ai.provider.ProviderSettings.Breaker;
import com.autograph.ai.provider.ProviderSettings.Provider;

/**
 * bench/ai/provider-overhead: a streamed draft through the provider chain against the
 * same streamed request sent with a bare JDK HttpClient, both to bench/ai/stub-openai
 * answering after a fixed delay, interleaved. Prints median and p95 of each and their
 * ratio: what the chain (prompt building, LangChain4j, breaker, code extraction, metrics)
 * adds to the provider's own time.
 */
public final class ProviderOverheadBench {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        Process stub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                root.resolve("bench/ai/StubOpenAi.java").toString(), String.valueOf(port), String.valueOf(delay))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        try {
            awaitPort(port);
            Provider provider = new Provider("stub", ProviderKind.OPENAI, "http://127.0.0.1:" + port + "/v1", null,
                    "stub", List.of(), Duration.ofSeconds(60), 0.2, 4096, BigDecimal.ZERO, BigDecimal.ZERO, true);
            ProviderChain chain = ProviderConfiguration.build(
                    Chains.settings(new Breaker(5, 50, Duration.ofSeconds(30)), provider), new SimpleMeterRegistry());
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"model\":\"stub\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"Request:\\nan e-commerce site with CloudFront, two services behind an ALB and Postgres\\n\"}]}";
            DraftRequest request = new DraftRequest(
                    "an e-commerce site with CloudFront, two services behind an ALB and Postgres", "mermaid", null,
                    List.of(), null, null, null);
            List<Long> bare = new ArrayList<>();
            List<Long> viaChain = new ArrayList<>();
            // One warm-up of each, not counted.
            for (int i = -1; i < rounds; i++) {
                long start = System.nanoTime();
                HttpResponse<InputStream> response = http
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    in.readAllBytes();
                }
                long bareTook = System.nanoTime() - start;
                start = System.nanoTime();
                CodeDraft draft = chain.draft(request, delta -> {
                });
                long chainTook = System.nanoTime() - start;
                if (!draft.code().startsWith("flowchart")) {
                    throw new IllegalStateException("unexpected answer: " + draft.code());
                }
                if (i >= 0) {
                    bare.add(bareTook);
                    viaChain.add(chainTook);
                }
            }
            chain.close();
            System.out.printf("stub delay %d ms, %d rounds%n", delay, rounds);
            System.out.printf("bare HTTP stream   median %7.1f ms  p95 %7.1f ms%n", ms(percentile(bare, 50)),
                    ms(percentile(bare, 95)));
            System.out.printf("provider chain     median %7.1f ms  p95 %7.1f ms%n", ms(percentile(viaChain, 50)),
                    ms(percentile(viaChain, 95)));
            System.out.printf("chain / bare (median) %.3f; chain adds %.1f ms%n",
                    (double) percentile(viaChain, 50) / percentile(bare, 50),
                    ms(percentile(viaChain, 50) - percentile(bare, 50)));
        }
        finally {
            stub.destroy();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            }
            catch (java.io.IOException ex) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the stub did not start on port " + port);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

}
