package com.autograph.auth.team;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.SecureTokens;
import com.autograph.auth.WindowCounters;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.mail.Mailer;
import com.autograph.auth.user.Credentials;
import com.autograph.auth.user.Role;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.shared.error.ApiException;

/**
 * Invitations to a team by e-mail. The mailed link holds 256 random bits; only their
 * SHA-256 is stored (like the other one-time links), so the link cannot be guessed or
 * rebuilt from the database. An invitation expires, is used once, and only by an account
 * whose verified address is the one invited. Someone without an account registers with
 * the link's token and becomes a member when they verify their address.
 */
@Service
public class TeamInvitations {

    static final String LINK_PATH = "/join-team";

    private final TeamRepository teams;

    private final Teams memberships;

    private final UserRepository users;

    private final Mailer mailer;

    private final MembershipEvents events;

    private final WindowCounters counters;

    private final AuditLog audit;

    private final AuthProperties.Teams limits;

    private final Clock clock;

    TeamInvitations(TeamRepository teams, Teams memberships, UserRepository users, Mailer mailer,
            MembershipEvents events, WindowCounters counters, AuditLog audit, AuthProperties properties, Clock clock) {
        this.teams = teams;
        this.memberships = memberships;
        this.users = users;
        this.mailer = mailer;
        this.events = events;
        this.counters = counters;
        this.audit = audit;
        this.limits = properties.teams();
        this.clock = clock;
    }

    /**
     * An admin invites an address; an open invitation to the same address is replaced.
     * The mail goes out after commit, within the per-address mail cap.
     */
    @Transactional
    TeamRepository.InvitationRow invite(UUID adminId, UUID teamId, String rawEmail, Role role) {
        memberships.requireAdmin(adminId, teamId);
        String email = Credentials.normaliseEmail(rawEmail);
        TeamRepository.TeamRow team = teams.find(teamId).orElseThrow(() -> Teams.unknownTeam(teamId));
        Optional<User> invitee = users.findByEmail(email).filter(User::isActive);
        if (invitee.isPresent() && teams.roleOf(teamId, invitee.get().id()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "already_member",
                    "The account with this e-mail address is already a member of the team.");
        }
        Instant now = clock.instant();
        if (teams.countMembers(teamId) >= limits.maxMembersPerTeam()) {
            throw new ApiException(HttpStatus.CONFLICT, "team_full",
                    "The team has " + limits.maxMembersPerTeam() + " members, the most a team may have.");
        }
        if (teams.countPendingInvitations(teamId, now) >= limits.maxPendingInvitationsPerTeam()) {
            throw new ApiException(HttpStatus.CONFLICT, "too_many_invitations",
                    "The team has " + limits.maxPendingInvitationsPerTeam()
                            + " open invitations; revoke some or wait until they are accepted or expire.");
        }
        String counter = "team-invitations:" + adminId;
        if (counters.increment(counter, limits.invitationWindow()) > limits.maxInvitationsPerWindow()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "invitation_rate_limited",
                    "You sent " + limits.maxInvitationsPerWindow() + " invitations recently; try again in "
                            + counters.remaining(counter).toMinutes() + " min.");
        }
        teams.revokeOpenInvitations(teamId, email, now);
        String token = SecureTokens.newToken();
        UUID id = teams.insertInvitation(teamId, email, role.value(), SecureTokens.sha256(token), adminId,
                now.plus(limits.invitationTtl()));
        User inviter = users.findById(adminId).orElseThrow(() -> ApiException.notFound("Account", adminId));
        mailer.sendAfterCommit(email, "You are invited to the team " + team.name() + " on AutoGraph", """
                Hello,

                %s (%s) invites you to join the team "%s" on AutoGraph as %s.

                Accept within %d days by opening this link (without an account, you can register from it
                with this e-mail address):

                %s

                If you do not know the sender, ignore this message.
                """.formatted(inviter.fullName(), inviter.email(), team.name(), role.value(),
                limits.invitationTtl().toDays(), mailer.link(LINK_PATH, token)));
        invitee.ifPresent(user -> events.invited(user.id(), teamId, team.name(), adminId, id));
        audit.success(AuditAction.TEAM_INVITE, adminId, Map.of("team_id", teamId, "invitation_id", id));
        return teams.findInvitation(teamId, id).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<TeamRepository.InvitationRow> pending(UUID adminId, UUID teamId) {
        memberships.requireAdmin(adminId, teamId);
        return teams.pendingInvitations(teamId, clock.instant());
    }

