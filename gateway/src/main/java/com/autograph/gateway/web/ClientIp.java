package com.autograph.gateway.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client's address: the peer's, unless the peer is a trusted proxy
 * ({@code TRUSTED_PROXIES}); then the right-most X-Forwarded-For entry that is not itself
 * a trusted proxy. Entries further left were written by the client and are never
 * believed. Worked out once per exchange and kept as an exchange attribute: the rate
 * limit, idempotency and the signed {@code X-Real-IP} all ask.
 */
@Component
public final class ClientIp {

    /** Exchange attribute: the client address, once worked out. */
    static final String ATTRIBUTE = ClientIp.class.getName() + ".address";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.\\[\\]]+");

    private final List<IpAddressMatcher> trusted;

    @Autowired
    ClientIp(EdgeProperties edge) {
        this(edge.trustedProxies());
    }

    public ClientIp(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(ClientIp::range)
            .toList();
    }

    private static IpAddressMatcher range(String cidr) {
        if (!isLiteral(cidr.split("/", 2)[0])) {
            throw new IllegalArgumentException(
                    "Not an IP address or CIDR range: " + cidr + " (TRUSTED_PROXIES takes addresses, not host names)");
        }
        return new IpAddressMatcher(cidr);
    }

    /**
     * Whether {@code text} is an IP literal: only those are matched, so a forwarded host
     * name never costs a DNS lookup.
     */
    private static boolean isLiteral(String text) {
        String value = text.strip();
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6.matcher(value).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(value); // a literal: parsed, never resolved
            return true;
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    /** The client address of this exchange (worked out on the first call). */
    public String of(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known == null) {
            known = of(exchange.getRequest());
            exchange.getAttributes().put(ATTRIBUTE, known);
        }
        return known;
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    /**
     * Whether the peer is one of the trusted proxies (so its X-Forwarded-* headers
     * count).
     */
    public boolean peerIsTrusted(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null && isTrusted(remote.getAddress().getHostAddress());
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty() || !isLiteral(address)) {
            return false;
        }
        for (IpAddressMatcher range : trusted) {
            try {
                if (range.matches(address)) {
                    return true;
                }
            }
            catch (IllegalArgumentException unparsable) {
                return false;
            }
        }
        return false;
    }

}
