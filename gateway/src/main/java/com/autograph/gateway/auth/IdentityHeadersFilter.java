package com.autograph.gateway.auth;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.autograph.gateway.CorrelationIdWebFilter;
import com.autograph.gateway.web.ClientIp;
import com.autograph.shared.correlation.CorrelationId;
import com.autograph.shared.security.TrustedIdentity;

/**
 * On every routed request: removes whatever identity headers the client sent, then, for
 * an authenticated caller, sets the verified ones with their signature and timestamp. On
 * every request, anonymous ones too, it also sets {@code X-Real-IP} to the one client
 * address the gateway determined (from the socket, or from a trusted proxy's
 * X-Forwarded-For), signed ({@link TrustedIdentity#writeClientAddress}), replacing
 * anything the client sent: services limiting or auditing by client address believe it
 * only with a valid signature. The request's correlation id goes on in the same rebuild.
 */
@Component
class IdentityHeadersFilter implements GlobalFilter, Ordered {

    private final IdentitySigner signer;

    private final ClientIp clientIp;

    private final Clock clock;

    IdentityHeadersFilter(IdentitySigner signer, ClientIp clientIp, Clock clock) {
        this.signer = signer;
        this.clientIp = clientIp;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
            .map(SecurityContext::getAuthentication)
            .filter(Caller.class::isInstance)
            .map(authentication -> rewrite(exchange, (Caller) authentication))
            .switchIfEmpty(Mono.fromSupplier(() -> rewrite(exchange, null)))
            .flatMap(chain::filter);
    }

    private ServerWebExchange rewrite(ServerWebExchange exchange, Caller caller) {
        TrustedIdentity identity = caller == null ? null : caller.identity();
        String client = clientIp.of(exchange);
        long now = clock.instant().getEpochSecond();
        String correlationId = exchange.getAttribute(CorrelationIdWebFilter.ATTRIBUTE);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            // CorrelationIdWebFilter's id (accepted or generated) replaces the client's
            // header.
            if (correlationId != null) {
                headers.set(CorrelationId.HEADER, correlationId);
            }
            TrustedIdentity.HEADERS.forEach(headers::remove);
            if (client != null && !client.equals("unknown")) {
                TrustedIdentity.writeClientAddress(client, signer.secret(), now, headers::set);
            }
            if (identity != null) {
                identity.writeHeaders(signer.secret(), now, headers::set);
                // A socket outlives its upgrade request: its service ends it when the
                // token expires.
                caller.expiresAt()
                    .ifPresent(expiry -> TrustedIdentity.writeCredentialExpiry(identity.userId(), expiry,
                            signer.secret(), now, headers::set));
            }
        }).build();
        return exchange.mutate().request(request).build();
    }

    /** Before the load balancer and the routing filters. */
    @Override
    public int getOrder() {
        return 0;
    }

}
