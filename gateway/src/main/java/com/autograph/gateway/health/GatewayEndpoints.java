package com.autograph.gateway.health;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * The gateway's own reports under /health. Actuator maps {@code /health/{*path}} to health groups
 * (order -100), so these paths get a mapping that is consulted first.
 */
@Configuration(proxyBeanMethods = false)
class GatewayEndpoints {

    @Bean
    RouterFunctionMapping gatewayReportsMapping(List<GatewayReport> reports, ServerCodecConfigurer codecs) {
        RouterFunction<ServerResponse> routes = reports.stream()
                .map(report -> RouterFunctions.route().GET(report.path(), request -> report.render()).build())
                .reduce(RouterFunction::and)
                .orElseThrow();
        RouterFunctionMapping mapping = new RouterFunctionMapping(routes);
        mapping.setMessageReaders(codecs.getReaders());
        mapping.setOrder(-200);
        return mapping;
    }
}
