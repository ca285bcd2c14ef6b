package com.autograph.auth.team;

import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.user.Role;
import com.autograph.shared.error.ApiException;

/**
 * Teams and their members. Every rule is checked against the database, never against the
 * roles the caller's token carries (they may be an hour old). Someone who is not a member
 * of a team gets 404 for it, as if it did not exist; a member who lacks the role gets
 * 403. A team always keeps at least one admin: the last one can neither leave nor be
 * demoted or removed (409 {@code last_admin}).
 *
 * <p>
 * Deleting a team is a soft delete: its row stays (files and folders reference it, and a
 * hard delete would cascade to the team's folders), its members and open invitations are
 * removed, and its files and folders stay with the people who created them (their
 * {@code owner_id}), who keep managing them; nobody else reaches them through the team
 * any more.
 */
@Service
class Teams {

    private final TeamRepository teams;

    private final MembershipEvents events;

    private final AuditLog audit;

    private final AuthProperties.Teams limits;

    private final Clock clock;

    Teams(TeamRepository teams, MembershipEvents events, AuditLog audit, AuthProperties properties, Clock clock) {
        this.teams = teams;
        this.events = events;
        this.audit = audit;
        this.limits = properties.teams();
        this.clock = clock;
    }

    /** A team as one member sees it, with the members when asked for. */
    record TeamDetail(TeamRepository.TeamRow team, String role, List<TeamRepository.MemberRow> members) {
    }

    @Transactional
    TeamRepository.Membership create(UUID userId, String name) {
        if (teams.countTeamsOf(userId) >= limits.maxTeamsPerUser()) {
            throw new ApiException(HttpStatus.CONFLICT, "too_many_teams", "You are in " + limits.maxTeamsPerUser()
                    + " teams, the most one account may be in; leave one first.");
        }
        String cleanName = name.strip();
        UUID id = teams.insertTeam(cleanName, slug(cleanName), userId);
        teams.addMember(id, userId, Role.ADMIN.value());
        audit.success(AuditAction.TEAM_CREATE, userId, Map.of("team_id", id));
        events.membershipChanged(userId, id, Role.ADMIN.value());
        return teams.teamsOf(userId).stream().filter(team -> team.id().equals(id)).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    List<TeamRepository.Membership> mine(UUID userId) {
        return teams.teamsOf(userId);
    }

    @Transactional(readOnly = true)
    TeamDetail get(UUID userId, UUID teamId) {
        String role = requireMember(userId, teamId);
        return new TeamDetail(teams.find(teamId).orElseThrow(() -> unknownTeam(teamId)), role, teams.members(teamId));
    }

    @Transactional
    TeamDetail rename(UUID userId, UUID teamId, String name) {
        requireAdmin(userId, teamId);
        teams.rename(teamId, name.strip());
        audit.success(AuditAction.TEAM_RENAME, userId, Map.of("team_id", teamId));
        return get(userId, teamId);
    }

    @Transactional
    void delete(UUID userId, UUID teamId) {
        lock(teamId);
        requireAdmin(userId, teamId);
        teams.softDelete(teamId, clock.instant());
        teams.revokeAllInvitations(teamId, clock.instant());
        for (UUID member : teams.removeAllMembers(teamId)) {
            events.membershipChanged(member, teamId, null);
        }
        audit.success(AuditAction.TEAM_DELETE, userId, Map.of("team_id", teamId));
    }

    /**
     * An admin changes a member's role (their own too, unless they are the last admin).
     */
    @Transactional
    TeamRepository.MemberRow changeRole(UUID userId, UUID teamId, UUID memberId, Role role) {
        lock(teamId);
        requireAdmin(userId, teamId);
        String current = teams.roleOf(teamId, memberId).orElseThrow(() -> unknownMember(teamId, memberId));
        if (current.equals(Role.ADMIN.value()) && role != Role.ADMIN && teams.countAdmins(teamId) == 1) {
            throw lastAdmin("demoted");
        }
        teams.changeRole(teamId, memberId, role.value());
        audit.success(AuditAction.TEAM_ROLE_CHANGE, userId,
                Map.of("team_id", teamId, "member_id", memberId, "role", role.value()));
        events.membershipChanged(memberId, teamId, role.value());
        return teams.members(teamId)
            .stream()
            .filter(member -> member.userId().equals(memberId))
            .findFirst()
            .orElseThrow();
    }

    /** An admin removes a member; a member removing themselves leaves. */
    @Transactional
    void removeMember(UUID userId, UUID teamId, UUID memberId) {
        if (userId.equals(memberId)) {
            leave(userId, teamId);
            return;
        }
        lock(teamId);
        requireAdmin(userId, teamId);
        String current = teams.roleOf(teamId, memberId).orElseThrow(() -> unknownMember(teamId, memberId));
        if (current.equals(Role.ADMIN.value()) && teams.countAdmins(teamId) == 1) {
            throw lastAdmin("removed");
        }
        teams.removeMember(teamId, memberId);
        audit.success(AuditAction.TEAM_MEMBER_REMOVE, userId, Map.of("team_id", teamId, "member_id", memberId));
        events.membershipChanged(memberId, teamId, null);
    }

    @Transactional
    void leave(UUID userId, UUID teamId) {
        lock(teamId);
        String role = requireMember(userId, teamId);
        if (role.equals(Role.ADMIN.value()) && teams.countAdmins(teamId) == 1) {
            throw lastAdmin("leave");
        }
        teams.removeMember(teamId, userId);
        audit.success(AuditAction.TEAM_LEAVE, userId, Map.of("team_id", teamId));
        events.membershipChanged(userId, teamId, null);
    }

    /** The caller's role in the live team; 404 for non-members. */
    String requireMember(UUID userId, UUID teamId) {
        return teams.roleOf(teamId, userId).orElseThrow(() -> unknownTeam(teamId));
    }

    void requireAdmin(UUID userId, UUID teamId) {
        if (!requireMember(userId, teamId).equals(Role.ADMIN.value())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "team_admin_required",
                    "Only admins of team " + teamId + " may do this; ask one of them.");
        }
    }

    private void lock(UUID teamId) {
        if (!teams.lock(teamId)) {
            throw unknownTeam(teamId);
        }
    }

    static ApiException unknownTeam(UUID teamId) {
        return ApiException.notFound("Team", teamId);
    }

    private static ApiException unknownMember(UUID teamId, UUID memberId) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found",
                "User " + memberId + " is not a member of team " + teamId + ".");
    }

    private static ApiException lastAdmin(String what) {
        String detail = what.equals("leave")
                ? "You are the team's last admin and cannot leave: make another member admin first, or delete the team."
                : "This member is the team's last admin and cannot be " + what
                        + ": make another member admin first, or delete the team.";
        return new ApiException(HttpStatus.CONFLICT, "last_admin", detail);
    }

    /** A readable, unique slug: the name's letters and digits plus a random suffix. */
    private static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-+|-+$)", "");
        String base = ascii.length() > 60 ? ascii.substring(0, 60).replaceAll("-+$", "") : ascii;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return (base.isEmpty() ? "team" : base) + "-" + suffix;
    }

}
