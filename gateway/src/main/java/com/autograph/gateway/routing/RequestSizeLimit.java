package com.autograph.gateway.routing;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * Per-route request body limit: a declared Content-Length over it is refused before anything is
 * forwarded; a body without one (chunked) is counted while it streams and cut at the limit.
 * Either way the caller gets 413 {@code payload_too_large}.
 */
@Component
@Order(0)
class RequestSizeLimit implements RouteCustomizer {

    @Override
    public void customize(GatewayRoutes.Route route, RoutingProperties.Downstream downstream, GatewayFilterSpec filters) {
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
            if (declared >= 0) {
                return chain.filter(exchange);
            }
            AtomicLong seen = new AtomicLong();
            ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
                @Override
                public Flux<DataBuffer> getBody() {
                    return super.getBody().handle((buffer, sink) -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, reason));
                        }
                        else {
                            sink.next(buffer);
                        }
                    });
                }
            };
            return chain.filter(exchange.mutate().request(counted).build());
        };
    }
}
