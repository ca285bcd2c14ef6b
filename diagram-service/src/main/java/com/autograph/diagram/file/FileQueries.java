package com.autograph.diagram.file;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.access.Visibility;
import com.autograph.diagram.web.ETags;

/**
 * Reads files with their metadata for lists, search and single views, always through the
 * caller's {@link Visibility}.
 */
@Component
public class FileQueries {

    /** The summary columns of file {@code f} for caller {@code :me}. */
    private static final String SUMMARY_COLUMNS = """
            f.id, f.title, f.file_type, f.owner_id, f.team_id, f.folder_id, f.created_by, f.created_at, f.updated_by,
            f.updated_at, f.deleted_at, fv.last_viewed_at, f.view_count, f.size_bytes, f.lock_version, f.export_count,
            f.last_activity_at, f.thumbnail_key IS NOT NULL AS has_thumbnail,
            (SELECT count(*) FROM versions v WHERE v.file_id = f.id) AS version_count,
            (SELECT max(v.version_number) FROM versions v WHERE v.file_id = f.id) AS latest_version,
            (SELECT count(*) FROM comments c WHERE c.file_id = f.id AND c.deleted_at IS NULL) AS comment_count,
            (SELECT count(*) FROM shares s WHERE s.file_id = f.id AND s.shared_with_user_id IS NOT NULL
                AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > :now)) AS collaborator_count,
            EXISTS (SELECT 1 FROM file_stars st WHERE st.file_id = f.id AND st.user_id = :me) AS starred,
            (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) ORDER BY lower(t.name)), '[]')
               FROM file_tags ft JOIN tags t ON t.id = ft.tag_id WHERE ft.file_id = f.id AND t.owner_id = :me)::text AS tags
            """;

    private static final String SUMMARY_FROM = " FROM files f LEFT JOIN file_views fv ON fv.file_id = f.id AND fv.user_id = :me ";

    private final JdbcClient jdbc;

    private final AccessPolicy access;