    @Transactional
    void revoke(UUID adminId, UUID teamId, UUID invitationId) {
        memberships.requireAdmin(adminId, teamId);
        if (!teams.revokeInvitation(teamId, invitationId, clock.instant())) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                    "Team " + teamId + " has no open invitation " + invitationId + ".");
        }
        audit.success(AuditAction.TEAM_INVITATION_REVOKE, adminId,
                Map.of("team_id", teamId, "invitation_id", invitationId));
    }

    /**
     * The signed-in user accepts: their address must be verified and be the invited one.
     * Returns the team joined; a member already keeps their role.
     */
    @Transactional
    UUID accept(UUID userId, String token) {
        TeamRepository.InvitationRow invitation = usable(token);
        User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("Account", userId));
        if (!user.email().equalsIgnoreCase(invitation.email())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "invitation_for_another_email",
                    "This invitation was sent to another e-mail address; sign in with the invited account.");
        }
        if (!user.isVerified()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "email_not_verified",
                    "Verify your e-mail address first (see the mail we sent you), then accept the invitation.");
        }
        join(user.id(), invitation);
        return invitation.teamId();
    }

    /**
     * At registration from an invitation link: the new account claims the invitation,
     * which makes it a member once its address is verified ({@link #acceptClaimed}).
     */
    @Transactional
    public void claim(String token, User registered) {
        TeamRepository.InvitationRow invitation = usable(token);
        if (!registered.email().equalsIgnoreCase(invitation.email())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "invitation_for_another_email",
                    "This invitation was sent to another e-mail address; register with the invited address.");
        }
        teams.markClaimed(invitation.id(), registered.id());
    }

    /**
     * Right after the user verified their address: the invitations they registered from
     * that are still open become memberships.
     */
    @Transactional
    public void acceptClaimed(User verified) {
        Instant now = clock.instant();
        for (TeamRepository.InvitationRow invitation : teams.claimedBy(verified.id())) {
            if (invitation.expiresAt().isAfter(now) && invitation.email().equalsIgnoreCase(verified.email())
                    && teams.find(invitation.teamId()).isPresent()
                    && teams.countMembers(invitation.teamId()) < limits.maxMembersPerTeam()) {
                join(verified.id(), invitation);
            }
        }
    }

    private void join(UUID userId, TeamRepository.InvitationRow invitation) {
        if (teams.countMembers(invitation.teamId()) >= limits.maxMembersPerTeam()) {
            throw new ApiException(HttpStatus.CONFLICT, "team_full",
                    "The team has " + limits.maxMembersPerTeam() + " members, the most a team may have.");
        }
        teams.markAccepted(invitation.id(), userId, clock.instant());
        if (teams.addMember(invitation.teamId(), userId, invitation.role())) {
            audit.success(AuditAction.TEAM_JOIN, userId,
                    Map.of("team_id", invitation.teamId(), "invitation_id", invitation.id()));
            events.membershipChanged(userId, invitation.teamId(), invitation.role());
        }
    }

    /** The open invitation of this token, locked; a 4xx naming why it is not usable. */
    private TeamRepository.InvitationRow usable(String token) {
        TeamRepository.InvitationRow invitation = teams
            .findInvitationForUpdate(SecureTokens.sha256(token == null ? "" : token))
            .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "invitation_invalid",
                    "This invitation link is not valid; ask the team's admin for a new one."));
        if (invitation.acceptedAt() != null) {
            throw new ApiException(HttpStatus.CONFLICT, "invitation_used",
                    "This invitation has already been accepted; ask the team's admin for a new one if needed.");
        }
        if (invitation.revokedAt() != null || teams.find(invitation.teamId()).isEmpty()) {
            throw new ApiException(HttpStatus.GONE, "invitation_revoked",
                    "This invitation was withdrawn or its team deleted; ask the team's admin for a new one.");
        }
        if (!invitation.expiresAt().isAfter(clock.instant())) {
            throw new ApiException(HttpStatus.GONE, "invitation_expired",
                    "This invitation has expired; ask the team's admin for a new one.");
        }
        return invitation;
    }

}
