package com.autograph.diagram.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.autograph.diagram.DiagramProperties;
import com.autograph.shared.error.ApiException;

/**
 * The one place that decides who may do what with files and folders. A caller's
 * permission is the highest of:
 * <ul>
 * <li>owner of the file → manage;</li>
 * <li>member of the file's team → admin: manage, editor: edit, viewer: view;</li>
 * <li>an active share of the file to the caller → its permission (view or edit);</li>
 * <li>inherited from every enclosing folder: its owner → manage, its team's members by
 * role as above, a folder share to the caller → its permission.</li>
 * </ul>
 * Because a folder passes its grants on to everything inside it, putting something into a
 * folder is itself a grant: only those who manage a file or folder may move it (and only
 * into a folder they may edit), so that nobody can give themselves more than its owner or
 * a team admin gave them by moving it somewhere they own — and revoking a share leaves
 * nothing behind.
 * <p>
 * Folder walks stop at a cycle (which old data or a bug might hold) and at the configured
 * depth limit, so that no request can loop in the database. The single-file checks here
 * and the lists and search share one {@link Visibility}, so they cannot disagree. Callers
 * without any permission get 404 (they may not learn the file exists); callers who can
 * see but not do get 403.
 */
@Component
public class AccessPolicy {

    private static final long TREE_LOCK = 0x466f6c6465727354L;

    private static final List<String> ALL_ROLES = List.of("admin", "editor", "viewer");

    private final JdbcClient jdbc;

    private final Clock clock;

    private final int maxFolderDepth;

    AccessPolicy(JdbcClient jdbc, Clock clock, DiagramProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFolderDepth = properties.maxFolderDepth();
    }

    /** What the caller may see and at which level, for queries that decide it in SQL. */
    public Visibility visibility(Caller caller) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", caller.userId());
        params.put("admin_teams", caller.teamsWithRole(List.of("admin")));
        params.put("editor_teams", caller.teamsWithRole(List.of("editor")));
        params.put("viewer_teams", caller.teamsWithRole(List.of("viewer")));
        params.put("all_teams", caller.teamsWithRole(ALL_ROLES));
        params.put("now", Timestamp.from(clock.instant()));
        params.put("max_depth", maxFolderDepth);
        return new Visibility(params);
    }

    /** The caller's permission on a file (trashed or not); NONE for unknown files. */
    public Permission onFile(Caller caller, UUID fileId) {
        Visibility visibility = visibility(caller);
        Integer level = jdbc
            .sql(visibility.with() + "SELECT " + visibility.fileLevel() + " FROM files f WHERE f.id = :file_id")
            .params(visibility.parameters())
            .param("file_id", fileId)
            .query(Integer.class)
            .optional()
            .orElse(0);
        return Permission.ofLevel(level);
    }

    /**
     * Another user's permission on a file (whom a comment mentions, who is told of it):
     * their team roles come from the team membership table, as they are not the caller
     * and no identity carries them.
     */
    public Permission onFileFor(UUID userId, UUID fileId) {
        return onFile(callerFromMembership(userId), fileId);
    }

    /** Another user's permission on a folder, as {@link #onFileFor} for files. */
    public Permission onFolderFor(UUID userId, UUID folderId) {
        return onFolder(callerFromMembership(userId), folderId);
    }

    private Caller callerFromMembership(UUID userId) {
        Map<UUID, String> teams = new HashMap<>();
        jdbc.sql("SELECT team_id, role FROM team_members WHERE user_id = :user")
            .param("user", userId)
            .query((rs, row) -> teams.put(rs.getObject("team_id", UUID.class), rs.getString("role")))
            .list();
        return new Caller(userId, teams);
    }

    /**
     * Locks the file's row until the transaction ends (nothing if there is no such file),
     * so that a permission checked next cannot be changed by a concurrent move, share or
     * transfer before this transaction writes.
     */
    public void lockFile(UUID fileId) {
        jdbc.sql("SELECT id FROM files WHERE id = :id FOR UPDATE").param("id", fileId).query(UUID.class).list();
    }

    /**
     * Every change to the shape or the owners of the folder tree (a move, a subfolder, a
     * transfer) holds this transaction-scoped advisory lock while it checks and writes:
     * two moves checked at once (X into Y, Y into X) would each find no cycle and
     * together make one, and a move checked before a transfer commits would put the new
     * owner's folder under the old owner's. Such changes are rare and short, so one lock
     * for all trees costs nothing noticeable and cannot deadlock.
     */
    public void lockFolderTree() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)").param("key", TREE_LOCK).query(Integer.class).single();
    }

    /**
     * The caller's permission on a folder, own or inherited; NONE for unknown or deleted
     * folders.
     */
    public Permission onFolder(Caller caller, UUID folderId) {
        Visibility visibility = visibility(caller);
        Integer level = jdbc.sql(visibility.with() + "SELECT level FROM folder_levels WHERE id = :folder_id")
            .params(visibility.parameters())
            .param("folder_id", folderId)
            .query(Integer.class)
            .optional()
            .orElse(0);
        return Permission.ofLevel(level);
    }

    /**
     * Moving a file into {@code folderId} (null: the top level) puts it under that
     * folder's grants, so it needs manage on the file — an edit share must not turn into
     * manage by a move into a folder the caller owns — and edit on the destination.
     * Returns the caller's permission on the file.
     */
    public Permission requireFileMove(Caller caller, UUID fileId, UUID folderId) {
        Permission permission = onFile(caller, fileId);
        require(permission, Permission.MANAGE, "File", fileId);
        if (folderId != null) {
            require(onFolder(caller, folderId), Permission.EDIT, "Folder", folderId);
        }
        return permission;
    }

    /**
     * Moving a folder: as for files, manage on the folder moved and edit on the new
     * parent.
     */
    public void requireFolderMove(Caller caller, UUID folderId, UUID parentId) {
        require(onFolder(caller, folderId), Permission.MANAGE, "Folder", folderId);
        if (parentId != null) {
            require(onFolder(caller, parentId), Permission.EDIT, "Folder", parentId);
        }
    }

    /** Creating a file or folder in a team needs the editor or admin role there. */
    public void requireTeamWriter(Caller caller, UUID teamId) {
        String role = caller.roleIn(teamId);
        if (!"admin".equals(role) && !"editor".equals(role)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied",
                    "Only editors and admins of team " + teamId + " may add to it.");
        }
    }

    /**
     * 404 when the caller may not know the thing exists, 403 when they can see it but not
     * do this.
     */
    public static void require(Permission actual, Permission needed, String what, UUID id) {
        if (actual == Permission.NONE) {
            throw ApiException.notFound(what, id);
        }
        if (!actual.allows(needed)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied",
                    "You may " + verb(actual) + " " + what.toLowerCase(java.util.Locale.ROOT) + " " + id + " but not "
                            + verb(needed) + " it"
                            + (needed == Permission.MANAGE ? " (only its owner or a team admin may)." : "."));
        }
    }

    private static String verb(Permission permission) {
        return switch (permission) {
            case VIEW -> "view";
            case EDIT -> "edit";
            case MANAGE -> "manage";
            case NONE -> "not see";
        };
    }

}
