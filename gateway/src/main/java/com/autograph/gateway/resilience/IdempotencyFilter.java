package com.autograph.gateway.resilience;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.autograph.gateway.auth.Caller;
import com.autograph.gateway.error.ProblemResponses;
import com.autograph.gateway.web.ClientIp;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.security.Sha256;

/**
 * POST and PATCH with an {@code Idempotency-Key} are performed once per caller and key:
 * the first request claims the key in Redis (atomically, SET NX), its answer is stored
 * for the window and replayed to every repeat ({@code Idempotent-Replayed: true}). A
 * repeat while the first is still running gets 409; the same key on another endpoint gets
 * 422. A 5xx answer or a failure releases the key, so the client may retry with it.
 */
@Component
class IdempotencyFilter implements GlobalFilter, Ordered {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    /**
     * Longer than any route's timeouts with retries: a crashed gateway must not hold a
     * key for the whole window.
     */
    private static final Duration PENDING_TTL = Duration.ofMinutes(10);

    /** Per request, or about the connection: never replayed. */
    private static final Set<String> NOT_STORED = Set.of("x-correlation-id", "date", "content-length",
            "transfer-encoding", "connection", "keep-alive", "x-ratelimit-limit", "x-ratelimit-remaining",
            "x-ratelimit-reset", "set-cookie");

    private final ResilienceProperties.Idempotency settings;

    private final ReactiveStringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final ProblemResponses problems;

    private final ClientIp clientIp;

    private final JsonMapper json;

    IdempotencyFilter(ResilienceProperties resilience, ReactiveStringRedisTemplate redis, RedisKeyspace keyspace,
            ProblemResponses problems, ClientIp clientIp, JsonMapper json) {
        this.settings = resilience.idempotency();
        this.redis = redis;
        this.keyspace = keyspace;
        this.problems = problems;
        this.clientIp = clientIp;
        this.json = json;
    }

