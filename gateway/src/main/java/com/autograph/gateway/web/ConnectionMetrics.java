package com.autograph.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Client connections: {@code gateway_connections_active} and
 * {@code gateway_connections_total}. Counted on connect and close only; Reactor Netty's
 * own server metrics would also time and size every request, which the gateway's
 * per-route request metrics already do.
 */
@Component
class ConnectionMetrics implements NettyServerCustomizer {

    private final AtomicLong active = new AtomicLong();

    private final Counter opened;

    ConnectionMetrics(MeterRegistry meters) {
        Gauge.builder("gateway.connections.active", active, AtomicLong::get)
            .description("Open client connections")
            .register(meters);
        this.opened = Counter.builder("gateway.connections")
            .description("Client connections accepted")
            .register(meters);
    }

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        // Per channel: doOnConnection would fire per HTTP exchange of a kept-alive
        // connection.
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            opened.increment();
            active.incrementAndGet();
            channel.closeFuture().addListener(closed -> active.decrementAndGet());
        });
    }

}
