package com.autograph.gateway.auth;

import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * A share link's holder opening the file's room: {@code GET /ws/files/{id}} with the
 * link's token in {@code ?share_token=} (browsers cannot set headers on a WebSocket) or
 * {@code X-Share-Token}. Such an upgrade needs no sign-in, like the REST link endpoints
 * (optional-auth paths): credentials sent are still checked (401 when invalid) and passed
 * on, and the gateway strips every identity header the client sent, so the link grants
 * nothing here; collaboration-service has diagram-service check the link (password,
 * expiry, revocation, file) before the socket joins. Only a well-formed token counts (its
 * size and alphabet, checked before anything is looked up); anything else is an ordinary
 * upgrade that needs credentials.
 */
final class ShareLinkSockets implements ServerWebExchangeMatcher {

    static final String PARAMETER = "share_token";

    static final String HEADER = "X-Share-Token";

    /** diagram-service's tokens are 32 URL-safe Base64 characters; room to spare. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern ROOM = Pattern.compile("/ws/files/[^/]+");

    boolean test(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.GET.equals(request.getMethod())
                || !ROOM.matcher(request.getPath().pathWithinApplication().value()).matches()) {
            return false;
        }
        String token = request.getQueryParams().getFirst(PARAMETER);
        if (token == null) {
            token = request.getHeaders().getFirst(HEADER);
        }
        return token != null && TOKEN.matcher(token).matches();
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return test(exchange) ? MatchResult.match() : MatchResult.notMatch();
    }

}
