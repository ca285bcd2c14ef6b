package com.autograph.shared.security;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@code request.getRemoteAddr()} the client's address: the one the gateway signed
 * ({@link TrustedIdentity#verifyClientAddress}), or else the socket peer's. An unsigned
 * or forged {@code X-Real-IP} is ignored whoever sends it, so a caller that reaches a
 * service directly cannot pick a fresh address per attempt to slip past limits counted
 * per address (Tomcat's RemoteIpValve believed it from any loopback or private peer).
 */
public class ClientAddressFilter extends OncePerRequestFilter {

    private final IdentityProperties properties;

    private final Clock clock;

    public ClientAddressFilter(IdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String signed = TrustedIdentity
            .verifyClientAddress(request::getHeader, properties.secretBytes(), clock.instant(), properties.maxAge())
            .orElse(null);
        chain.doFilter(signed == null ? request : new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return signed;
            }

            @Override
            public String getRemoteHost() {
                return signed;
            }
        }, response);
    }

}