    /** Before the route's breaker and retries, so a replay touches neither. */
    @Override
    public int getOrder() {
        return -10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (!settings.enabled() || key == null
                || !(HttpMethod.POST.equals(method) || HttpMethod.PATCH.equals(method))) {
            return chain.filter(exchange);
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
                    "Idempotency-Key must be 1-255 visible ASCII characters, e.g. a UUID.");
        }
        String fingerprint = method.name() + " " + exchange.getRequest().getPath().value();
        return ReactiveSecurityContextHolder.getContext()
            .map(SecurityContext::getAuthentication)
            .filter(Caller.class::isInstance)
            .map(caller -> "user:" + ((Caller) caller).identity().userId())
            .defaultIfEmpty("")
            .map(scope -> scope.isEmpty() ? "ip:" + clientIp.of(exchange) : scope)
            .flatMap(scope -> {
                String redisKey = keyspace.idempotencyKey(scope, Sha256.hex(key));
                String pending = json.writeValueAsString(Map.of("state", "pending", "fingerprint", fingerprint));
                return redis.opsForValue()
                    .setIfAbsent(redisKey, pending, PENDING_TTL)
                    .map(claimed -> claimed ? Decision.PERFORM : Decision.LOOKUP)
                    .onErrorResume(error -> {
                        log.warn("Idempotency-Key cannot be checked (Redis: {}); performing the request",
                                error.toString());
                        return Mono.just(Decision.UNCHECKED);
                    })
                    .flatMap(decision -> switch (decision) {
                        case PERFORM -> perform(exchange, chain, redisKey, fingerprint);
                        case LOOKUP -> answerRepeat(exchange, chain, redisKey, fingerprint);
                        case UNCHECKED -> chain.filter(exchange);
                    });
            });
    }

    private enum Decision {

        PERFORM, LOOKUP, UNCHECKED

    }

    private Mono<Void> answerRepeat(ServerWebExchange exchange, GatewayFilterChain chain, String redisKey,
            String fingerprint) {
        // Mono<Void> answers complete empty, so "no record" must not be told apart by
        // emptiness.
        return redis.opsForValue()
            .get(redisKey)
            .map(java.util.Optional::of)
            .defaultIfEmpty(java.util.Optional.empty())
            .flatMap(found -> {
                if (found.isEmpty()) {
                    // Expired between SET NX and GET: treat as new.
                    return filter(exchange, chain);
                }
                JsonNode record = json.readTree(found.get());
                if (!fingerprint.equals(record.path("fingerprint").asString())) {
                    return problems.write(exchange, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                            "This Idempotency-Key was used for " + record.path("fingerprint").asString()
                                    + "; use a new key for each operation.");
                }
                if (record.path("state").asString().equals("pending")) {
                    return problems.write(exchange, HttpStatus.CONFLICT, "idempotency_in_progress",
                            "A request with this Idempotency-Key is still being processed; retry in a moment"
                                    + " to get its answer.",
                            headers -> headers.set(HttpHeaders.RETRY_AFTER, "1"));
                }
                return replay(exchange, record);
            });
    }

    private Mono<Void> replay(ServerWebExchange exchange, JsonNode record) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(record.path("status").asInt()));
        record.path("headers").properties().forEach(header -> {
            for (JsonNode value : header.getValue()) {
                response.getHeaders().add(header.getKey(), value.asString());
            }
        });
        response.getHeaders().set(REPLAYED, "true");
        byte[] body = Base64.getDecoder().decode(record.path("body").asString(""));
        return body.length == 0 ? response.setComplete()
                : response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private Mono<Void> perform(ServerWebExchange exchange, GatewayFilterChain chain, String redisKey,
            String fingerprint) {
        ServerHttpResponse original = exchange.getResponse();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        AtomicBoolean overflow = new AtomicBoolean();
        long max = settings.maxStoredBody().toBytes();
        ServerHttpResponseDecorator recording = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                Flux<? extends DataBuffer> copied = Flux.from(body).doOnNext(buffer -> {
                    int size = buffer.readableByteCount();
                    if (copy.size() + size > max) {
                        overflow.set(true);
                        return;
                    }
                    byte[] bytes = new byte[size];
                    buffer.toByteBuffer(0, java.nio.ByteBuffer.wrap(bytes), 0, size);
                    copy.writeBytes(bytes);
                });
                return super.writeWith(copied)
                    .then(Mono.defer(() -> finish(redisKey, fingerprint, this, copy, overflow)));
            }

            @Override
            public Mono<Void> setComplete() {
                return super.setComplete().then(Mono.defer(() -> finish(redisKey, fingerprint, this, copy, overflow)));
            }
        };
        return chain.filter(exchange.mutate().response(recording).build())
            .onErrorResume(error -> release(redisKey).then(Mono.error(error)));
    }

    private Mono<Void> finish(String redisKey, String fingerprint, ServerHttpResponse response,
            ByteArrayOutputStream body, AtomicBoolean overflow) {
        HttpStatusCode status = response.getStatusCode() == null ? HttpStatus.OK : response.getStatusCode();
        if (status.is5xxServerError()) {
            return release(redisKey);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getHeaders().forEach((name, values) -> {
            if (!NOT_STORED.contains(name.toLowerCase())) {
                headers.put(name, values);
            }
        });
        if (overflow.get()) {
            // Too large to keep: the operation still must not run twice, so repeats get
            // the status alone.
            log.info("Answer to an Idempotency-Key request is larger than {}; repeats get its status without the body",
                    settings.maxStoredBody());
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("state", "done");
        record.put("fingerprint", fingerprint);
        record.put("status", status.value());
        record.put("headers", headers);
        record.put("body", overflow.get() ? "" : Base64.getEncoder().encodeToString(body.toByteArray()));
        return redis.opsForValue()
            .set(redisKey, json.writeValueAsString(record), settings.window())
            .onErrorResume(error -> {
                log.warn("Could not store the answer of an Idempotency-Key request: {}", error.toString());
                return Mono.just(false);
            })
            .then();
    }

    private Mono<Void> release(String redisKey) {
        return redis.delete(redisKey).onErrorResume(error -> Mono.just(0L)).then();
    }

}