    FileQueries(JdbcClient jdbc, AccessPolicy access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /**
     * The files a list or search covers, as SQL over {@code files f}: the statement's
     * start ({@link Visibility#with()}) and its WHERE clause (visibility, the view and
     * the filters), with the parameters both bind.
     */
    public record Selection(String with, String where, Map<String, Object> parameters) {

        public Selection {
            parameters = Map.copyOf(parameters);
        }
    }

    public Optional<FileSummary> summary(Caller caller, UUID fileId) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + SUMMARY_FROM + " WHERE f.id = :file_id")
            .params(access.visibility(caller).parameters())
            .param("file_id", fileId)
            .query(FileQueries::summary)
            .optional();
    }

    /**
     * A file as {@code GET /api/diagrams/{id}} answers it, and the caller's permission.
     */
    record Opened(Permission permission, FileView view) {
    }

    /**
     * The file with its content and the caller's permission, decided in the same
     * statement: one round trip for the check and the read. Empty for unknown files; the
     * permission is {@link Permission#NONE} when the caller may not see it.
     */
    Optional<Opened> opened(Caller caller, UUID fileId) {
        Visibility visibility = access.visibility(caller);
        return jdbc
            .sql(visibility.with() + "SELECT " + visibility.fileLevel() + " AS level, " + SUMMARY_COLUMNS
                    + ", f.canvas_data::text AS canvas, f.note_content" + SUMMARY_FROM + " WHERE f.id = :file_id")
            .params(visibility.parameters())
            .param("file_id", fileId)
            .query((rs, row) -> {
                Permission permission = Permission.ofLevel(rs.getInt("level"));
                return new Opened(permission, new FileView(summary(rs, row), rs.getString("canvas"),
                        rs.getString("note_content"), permission.value()));
            })
            .optional();
    }

    /**
     * The summary with the content: a file as {@code GET /api/diagrams/{id}} answers it,
     * in one query.
     */
    public Optional<FileView> withContent(Caller caller, UUID fileId, String permission) {
        return jdbc
            .sql("SELECT " + SUMMARY_COLUMNS + ", f.canvas_data::text AS canvas, f.note_content" + SUMMARY_FROM
                    + " WHERE f.id = :file_id")
            .params(access.visibility(caller).parameters())
            .param("file_id", fileId)
            .query((rs, row) -> new FileView(summary(rs, row), rs.getString("canvas"), rs.getString("note_content"),
                    permission))
            .optional();
    }

    /**
     * Summaries of the given files in the given order, without a visibility check: for
     * ids a query through {@link #select} found. Files gone since are left out.
     */
    public List<FileSummary> summaries(Caller caller, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, FileSummary> byId = new HashMap<>();
        jdbc.sql("SELECT " + SUMMARY_COLUMNS + SUMMARY_FROM + " WHERE f.id IN (:ids)")
            .params(access.visibility(caller).parameters())
            .param("ids", ids)
            .query(FileQueries::summary)
            .list()
            .forEach(summary -> byId.put(summary.id(), summary));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    public Page<FileSummary> list(Caller caller, FileQuery query) {
        Selection files = select(caller, query);
        Map<String, Object> params = new HashMap<>(files.parameters());
        String from = SUMMARY_FROM + files.where();
        long total = jdbc.sql(files.with() + "SELECT count(*)" + from).params(params).query(Long.class).single();
        String order = query.view() == FileQuery.View.RECENT ? "fv.last_viewed_at DESC, f.id"
                : query.sort().column + (query.ascending() ? " ASC" : " DESC") + " NULLS LAST, f.id";
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<FileSummary> items = jdbc
            .sql(files.with() + "SELECT " + SUMMARY_COLUMNS + from + " ORDER BY " + order
                    + " LIMIT :limit OFFSET :offset")
            .params(params)
            .query(FileQueries::summary)
            .list();
        return new Page<>(items, query.page(), query.size(), total);
    }

    /** The files the caller may see that the query's view and filters select. */
    public Selection select(Caller caller, FileQuery query) {
        Visibility visibility = access.visibility(caller);
        Map<String, Object> params = new HashMap<>(visibility.parameters());
        List<String> conditions = new ArrayList<>();
        conditions.add(visibility.fileVisible());
        conditions.add(query.view() == FileQuery.View.TRASH ? "f.deleted_at IS NOT NULL" : "f.deleted_at IS NULL");
        switch (query.view()) {
            case RECENT -> conditions.add("""
                    f.id IN (SELECT rv.file_id FROM file_views rv JOIN files rf ON rf.id = rv.file_id
                             WHERE rv.user_id = :me AND rf.deleted_at IS NULL
                             ORDER BY rv.last_viewed_at DESC LIMIT %d)""".formatted(FileQuery.RECENT_LIMIT));
            case STARRED ->
                conditions.add("EXISTS (SELECT 1 FROM file_stars st WHERE st.file_id = f.id AND st.user_id = :me)");
            case SHARED -> conditions
                .add("""
                        f.owner_id <> :me AND NOT coalesce(f.team_id = ANY(CAST(:all_teams AS uuid[])), false)
                        AND (f.id IN (SELECT s.file_id FROM shares s WHERE s.shared_with_user_id = :me AND s.revoked_at IS NULL
                                      AND (s.expires_at IS NULL OR s.expires_at > :now))
                             OR f.folder_id IN (SELECT fl.id FROM folder_levels fl))""");
            case TEAM -> conditions.add("f.team_id = ANY(CAST(:all_teams AS uuid[]))");
            default -> {
            }
        }
        if (query.type() != null) {
            conditions.add("f.file_type = :type");
            params.put("type", query.type().value());
        }
        if (query.owner() != null) {
            conditions.add("f.owner_id = :owner");
            params.put("owner", query.owner());
        }
        if (query.rootOnly()) {
            conditions.add("f.folder_id IS NULL");
        }
        else if (query.folderId() != null) {
            conditions.add("f.folder_id = :folder_id");
            params.put("folder_id", query.folderId());
        }
        if (query.tagId() != null) {
            conditions.add("EXISTS (SELECT 1 FROM file_tags ft JOIN tags t ON t.id = ft.tag_id "
                    + "WHERE ft.file_id = f.id AND ft.tag_id = :tag_id AND t.owner_id = :me)");
            params.put("tag_id", query.tagId());
        }
        if (query.starred() != null) {
            conditions.add((query.starred() ? "" : "NOT ")
                    + "EXISTS (SELECT 1 FROM file_stars st WHERE st.file_id = f.id AND st.user_id = :me)");
        }
        if (query.teamId() != null) {
            conditions.add("f.team_id = :team_id");
            params.put("team_id", query.teamId());
        }
        range(conditions, params, "f.created_at >= :created_after", "created_after", query.createdAfter());
        range(conditions, params, "f.created_at < :created_before", "created_before", query.createdBefore());
        range(conditions, params, "f.updated_at >= :updated_after", "updated_after", query.updatedAfter());
        range(conditions, params, "f.updated_at < :updated_before", "updated_before", query.updatedBefore());
        return new Selection(visibility.with(), " WHERE " + String.join(" AND ", conditions), params);
    }

    private static void range(List<String> conditions, Map<String, Object> params, String condition, String name,
            Instant value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, Timestamp.from(value));
        }
    }

    private static FileSummary summary(ResultSet rs, int row) throws SQLException {
        return new FileSummary(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("file_type"),
                rs.getObject("owner_id", UUID.class), rs.getObject("team_id", UUID.class),
                rs.getObject("folder_id", UUID.class), rs.getObject("created_by", UUID.class),
                instant(rs, "created_at"), rs.getObject("updated_by", UUID.class), instant(rs, "updated_at"),
                instant(rs, "deleted_at"), instant(rs, "last_viewed_at"), rs.getLong("view_count"),
                rs.getLong("size_bytes"), rs.getLong("version_count"), rs.getObject("latest_version", Integer.class),
                rs.getLong("comment_count"), rs.getLong("collaborator_count"), rs.getLong("export_count"),
                instant(rs, "last_activity_at"), rs.getBoolean("starred"), rs.getString("tags"),
                ETags.of(rs.getLong("lock_version")),
                rs.getBoolean("has_thumbnail") ? "/api/export/thumbnails/" + rs.getObject("id", UUID.class) : null);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

}
