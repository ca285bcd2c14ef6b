package com.autograph.gateway.auth;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/** The allow-list from configuration ({@code autograph.gateway.auth.public-paths}) as one matcher. */
final class PublicPaths implements ServerWebExchangeMatcher {

    private final ServerWebExchangeMatcher matcher;

    PublicPaths(List<String> entries) {
        List<ServerWebExchangeMatcher> matchers = entries.stream().map(PublicPaths::parse).toList();
        this.matcher = matchers.isEmpty() ? exchange -> MatchResult.notMatch() : new OrServerWebExchangeMatcher(matchers);
    }

    private static ServerWebExchangeMatcher parse(String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        return parts.length == 2
                ? new PathPatternParserServerWebExchangeMatcher(parts[1], HttpMethod.valueOf(parts[0]))
                : new PathPatternParserServerWebExchangeMatcher(parts[0]);
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return matcher.matches(exchange);
    }

    Mono<Boolean> isPublic(ServerWebExchange exchange) {
        return matches(exchange).map(MatchResult::isMatch);
    }
}
