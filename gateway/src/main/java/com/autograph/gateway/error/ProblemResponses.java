package com.autograph.gateway.error;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.autograph.gateway.CorrelationIdWebFilter;
import com.autograph.shared.error.Problems;

/**
 * Writes the gateway's own errors as RFC 9457 documents, built by shared-lib's
 * {@link Problems} so they match the services'. Reactive code has no MDC, so the
 * correlation id comes from the exchange.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail) {
        return write(exchange, status, code, detail, headers -> {
        });
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail,
            Consumer<HttpHeaders> extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] body = json.writeValueAsBytes(document(exchange, status, code, detail));
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        extraHeaders.accept(headers);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    Map<String, Object> document(ServerWebExchange exchange, HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = Problems.of(status, code, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.getType().toString());
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        document.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) {
            document.putAll(problem.getProperties());
        }
        Object correlationId = exchange.getAttribute(CorrelationIdWebFilter.ATTRIBUTE);
        if (correlationId != null) {
            document.put("correlation_id", correlationId);
        }
        return document;
    }

    /**
     * A stable code for a status Spring raised without one: {@code method_not_allowed}, …
     */
    public static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http_" + status.value() : known.name().toLowerCase();
    }

}
