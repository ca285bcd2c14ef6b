package com.autograph.diagram.access;

import java.util.Map;

/**
 * What one caller may see, as SQL with the parameters it binds: built once per caller by
 * {@link AccessPolicy#visibility(Caller)} and used by every query that decides
 * visibility, so the single-file checks, the lists and search cannot disagree. Every
 * fragment speaks of files as {@code f}; {@link #fileLevel()} and {@link #fileVisible()}
 * need {@link #with()} in front of the statement.
 *
 * @param parameters the values of {@code :me}, the caller's teams by role, {@code :now}
 * and the folder depth limit; a query binds them all with its own
 */
public record Visibility(Map<String, Object> parameters) {

    /**
     * Folders the caller has a permission on (directly or from an ancestor) and the
     * level: a CTE named {@code folder_levels(id, level)}. Walks stop at a cycle and at
     * the depth limit.
     */
    private static final String FOLDER_LEVELS = """
            WITH RECURSIVE granted_folders(id, level, depth) AS (
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

    /** The caller's level (0–3, {@link Permission#ofLevel}) on file {@code f}. */
    private static final String FILE_LEVEL = """
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
     * Whether the caller may see file {@code f} at all: the same grants as
     * {@link #FILE_LEVEL}, written so that PostgreSQL can use the owner, team, share and
     * folder indexes. The shared files and granted folders are arrays computed once
     * ({@code = ANY(ARRAY(…))}) rather than {@code IN} subqueries, so that every branch
     * is an index condition: the planner can OR the four index scans into one bitmap and
     * AND it with another (search's full-text bitmap) instead of testing each row of the
     * other.
     */
    private static final String FILE_VISIBLE = """
            (f.owner_id = :me
             OR f.team_id = ANY(CAST(:all_teams AS uuid[]))
             OR f.id = ANY(ARRAY(SELECT s.file_id FROM shares s WHERE s.shared_with_user_id = :me
                                 AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > :now)))
             OR f.folder_id = ANY(ARRAY(SELECT fl.id FROM folder_levels fl)))
            """;

    public Visibility {
        parameters = Map.copyOf(parameters);
    }

    /**
     * {@code WITH RECURSIVE …, folder_levels AS (…)}: what a statement starts with;
     * follow it with {@code ", more AS (…)"} or the statement itself.
     */
    public String with() {
        return FOLDER_LEVELS;
    }

    /** The caller's level (0–3) on file {@code f}, as an SQL expression. */
    public String fileLevel() {
        return FILE_LEVEL;
    }

    /** A condition true for the files {@code f} the caller may see. */
    public String fileVisible() {
        return FILE_VISIBLE;
    }
}
