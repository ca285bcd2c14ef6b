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
 * The one place that decides who may do what with files and folders. A caller's permission is the
 * highest of:
 * <ul>
 * <li>owner of the file → manage;</li>
 * <li>member of the file's team → admin: manage, editor: edit, viewer: view;</li>
 * <li>an active share of the file to the caller → its permission (view or edit);</li>
 * <li>inherited from every enclosing folder: its owner → manage, its team's members by role as
 * above, a folder share to the caller → its permission.</li>
 * </ul>
 * Because a folder passes its grants on to everything inside it, putting something into a folder
 * is itself a grant: only those who manage a file or folder may move it (and only into a folder
 * they may edit), so that nobody can give themselves more than its owner or a team admin gave them
 * by moving it somewhere they own — and revoking a share leaves nothing behind.
 * <p>
 * Folder walks stop at a cycle (which old data or a bug might hold) and at the configured depth
 * limit, so that no request can loop in the database.
 * Both the single-file checks and the lists and search use the SQL below, so they cannot disagree.
 * Callers without any permission get 404 (they may not learn the file exists); callers who can see
 * but not do get 403.
 */
@Component
public class AccessPolicy {

    private static final List<String> ALL_ROLES = List.of("admin", "editor", "viewer");

    /**
     * Folders the caller has a permission on (directly or from an ancestor) and the level: a CTE
     * named {@code folder_levels(id, level)}, to follow {@code WITH RECURSIVE}.
     */
    static final String FOLDER_LEVELS = """
            granted_folders(id, level, depth) AS (
                SELECT fo.id, GREATEST(
                    CASE WHEN fo.owner_id = :me THEN 3 ELSE 0 END,
                    CASE WHEN fo.team_id = ANY(CAST(:admin_teams AS uuid[])) THEN 3
                         WHEN fo.team_id = ANY(CAST(:editor_teams AS uuid[])) THEN 2
                         WHEN fo.team_id = ANY(CAST(:viewer_teams AS uuid[])) THEN 1 ELSE 0 END,
                    COALESCE((SELECT max(CASE fs.permission WHEN 'edit' THEN 2 ELSE 1 END) FROM folder_shares fs
                              WHERE fs.folder_id = fo.id AND fs.user_id = :me), 0)), 1
                FROM folders fo
                WHERE fo.deleted_at IS NULL
                  AND (fo.owner_id = :me OR fo.team_id = ANY(CAST(:all_teams AS uuid[]))
                       OR EXISTS (SELECT 1 FROM folder_shares fs WHERE fs.folder_id = fo.id AND fs.user_id = :me))
                UNION ALL
                SELECT child.id, g.level, g.depth + 1 FROM folders child JOIN granted_folders g ON child.parent_id = g.id
                WHERE child.deleted_at IS NULL AND g.depth < :max_depth
            ) CYCLE id SET is_cycle USING path,
            folder_levels AS (SELECT id, max(level) AS level FROM granted_folders GROUP BY id)
            """;

    /** The caller's level (0–3) on file {@code f}; needs {@link #FOLDER_LEVELS} in scope. */
    static final String FILE_LEVEL = """
            GREATEST(
                CASE WHEN f.owner_id = :me THEN 3 ELSE 0 END,
                CASE WHEN f.team_id = ANY(CAST(:admin_teams AS uuid[])) THEN 3
                     WHEN f.team_id = ANY(CAST(:editor_teams AS uuid[])) THEN 2
                     WHEN f.team_id = ANY(CAST(:viewer_teams AS uuid[])) THEN 1 ELSE 0 END,
                COALESCE((SELECT max(CASE s.permission WHEN 'edit' THEN 2 ELSE 1 END) FROM shares s
                          WHERE s.file_id = f.id AND s.shared_with_user_id = :me AND s.revoked_at IS NULL
                            AND (s.expires_at IS NULL OR s.expires_at > :now)), 0),
                COALESCE((SELECT fl.level FROM folder_levels fl WHERE fl.id = f.folder_id), 0))
            """;

