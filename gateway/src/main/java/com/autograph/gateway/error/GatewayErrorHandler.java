package com.autograph.gateway.error;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;

import com.autograph.gateway.CorrelationIdWebFilter;
import com.autograph.shared.correlation.CorrelationId;

/**
 * Every error the gateway itself raises becomes problem+json with a stable code and a
 * detail that says what to do; never a stack trace. Runs before Spring Boot's default
 * handler (-1).
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemResponses problems;

    GatewayErrorHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        String service = serviceOf(exchange);
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        if (ex instanceof CallNotPermittedException || ex instanceof ServiceUnavailableException) {
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    unavailable(service));
        }
        if (ex instanceof AuthenticationServiceException) {
            log.warn("Credentials could not be checked: {}", ex.getMessage());
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "auth_unavailable",
                    "Your credentials cannot be checked right now (auth-service or the token key set is unreachable);"
                            + " retry in a few seconds.");
        }
        if (isConnectFailure(ex)) {
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "Could not reach " + service + "; retry in a few seconds.");
        }
        if (ex instanceof TimeoutException || ex instanceof ReadTimeoutException) {
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "gateway_timeout", timedOut(service));
        }
        if (ex instanceof ResponseStatusException status) {
            return problems.write(exchange, status.getStatusCode(), codeFor(status.getStatusCode()),
                    detailFor(status, service, request), headers -> headers.addAll(status.getHeaders()));
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.MDC_KEY,
                String.valueOf(exchange.<String>getAttribute(CorrelationIdWebFilter.ATTRIBUTE)))) {
            log.error("Unhandled exception for {}", request, ex);
        }
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The gateway failed to handle this request. Quote the correlation_id when reporting it.");
    }

    private static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 413 -> "payload_too_large";
            case 503 -> "service_unavailable";
            default -> ProblemResponses.codeFor(status);
        };
    }

    private static String detailFor(ResponseStatusException ex, String service, String request) {
        return switch (ex.getStatusCode().value()) {
            case 404 -> "There is no endpoint " + request + "; check the method and path.";
            case 405 -> "The method is not allowed on " + request + "; check the API documentation.";
            case 413 -> ex.getReason() != null ? ex.getReason()
                    : "The request body is too large for this endpoint; send a smaller body.";
            // The circuit breaker filter raises this when the breaker is open; the load
            // balancer
            // when a service has no instance.
            case 503 -> unavailable(service);
            case 504 -> timedOut(service);
            default -> ex.getReason() != null ? ex.getReason() : "The request could not be handled: " + request + ".";
        };
    }

    private static String unavailable(String service) {
        return service + " is unavailable right now (too many recent failures); retry in a few seconds.";
    }

    private static String timedOut(String service) {
        return service + " did not answer in time; retry later, or with a smaller request.";
    }

    private static boolean isConnectFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof PrematureCloseException) {
                return true;
            }
        }
        return false;
    }

    /** The service behind the matched route; "The service" when no route matched. */
    static String serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return "The service";
        }
        Object service = route.getMetadata().get("service");
        return service != null ? service.toString() : route.getId();
    }

}
