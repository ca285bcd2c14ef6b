package com.autograph.gateway.auth;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * The step of the security chain between authentication and authorization, given the
 * authenticated caller (null when anonymous): the rate limits, which count per user and
 * read the caller's session ({@link SessionCheck}) in the same Redis call. An interface
 * of this package, so that the security chain does not depend on the package that
 * implements it.
 */
public interface CallerFilter {

    Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain, Caller caller);

}
