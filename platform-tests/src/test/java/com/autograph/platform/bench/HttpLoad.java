package com.autograph.platform.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load driver for the benchmarks: {@code workers} virtual threads each
 * send the next request as soon as the previous answer arrives, for a bounded time, on
 * loopback only. Reports throughput and latency percentiles; non-2xx answers count as
 * errors.
 */
public final class HttpLoad {

    /** What one run measured. */
    public record Result(String name, long requests, long errors, double seconds, double p50Millis, double p95Millis,
            double p99Millis) {

        public double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return "%-34s %9.1f req/s   p50 %7.2f ms   p95 %7.2f ms   p99 %7.2f ms   (%d requests, %d errors)"
                .formatted(name, perSecond(), p50Millis, p95Millis, p99Millis, requests, errors);
        }
    }

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final int MAX_SAMPLES = 2_000_000;

    private HttpLoad() {
    }

    /**
     * One request of one worker: sends it and returns the response (its status decides
     * success).
     */
    @FunctionalInterface
    public interface Step {

        HttpResponse<?> send(int worker, HttpClient http) throws Exception;

    }

    public static Result run(String name, Supplier<HttpRequest> request, int workers, Duration duration)
            throws Exception {
        return run(name, (worker, client) -> client.send(request.get(), HttpResponse.BodyHandlers.discarding()),
                workers, duration);
    }

    /**
     * For requests that depend on earlier answers (e.g. an ETag): each worker runs its
     * own steps.
     */
    public static Result run(String name, Step step, int workers, Duration duration) throws Exception {
        long[] latencies = new long[MAX_SAMPLES];
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                int worker = w;
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<?> response = step.send(worker, http);
                            if (response.statusCode() >= 300) {
                                errors.incrementAndGet();
                            }
                        }
                        catch (Exception ex) {
                            errors.incrementAndGet();
                        }
                        long index = count.getAndIncrement();
                        if (index < MAX_SAMPLES) {
                            latencies[(int) index] = System.nanoTime() - sent;
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int samples = (int) Math.min(count.get(), MAX_SAMPLES);
        long[] sorted = Arrays.copyOf(latencies, samples);
        Arrays.sort(sorted);
        return new Result(name, count.get(), errors.get(), seconds, percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99));
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

}
