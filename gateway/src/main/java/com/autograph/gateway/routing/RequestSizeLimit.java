package com.autograph.gateway.routing;

import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * Per-route request body limit: a declared Content-Length over it is refused before
 * anything is forwarded; a body without one (chunked) is read up to the limit first and
 * forwarded with its length. Either way the caller gets 413 {@code payload_too_large}.
 * Custom rather than Spring Cloud Gateway's RequestSize filter, which checks only a
 * declared Content-Length (a chunked body passes unchecked) and answers 413 without a
 * problem body.
 */
@Component
@Order(0)
class RequestSizeLimit implements RouteCustomizer {

    @Override
    public void customize(GatewayRoutes.Route route, RoutingProperties.Downstream downstream,
            GatewayFilterSpec filters) {
        if (!route.websocket()) {
            filters.filter(limit(downstream.maxRequestSize()));
        }
    }

    static GatewayFilter limit(DataSize max) {
        long limit = max.toBytes();
        String reason = "The request body is larger than the " + max + " this endpoint accepts; send a smaller body.";
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            long declared = request.getHeaders().getContentLength();
            if (declared > limit) {
                return Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, reason));
            }
            if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
                return chain.filter(exchange);
            }
            // No Content-Length (chunked): read up to the limit before forwarding
            // anything, so an
            // oversize body never leaves a half-sent request on a pooled connection to
            // the service.
            return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, limit))
                .onErrorMap(DataBufferLimitException.class,
                        error -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, reason))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(body -> {
                    long length = body.map(DataBuffer::readableByteCount).orElse(0);
                    ServerHttpRequest buffered = new ServerHttpRequestDecorator(request) {
                        @Override
                        public HttpHeaders getHeaders() {
                            HttpHeaders headers = new HttpHeaders();
                            headers.putAll(super.getHeaders());
                            headers.remove(HttpHeaders.TRANSFER_ENCODING);
                            headers.setContentLength(length);
                            return headers;
                        }

                        @Override
                        public Flux<DataBuffer> getBody() {
                            return body.map(Flux::just).orElseGet(Flux::empty);
                        }
                    };
                    return chain.filter(exchange.mutate().request(buffered).build());
                });
        };
    }

}
