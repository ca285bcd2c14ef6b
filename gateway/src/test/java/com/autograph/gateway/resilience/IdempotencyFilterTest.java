package com.autograph.gateway.resilience;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

import com.autograph.gateway.TestRedis;
import com.autograph.gateway.error.ProblemResponses;
import com.autograph.gateway.web.ClientIp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What IdempotencyFilter decides for a repeated Idempotency-Key, one filter against real
 * Redis.
 */
class IdempotencyFilterTest {

    private static final TestRedis redis = new TestRedis();

    private static final JsonMapper json = JsonMapper.builder().build();

    @AfterAll
    static void close() {
        redis.close();
    }

    private final IdempotencyFilter filter = new IdempotencyFilter(
            new ResilienceProperties(null, null,
                    new ResilienceProperties.Idempotency(true, Duration.ofHours(24), DataSize.ofKilobytes(1))),
            redis.redis, redis.keyspace, new ProblemResponses(json), new ClientIp(List.of()), json);

    private final AtomicInteger performed = new AtomicInteger();

    /** The service: 201 with a body naming how often it ran. */
    private final GatewayFilterChain service = exchange -> {
        int run = performed.incrementAndGet();
        exchange.getResponse().setStatusCode(HttpStatus.CREATED);
        exchange.getResponse().getHeaders().set("Location", "/api/export/jobs/" + run);
        return exchange.getResponse()
            .writeWith(Mono.just(exchange.getResponse()
                .bufferFactory()
                .wrap(("{\"job\":" + run + "}").getBytes(StandardCharsets.UTF_8))));
    };

    private static MockServerWebExchange post(String path, String key) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path)
            .header("Idempotency-Key", key)
            .remoteAddress(new InetSocketAddress("203.0.113.5", 4000)));
    }

    private MockServerWebExchange send(MockServerWebExchange exchange, GatewayFilterChain chain) {
        filter.filter(exchange, chain).block();
        return exchange;
    }

    @Test
    void theFirstRequestIsPerformedAndEveryRepeatGetsItsAnswerReplayed() {
        MockServerWebExchange first = send(post("/api/export/pdf", "k-1"), service);
        MockServerWebExchange again = send(post("/api/export/pdf", "k-1"), service);
        assertThat(performed).hasValue(1);
        assertThat(again.getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getResponse().getBodyAsString().block())
            .isEqualTo(first.getResponse().getBodyAsString().block())
            .isEqualTo("{\"job\":1}");
        assertThat(again.getResponse().getHeaders().getFirst("Location")).isEqualTo("/api/export/jobs/1");
        assertThat(again.getResponse().getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getResponse().getHeaders().getFirst("Idempotent-Replayed")).isNull();
        // Kept for the window, under the caller's scope and the key's hash, never the key
        // itself.
        String stored = redis.keyspace.idempotencyKey("ip:203.0.113.5",
                com.autograph.shared.security.Sha256.hex("k-1"));
        assertThat(redis.redis.getExpire(stored).block()).isBetween(Duration.ofHours(23), Duration.ofHours(24));
    }

    @Test
    void theSameKeyOnAnotherEndpointIs422AndAnUnreadableKeyIs400() {
        send(post("/api/export/pdf", "k-2"), service);
        MockServerWebExchange reused = send(post("/api/export/png", "k-2"), service);
        assertThat(reused.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(reused.getResponse().getBodyAsString().block()).contains("idempotency_key_reused");

        MockServerWebExchange tooLong = send(post("/api/export/pdf", "k".repeat(256)), service);
        assertThat(tooLong.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(performed).hasValue(1);
    }

    @Test
    void aRepeatWhileTheFirstIsRunningIs409() {
        Sinks.Empty<Void> stillRunning = Sinks.empty();
        filter.filter(post("/api/export/pdf", "k-3"), exchange -> stillRunning.asMono()).subscribe();
        MockServerWebExchange repeat = send(post("/api/export/pdf", "k-3"), service);
        assertThat(repeat.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(repeat.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(performed).hasValue(0);
        stillRunning.tryEmitEmpty();
    }

    @Test
    void aServerErrorReleasesTheKeySoTheClientMayRetryWithIt() {
        GatewayFilterChain failing = exchange -> {
            exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return exchange.getResponse().setComplete();
        };
        send(post("/api/export/pdf", "k-4"), failing);
        MockServerWebExchange retried = send(post("/api/export/pdf", "k-4"), service);
        assertThat(retried.getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(performed).hasValue(1);
    }

    @Test
    void getsAndRequestsWithoutAKeyPassUntouched() {
        send(MockServerWebExchange
            .from(MockServerHttpRequest.get("/api/export/jobs/1").header("Idempotency-Key", "k-5")), service);
        send(MockServerWebExchange.from(MockServerHttpRequest.post("/api/export/pdf")), service);
        send(MockServerWebExchange.from(MockServerHttpRequest.post("/api/export/pdf")), service);
        assertThat(performed).hasValue(3);
    }

}
