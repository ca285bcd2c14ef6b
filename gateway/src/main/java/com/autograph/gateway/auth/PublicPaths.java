package com.autograph.gateway.auth;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * An allow-list from configuration ({@code "[METHOD ]/path/pattern"} entries) as one
 * matcher. Every request is checked against it three times (two authentication filters,
 * then authorization), so it matches synchronously and remembers its answer on the
 * exchange: Spring Security's {@code OrServerWebExchangeMatcher} would build a reactive
 * pipeline per pattern per check, a large share of the gateway's per-request CPU.
 */
final class PublicPaths implements ServerWebExchangeMatcher {

    private static final Mono<MatchResult> MATCH = MatchResult.match();

    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private static final Mono<Boolean> YES = Mono.just(true);

    private static final Mono<Boolean> NO = Mono.just(false);

    private record Entry(HttpMethod method, PathPattern pattern) {
        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && pattern.matches(path);
        }
    }

    private final List<Entry> entries;

    private final String attribute = PublicPaths.class.getName() + "@"
            + Integer.toHexString(System.identityHashCode(this));

    PublicPaths(List<String> entries) {
        this.entries = entries.stream().filter(entry -> !entry.isBlank()).map(PublicPaths::parse).toList();
    }

    private static Entry parse(String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        return parts.length == 2
                ? new Entry(HttpMethod.valueOf(parts[0]), PathPatternParser.defaultInstance.parse(parts[1]))
                : new Entry(null, PathPatternParser.defaultInstance.parse(parts[0]));
    }

    boolean test(ServerWebExchange exchange) {
        Boolean known = exchange.getAttribute(attribute);
        if (known != null) {
            return known;
        }
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        boolean match = false;
        for (Entry entry : entries) {
            if (entry.matches(request.getMethod(), path)) {
                match = true;
                break;
            }
        }
        exchange.getAttributes().put(attribute, match);
        return match;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return test(exchange) ? MATCH : NO_MATCH;
    }

    Mono<Boolean> isPublic(ServerWebExchange exchange) {
        return test(exchange) ? YES : NO;
    }

}
