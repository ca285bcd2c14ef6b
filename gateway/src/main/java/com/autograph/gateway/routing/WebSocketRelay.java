package com.autograph.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Relays a routed WebSocket (the collaboration socket) to its service, in place of Spring
 * Cloud Gateway's {@link WebsocketRoutingFilter}, which runs after this one and then
 * finds the exchange routed. Two things differ, both promised by the collaboration
 * protocol:
 * <ul>
 * <li>A close follows the messages sent before it. Spring Cloud Gateway closes the client
 * the moment the service's close arrives, racing the messages still being written: the
 * error a refused join is told (then closed with) went missing in about 3 of 1,000
 * refusals.</li>
 * <li>Close codes pass as sent, 1012–1014 (restart, try again later, bad gateway)
 * included, which Spring Cloud Gateway turns into 1002 (protocol error).</li>
 * </ul>
 * It reuses Spring Cloud Gateway's WebSocket client and upgrade service, so their
 * settings (the frame limit) hold, and its request-header filters.
 */
@Component
class WebSocketRelay implements GlobalFilter, Ordered {

    /** After the load balancer chose the address, before Spring Cloud Gateway's relay. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2;

    private final WebSocketClient client;

    private final WebSocketService upgrades;

    private final ObjectProvider<List<HttpHeadersFilter>> headerFilters;

    WebSocketRelay(WebSocketClient client, WebSocketService upgrades,
            ObjectProvider<List<HttpHeadersFilter>> headerFilters) {
        this.client = client;
        this.upgrades = upgrades;
        this.headerFilters = headerFilters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (target == null || ServerWebExchangeUtils.isAlreadyRouted(exchange)
                || !"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            return chain.filter(exchange);
        }
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("http", "https", "ws", "wss").contains(scheme)) {
            return chain.filter(exchange);
        }
        ServerWebExchangeUtils.setAlreadyRouted(exchange);
        URI socket = UriComponentsBuilder.fromUri(target)
            .scheme(scheme.startsWith("http") ? scheme.replace("http", "ws") : scheme)
            .build(ServerWebExchangeUtils.containsEncodedParts(target))
            .toUri();
        return upgrades.handleRequest(exchange,
                new Relay(socket, forwardedHeaders(exchange), protocols(exchange.getRequest().getHeaders())));
    }

    /**
     * The request's headers as the route's filters left them, without Host and the
     * client's own {@code Sec-WebSocket-*} (the relay's handshake has its own).
     */
    private HttpHeaders forwardedHeaders(ServerWebExchange exchange) {
        HttpHeaders filtered = HttpHeadersFilter.filterRequest(headerFilters.getIfAvailable(List::of), exchange);
        HttpHeaders forwarded = new HttpHeaders();
        filtered.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.startsWith("sec-websocket")) {
                forwarded.addAll(name, values);
            }
        });
        return forwarded;
    }

    private static List<String> protocols(HttpHeaders headers) {
        List<String> protocols = new ArrayList<>();
        for (String header : headers.getOrEmpty("Sec-WebSocket-Protocol")) {
            protocols.addAll(List.of(StringUtils.tokenizeToStringArray(header, ",")));
        }
        return protocols;
    }

    /**
     * A close code a close frame may carry; codes that only describe what happened (1005
     * none given, 1006 ended without a close, 1015 TLS) and unassigned ones become
     * {@code otherwise}.
     */
    static CloseStatus sendable(CloseStatus status, CloseStatus otherwise) {
        int code = status.getCode();
        boolean assigned = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
        return assigned ? status : otherwise;
    }

    private final class Relay implements WebSocketHandler {

        private final URI target;

        private final HttpHeaders headers;

        private final List<String> protocols;

        Relay(URI target, HttpHeaders headers, List<String> protocols) {
            this.target = target;
            this.headers = headers;
            this.protocols = protocols;
        }

        @Override
        public List<String> getSubProtocols() {
            return protocols;
        }

        @Override
        public Mono<Void> handle(WebSocketSession browser) {
            // Both ways are subscribed on their own, not as a connection's handler:
            // Reactor Netty cancels a connection's handler when the connection ends, and
            // cancelling a read sends the other side a close without a code. Each way
            // reads until its own side ends; the handlers only wait for both.
            Sinks.Empty<Void> relayed = Sinks.empty();
            client.execute(target, headers, new WebSocketHandler() {

                @Override
                public List<String> getSubProtocols() {
                    return protocols;
                }

                @Override
                public Mono<Void> handle(WebSocketSession service) {
                    // A browser that just vanished is gone (1001); a service that did
                    // failed (1011).
                    Mono.when(relay(browser, service, CloseStatus.GOING_AWAY),
                            relay(service, browser, CloseStatus.SERVER_ERROR))
                        .subscribe(null, failure -> relayed.tryEmitEmpty(), relayed::tryEmitEmpty);
                    return relayed.asMono();
                }
            })
                .subscribe(null,
                        unreachable -> browser.close(CloseStatus.SERVER_ERROR)
                            .onErrorComplete()
                            .subscribe(null, null, relayed::tryEmitEmpty));
            return relayed.asMono();
        }

        /**
         * Writes what {@code from} sends to {@code to}, one message at a time (a failed
         * write does not stop the reading), then closes {@code to} as {@code from}
         * closed. A frame over the gateway's limit ends {@code from} with the decoder's
         * code (1009).
         */
        private static Mono<Void> relay(WebSocketSession from, WebSocketSession to, CloseStatus otherwise) {
            // Netty releases each frame once read: retained, it lives until written.
            return from.receive()
                .doOnNext(WebSocketMessage::retain)
                .concatMap(message -> to.send(Mono.just(message)).onErrorComplete())
                .doOnDiscard(WebSocketMessage.class, WebSocketMessage::release)
                .then(from.closeStatus().defaultIfEmpty(otherwise))
                .onErrorResume(failure -> {
                    CloseStatus status = failure instanceof CorruptedWebSocketFrameException corrupted
                            ? CloseStatus.create(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText())
                            : CloseStatus.PROTOCOL_ERROR;
                    return from.close(status).onErrorComplete().thenReturn(status);
                })
                .filter(status -> to.isOpen())
                .flatMap(status -> to.close(sendable(status, otherwise)).onErrorComplete());
        }

    }

}
