package com.autograph.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.autograph.shared.correlation.CorrelationId;

/**
 * Where a request's correlation id is born: accepted from the client when well formed,
 * generated otherwise, kept as an exchange attribute and set on the response. The request
 * forwarded downstream gets it from {@code IdentityHeadersFilter}, in the one rebuild of
 * the request that filter makes anyway (so every service logs it): rebuilding it here as
 * well cost a copy of every header and another layer of request wrappers per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdWebFilter implements WebFilter {

    public static final String ATTRIBUTE = CorrelationIdWebFilter.class.getName() + ".id";

    private static final Logger accessLog = LoggerFactory.getLogger("com.autograph.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String correlationId = CorrelationId
            .acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER));
        exchange.getResponse().getHeaders().set(CorrelationId.HEADER, correlationId);
        exchange.getAttributes().put(ATTRIBUTE, correlationId);
        long started = System.nanoTime();
        return chain.filter(exchange)
            .doFinally(signal -> logAccess(exchange, correlationId, (System.nanoTime() - started) / 1_000_000));
    }

    private void logAccess(ServerWebExchange exchange, String correlationId, long millis) {
        String path = exchange.getRequest().getPath().value();
        boolean probe = path.startsWith("/health") || path.startsWith("/metrics");
        if (probe ? !accessLog.isDebugEnabled() : !accessLog.isInfoEnabled()) {
            return;
        }
        var status = exchange.getResponse().getStatusCode();
        String line = exchange.getRequest().getMethod().name() + " " + path + " -> "
                + (status == null ? "-" : Integer.toString(status.value())) + " in " + millis + " ms";
        // Reactive code hops threads, so the MDC is set just around this log call.
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.MDC_KEY, correlationId)) {
            if (probe) {
                accessLog.debug(line);
            }
            else {
                accessLog.info(line);
            }
        }
    }

}
