package com.autograph.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

import com.autograph.testsupport.PrometheusText;

/**
 * A service's own time for one endpoint, read from its Prometheus {@code /metrics}
 * ({@code http_server_requests_seconds} histogram of GETs to one URI pattern, all
 * statuses). Two samples taken around a run give that run's count, mean and an upper
 * bound of its p95 (the bucket boundary it falls under).
 */
final class ServerTime {

    /**
     * Cumulative request count per bucket bound (seconds), total count and sum (seconds).
     */
    record Sample(TreeMap<Double, Double> buckets, double count, double sum) {

        Sample minus(Sample earlier) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            buckets.forEach((le, n) -> delta.put(le, n - earlier.buckets.getOrDefault(le, 0.0)));
            return new Sample(delta, count - earlier.count, sum - earlier.sum);
        }

        double meanMillis() {
            return count == 0 ? Double.NaN : sum / count * 1000;
        }

        double p95UpperMillis() {
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= 0.95 * count) {
                    return bucket.getKey() * 1000;
                }
            }
            return Double.NaN;
        }
    }

    private ServerTime() {
    }

    static Sample sample(HttpClient http, URI metrics, String uri) throws Exception {
        String text = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
        TreeMap<Double, Double> buckets = new TreeMap<>();
        double count = 0;
        double sum = 0;
        for (PrometheusText.Sample sample : PrometheusText.parse(text)) {
            if (!sample.name().startsWith("http_server_requests_seconds_") || !uri.equals(sample.labels().get("uri"))
                    || !"GET".equals(sample.labels().get("method"))) {
                continue;
            }
            switch (sample.name()) {
                case "http_server_requests_seconds_count" -> count += sample.value();
                case "http_server_requests_seconds_sum" -> sum += sample.value();
                case "http_server_requests_seconds_bucket" -> {
                    String le = sample.labels().get("le");
                    if (le != null && !le.equals("+Inf")) {
                        buckets.merge(Double.parseDouble(le), sample.value(), Double::sum);
                    }
                }
                default -> {
                }
            }
        }
        return new Sample(buckets, count, sum);
    }

}
