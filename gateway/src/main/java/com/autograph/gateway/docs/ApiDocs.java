package com.autograph.gateway.docs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.autograph.gateway.error.ProblemResponses;
import com.autograph.gateway.routing.RoutingProperties;
import com.autograph.gateway.web.WebClients;

/**
 * The API documentation of the whole platform in one place (DESIGN.md):
 * {@code GET /api/docs} is one OpenAPI document merging every service's
 * {@code /v3/api-docs}, {@code GET /api/docs/{service}} one service's own. Documents are
 * fetched from the services (any instance that answers) and kept for a minute; a service
 * that does not answer is listed as unavailable rather than failing the rest.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    static final Duration KEEP = Duration.ofMinutes(1);

    private final RoutingProperties routing;

    private final JsonMapper json;

    private final ProblemResponses problems;

    private final WebClient client;

    private final Map<String, Mono<JsonNode>> documents = new ConcurrentHashMap<>();

    ApiDocs(RoutingProperties routing, JsonMapper json, ProblemResponses problems, WebClients clients) {
        this.routing = routing;
        this.json = json;
        this.problems = problems;
        this.client = clients.builder(FETCH_TIMEOUT, FETCH_TIMEOUT)
            // Large documents (auth and diagram-service have many schemas).
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build();
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes() {
        return RouterFunctions.route()
            .GET("/api/docs", request -> merged())
            .GET("/api/docs/{service}", this::single)
            .build();
    }

    private Mono<ServerResponse> merged() {
        List<String> services = List.copyOf(routing.services().keySet());
        return Flux.fromIterable(services)
            .flatMapSequential(service -> document(service).map(doc -> Map.entry(service, doc))
                .onErrorResume(error -> Mono.just(Map.entry(service, json.missingNode()))))
            .collectList()
            .map(entries -> {
                Map<String, JsonNode> byService = new LinkedHashMap<>();
                entries.forEach(entry -> byService.put(entry.getKey(), entry.getValue()));
                return new OpenApiMerger(json).merge(byService);
            })
            .flatMap(doc -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(doc));
    }

    private Mono<ServerResponse> single(ServerRequest request) {
        String service = request.pathVariable("service");
        if (!routing.services().containsKey(service)) {
            return problems
                .write(request.exchange(), HttpStatus.NOT_FOUND, "not_found",
                        "There is no service '" + service + "'; GET /api/docs lists them: "
                                + String.join(", ", routing.services().keySet()) + ".")
                .then(Mono.empty());
        }
        return document(service)
            .flatMap(doc -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(doc))
            .onErrorResume(error -> problems
                .write(request.exchange(), HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                        service + " did not hand out its API document; retry in a few seconds.")
                .then(Mono.empty()));
    }

    /**
     * A service's document: the first of its instances that answers, kept for
     * {@link #KEEP}.
     */
    private Mono<JsonNode> document(String service) {
        return documents.computeIfAbsent(service,
                name -> fetch(routing.service(name)).cache(doc -> KEEP, error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<JsonNode> fetch(RoutingProperties.Downstream downstream) {
        return Flux.fromIterable(downstream.urls())
            .concatMap(url -> client.get()
                .uri(url.strip() + "/v3/api-docs")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(json::readTree)
                .onErrorResume(error -> Mono.empty()), 1)
            .next()
            .switchIfEmpty(Mono.error(() -> new IllegalStateException("no instance handed out its API document")));
    }

}
