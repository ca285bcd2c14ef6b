package com.autograph.shared.correlation;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Passes the current correlation id and W3C {@code traceparent} on to every call a
 * service makes with a Spring {@code RestClient}, so that one request can be followed
 * across services.
 */
public class CorrelationPropagationInterceptor implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String correlationId = MDC.get(CorrelationId.MDC_KEY);
        if (correlationId != null && !request.getHeaders().containsHeader(CorrelationId.HEADER)) {
            request.getHeaders().set(CorrelationId.HEADER, correlationId);
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest incoming = attributes.getRequest();
            String traceparent = incoming.getHeader(CorrelationId.TRACEPARENT_HEADER);
            if (traceparent != null && !request.getHeaders().containsHeader(CorrelationId.TRACEPARENT_HEADER)) {
                request.getHeaders().set(CorrelationId.TRACEPARENT_HEADER, traceparent);
            }
        }
        return execution.execute(request, body);
    }

}
