package com.autograph.auth.team;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of teams, their members and invitations ({@code teams}, {@code team_members},
 * {@code team_invitations}, all auth-service's). Deleted teams ({@code deleted_at} set)
 * are invisible to every query here.
 */
@Repository
class TeamRepository {

    record TeamRow(UUID id, String name, String slug, Instant createdAt) {
    }

    /** A team as one of its members sees it in a list. */
    record Membership(UUID id, String name, String slug, String role, int memberCount, Instant createdAt) {
    }

    record MemberRow(UUID userId, String email, String fullName, String role, Instant joinedAt) {
    }

    record InvitationRow(UUID id, UUID teamId, String email, String role, UUID invitedBy, Instant expiresAt,
            Instant acceptedAt, Instant revokedAt, Instant createdAt, UUID claimedBy) {
    }

    private static final String INVITATION_COLUMNS = """
            id, team_id, email, role, invited_by, expires_at, accepted_at, revoked_at, created_at, claimed_by""";

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insertTeam(String name, String slug, UUID ownerId) {
        return jdbc.sql("INSERT INTO teams (name, slug, owner_id) VALUES (:name, :slug, :owner) RETURNING id")
            .param("name", name)
            .param("slug", slug)
            .param("owner", ownerId)
            .query(UUID.class)
            .single();
    }

    Optional<TeamRow> find(UUID teamId) {
        return jdbc.sql("SELECT id, name, slug, created_at FROM teams WHERE id = :id AND deleted_at IS NULL")
            .param("id", teamId)
            .query((rs, n) -> new TeamRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("slug"),
                    rs.getTimestamp("created_at").toInstant()))
            .optional();
    }

    /**
     * Locks the live team's row for the rest of the transaction: membership changes of
     * one team run one at a time, so two admins demoting each other cannot leave it
     * without one.
     */
    boolean lock(UUID teamId) {
        return jdbc.sql("SELECT id FROM teams WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
            .param("id", teamId)
            .query(UUID.class)
            .optional()
            .isPresent();
    }

    void rename(UUID teamId, String name) {
        jdbc.sql("UPDATE teams SET name = :name WHERE id = :id").param("name", name).param("id", teamId).update();
    }

    void softDelete(UUID teamId, Instant now) {
        jdbc.sql("UPDATE teams SET deleted_at = :now WHERE id = :id")
            .param("now", Timestamp.from(now))
            .param("id", teamId)
            .update();
    }

    /** Removes every member; returns who they were. */
    List<UUID> removeAllMembers(UUID teamId) {
        return jdbc.sql("DELETE FROM team_members WHERE team_id = :team RETURNING user_id")
            .param("team", teamId)
            .query(UUID.class)
            .list();
    }

    /** The member's role in the live team. */
    Optional<String> roleOf(UUID teamId, UUID userId) {
        return jdbc.sql("""
                SELECT m.role FROM team_members m JOIN teams t ON t.id = m.team_id
                WHERE m.team_id = :team AND m.user_id = :user AND t.deleted_at IS NULL""")
            .param("team", teamId)
            .param("user", userId)
            .query(String.class)
            .optional();
    }

    /** Adds the member unless already one; whether it was added. */
    boolean addMember(UUID teamId, UUID userId, String role) {
        return jdbc.sql("""
                INSERT INTO team_members (team_id, user_id, role) VALUES (:team, :user, :role)
                ON CONFLICT (team_id, user_id) DO NOTHING""")
            .param("team", teamId)
            .param("user", userId)
            .param("role", role)
            .update() == 1;
    }

    boolean changeRole(UUID teamId, UUID userId, String role) {
        return jdbc.sql("UPDATE team_members SET role = :role WHERE team_id = :team AND user_id = :user")
            .param("role", role)
            .param("team", teamId)
            .param("user", userId)
            .update() == 1;
    }

    boolean removeMember(UUID teamId, UUID userId) {
        return jdbc.sql("DELETE FROM team_members WHERE team_id = :team AND user_id = :user")
            .param("team", teamId)
            .param("user", userId)
            .update() == 1;
    }

    int countAdmins(UUID teamId) {
        return jdbc.sql("SELECT count(*) FROM team_members WHERE team_id = :team AND role = 'admin'")
            .param("team", teamId)
            .query(Integer.class)
            .single();
    }

    int countMembers(UUID teamId) {
        return jdbc.sql("SELECT count(*) FROM team_members WHERE team_id = :team")
            .param("team", teamId)
            .query(Integer.class)
            .single();
    }

    /** How many live teams the user belongs to. */
    int countTeamsOf(UUID userId) {
        return jdbc.sql("""
                SELECT count(*) FROM team_members m JOIN teams t ON t.id = m.team_id
                WHERE m.user_id = :user AND t.deleted_at IS NULL""")
            .param("user", userId)
            .query(Integer.class)
            .single();
    }

    List<Membership> teamsOf(UUID userId) {
        return jdbc.sql("""
                SELECT t.id, t.name, t.slug, m.role, t.created_at,
                       (SELECT count(*) FROM team_members c WHERE c.team_id = t.id) AS member_count
                FROM team_members m JOIN teams t ON t.id = m.team_id
                WHERE m.user_id = :user AND t.deleted_at IS NULL
                ORDER BY lower(t.name), t.id""")
            .param("user", userId)
            .query((rs, n) -> new Membership(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("slug"),
                    rs.getString("role"), rs.getInt("member_count"), rs.getTimestamp("created_at").toInstant()))
            .list();
    }

    /** The user's role in each live team (team id → role), as access tokens carry it. */
    Map<String, String> teamRolesOf(UUID userId) {
        Map<String, String> roles = new TreeMap<>();
        jdbc.sql("""
                SELECT m.team_id, m.role FROM team_members m JOIN teams t ON t.id = m.team_id
                WHERE m.user_id = :user AND t.deleted_at IS NULL""")
            .param("user", userId)
            .query((rs, n) -> roles.put(rs.getString("team_id"), rs.getString("role")))
            .list();
        return roles;
    }

    List<MemberRow> members(UUID teamId) {
        return jdbc.sql("""
                SELECT u.id, u.email, u.full_name, m.role, m.created_at
                FROM team_members m JOIN users u ON u.id = m.user_id
                WHERE m.team_id = :team
                ORDER BY CASE m.role WHEN 'admin' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, lower(u.full_name), u.id""")
            .param("team", teamId)
            .query((rs, n) -> new MemberRow(rs.getObject("id", UUID.class), rs.getString("email"),
                    rs.getString("full_name"), rs.getString("role"), rs.getTimestamp("created_at").toInstant()))
            .list();
    }

    UUID insertInvitation(UUID teamId, String email, String role, String tokenHash, UUID invitedBy, Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO team_invitations (team_id, email, role, token_hash, invited_by, expires_at)
                VALUES (:team, :email, :role, :hash, :by, :expires) RETURNING id""")
            .param("team", teamId)
            .param("email", email)
            .param("role", role)
            .param("hash", tokenHash)
            .param("by", invitedBy)
            .param("expires", Timestamp.from(expiresAt))
            .query(UUID.class)
            .single();
    }

    /** The invitation with this token hash, locked until the transaction ends. */
    Optional<InvitationRow> findInvitationForUpdate(String tokenHash) {
        return jdbc.sql("SELECT " + INVITATION_COLUMNS + " FROM team_invitations WHERE token_hash = :hash FOR UPDATE")
            .param("hash", tokenHash)
            .query(TeamRepository::invitation)
            .optional();
    }

    Optional<InvitationRow> findInvitation(UUID teamId, UUID invitationId) {
        return jdbc.sql("SELECT " + INVITATION_COLUMNS + " FROM team_invitations WHERE id = :id AND team_id = :team")
            .param("id", invitationId)
            .param("team", teamId)
            .query(TeamRepository::invitation)
            .optional();
    }

    /** Invitations neither accepted, revoked nor expired, newest first. */
    List<InvitationRow> pendingInvitations(UUID teamId, Instant now) {
        return jdbc.sql("SELECT " + INVITATION_COLUMNS + """
                 FROM team_invitations
                WHERE team_id = :team AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                ORDER BY created_at DESC, id""")
            .param("team", teamId)
            .param("now", Timestamp.from(now))
            .query(TeamRepository::invitation)
            .list();
    }

    /** Revokes the team's open invitations to the address (a new one replaces them). */
    void revokeOpenInvitations(UUID teamId, String email, Instant now) {
        jdbc.sql(
                """
                        UPDATE team_invitations SET revoked_at = :now
                        WHERE team_id = :team AND lower(email) = lower(:email) AND accepted_at IS NULL AND revoked_at IS NULL""")
            .param("now", Timestamp.from(now))
            .param("team", teamId)
            .param("email", email)
            .update();
    }

    void revokeAllInvitations(UUID teamId, Instant now) {
        jdbc.sql("""
                UPDATE team_invitations SET revoked_at = :now
                WHERE team_id = :team AND accepted_at IS NULL AND revoked_at IS NULL""")
            .param("now", Timestamp.from(now))
            .param("team", teamId)
            .update();
    }

    boolean revokeInvitation(UUID teamId, UUID invitationId, Instant now) {
        return jdbc.sql("""
                UPDATE team_invitations SET revoked_at = :now
                WHERE id = :id AND team_id = :team AND accepted_at IS NULL AND revoked_at IS NULL""")
            .param("now", Timestamp.from(now))
            .param("id", invitationId)
            .param("team", teamId)
            .update() == 1;
    }

    void markAccepted(UUID invitationId, UUID userId, Instant now) {
        jdbc.sql("UPDATE team_invitations SET accepted_at = :now, accepted_by = :user WHERE id = :id")
            .param("now", Timestamp.from(now))
            .param("user", userId)
            .param("id", invitationId)
            .update();
    }

    void markClaimed(UUID invitationId, UUID userId) {
        jdbc.sql("UPDATE team_invitations SET claimed_by = :user WHERE id = :id")
            .param("user", userId)
            .param("id", invitationId)
            .update();
    }

    /** Open invitations the user registered from, locked until the transaction ends. */
    List<InvitationRow> claimedBy(UUID userId) {
        return jdbc.sql("SELECT " + INVITATION_COLUMNS + """
                 FROM team_invitations
                WHERE claimed_by = :user AND accepted_at IS NULL AND revoked_at IS NULL
                ORDER BY created_at FOR UPDATE""").param("user", userId).query(TeamRepository::invitation).list();
    }

    int countPendingInvitations(UUID teamId, Instant now) {
        return jdbc.sql("""
                SELECT count(*) FROM team_invitations
                WHERE team_id = :team AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now""")
            .param("team", teamId)
            .param("now", Timestamp.from(now))
            .query(Integer.class)
            .single();
    }

    private static InvitationRow invitation(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new InvitationRow(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
                rs.getString("email"), rs.getString("role"), rs.getObject("invited_by", UUID.class),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("accepted_at")),
                instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("created_at")),
                rs.getObject("claimed_by", UUID.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

}
