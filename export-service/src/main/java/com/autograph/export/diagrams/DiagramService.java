package com.autograph.export.diagrams;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.ServiceIdentity;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * diagram-service as export-service uses it: the owner of files decides who may read
 * them, so every read goes there with the caller's identity, signed afresh as the gateway
 * signs it. Its 404 and 403 are passed on to the client as they are. Connect and read
 * timeouts bound every call; reads (GET, and the idempotent thumbnail PUT) are retried
 * once on the next instance after a connection failure or a 5xx; a circuit breaker stops
 * calling a diagram-service that keeps failing (503 {@code diagram_service_unavailable}).
 * Only diagram-service's own failures count: a 404 is an answer.
 */
@Component
@EnableConfigurationProperties(DiagramServiceProperties.class)
public class DiagramService {

    private static final Logger log = LoggerFactory.getLogger(DiagramService.class);

    /**
     * A problem document bigger than this from diagram-service is not read (its detail is
     * cut).
     */
    private static final int MAX_PROBLEM_BYTES = 16 * 1024;

    private final RestClient client;

    private final List<URI> urls;

    private final AtomicInteger next = new AtomicInteger();

    private final IdentityProperties identity;

    private final Clock clock;

    private final JsonMapper json;

    private final CircuitBreaker breaker;

    private final Retry retry;

    private final TrustedIdentity self = ServiceIdentity.of("export-service");

    public DiagramService(RestClient.Builder builder, DiagramServiceProperties properties, IdentityProperties identity,
            Clock clock, JsonMapper json) {
        this.client = builder
            .requestFactory(ClientHttpRequestFactoryBuilder.detect()
                .build(HttpClientSettings.defaults()
                    .withTimeouts(properties.connectTimeout(), properties.readTimeout())))
            .build();
        this.urls = List.copyOf(properties.urls());
        this.identity = identity;
        this.clock = clock;
        this.json = json;
        Predicate<Throwable> failed = ex -> ex instanceof ResourceAccessException
                || ex instanceof HttpServerErrorException || ex instanceof UnexpectedAnswer;
        this.breaker = CircuitBreaker.of("diagram-service",
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(20)
                    .minimumNumberOfCalls(10)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofSeconds(15))
                    .recordException(failed)
                    .build());
        this.retry = Retry.of("diagram-service",
                RetryConfig.custom()
                    .maxAttempts(2)
                    .waitDuration(Duration.ofMillis(100))
                    .retryOnException(failed)
                    .build());
    }

    /**
     * The head ({@code version} null) or a version, with content, as {@code caller} may
     * see it.
     */
    public FileContent content(TrustedIdentity caller, UUID fileId, Integer version) {
        return idempotent(() -> fetch(caller, fileId, version, true));
    }

    /** Metadata only (the thumbnail key, the newest version): for serving thumbnails. */
    public FileContent metadata(TrustedIdentity caller, UUID fileId, Integer version) {
        return idempotent(() -> fetch(caller, fileId, version, false));
    }

    /** The content as export-service itself reads it (thumbnails: no user is waiting). */
    public FileContent contentForService(UUID fileId, Integer version) {
        return content(self, fileId, version);
    }

    /** Stores a thumbnail's key for the head ({@code version} null) or a version. */
    public void storeThumbnail(UUID fileId, Integer version, String key) {
        idempotent(() -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("version_number", version);
            body.put("key", key);
            return client.put()
                .uri(base().resolve("/internal/files/" + fileId + "/thumbnail"))
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> sign(self, headers::set))
                .body(body)
                .exchange((request, response) -> {
                    if (response.getStatusCode().value() != 204) {
                        throw answer(response, "storing a thumbnail");
                    }
                    return null;
                });
        });
    }

    /**
     * Counts one export of the file in its {@code export_count} (diagram-service's
     * {@code POST /api/diagrams/{id}/exports}). Not retried: a retry after a lost answer
     * would count twice.
     */
    public void recordExport(TrustedIdentity caller, UUID fileId, String format) {
        call(() -> client.post()
            .uri(base().resolve("/api/diagrams/" + fileId + "/exports"))
            .contentType(MediaType.APPLICATION_JSON)
            .headers(headers -> sign(caller, headers::set))
            .body(Map.of("format", format))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 204) {
                    throw answer(response, "counting an export");
                }
                return null;
            }));
    }

    private FileContent fetch(TrustedIdentity caller, UUID fileId, Integer version, boolean withContent) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base())
            .path("/internal/files/{id}/content")
            .queryParam("content", withContent);
        if (version != null) {
            uri.queryParam("version", version);
        }
        return client.get()
            .uri(uri.buildAndExpand(fileId).toUri())
            .accept(MediaType.APPLICATION_JSON)
            .headers(headers -> sign(caller, headers::set))
            .exchange((request, response) -> {
                if (response.getStatusCode().value() != 200) {
                    throw answer(response, "reading file " + fileId);
                }
                FileContent content = response.bodyTo(FileContent.class);
                if (content == null || content.fileId() == null) {
                    throw new UnexpectedAnswer("diagram-service answered an empty file");
                }
                return content;
            });
    }

    private <T> T idempotent(Supplier<T> call) {
        return call(Retry.decorateSupplier(retry, call));
    }

    private <T> T call(Supplier<T> call) {
        try {
            return CircuitBreaker.decorateSupplier(breaker, call).get();
        }
        catch (CallNotPermittedException | ResourceAccessException | HttpServerErrorException | UnexpectedAnswer ex) {
            log.warn("A call to diagram-service failed: {}", ex.toString());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "diagram_service_unavailable",
                    "Files cannot be read right now (diagram-service does not answer); retry in a few seconds.");
        }
    }

    /**
     * A non-success answer as the exception to throw: diagram-service's own 4xx problem
     * passed on (404 not_found, 403 permission_denied, 400…), a 5xx as a failure to
     * count, and a 401 as a failure too (it means the two services' signing secrets
     * differ, not that the caller is wrong).
     */
    private RuntimeException answer(ClientHttpResponse response, String what) throws java.io.IOException {
        HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
        if (status == null || status.is5xxServerError()) {
            return new HttpServerErrorException(response.getStatusCode());
        }
        if (status == HttpStatus.UNAUTHORIZED || !status.is4xxClientError()) {
            return new UnexpectedAnswer("diagram-service answered " + status.value() + " to " + what);
        }
        String code = status == HttpStatus.NOT_FOUND ? "not_found" : "request_refused";
        String detail = "diagram-service refused " + what + " (" + status.value() + ").";
        byte[] body = response.getBody().readNBytes(MAX_PROBLEM_BYTES);
        try {
            JsonNode problem = json.readTree(body);
            code = problem.path("code").asString(code);
            detail = problem.path("detail").asString(detail);
        }
        catch (RuntimeException notAProblem) {
            // keep the generic words
        }
        return new ApiException(status, code, detail);
    }

    private URI base() {
        return urls.get(Math.floorMod(next.getAndIncrement(), urls.size()));
    }

    private void sign(TrustedIdentity caller, java.util.function.BiConsumer<String, String> header) {
        caller.writeHeaders(identity.secretBytes(), clock.instant().getEpochSecond(), header);
    }

    /** diagram-service answered what it never should. */
    static final class UnexpectedAnswer extends RuntimeException {

        UnexpectedAnswer(String message) {
            super(message);
        }

    }

}
