package com.autograph.auth.password;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.mail.Mailer;
import com.autograph.auth.session.Sessions;
import com.autograph.auth.token.Tokens;
import com.autograph.auth.user.Credentials;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.auth.verification.OneTimeTokens;
import com.autograph.shared.error.ApiException;

/**
 * Password reset by mail (ends every session, lifts a lock) and password change (ends the
 * others).
 */
@Service
class PasswordService {

    private final UserRepository users;

    private final PasswordEncoder passwords;

    private final OneTimeTokens tokens;

    private final Tokens sessionTokens;

    private final Sessions sessions;

    private final Mailer mailer;

    private final AuditLog audit;

    private final AuthProperties.OneTimeTokens settings;

    PasswordService(UserRepository users, PasswordEncoder passwords, OneTimeTokens tokens, Tokens sessionTokens,
            Sessions sessions, Mailer mailer, AuditLog audit, AuthProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.sessionTokens = sessionTokens;
        this.sessions = sessions;
        this.mailer = mailer;
        this.audit = audit;
        this.settings = properties.links();
    }

    /**
     * Sends a reset link when the account exists; the caller learns nothing either way.
     */
    @Transactional
    public void requestReset(String email) {
        users.findByEmail(email).filter(User::isActive).ifPresent(user -> {
            String token = tokens.issue(user.id(), OneTimeTokens.Purpose.RESET_PASSWORD, settings.passwordResetTtl());
            mailer.sendAfterCommit(user.email(), "Reset your AutoGraph password", """
                    Hello %s,

                    someone asked to reset the password of your AutoGraph account. To choose a new
                    password, open this link within %d minutes:

                    %s

                    If it was not you, ignore this message: your password stays as it is.
                    """.formatted(user.fullName(), settings.passwordResetTtl().toMinutes(),
                    mailer.link("/reset-password", token)));
            audit.success(AuditAction.PASSWORD_RESET_REQUEST, user.id(), Map.of());
        });
    }

    /** A refused new password rolls back, so the link stays usable for a second try. */
    @Transactional
    public void reset(String token, String newPassword) {
        UUID userId = tokens.redeem(token, OneTimeTokens.Purpose.RESET_PASSWORD);
        User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("Account", userId));
        Credentials.checkPassword(newPassword, user.email());
        user.changePasswordHash(passwords.encode(newPassword));
        // Proving control of the mailbox is what an admin unlock would check too.
        user.unlock();
        sessions.endAll(user.id(), null);
        sessionTokens.revokeUser(user.id());
        audit.success(AuditAction.PASSWORD_RESET, user.id(), Map.of());
    }

    @Transactional(noRollbackFor = ApiException.class)
    public void change(UUID userId, UUID keepSession, String currentPassword, String newPassword) {
        User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("Account", userId));
        if (!passwords.matches(currentPassword == null ? "" : currentPassword, user.passwordHash())) {
            audit.failure(AuditAction.PASSWORD_CHANGE, user.id(), "wrong_current_password", Map.of());
            throw new ApiException(HttpStatus.FORBIDDEN, "wrong_current_password", "The current password is wrong.");
        }
        Credentials.checkPassword(newPassword, user.email());
        user.changePasswordHash(passwords.encode(newPassword));
        for (UUID ended : sessions.endAll(user.id(), keepSession)) {
            sessionTokens.revokeSession(ended);
        }
        audit.success(AuditAction.PASSWORD_CHANGE, user.id(), Map.of());
    }

}
