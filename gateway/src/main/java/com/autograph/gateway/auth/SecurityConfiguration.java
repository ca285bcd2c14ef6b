package com.autograph.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import com.autograph.gateway.app.BrowserApp;
import com.autograph.gateway.error.ProblemResponses;
import com.autograph.gateway.web.EdgeProperties;
import com.autograph.gateway.web.WebClients;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Protected by default: every request needs a valid access token or API key unless it
 * matches the configured public allow-list. Stateless: no session, no CSRF, no login
 * form.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

    /**
     * Exchange attribute: access was denied because an API key's scopes do not cover the
     * request.
     */
    static final String INSUFFICIENT_SCOPE = SecurityConfiguration.class.getName() + ".insufficientScope";

    /**
     * The identity-signing secret, resolved strictly so a missing one names its variable
     * at start-up.
     */
    @Bean
    IdentitySigner identitySigner(Environment environment) {
        String secret = environment.getProperty("autograph.gateway.auth.identity.signing-secret");
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < JwtDecoders.MIN_SECRET_BYTES) {
            throw new IllegalStateException("IDENTITY_SIGNING_SECRET must be set, at least "
                    + JwtDecoders.MIN_SECRET_BYTES + " bytes (e.g. openssl rand -base64 48)");
        }
        return new IdentitySigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * No observation per security filter, authentication and authorization: the request
     * metrics time the whole exchange, and a disabled observation still wraps every
     * filter of the chain on every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder accessTokenDecoder(AuthProperties auth, Environment environment) {
        String secret = auth.jwt().algorithm().equals("HS256")
                ? environment.getProperty("autograph.gateway.auth.jwt.secret") : null;
        if (auth.jwt().algorithm().equals("HS256") && (secret == null || secret.isBlank())) {
            throw new IllegalStateException("JWT_SECRET must be set (the HS256 key auth-service signs tokens with)");
        }
        return JwtDecoders.from(auth.jwt(), secret);
    }

    /**
     * {@code filter} with the authenticated {@link Caller} of the exchange, or null when
     * anonymous.
     */
    private static WebFilter withCaller(CallerFilter filter) {
        return (exchange, chain) -> ReactiveSecurityContextHolder.getContext()
            .map(SecurityContext::getAuthentication)
            .filter(Caller.class::isInstance)
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(caller -> filter.filter(exchange, chain, (Caller) caller.orElse(null)));
    }

    static CorsConfigurationSource corsSource(EdgeProperties.Cors settings) {
        CorsConfiguration cors = new CorsConfiguration();
        settings.allowedOrigins().forEach(origin -> {
            if (origin.contains("*")) {
                cors.addAllowedOriginPattern(origin);
            }
            else {
                cors.addAllowedOrigin(origin);
            }
        });
        cors.setAllowedMethods(settings.allowedMethods());
        cors.setAllowedHeaders(settings.allowedHeaders());
        cors.setExposedHeaders(settings.exposedHeaders());
        cors.setAllowCredentials(settings.allowCredentials());
        cors.setMaxAge(settings.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    ProblemAuthenticationEntryPoint problemEntryPoint(ProblemResponses problems, AuthProperties auth) {
        return new ProblemAuthenticationEntryPoint(problems, auth.apiKey().header());
    }

    @Bean
    SessionCheck sessionCheck(ReactiveStringRedisTemplate redis, RedisKeyspace keyspace, AuthProperties auth,
            ProblemAuthenticationEntryPoint entryPoint, MeterRegistry meters, Clock clock) {
        return new SessionCheck(redis, keyspace, auth.sessionIdleTimeout(), entryPoint, meters, clock);
    }

    /**
     * {@code afterAuthentication} (the rate limits) runs between authentication and
     * authorization.
     */
    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, AuthProperties auth, ReactiveJwtDecoder decoder,
            ProblemResponses problems, ProblemAuthenticationEntryPoint entryPoint, ReactiveStringRedisTemplate redis,
            RedisKeyspace keyspace, ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers, WebClients webClients,
            JsonMapper json, Clock clock, CallerFilter afterAuthentication, EdgeProperties edge, BrowserApp app) {
        PublicPaths publicPaths = new PublicPaths(auth.publicPaths());
        PublicPaths optionalAuthPaths = new PublicPaths(auth.optionalAuthPaths());
        var failureHandler = new ServerAuthenticationEntryPointFailureHandler(entryPoint);

        // Credentials on a public path are ignored: an expired token must not block
        // /api/auth/refresh.
        var bearer = new ServerBearerTokenAuthenticationConverter();
        // Browsers cannot set headers on a WebSocket upgrade: there, and only there, the
        // access token may come as ?access_token= (RFC 6750 section 2.3).
        var socketBearer = new ServerBearerTokenAuthenticationConverter();
        socketBearer.setAllowUriQueryParameter(true);
        AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(
                new ApiKeyAuthentication(auth.apiKey(), redis, keyspace, loadBalancers, webClients, json, clock));
        apiKeys.setServerAuthenticationConverter(exchange -> publicPaths.isPublic(exchange).flatMap(isPublic -> {
            String key = exchange.getRequest().getHeaders().getFirst(auth.apiKey().header());
            return isPublic || key == null || key.isBlank() ? Mono.empty()
                    : Mono.just(new ApiKeyAuthentication.ApiKeyToken(key.strip()));
        }));
        apiKeys.setAuthenticationFailureHandler(failureHandler);
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        // The browser app's files and pages (BrowserApp) are static and public: no
        // credentials,
        // no rate limit (a page load is a handful of them); every other request is
        // checked.
        return http
            .securityMatcher(exchange -> app.serves(exchange) ? ServerWebExchangeMatcher.MatchResult.notMatch()
                    : ServerWebExchangeMatcher.MatchResult.match())
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            // Security headers come from SecurityHeadersWebFilter, for every response in
            // one place.
            .headers(ServerHttpSecurity.HeaderSpec::disable)
            // Before authentication: preflights answer without credentials, and 401/429
            // carry CORS headers.
            .cors(cors -> cors.configurationSource(corsSource(edge.cors())))
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .authorizeExchange(exchanges -> exchanges.matchers(publicPaths, optionalAuthPaths)
                .permitAll()
                // A share link's holder joining the file's room (the room checks the
                // link).
                .matchers(new ShareLinkSockets())
                .permitAll()
                // CORS preflights carry no credentials by definition.
                .pathMatchers(HttpMethod.OPTIONS)
                .permitAll()
                // Authenticated, and for API keys within their scopes.
                .anyExchange()
                .access((authentication, context) -> authentication.<AuthorizationResult>map(caller -> {
                    ServerHttpRequest request = context.getExchange().getRequest();
                    boolean allowed = caller instanceof Caller c && c.isAuthenticated()
                            && c.mayRequest(request.getMethod().name(), request.getPath().value());
                    if (!allowed && caller instanceof Caller) {
                        context.getExchange().getAttributes().put(INSUFFICIENT_SCOPE, true);
                    }
                    return new AuthorizationDecision(allowed);
                }).defaultIfEmpty(new AuthorizationDecision(false))))
            .oauth2ResourceServer(resourceServer -> resourceServer
                .bearerTokenConverter(exchange -> publicPaths.isPublic(exchange)
                    .flatMap(isPublic -> isPublic ? Mono.empty()
                            : (isSocketUpgradePath(exchange) ? socketBearer : bearer).convert(exchange)))
                // The session itself is read after authentication (CallerFilter), in the
                // rate limits' Redis call.
                .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(token -> Mono.fromCallable(() -> {
                    SessionCheck.requireSession(token);
                    return new Caller(new TrustedIdentity(token.getSubject(), token.getClaimAsString("email"),
                            Caller.roles(token.getClaims().get("roles")), token.getClaimAsString("sid"), "jwt",
                            Caller.teams(token.getClaims().get("team_roles"))))
                        .expiringAt(token.getExpiresAt());
                })))
                .authenticationEntryPoint(entryPoint))
            .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
            // After authentication (it needs the user), before authorization (anonymous
            // calls count too).
            .addFilterBefore(withCaller(afterAuthentication), SecurityWebFiltersOrder.AUTHORIZATION)
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                .accessDeniedHandler((exchange, denied) -> exchange.getAttributes().containsKey(INSUFFICIENT_SCOPE)
                        ? problems.write(exchange, HttpStatus.FORBIDDEN, "insufficient_scope",
                                "This API key's scopes do not allow " + exchange.getRequest().getMethod() + " "
                                        + exchange.getRequest().getPath()
                                        + "; use a key with the write (or admin) scope.")
                        : problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                                "Your account may not do this; ask an administrator for access.")))
            .build();
    }

    /** The collaboration sockets' path (GatewayRoutes' websocket route). */
    private static boolean isSocketUpgradePath(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/ws/");
    }

}
