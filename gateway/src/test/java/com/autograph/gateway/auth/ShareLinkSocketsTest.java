package com.autograph.gateway.auth;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ShareLinkSocketsTest {

    private final ShareLinkSockets links = new ShareLinkSockets();

    private boolean test(MockServerHttpRequest.BaseBuilder<?> request) {
        return links.test(MockServerWebExchange.from(request.build()));
    }

    @Test
    void onlyAWellFormedTokenOnARoomsUpgradeNeedsNoSignIn() {
        String token = "Ab-_0123456789abcdefghijklmnopqr";
        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1?share_token=" + token))).isTrue();
        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1").header("X-Share-Token", token))).isTrue();
        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1?share_token=" + "a".repeat(64)))).isTrue();

        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1?share_token=" + "a".repeat(65)))).isFalse();
        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1?share_token="))).isFalse();
        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1?share_token=a%27b"))).isFalse();
        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1"))).isFalse();
        assertThat(test(MockServerHttpRequest.post("/ws/files/f-1?share_token=" + token))).isFalse();
        assertThat(test(MockServerHttpRequest.get("/ws/files/f-1/x?share_token=" + token))).isFalse();
        assertThat(test(MockServerHttpRequest.get("/ws/other?share_token=" + token))).isFalse();
        assertThat(test(MockServerHttpRequest.get("/api/diagrams?share_token=" + token))).isFalse();
    }

}
