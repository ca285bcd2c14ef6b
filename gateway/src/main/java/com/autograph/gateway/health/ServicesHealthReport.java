package com.autograph.gateway.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.autograph.gateway.routing.RoutingProperties;
import com.autograph.gateway.web.WebClients;

/**
 * {@code GET /health/services}: every instance of every downstream service asked for its
 * readiness at once, each with a short timeout, so the report takes at most that timeout.
 * Instances are numbered, not named: the report reveals no addresses.
 */
@Component
class ServicesHealthReport implements GatewayReport {

    private final RoutingProperties routing;

    private final WebClient client;

    ServicesHealthReport(RoutingProperties routing, WebClients clients) {
        this.routing = routing;
        this.client = clients.create(routing.healthTimeout(), routing.healthTimeout());
    }

    @Override
    public String path() {
        return "/health/services";
    }

    record Probe(String service, int instance, String status, Integer httpStatus, long latencyMs) {
    }

    @Override
    public Mono<ServerResponse> render() {
        List<Mono<Probe>> probes = new ArrayList<>();
        routing.services().forEach((service, downstream) -> {
            for (int i = 0; i < downstream.urls().size(); i++) {
                probes.add(probe(service, i, downstream.urls().get(i).strip() + downstream.healthPath()));
            }
        });
        return Flux.merge(probes)
            .collectList()
            .flatMap(results -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(report(results)));
    }

    private Mono<Probe> probe(String service, int instance, String url) {
        Duration timeout = routing.healthTimeout();
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return client.get()
                .uri(url)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(timeout)
                .map(code -> new Probe(service, instance, code < 300 ? "UP" : "DOWN", code, millisSince(started)))
                .onErrorResume(error -> Mono.just(new Probe(service, instance, "DOWN", null, millisSince(started))));
        });
    }

    private Map<String, Object> report(List<Probe> probes) {
        Map<String, Object> services = new LinkedHashMap<>();
        int up = 0;
        for (String service : routing.services().keySet()) {
            List<Map<String, Object>> instances = new ArrayList<>();
            long latency = 0;
            boolean anyUp = false;
            for (Probe probe : probes.stream()
                .filter(p -> p.service().equals(service))
                .sorted((a, b) -> Integer.compare(a.instance(), b.instance()))
                .toList()) {
                Map<String, Object> instance = new LinkedHashMap<>();
                instance.put("instance", probe.instance());
                instance.put("status", probe.status());
                instance.put("http_status", probe.httpStatus());
                instance.put("latency_ms", probe.latencyMs());
                instances.add(instance);
                anyUp |= probe.status().equals("UP");
                latency = Math.max(latency, probe.latencyMs());
            }
            up += anyUp ? 1 : 0;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", anyUp ? "UP" : "DOWN");
            entry.put("latency_ms", latency);
            entry.put("instances", instances);
            services.put(service, entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", up == services.size() ? "UP" : up == 0 ? "DOWN" : "DEGRADED");
        report.put("timeout_ms", routing.healthTimeout().toMillis());
        report.put("services", services);
        return report;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

}
