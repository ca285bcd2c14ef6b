package com.autograph.auth.registration;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.team.TeamInvitations;
import com.autograph.auth.user.Credentials;
import com.autograph.auth.user.Role;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.auth.verification.EmailVerification;
import com.autograph.shared.error.ApiException;

/**
 * Opens an account and sends its verification mail; an account opened from a team
 * invitation link claims the invitation (it joins the team once verified).
 */
@Service
class Registration {

    private final UserRepository users;

    private final PasswordEncoder passwords;

    private final AuditLog audit;

    private final EmailVerification verification;

    private final TeamInvitations invitations;

    private final Set<String> adminEmails;

    Registration(UserRepository users, PasswordEncoder passwords, AuditLog audit, EmailVerification verification,
            TeamInvitations invitations, AuthProperties properties) {
        this.invitations = invitations;
        this.adminEmails = properties.adminEmails()
            .stream()
            .map(Credentials::normaliseEmail)
            .collect(Collectors.toSet());
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.verification = verification;
    }

    @Transactional
    User register(String rawEmail, String password, String fullName, String invitationToken) {
        String email = Credentials.normaliseEmail(rawEmail);
        Credentials.checkPassword(password, email);
        if (users.existsByEmail(email)) {
            throw emailTaken();
        }
        try {
            User created = new User(email, passwords.encode(password), fullName.strip());
            if (adminEmails.contains(email)) {
                created.changeRole(Role.ADMIN);
            }
            User user = users.saveAndFlush(created);
            audit.success(AuditAction.REGISTER, user.id(), Map.of());
            if (invitationToken != null && !invitationToken.isBlank()) {
                invitations.claim(invitationToken, user);
            }
            verification.send(user);
            return user;
        }
        catch (DataIntegrityViolationException raced) {
            // Two registrations of one address at once: the unique index decides.
            if (String.valueOf(raced.getMostSpecificCause().getMessage()).contains("users_email_lower_key")) {
                throw emailTaken();
            }
            throw raced;
        }
    }

    private static ApiException emailTaken() {
        return new ApiException(HttpStatus.CONFLICT, "email_taken",
                "An account with this e-mail already exists. Log in, or reset the password.");
    }

}