    /**
     * Whether the caller may see file {@code f} at all: the same grants as {@link #FILE_LEVEL},
     * written so that PostgreSQL can use the owner, team, share and folder indexes. The shared
     * files and granted folders are arrays computed once ({@code = ANY(ARRAY(…))}) rather than
     * {@code IN} subqueries, so that every branch is an index condition: the planner can OR the
     * four index scans into one bitmap and AND it with another (search's full-text bitmap)
     * instead of testing each row of the other.
     */
    static final String FILE_VISIBLE = """
            (f.owner_id = :me
             OR f.team_id = ANY(CAST(:all_teams AS uuid[]))
             OR f.id = ANY(ARRAY(SELECT s.file_id FROM shares s WHERE s.shared_with_user_id = :me
                                 AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > :now)))
             OR f.folder_id = ANY(ARRAY(SELECT fl.id FROM folder_levels fl)))
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFolderDepth;

    AccessPolicy(JdbcClient jdbc, Clock clock, DiagramProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFolderDepth = properties.maxFolderDepth();
    }

    /** {@code WITH RECURSIVE <folder levels>,} — prefix of every query that decides visibility. */
    public static String withFolderLevels() {
        return "WITH RECURSIVE " + FOLDER_LEVELS;
    }

    public static String fileLevel() {
        return FILE_LEVEL;
    }

    public static String fileVisible() {
        return FILE_VISIBLE;
    }

    /** The named parameters the SQL fragments above use. */
    public Map<String, Object> parameters(Caller caller) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", caller.userId());
        params.put("admin_teams", caller.teamsWithRole(List.of("admin")));
        params.put("editor_teams", caller.teamsWithRole(List.of("editor")));
        params.put("viewer_teams", caller.teamsWithRole(List.of("viewer")));
        params.put("all_teams", caller.teamsWithRole(ALL_ROLES));
        params.put("now", Timestamp.from(clock.instant()));
        params.put("max_depth", maxFolderDepth);
        return params;
    }

    /** The caller's permission on a file (trashed or not); NONE for unknown files. */
    public Permission onFile(Caller caller, UUID fileId) {
        Integer level = jdbc.sql(withFolderLevels() + "SELECT " + FILE_LEVEL + " FROM files f WHERE f.id = :file_id")
                .params(parameters(caller)).param("file_id", fileId).query(Integer.class).optional().orElse(0);
        return Permission.ofLevel(level);
    }

    /** The caller's permission on a folder, own or inherited; NONE for unknown or deleted folders. */
    public Permission onFolder(Caller caller, UUID folderId) {
        Integer level = jdbc.sql(withFolderLevels() + "SELECT level FROM folder_levels WHERE id = :folder_id")
                .params(parameters(caller)).param("folder_id", folderId).query(Integer.class).optional().orElse(0);
        return Permission.ofLevel(level);
    }

    /**
     * Moving a file into {@code folderId} (null: the top level) puts it under that folder's grants,
     * so it needs manage on the file — an edit share must not turn into manage by a move into a
     * folder the caller owns — and edit on the destination. Returns the caller's permission on the file.
     */
    public Permission requireFileMove(Caller caller, UUID fileId, UUID folderId) {
        Permission permission = onFile(caller, fileId);
        require(permission, Permission.MANAGE, "File", fileId);
        if (folderId != null) {
            require(onFolder(caller, folderId), Permission.EDIT, "Folder", folderId);
        }
        return permission;
    }

    /** Moving a folder: as for files, manage on the folder moved and edit on the new parent. */
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

    /** 404 when the caller may not know the thing exists, 403 when they can see it but not do this. */
    public static void require(Permission actual, Permission needed, String what, UUID id) {
        if (actual == Permission.NONE) {
            throw ApiException.notFound(what, id);
        }
        if (!actual.allows(needed)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied", "You may " + verb(actual) + " " + what
                    .toLowerCase(java.util.Locale.ROOT) + " " + id + " but not " + verb(needed) + " it"
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
