package com.autograph.auth.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.apikey.ApiKeys;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.session.Sessions;
import com.autograph.auth.token.Tokens;
import com.autograph.auth.user.Role;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.auth.user.UserView;
import com.autograph.shared.error.ApiException;

@Service
class Administration {

    record Found<T>(List<T> items, long total) {
    }

    private final UserRepository users;

    private final Sessions sessions;

    private final Tokens tokens;

    private final AuditLog audit;

    private final JdbcClient jdbc;

    private final ApiKeys apiKeys;

    Administration(UserRepository users, Sessions sessions, Tokens tokens, AuditLog audit, JdbcClient jdbc,
            ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Found<UserView> users(String query, int page, int size) {
        String pattern = query == null || query.isBlank() ? null : "%" + query.strip().toLowerCase() + "%";
        String where = pattern == null ? "deleted_at IS NULL"
                : "deleted_at IS NULL AND (email LIKE :q OR lower(full_name) LIKE :q)";
        var count = jdbc.sql("SELECT count(*) FROM users WHERE " + where);
        var ids = jdbc
            .sql("SELECT id FROM users WHERE " + where + " ORDER BY created_at DESC LIMIT :limit OFFSET :offset")
            .param("limit", size)
            .param("offset", (long) page * size);
        if (pattern != null) {
            count = count.param("q", pattern);
            ids = ids.param("q", pattern);
        }
        long total = count.query(Long.class).single();
        List<UserView> items = users.findAllById(ids.query(UUID.class).list())
            .stream()
            .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
            .map(UserView::of)
            .toList();
        return new Found<>(items, total);
    }

    @Transactional
    void unlock(UUID adminId, UUID userId) {
        user(userId).unlock();
        audit.success(AuditAction.ACCOUNT_UNLOCKED, userId, Map.of("by", adminId));
    }

    @Transactional
    UserView changeRole(UUID adminId, UUID userId, String roleName) {
        Role role;
        try {
            role = Role.of(roleName);
        }
        catch (IllegalArgumentException ex) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_role",
                    "role must be admin, editor or viewer.");
        }
        if (adminId.equals(userId) && role != Role.ADMIN) {
            throw new ApiException(HttpStatus.CONFLICT, "last_admin_guard",
                    "Administrators cannot demote themselves; ask another administrator.");
        }
        User user = user(userId);
        String previous = user.role().value();
        user.changeRole(role);
        apiKeys.forgetCachedKeys(userId);
        audit.success(AuditAction.ROLE_CHANGE, userId, Map.of("by", adminId, "from", previous, "to", role.value()));
        return UserView.of(user);
    }

    @Transactional
    void deactivate(UUID adminId, UUID userId) {
        if (adminId.equals(userId)) {
            throw new ApiException(HttpStatus.CONFLICT, "last_admin_guard",
                    "Administrators cannot deactivate themselves.");
        }
        user(userId).deactivate();
        sessions.endAll(userId, null);
        tokens.revokeUser(userId);
        apiKeys.forgetCachedKeys(userId);
        audit.success(AuditAction.ACCOUNT_DEACTIVATED, userId, Map.of("by", adminId));
    }

    @Transactional(readOnly = true)
    Found<Map<String, Object>> audit(UUID userId, String action, String outcome, Instant from, Instant to, int page,
            int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (userId != null) {
            conditions.add("user_id = :user");
            params.put("user", userId);
        }
        if (action != null) {
            conditions.add("action = :action");
            params.put("action", action);
        }
        if (outcome != null) {
            conditions.add("outcome = :outcome");
            params.put("outcome", outcome);
        }
        if (from != null) {
            conditions.add("created_at >= :from");
            params.put("from", java.sql.Timestamp.from(from));
        }
        if (to != null) {
            conditions.add("created_at < :to");
            params.put("to", java.sql.Timestamp.from(to));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = jdbc.sql("SELECT count(*) FROM audit_log" + where).params(params).query(Long.class).single();
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT id, user_id, action, outcome, reason, host(ip_address) AS ip_address, user_agent, correlation_id,
                       metadata::text AS metadata, created_at
                FROM audit_log""" + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
            .params(params)
            .param("limit", size)
            .param("offset", (long) page * size)
            .query((rs, n) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rs.getObject("id"));
                row.put("user_id", rs.getObject("user_id"));
                row.put("action", rs.getString("action"));
                row.put("outcome", rs.getString("outcome"));
                row.put("reason", rs.getString("reason"));
                row.put("ip_address", rs.getString("ip_address"));
                row.put("user_agent", rs.getString("user_agent"));
                row.put("correlation_id", rs.getString("correlation_id"));
                row.put("metadata", rs.getString("metadata"));
                row.put("created_at", rs.getTimestamp("created_at").toInstant());
                return row;
            })
            .list();
        return new Found<>(rows, total);
    }

    private User user(UUID userId) {
        return users.findById(userId).orElseThrow(() -> ApiException.notFound("Account", userId));
    }

}
