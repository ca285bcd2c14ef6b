package com.autograph.auth.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.user.Role;
import com.autograph.auth.web.Callers;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Teams: members with roles admin, editor and viewer (what they may do with the team's
 * files is diagram-service's rule), invitations by e-mail. Non-members get 404 for a
 * team; members without the admin role get 403 {@code team_admin_required}.
 */
@RestController
@RequestMapping("/api/auth")
class TeamController {

    static final String ROLE_PATTERN = "admin|editor|viewer";

    record NameRequest(@NotBlank @CodePointLength(max = 100) String name) {
    }

    record RoleRequest(
            @NotNull @Pattern(regexp = ROLE_PATTERN, message = "must be admin, editor or viewer") String role) {
    }

    record InviteRequest(@NotNull @Size(max = 320) String email,
            @NotNull @Pattern(regexp = ROLE_PATTERN, message = "must be admin, editor or viewer") String role) {
    }

    record AcceptRequest(@NotNull @Size(max = 200) String token) {
    }

    /** A team in the caller's list: {@code role} is the caller's. */
    record TeamView(UUID id, String name, String slug, String role, @JsonProperty("member_count") int memberCount,
            @JsonProperty("created_at") Instant createdAt) {

        static TeamView of(TeamRepository.Membership team) {
            return new TeamView(team.id(), team.name(), team.slug(), team.role(), team.memberCount(), team.createdAt());
        }
    }

    record TeamList(List<TeamView> items, int page, int size, long total) {
    }

    record MemberView(@JsonProperty("user_id") UUID userId, String email, @JsonProperty("full_name") String fullName,
            String role, @JsonProperty("joined_at") Instant joinedAt) {

        static MemberView of(TeamRepository.MemberRow member) {
            return new MemberView(member.userId(), member.email(), member.fullName(), member.role(), member.joinedAt());
        }
    }

    record TeamDetailView(UUID id, String name, String slug, String role, @JsonProperty("created_at") Instant createdAt,
            List<MemberView> members) {

        static TeamDetailView of(Teams.TeamDetail detail) {
            return new TeamDetailView(detail.team().id(), detail.team().name(), detail.team().slug(), detail.role(),
                    detail.team().createdAt(), detail.members().stream().map(MemberView::of).toList());
        }
    }

    /** The token itself is only in the mail. */
    record InvitationView(UUID id, @JsonProperty("team_id") UUID teamId, String email, String role,
            @JsonProperty("invited_by") UUID invitedBy, @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("created_at") Instant createdAt) {

        static InvitationView of(TeamRepository.InvitationRow row) {
            return new InvitationView(row.id(), row.teamId(), row.email(), row.role(), row.invitedBy(), row.expiresAt(),
                    row.createdAt());
        }
    }

    record InvitationList(List<InvitationView> items, int page, int size, long total) {
    }

    private final Teams teams;

    private final TeamInvitations invitations;

    TeamController(Teams teams, TeamInvitations invitations) {
        this.teams = teams;
        this.invitations = invitations;
    }

    @Operation(summary = "Create a team", description = "The creator becomes its first admin.")
    @ApiResponse(responseCode = "409", description = "too_many_teams: the caller is in as many teams as allowed.")
    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    TeamView create(TrustedIdentity caller, @Valid @RequestBody NameRequest request) {
        return TeamView.of(teams.create(Callers.id(caller), request.name()));
    }

    @Operation(summary = "List your teams", description = "With your role in each, sorted by name.")
    @GetMapping("/teams")
    TeamList mine(TrustedIdentity caller) {
        List<TeamView> items = teams.mine(Callers.id(caller)).stream().map(TeamView::of).toList();
        return new TeamList(items, 0, items.size(), items.size());
    }

    @Operation(summary = "A team with its members")
    @ApiResponse(responseCode = "200", description = "The team with its members.")
    @ApiResponse(responseCode = "404", description = "No such team, or the caller is not a member.")
    @GetMapping("/teams/{id}")
    TeamDetailView get(TrustedIdentity caller, @PathVariable UUID id) {
        return TeamDetailView.of(teams.get(Callers.id(caller), id));
    }

    @Operation(summary = "Rename a team (admins)")
    @PatchMapping("/teams/{id}")
    TeamDetailView rename(TrustedIdentity caller, @PathVariable UUID id, @Valid @RequestBody NameRequest request) {
        return TeamDetailView.of(teams.rename(Callers.id(caller), id, request.name()));
    }

    @Operation(summary = "Delete a team (admins)",
            description = "Members and open invitations are removed; the team's files and folders stay with the "
                    + "people who created them, and nobody else reaches them through the team.")
    @DeleteMapping("/teams/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrustedIdentity caller, @PathVariable UUID id) {
        teams.delete(Callers.id(caller), id);
    }

    @Operation(summary = "Change a member's role (admins)", description = "Takes effect at the member's next request.")
    @ApiResponse(responseCode = "200", description = "The member with the new role.")
    @ApiResponse(responseCode = "409", description = "last_admin: the team's only admin cannot be demoted.")
    @PutMapping("/teams/{id}/members/{userId}")
    MemberView changeRole(TrustedIdentity caller, @PathVariable UUID id, @PathVariable UUID userId,
            @Valid @RequestBody RoleRequest request) {
        return MemberView.of(teams.changeRole(Callers.id(caller), id, userId, Role.of(request.role())));
    }

    @Operation(summary = "Remove a member (admins), or leave (your own id)",
            description = "The member loses access to the team's files at their next request.")
    @ApiResponse(responseCode = "409", description = "last_admin: the team's only admin cannot be removed or leave.")
    @DeleteMapping("/teams/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(TrustedIdentity caller, @PathVariable UUID id, @PathVariable UUID userId) {
        teams.removeMember(Callers.id(caller), id, userId);
    }

    @Operation(summary = "Leave a team")
    @ApiResponse(responseCode = "409", description = "last_admin: the team's only admin cannot leave.")
    @PostMapping("/teams/{id}/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(TrustedIdentity caller, @PathVariable UUID id) {
        teams.leave(Callers.id(caller), id);
    }

    @Operation(summary = "Invite someone by e-mail (admins)",
            description = "Mails a single-use link valid for TEAM_INVITATION_TTL (7 days); an open invitation to the "
                    + "same address is replaced. Mails to one address stay within the account-mail cap.")
    @ApiResponse(responseCode = "409",
            description = "already_member, team_full or too_many_invitations (open invitations of the team).")
    @ApiResponse(responseCode = "429", description = "invitation_rate_limited: too many invitations by the caller.")
    @PostMapping("/teams/{id}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    InvitationView invite(TrustedIdentity caller, @PathVariable UUID id, @Valid @RequestBody InviteRequest request) {
        return InvitationView.of(invitations.invite(Callers.id(caller), id, request.email(), Role.of(request.role())));
    }

    @Operation(summary = "Open invitations of a team (admins)")
    @GetMapping("/teams/{id}/invitations")
    InvitationList pending(TrustedIdentity caller, @PathVariable UUID id) {
        List<InvitationView> items = invitations.pending(Callers.id(caller), id)
            .stream()
            .map(InvitationView::of)
            .toList();
        return new InvitationList(items, 0, items.size(), items.size());
    }

    @Operation(summary = "Revoke an open invitation (admins)")
    @DeleteMapping("/teams/{id}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(TrustedIdentity caller, @PathVariable UUID id, @PathVariable UUID invitationId) {
        invitations.revoke(Callers.id(caller), id, invitationId);
    }

    @Operation(summary = "Accept an invitation",
            description = "By the signed-in account whose verified e-mail address was invited; returns the team.")
    @ApiResponse(responseCode = "200", description = "The team joined.")
    @ApiResponse(responseCode = "403", description = "invitation_for_another_email or email_not_verified.")
    @ApiResponse(responseCode = "404", description = "invitation_invalid: no invitation has this token.")
    @ApiResponse(responseCode = "409", description = "invitation_used: it was accepted already.")
    @ApiResponse(responseCode = "410", description = "invitation_expired or invitation_revoked.")
    @PostMapping("/invitations/accept")
    TeamView accept(TrustedIdentity caller, @Valid @RequestBody AcceptRequest request) {
        UUID userId = Callers.id(caller);
        UUID teamId = invitations.accept(userId, request.token());
        return teams.mine(userId)
            .stream()
            .filter(team -> team.id().equals(teamId))
            .findFirst()
            .map(TeamView::of)
            .orElseThrow(() -> Teams.unknownTeam(teamId));
    }

}
