package com.autograph.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's address: the peer's, unless the peer is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy. Entries further left were written by
 * the client and are never believed.
 */
public final class ClientIp {

    /** An address range: {@code 10.0.0.0/8}, {@code ::1}, {@code 192.168.1.7}. */
    private record Range(byte[] network, int prefix) {
        static Range parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr
                        + " (TRUSTED_PROXIES takes addresses, not host names)");
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted;

    public ClientIp(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Range::parse).toList();
    }

    /** The bytes of an IP literal; null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        String value = text.strip();
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.\\[\\]]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(value).getAddress();
        }
        catch (java.net.UnknownHostException ex) {
            return null;
        }
    }

    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For");
        String client = peer;
        List<String> hops = forwarded.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    /** Whether the peer is one of the trusted proxies (so its X-Forwarded-* headers count). */
    public boolean peerIsTrusted(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null && isTrusted(remote.getAddress().getHostAddress());
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }
}
