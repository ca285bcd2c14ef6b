package com.autograph.gateway.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientIpTest {

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/diagrams")
            .remoteAddress(new InetSocketAddress(peer, 40000));
        for (String value : forwardedFor) {
            request.header("X-Forwarded-For", value);
        }
        return request.build();
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        ClientIp clientIp = new ClientIp(List.of("10.0.0.0/8"));
        assertThat(clientIp.of(from("198.51.100.7", "1.2.3.4"))).isEqualTo("198.51.100.7");
        assertThat(new ClientIp(List.of()).of(from("10.1.1.1", "1.2.3.4"))).isEqualTo("10.1.1.1");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        ClientIp clientIp = new ClientIp(List.of("10.0.0.0/8", "192.168.1.5"));
        // The client forged "6.6.6.6"; the proxy appended the address it saw.
        assertThat(clientIp.of(from("10.0.0.2", "6.6.6.6, 203.0.113.9, 192.168.1.5"))).isEqualTo("203.0.113.9");
        assertThat(clientIp.of(from("10.0.0.2", "6.6.6.6", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(clientIp.of(from("10.0.0.2", "not-an-ip"))).isEqualTo("not-an-ip");
        // All hops trusted: the left-most is the best there is.
        assertThat(clientIp.of(from("10.0.0.2", "10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(clientIp.of(from("10.0.0.2"))).isEqualTo("10.0.0.2");
    }

    @Test
    void rangesMatchByPrefixForIpv4AndIpv6() {
        ClientIp clientIp = new ClientIp(List.of("172.16.0.0/12", "::1", "2001:db8::/32"));
        assertThat(clientIp.of(from("172.31.255.1", "203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(clientIp.of(from("172.32.0.1", "203.0.113.1"))).isEqualTo("172.32.0.1");
        assertThat(clientIp.of(from("::1", "203.0.113.2"))).isEqualTo("203.0.113.2");
        assertThat(clientIp.of(from("2001:db8:1::5", "203.0.113.3"))).isEqualTo("203.0.113.3");
        assertThatThrownBy(() -> new ClientIp(List.of("proxy.example.com"))).hasMessageContaining("TRUSTED_PROXIES");
    }

}
