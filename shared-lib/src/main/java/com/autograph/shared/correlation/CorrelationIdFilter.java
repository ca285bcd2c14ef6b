package com.autograph.shared.correlation;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts or creates the request's correlation id, keeps it in the MDC for every log line
 * written while the request is handled, returns it to the caller and writes one
 * access-log line: at INFO for an error answer, otherwise (and for probes) at DEBUG.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    private static final Logger accessLog = LoggerFactory.getLogger("com.autograph.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = CorrelationId.acceptOrGenerate(request.getHeader(CorrelationId.HEADER));
        long started = System.nanoTime();
        MDC.put(CorrelationId.MDC_KEY, correlationId);
        response.setHeader(CorrelationId.HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        }
        finally {
            logAccess(request, response, (System.nanoTime() - started) / 1_000_000);
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    /**
     * The access line is the gateway's: every client request is logged there, with the
     * same correlation id, so a service writes its own for an answer that went well only
     * at DEBUG ({@code LOG_LEVEL_ACCESS=DEBUG}); at INFO a second structured line per
     * request cost diagram-service some 13% of its CPU per GET. An error answer (4xx,
     * 5xx) keeps its line at INFO: that is the line someone following a correlation id
     * into the service looks for. Probes stay at DEBUG whatever they answer: a service
     * that is DOWN would otherwise fill the INFO stream every few seconds.
     */
    private void logAccess(HttpServletRequest request, HttpServletResponse response, long millis) {
        String uri = request.getRequestURI();
        boolean probe = uri.startsWith("/health") || uri.startsWith("/metrics");
        boolean error = !probe && response.getStatus() >= 400;
        if (error ? accessLog.isInfoEnabled() : accessLog.isDebugEnabled()) {
            // Concatenated, not String.format: this runs on every request.
            String line = request.getMethod() + " " + uri + " -> " + response.getStatus() + " in " + millis + " ms";
            if (error) {
                accessLog.info(line);
            }
            else {
                accessLog.debug(line);
            }
        }
    }

}
