package com.autograph.auth.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.user.UserView;
import com.autograph.auth.web.Callers;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Administration of accounts and the audit trail; every endpoint needs the admin role.
 */
@RestController
@Validated
@RequestMapping("/api/auth/admin")
class AdminController {

    record RoleChange(@NotNull @Size(max = 16) String role) {
    }

    record Page<T>(List<T> items, int page, int size, long total) {
    }

    private final Administration administration;

    AdminController(Administration administration) {
        this.administration = administration;
    }

    @Operation(summary = "List or search users (administrators)")
    @GetMapping("/users")
    Page<UserView> users(TrustedIdentity caller, @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Callers.requireAdmin(caller);
        Administration.Found<UserView> found = administration.users(q, page, size);
        return new Page<>(found.items(), page, size, found.total());
    }

    @Operation(summary = "Unlock a locked account (administrators)")
    @PostMapping("/users/{id}/unlock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlock(TrustedIdentity caller, @PathVariable UUID id) {
        Callers.requireAdmin(caller);
        administration.unlock(Callers.id(caller), id);
    }

    @Operation(summary = "Change a user's role (administrators)")
    @ApiResponse(responseCode = "200", description = "The user with the new role.")
    @ApiResponse(responseCode = "409", description = "Administrators cannot demote themselves.")
    @ApiResponse(responseCode = "422", description = "The role is not admin, editor or viewer.")
    @PutMapping("/users/{id}/role")
    UserView changeRole(TrustedIdentity caller, @PathVariable UUID id, @Valid @RequestBody RoleChange request) {
        Callers.requireAdmin(caller);
        return administration.changeRole(Callers.id(caller), id, request.role());
    }

    @Operation(summary = "Deactivate an account (administrators)")
    @ApiResponse(responseCode = "409", description = "Administrators cannot deactivate themselves.")
    @PostMapping("/users/{id}/deactivate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(TrustedIdentity caller, @PathVariable UUID id) {
        Callers.requireAdmin(caller);
        administration.deactivate(Callers.id(caller), id);
    }

    @Operation(summary = "Read the audit trail (administrators)")
    @GetMapping("/audit")
    Page<Map<String, Object>> audit(TrustedIdentity caller,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) @Size(max = 64) String action,
            @RequestParam(required = false) @Size(max = 16) String outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Callers.requireAdmin(caller);
        Administration.Found<Map<String, Object>> found = administration.audit(userId, action, outcome, from, to, page,
                size);
        return new Page<>(found.items(), page, size, found.total());
    }

}
