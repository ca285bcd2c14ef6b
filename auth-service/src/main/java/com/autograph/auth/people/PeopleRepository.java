package com.autograph.auth.people;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who a user may find by name or address: people who share a live team with them, and
 * people a file or folder was shared between (either way, or the owner of a file shared
 * with them).
 *
 * <p>
 * The sharing half reads diagram-service's {@code files}, {@code shares} and
 * {@code folder_shares}, the one place auth-service reads another service's tables: the
 * answer must be filtered and ranked in one query against {@code users} (a prefix search
 * cannot ask diagram-service for "everyone I share with" and filter afterwards without
 * fetching an unbounded list on every keystroke). The query only reads, and stays here,
 * in one class, so a change of those tables has one place to update.
 */
@Repository
class PeopleRepository {

    record Person(UUID id, String email, String fullName) {
    }

    private final JdbcClient jdbc;

    PeopleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} related, active people whose e-mail or a word of whose name
     * starts with {@code prefix} (lower case), the caller excluded.
     */
    List<Person> related(UUID me, String prefix, int limit) {
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                WITH related AS (
                    SELECT other.user_id AS id
                    FROM team_members mine
                    JOIN teams t ON t.id = mine.team_id AND t.deleted_at IS NULL
                    JOIN team_members other ON other.team_id = mine.team_id
                    WHERE mine.user_id = :me
                  UNION
                    SELECT s.shared_with_user_id FROM shares s JOIN files f ON f.id = s.file_id
                    WHERE (s.shared_by = :me OR f.owner_id = :me) AND s.shared_with_user_id IS NOT NULL
                      AND s.revoked_at IS NULL
                  UNION
                    SELECT s.shared_by FROM shares s WHERE s.shared_with_user_id = :me AND s.revoked_at IS NULL
                  UNION
                    SELECT f.owner_id FROM shares s JOIN files f ON f.id = s.file_id
                    WHERE s.shared_with_user_id = :me AND s.revoked_at IS NULL
                  UNION
                    SELECT fs.user_id FROM folder_shares fs JOIN folders d ON d.id = fs.folder_id
                    WHERE fs.shared_by = :me OR d.owner_id = :me
                  UNION
                    SELECT fs.shared_by FROM folder_shares fs WHERE fs.user_id = :me
                  UNION
                    SELECT d.owner_id FROM folder_shares fs JOIN folders d ON d.id = fs.folder_id
                    WHERE fs.user_id = :me
                )
                SELECT u.id, u.email, u.full_name
                FROM users u JOIN related r ON r.id = u.id
                WHERE u.id <> :me AND u.is_active AND u.deleted_at IS NULL
                  AND (lower(u.email) LIKE :like OR lower(u.full_name) LIKE :like
                       OR lower(u.full_name) LIKE '% ' || :like)
                ORDER BY lower(u.full_name), u.id
                LIMIT :limit""")
            .param("me", me)
            .param("like", like)
            .param("limit", limit)
            .query((rs, n) -> new Person(rs.getObject("id", UUID.class), rs.getString("email"),
                    rs.getString("full_name")))
            .list();
    }

}
