package com.autograph.gateway.health;

import java.util.List;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

import reactor.core.publisher.Mono;

/**
 * What the gateway serves about itself on its public port: its reports under /health, and
 * the probes {@code /health}, {@code /health/liveness} and {@code /health/readiness}. The
 * actuator itself (with /metrics and /info) listens on the management port, so these
 * answer from its health endpoint here. Consulted before anything else (order -200).
 */
@Configuration(proxyBeanMethods = false)
class GatewayEndpoints {

    @Bean
    RouterFunctionMapping gatewayReportsMapping(List<GatewayReport> reports, ReactiveHealthEndpointWebExtension health,
            ServerCodecConfigurer codecs) {
        RouterFunction<ServerResponse> routes = reports.stream()
            .map(report -> RouterFunctions.route().GET(report.path(), request -> report.render()).build())
            .reduce(RouterFunction::and)
            .orElseThrow()
            .and(RouterFunctions.route()
                .GET("/health", request -> probe(health))
                .GET("/health/liveness", request -> probe(health, "liveness"))
                .GET("/health/readiness", request -> probe(health, "readiness"))
                .build());
        RouterFunctionMapping mapping = new RouterFunctionMapping(routes);
        mapping.setMessageReaders(codecs.getReaders());
        mapping.setOrder(-200);
        return mapping;
    }

    /**
     * The actuator's answer for the overall health or one group: the same status code and
     * body.
     */
    private static Mono<ServerResponse> probe(ReactiveHealthEndpointWebExtension health, String... group) {
        return health.health(ApiVersion.LATEST, WebServerNamespace.MANAGEMENT, SecurityContext.NONE, group)
            .flatMap(answer -> answer.getBody() == null ? ServerResponse.status(answer.getStatus()).build()
                    : ServerResponse.status(answer.getStatus())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(answer.getBody()));
    }

}
