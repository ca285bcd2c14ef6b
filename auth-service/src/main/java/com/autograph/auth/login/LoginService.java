package com.autograph.auth.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.apikey.ApiKeys;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.mfa.MfaChallenge;
import com.autograph.auth.mfa.MultiFactor;
import com.autograph.auth.session.Sessions;
import com.autograph.auth.token.TokenPair;
import com.autograph.auth.token.Tokens;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.shared.error.ApiException;

/**
 * Password login. Every failure looks the same to the caller (no account enumeration),
 * costs the same bcrypt work whether or not the e-mail exists, counts towards the
 * per-IP+e-mail window and towards the account's consecutive-failure lock.
 */
@Service
class LoginService {

    private final UserRepository users;

    private final PasswordEncoder passwords;

    private final LoginAttempts attempts;

    private final Sessions sessions;

    private final Tokens tokens;

    private final AuditLog audit;

    private final AuthProperties.LoginProtection settings;

    private final boolean requireVerifiedEmail;

    private final Clock clock;

    private final MultiFactor mfa;

    private final ApiKeys apiKeys;

    // A real hash of a random password: verifying against it costs what a real check
    // costs.
    private final String timingDecoy;

    LoginService(UserRepository users, PasswordEncoder passwords, LoginAttempts attempts, Sessions sessions,
            Tokens tokens, AuditLog audit, AuthProperties properties, Clock clock, MultiFactor mfa, ApiKeys apiKeys) {
        this.mfa = mfa;
        this.apiKeys = apiKeys;
        this.users = users;
        this.passwords = passwords;
        this.attempts = attempts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
        this.settings = properties.login();
        this.requireVerifiedEmail = properties.requireVerifiedEmail();
        this.clock = clock;
        this.timingDecoy = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * @return a {@link TokenPair}, or an {@link MfaChallenge} when the account has a
     * second factor
     */
    @Transactional(noRollbackFor = ApiException.class)
    public Object login(String email, String password, boolean rememberMe, String ip, String userAgent) {
        Duration wait = attempts.retryAfter(ip, email);
        if (!wait.isZero()) {
            throw ApiException.tooManyRequests("too_many_login_attempts",
                    "Too many failed logins for this e-mail from your address. Try again in " + wait.toSeconds()
                            + " seconds, or reset your password.",
                    wait.toSeconds());
        }
        Optional<User> found = users.findByEmail(email);
        boolean passwordMatches = passwords.matches(password == null ? "" : password,
                found.map(User::passwordHash).orElse(timingDecoy));
        if (found.isEmpty() || !passwordMatches) {
            attempts.recordFailure(ip, email);
            found.ifPresent(this::recordFailure);
            audit.failure(AuditAction.LOGIN, found.map(User::id).orElse(null),
                    found.isEmpty() ? "unknown_email" : "wrong_password", Map.of("email", email));
            throw invalidCredentials();
        }
        User user = found.get();
        if (user.isLocked()) {
            audit.failure(AuditAction.LOGIN, user.id(), "account_locked", Map.of());
            throw new ApiException(HttpStatus.LOCKED, "account_locked",
                    "This account is locked after repeated failed logins. Reset your password or ask an administrator to unlock it.");
        }
        if (!user.isActive()) {
            audit.failure(AuditAction.LOGIN, user.id(), "account_deactivated", Map.of());
            throw invalidCredentials();
        }
        if (requireVerifiedEmail && !user.isVerified()) {
            audit.failure(AuditAction.LOGIN, user.id(), "email_not_verified", Map.of());
            throw new ApiException(HttpStatus.FORBIDDEN, "email_not_verified",
                    "Confirm your e-mail address first: open the link we sent, or ask for a new one"
                            + " (POST /api/auth/verify-email/request with your e-mail).");
        }
        attempts.clear(ip, email);
        if (user.isMfaEnabled()) {
            return mfa.challenge(new MultiFactor.PendingLogin(user.id(), rememberMe, ip, userAgent));
        }
        return startSession(user, rememberMe, ip, userAgent);
    }

    /** The second step of a login with MFA. */
    @Transactional(noRollbackFor = ApiException.class)
    public TokenPair completeMfa(String challengeToken, String code) {
        MultiFactor.PendingLogin pending = mfa.complete(challengeToken, code);
        User user = users.findById(pending.userId())
            .filter(u -> u.isActive() && !u.isLocked())
            .orElseThrow(LoginService::invalidCredentials);
        return startSession(user, pending.rememberMe(), pending.ip(), pending.userAgent());
    }

    private TokenPair startSession(User user, boolean rememberMe, String ip, String userAgent) {
        user.recordSuccessfulLogin(clock.instant());
        Sessions.Started session = sessions.start(user.id(), rememberMe, ip, userAgent);
        session.evicted().forEach(tokens::revokeSession);
        session.evicted()
            .forEach(id -> audit.success(AuditAction.SESSION_EVICTED, user.id(), Map.of("session_id", id)));
        audit.success(AuditAction.LOGIN, user.id(), Map.of("session_id", session.id(), "remember_me", rememberMe));
        return tokens.issue(user, session.id());
    }

    private void recordFailure(User user) {
        if (user.recordFailedLogin(settings.lockAfterConsecutiveFailures(), clock.instant())) {
            apiKeys.forgetCachedKeys(user.id());
            audit.success(AuditAction.ACCOUNT_LOCKED, user.id(), Map.of("failed_logins", user.failedLoginCount()));
        }
        users.save(user);
    }

    private static ApiException invalidCredentials() {
        return ApiException.unauthorized("invalid_credentials", "The e-mail or password is wrong.");
    }

}
