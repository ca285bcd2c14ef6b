package com.autograph.gateway.web;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Security headers on every response, the gateway's own and the services' alike (a
 * service's own value wins where it set one): nosniff, Referrer-Policy, no framing except
 * on embed paths, and HSTS when the request came over TLS (directly, or per
 * X-Forwarded-Proto from a trusted proxy).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(EdgeProperties.class)
class SecurityHeadersWebFilter implements WebFilter {

    private final EdgeProperties.Headers settings;

    private final List<PathPattern> embedPaths;

    private final ClientIp proxies;

    SecurityHeadersWebFilter(EdgeProperties edge, ClientIp proxies) {
        this.settings = edge.headers();
        this.embedPaths = settings.embedPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.proxies = proxies;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // The request's path is parsed already (a RequestPath is a PathContainer): not
        // again per pattern.
        boolean embeddable = embedPaths.stream().anyMatch(pattern -> pattern.matches(request.getPath()));
        boolean secure = isSecure(request);
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            setIfAbsent(headers, "Referrer-Policy", settings.referrerPolicy());
            if (embeddable) {
                headers.remove("X-Frame-Options");
                setIfAbsent(headers, "Content-Security-Policy", "frame-ancestors " + settings.embedFrameAncestors());
            }
            else {
                setIfAbsent(headers, "X-Frame-Options", "DENY");
                setIfAbsent(headers, "Content-Security-Policy", "frame-ancestors 'none'");
            }
            if (secure) {
                setIfAbsent(headers, "Strict-Transport-Security",
                        "max-age=" + settings.hstsMaxAge().toSeconds() + "; includeSubDomains");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private boolean isSecure(ServerHttpRequest request) {
        if (request.getSslInfo() != null || "https".equals(request.getURI().getScheme())) {
            return true;
        }
        return proxies.peerIsTrusted(request)
                && "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
    }

    private static void setIfAbsent(HttpHeaders headers, String name, String value) {
        if (!headers.containsHeader(name)) {
            headers.set(name, value);
        }
    }

}
