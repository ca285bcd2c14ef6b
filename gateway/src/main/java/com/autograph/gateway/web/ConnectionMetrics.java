package com.autograph.gateway.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Reactor Netty's server metrics (reactor_netty_http_server_connections_active, …). URIs are
 * collapsed to one tag value: request metrics per route come from the gateway's own filter.
 */
@Component
class ConnectionMetrics implements NettyServerCustomizer {

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        return server.metrics(true, uri -> "/");
    }
}
