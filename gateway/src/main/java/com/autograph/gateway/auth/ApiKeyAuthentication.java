package com.autograph.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.reactive.function.client.WebClient;

import com.autograph.gateway.web.WebClients;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.security.Sha256;
import com.autograph.shared.security.TrustedIdentity;

/**
 * {@code X-API-Key}: checked by auth-service ({@code POST /api/auth/api-keys/verify} with
 * {@code {"key": "…"}}, answering 200 {@code {"user_id", "email", "roles", "scopes",
 * "expires_at"}} or 401), and the answer cached in Redis under
 * {@code cache:api-key::<sha256 of the key>} for {@code API_KEY_CACHE_TTL} (never past
 * the key's expiry), shared by every gateway instance. auth-service deletes that entry
 * when it revokes the key or deactivates, locks or re-roles its owner. The key itself is
 * never stored.
 */
class ApiKeyAuthentication implements ReactiveAuthenticationManager {

    static final String SERVICE = "auth-service";

    private static final String INVALID = "invalid";

    /** The credentials while unchecked. */
    static final class ApiKeyToken extends AbstractAuthenticationToken {

        private final String key;

        ApiKeyToken(String key) {
            super(List.of());
            this.key = key;
        }

        @Override
        public Object getCredentials() {
            return key;
        }

        @Override
        public Object getPrincipal() {
            return "api-key";
        }

    }

    static final class InvalidApiKeyException extends AuthenticationException {

        InvalidApiKeyException() {
            super("invalid API key");
        }

    }

    private final AuthProperties.ApiKey settings;

    private final ReactiveStringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

    private final JsonMapper json;

    private final WebClient client;

    private final Clock clock;

    ApiKeyAuthentication(AuthProperties.ApiKey settings, ReactiveStringRedisTemplate redis, RedisKeyspace keyspace,
            ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers, WebClients clients, JsonMapper json,
            Clock clock) {
        this.settings = settings;
        this.redis = redis;
        this.keyspace = keyspace;
        this.loadBalancers = loadBalancers;
        this.client = clients.create(settings.timeout(), settings.timeout());
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String key = String.valueOf(authentication.getCredentials());
        String cacheKey = keyspace.apiKeyCacheKey(Sha256.hex(key));
        return redis.opsForValue()
            .get(cacheKey)
            // A Redis outage must not lock API clients out: ask auth-service instead.
            .onErrorResume(error -> Mono.empty())
            .switchIfEmpty(Mono.defer(() -> verifyWithAuthService(key).flatMap(answer -> redis.opsForValue()
                .set(cacheKey, answer, ttl(answer))
                .onErrorResume(error -> Mono.just(false))
                .thenReturn(answer))))
            .map(this::toCaller);
    }

    private Duration ttl(String answer) {
        // Unknown keys are remembered only briefly: a key created a moment later should
        // work soon.
        Duration invalid = Duration.ofSeconds(10);
        if (INVALID.equals(answer)) {
            return settings.cacheTtl().compareTo(invalid) > 0 ? invalid : settings.cacheTtl();
        }
        // Never beyond the key's own expiry: an expired key must stop at its time, not a
        // TTL later.
        return expiresAt(json.readTree(answer)).map(expiry -> Duration.between(clock.instant(), expiry))
            .filter(left -> left.compareTo(settings.cacheTtl()) < 0)
            .map(left -> left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left)
            .orElse(settings.cacheTtl());
    }

    private static Optional<Instant> expiresAt(JsonNode node) {
        String expiry = node.path("expires_at").asString("");
        if (expiry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(expiry));
        }
        catch (DateTimeParseException unreadable) {
            return Optional.of(Instant.EPOCH); // treat as expired rather than as eternal
        }
    }

    private Mono<String> verifyWithAuthService(String key) {
        return Mono.from(loadBalancers.getInstance(SERVICE).choose()).flatMap(response -> {
            if (!response.hasServer()) {
                return Mono.error(new AuthenticationServiceException("No auth-service instance to check the API key"));
            }
            String url = response.getServer().getUri() + settings.verifyPath();
            return client.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("key", key))
                .exchangeToMono(answer -> {
                    int status = answer.statusCode().value();
                    if (status == 200) {
                        return answer.bodyToMono(String.class).map(this::normalise);
                    }
                    if (status == 401 || status == 403 || status == 404) {
                        return answer.releaseBody().thenReturn(INVALID);
                    }
                    return answer.releaseBody()
                        .then(Mono.error(new AuthenticationServiceException(
                                "auth-service answered " + status + " to an API key check")));
                })
                .timeout(settings.timeout());
        })
            .onErrorMap(error -> !(error instanceof AuthenticationException),
                    error -> new AuthenticationServiceException("Could not check the API key with auth-service",
                            error));
    }

    /** Keeps only what the gateway needs, as compact JSON. */
    private String normalise(String body) {
        JsonNode node = json.readTree(body);
        String userId = node.path("user_id").asString("");
        if (userId.isEmpty()) {
            return INVALID;
        }
        List<String> roles = new ArrayList<>();
        node.path("roles").forEach(role -> roles.add(role.asString()));
        List<String> scopes = new ArrayList<>();
        node.path("scopes").forEach(scope -> scopes.add(scope.asString()));
        Map<String, Object> kept = new LinkedHashMap<>(
                Map.of("user_id", userId, "email", node.path("email").asString(""), "roles", roles, "scopes", scopes));
        expiresAt(node).ifPresent(expiry -> kept.put("expires_at", expiry.toString()));
        return json.writeValueAsString(kept);
    }

    private Authentication toCaller(String cached) {
        if (INVALID.equals(cached)) {
            throw new InvalidApiKeyException();
        }
        JsonNode node = json.readTree(cached);
        if (expiresAt(node).filter(expiry -> !expiry.isAfter(clock.instant())).isPresent()) {
            throw new InvalidApiKeyException();
        }
        List<String> roles = new ArrayList<>();
        node.path("roles").forEach(role -> roles.add(role.asString()));
        List<String> scopes = new ArrayList<>();
        node.path("scopes").forEach(scope -> scopes.add(scope.asString()));
        return new Caller(new TrustedIdentity(node.path("user_id").asString(), node.path("email").asString(""), roles,
                "", "api_key"), scopes);
    }

}
