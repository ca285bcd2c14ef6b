package com.autograph.auth.login;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.session.Sessions;
import com.autograph.auth.token.Tokens;
import com.autograph.auth.web.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

import com.fasterxml.jackson.annotation.JsonProperty;

@RestController
@RequestMapping("/api/auth/sessions")
class SessionController {

    record SessionView(UUID id, @JsonProperty("created_at") String createdAt,
            @JsonProperty("last_seen_at") String lastSeenAt, @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("remember_me") boolean rememberMe, String ip, @JsonProperty("user_agent") String userAgent,
            boolean current) {
    }

    record SessionList(List<SessionView> items, int page, int size, long total) {
    }

    private final Sessions sessions;

    private final Tokens tokens;

    private final AuditLog audit;

    SessionController(Sessions sessions, Tokens tokens, AuditLog audit) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Operation(summary = "List your login sessions")
    @GetMapping
    SessionList list(TrustedIdentity caller) {
        UUID current = Callers.requireSession(caller);
        List<SessionView> items = sessions.list(Callers.id(caller))
            .stream()
            .map(s -> new SessionView(s.id(), s.createdAt().toString(), s.lastSeenAt().toString(),
                    s.expiresAt().toString(), s.rememberMe(), s.ip(), s.userAgent(), s.id().equals(current)))
            .toList();
        // At most a handful (the per-user cap), so one page holds them all.
        return new SessionList(items, 0, items.size(), items.size());
    }

    @Operation(summary = "End one of your sessions")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(TrustedIdentity caller, @PathVariable UUID id) {
        Callers.requireSession(caller);
        if (!sessions.end(id, Callers.id(caller))) {
            throw ApiException.notFound("Session", id);
        }
        tokens.revokeSession(id);
        audit.success(AuditAction.SESSION_REVOKE, Callers.id(caller), Map.of("session_id", id));
    }

}
