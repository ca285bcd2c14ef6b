package com.autograph.auth.audit;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.autograph.shared.correlation.CorrelationId;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit trail ({@code audit_log}): one row per auth event with user, IP, user
 * agent and correlation id. Rows join the caller's transaction: callers that reject a
 * request with an {@code ApiException} declare {@code noRollbackFor} so the record of the
 * rejection stays.
 */
@Service
public class AuditLog {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void success(AuditAction action, UUID userId, Map<String, ?> metadata) {
        write(action, userId, "success", null, metadata);
    }

    @Transactional
    public void failure(AuditAction action, UUID userId, String reason, Map<String, ?> metadata) {
        write(action, userId, "failure", reason, metadata);
    }

    private void write(AuditAction action, UUID userId, String outcome, String reason, Map<String, ?> metadata) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest() : null;
        String userAgent = request == null ? null : request.getHeader("User-Agent");
        jdbc.sql("""
                INSERT INTO audit_log (user_id, action, resource_type, resource_id, outcome, reason, ip_address,
                                       user_agent, correlation_id, metadata)
                VALUES (:user, :action, 'user', :user, :outcome, :reason, CAST(:ip AS inet), :agent, :correlation,
                        CAST(:metadata AS jsonb))""")
            .param("user", userId)
            .param("action", action.value())
            .param("outcome", outcome)
            .param("reason", reason)
            .param("ip", request == null ? null : request.getRemoteAddr())
            .param("agent", userAgent == null ? null : userAgent.substring(0, Math.min(512, userAgent.length())))
            .param("correlation", MDC.get(CorrelationId.MDC_KEY))
            .param("metadata", json.writeValueAsString(metadata == null ? Map.of() : metadata))
            .update();
    }

}
