package com.autograph.auth.verification;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.mail.Mailer;
import com.autograph.auth.team.TeamInvitations;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.shared.error.ApiException;

/** Proves an account's e-mail address with a single-use link valid for 24 hours. */
@Service
public class EmailVerification {

    private final OneTimeTokens tokens;

    private final UserRepository users;

    private final Mailer mailer;

    private final AuditLog audit;

    private final AuthProperties.OneTimeTokens settings;

    private final TeamInvitations invitations;

    EmailVerification(OneTimeTokens tokens, UserRepository users, Mailer mailer, AuditLog audit,
            TeamInvitations invitations, AuthProperties properties) {
        this.invitations = invitations;
        this.tokens = tokens;
        this.users = users;
        this.mailer = mailer;
        this.audit = audit;
        this.settings = properties.links();
    }

    @Transactional
    public void send(User user) {
        String token = tokens.issue(user.id(), OneTimeTokens.Purpose.VERIFY_EMAIL, settings.emailVerificationTtl());
        mailer.sendAfterCommit(user.email(), "Confirm your AutoGraph e-mail address", """
                Hello %s,

                confirm your e-mail address for AutoGraph by opening this link within %d hours:

                %s

                If you did not create an account, ignore this message.
                """.formatted(user.fullName(), settings.emailVerificationTtl().toHours(),
                mailer.link("/verify-email", token)));
    }

    /**
     * A new link to an active, unverified account with this (normalised) address; nothing
     * otherwise.
     */
    @Transactional
    public void resend(String email) {
        users.findByEmail(email).filter(user -> user.isActive() && !user.isVerified()).ifPresent(this::send);
    }

    @Transactional
    public User verify(String token) {
        UUID userId = tokens.redeem(token, OneTimeTokens.Purpose.VERIFY_EMAIL);
        User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("Account", userId));
        user.markVerified();
        audit.success(AuditAction.VERIFY_EMAIL, user.id(), Map.of());
        // Registered from a team invitation: the proven address completes it.
        invitations.acceptClaimed(user);
        return user;
    }

}
