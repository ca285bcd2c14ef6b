package com.autograph.shared.correlation;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service side of the access log: the gateway writes the line per request, a service
 * its own for an error answer at INFO and otherwise only at DEBUG; the correlation id is
 * accepted and returned either way.
 */
class CorrelationIdFilterTest {

    private final Logger accessLog = (Logger) LoggerFactory.getLogger("com.autograph.access");

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = accessLog.getLevel();
        lines.start();
        accessLog.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        accessLog.detachAppender(lines);
        accessLog.setLevel(levelBefore);
    }

    @Test
    void atInfoAServiceWritesNoAccessLineForASuccessButReturnsTheCorrelationId() throws Exception {
        accessLog.setLevel(Level.INFO);
        MockHttpServletResponse response = handle("/api/diagrams/42", "req-7", 200);

        assertThat(lines.list).isEmpty();
        assertThat(response.getHeader(CorrelationId.HEADER)).isEqualTo("req-7");
    }

    @Test
    void atDebugAServiceWritesOneLinePerRequestWithItsCorrelationId() throws Exception {
        accessLog.setLevel(Level.DEBUG);
        handle("/api/diagrams/42", "req-8", 200);

        List<ILoggingEvent> written = lines.list;
        assertThat(written).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(line.getFormattedMessage()).matches("GET /api/diagrams/42 -> 200 in \\d+ ms");
            assertThat(line.getMDCPropertyMap()).containsEntry(CorrelationId.MDC_KEY, "req-8");
        });
    }

    @Test
    void atInfoAServiceStillWritesTheLineOfAnErrorAnswer() throws Exception {
        accessLog.setLevel(Level.INFO);
        handle("/api/diagrams/missing", "req-9", 404);

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).matches("GET /api/diagrams/missing -> 404 in \\d+ ms");
            assertThat(line.getMDCPropertyMap()).containsEntry(CorrelationId.MDC_KEY, "req-9");
        });
    }

    @Test
    void aProbeThatAnswersWithAnErrorStaysOutOfTheInfoStream() throws Exception {
        accessLog.setLevel(Level.INFO);
        handle("/health/readiness", "req-10", 503);

        assertThat(lines.list).isEmpty();
    }

    private static MockHttpServletResponse handle(String path, String correlationId, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addHeader(CorrelationId.HEADER, correlationId);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new CorrelationIdFilter().doFilter(request, response,
                (req, res) -> ((MockHttpServletResponse) res).setStatus(status));
        return response;
    }

}
