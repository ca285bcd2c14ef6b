package com.autograph.gateway.auth;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * A client sends the same access token with every request for an hour: parsing it and
 * checking its signature once is enough. A token is cached only after it passed, keyed by
 * its exact text (the same bytes verify the same way), and the validators run again on
 * every use, so expiry and not-before are still checked each time. Whether its session
 * still exists is checked per request elsewhere (SessionCheck), never cached here.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    static final int MAX_TOKENS = 10_000;
    static final Duration KEEP = Duration.ofMinutes(5);

    private final ReactiveJwtDecoder decoder;

    private final OAuth2TokenValidator<Jwt> validator;

    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
        .maximumSize(MAX_TOKENS)
        .expireAfterWrite(KEEP)
        .build();

    VerifiedTokenCache(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Mono<Jwt> decode(String token) throws BadJwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            return Mono.error(new JwtValidationException(result.getErrors().iterator().next().getDescription(),
                    result.getErrors()));
        }
        return Mono.just(known);
    }

}
