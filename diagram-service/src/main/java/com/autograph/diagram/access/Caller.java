package com.autograph.diagram.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/**
 * The signed-in caller as diagram-service sees it: a user id and the teams with their
 * role in each (admin, editor, viewer), from the gateway's verified identity headers.
 */
public record Caller(UUID userId, Map<UUID, String> teams) {

    public Caller {
        teams = Map.copyOf(teams);
    }

    public static Caller of(TrustedIdentity identity) {
        Map<UUID, String> teams = new LinkedHashMap<>();
        identity.teams().forEach((team, role) -> parse(team).ifPresent(id -> teams.put(id, role)));
        return new Caller(parse(identity.userId()).orElseThrow(() -> ApiException
            .unauthorized("authentication_required", "The caller's identity is not a user id; sign in again.")), teams);
    }

    private static final UUID ANONYMOUS = new UUID(0, 0);

    /**
     * Someone holding a share link without signing in: owns nothing, belongs to no team.
     */
    public static Caller anonymous() {
        return new Caller(ANONYMOUS, Map.of());
    }

    public boolean isAnonymous() {
        return ANONYMOUS.equals(userId);
    }

    public boolean isMember(UUID teamId) {
        return teamId != null && teams.containsKey(teamId);
    }

    public String roleIn(UUID teamId) {
        return teamId == null ? null : teams.get(teamId);
    }

    /** A PostgreSQL uuid[] literal of the teams where the caller has one of the roles. */
    String teamsWithRole(List<String> roles) {
        return teams.entrySet()
            .stream()
            .filter(e -> roles.contains(e.getValue()))
            .map(e -> e.getKey().toString())
            .collect(Collectors.joining(",", "{", "}"));
    }

    private static java.util.Optional<UUID> parse(String value) {
        try {
            return java.util.Optional.of(UUID.fromString(value));
        }
        catch (IllegalArgumentException ex) {
            return java.util.Optional.empty();
        }
    }
}
