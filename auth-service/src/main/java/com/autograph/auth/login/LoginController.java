package com.autograph.auth.login;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.session.Sessions;
import com.autograph.auth.token.TokenPair;
import com.autograph.auth.token.Tokens;
import com.autograph.auth.user.Credentials;
import com.autograph.auth.web.Callers;
import com.autograph.shared.security.TrustedIdentity;

import com.fasterxml.jackson.annotation.JsonProperty;

@RestController
@RequestMapping("/api/auth")
class LoginController {

    record LoginRequest(@NotNull @Size(max = 320) String email, @NotNull @Size(max = 200) String password,
            @JsonProperty("remember_me") Boolean rememberMe) {
    }

    record RefreshRequest(@NotNull @Size(max = 200) @JsonProperty("refresh_token") String refreshToken) {
    }

    private final LoginService logins;

    private final Tokens tokens;

    private final Sessions sessions;

    private final AuditLog audit;

    LoginController(LoginService logins, Tokens tokens, Sessions sessions, AuditLog audit) {
        this.logins = logins;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
    }

    record MfaVerification(@NotNull @Size(max = 200) @JsonProperty("mfa_token") String mfaToken,
            @NotNull @Size(max = 32) String code) {
    }

    /**
     * Tokens, or {@code {"mfa_required": true, "mfa_token": …}} when the account has MFA.
     */
    @Operation(summary = "Log in with e-mail and password")
    @ApiResponse(responseCode = "200",
            description = "Tokens, or mfa_required with an mfa_token when the account has MFA.")
    @ApiResponse(responseCode = "401", description = "The e-mail or password is wrong.")
    @ApiResponse(responseCode = "403", description = "The e-mail address is not verified yet.")
    @ApiResponse(responseCode = "423", description = "The account is locked after repeated failures.")
    @PostMapping("/login")
    Object login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        String email = Credentials.normaliseEmail(request.email());
        return logins.login(email, request.password(), Boolean.TRUE.equals(request.rememberMe()), http.getRemoteAddr(),
                http.getHeader(HttpHeaders.USER_AGENT));
    }

    @Operation(summary = "Complete a login with a two-factor code")
    @ApiResponse(responseCode = "200", description = "Tokens.")
    @ApiResponse(responseCode = "401", description = "The code is wrong, or the MFA step expired.")
    @PostMapping("/mfa/verify")
    TokenPair verifyMfa(@Valid @RequestBody MfaVerification request) {
        return logins.completeMfa(request.mfaToken(), request.code());
    }

    @Operation(summary = "Exchange a refresh token for new tokens")
    @ApiResponse(responseCode = "200", description = "New tokens; the refresh token is rotated.")
    @ApiResponse(responseCode = "401", description = "The refresh token is invalid, expired or already used.")
    @PostMapping("/refresh")
    TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        return tokens.refresh(request.refreshToken());
    }

    /** Ends the caller's session: its access and refresh tokens stop working. */
    @Operation(summary = "Log out (end this session)")
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(TrustedIdentity caller) {
        UUID session = Callers.requireSession(caller);
        UUID user = Callers.id(caller);
        sessions.end(session, user);
        tokens.revokeSession(session);
        audit.success(AuditAction.LOGOUT, user, Map.of("session_id", session));
    }

    /** Ends every session of the caller, this one included. */
    @Operation(summary = "Log out everywhere (end every session)")
    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutAll(TrustedIdentity caller) {
        Callers.requireSession(caller);
        UUID user = Callers.id(caller);
        sessions.endAll(user, null);
        tokens.revokeUser(user);
        audit.success(AuditAction.LOGOUT_ALL, user, Map.of());
    }

}
