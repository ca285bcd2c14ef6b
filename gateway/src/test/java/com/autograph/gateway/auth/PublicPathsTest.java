package com.autograph.gateway.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class PublicPathsTest {

    private final PublicPaths paths = new PublicPaths(
            List.of("POST /api/auth/login", "GET /api/docs/**", "/health", "GET /api/diagrams/links/*"));

    @Test
    void matchesMethodAndPatternAsConfigured() {
        assertThat(paths.test(exchange(MockServerHttpRequest.post("/api/auth/login")))).isTrue();
        assertThat(paths.test(exchange(MockServerHttpRequest.get("/api/auth/login")))).isFalse();
        assertThat(paths.test(exchange(MockServerHttpRequest.get("/api/docs/auth-service")))).isTrue();
        assertThat(paths.test(exchange(MockServerHttpRequest.get("/api/docs")))).isTrue();
        assertThat(paths.test(exchange(MockServerHttpRequest.delete("/health")))).isTrue();
        assertThat(paths.test(exchange(MockServerHttpRequest.get("/health/services")))).isFalse();
        assertThat(paths.test(exchange(MockServerHttpRequest.get("/api/diagrams/links/abc")))).isTrue();
        assertThat(paths.test(exchange(MockServerHttpRequest.get("/api/diagrams/links/abc/more")))).isFalse();
        assertThat(paths.test(exchange(MockServerHttpRequest.get("/api/diagrams/123")))).isFalse();
    }

    @Test
    void answersAsAReactiveMatcherToo() {
        ServerWebExchange login = exchange(MockServerHttpRequest.post("/api/auth/login"));
        assertThat(paths.matches(login).block().isMatch()).isTrue();
        assertThat(paths.isPublic(login).block()).isTrue();
        assertThat(paths.matches(exchange(MockServerHttpRequest.get("/api/diagrams"))).block().isMatch()).isFalse();
    }

    @Test
    void eachListRemembersItsOwnAnswerPerExchange() {
        PublicPaths other = new PublicPaths(List.of("GET /api/diagrams"));
        ServerWebExchange list = exchange(MockServerHttpRequest.get("/api/diagrams"));
        assertThat(paths.test(list)).isFalse();
        assertThat(other.test(list)).isTrue();
        assertThat(paths.test(list)).isFalse();
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertThat(new PublicPaths(List.of()).test(exchange(MockServerHttpRequest.get("/")))).isFalse();
        assertThat(new PublicPaths(List.of("")).test(exchange(MockServerHttpRequest.get("/")))).isFalse();
    }

    private static ServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request.build());
    }

}
