package com.autograph.bench.floor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * diagram-service's floor in bench/gateway: Spring Boot's servlet stack (Tomcat, Spring
 * MVC, Jackson) and its JDBC stack (HikariCP, JdbcClient, the PostgreSQL driver)
 * answering {@code GET /api/diagrams/{id}} with the two statements diagram-service runs
 * for it, reduced to their shape (the file's row with its content; the view counted in
 * the file and in the viewer's row), and nothing of ours: no signed-identity check, no
 * security filters, no metrics or observations, no access policy, one mapping instead of
 * ninety. No service built on these frameworks answers this GET for less CPU on the same
 * machine.
 */
@SpringBootApplication
public class DiagramFloor {

    public static void main(String[] args) {
        SpringApplication.run(DiagramFloor.class, args);
    }

    @RestController
    static class FileController {

        private static final String READ = """
                SELECT f.id, f.title, f.file_type, f.owner_id, f.folder_id, f.created_at, f.updated_at,
                       f.view_count, f.size_bytes, f.lock_version, fv.last_viewed_at,
                       f.canvas_data::text AS canvas, f.note_content
                FROM files f LEFT JOIN file_views fv ON fv.file_id = f.id AND fv.user_id = :me
                WHERE f.id = :file AND f.owner_id = :me""";

        // diagram-service's statement (Files.recordView), without its synchronous_commit
        // setting.
        private static final String COUNT_VIEW = """
                WITH counted AS (UPDATE files SET view_count = view_count + 1 WHERE id = :file AND deleted_at IS NULL
                                 RETURNING id)
                INSERT INTO file_views (user_id, file_id, view_count, last_viewed_at) SELECT :user, id, 1, :now FROM counted
                ON CONFLICT (user_id, file_id) DO UPDATE SET view_count = file_views.view_count + 1, last_viewed_at = :now""";

        private final JdbcClient jdbc;

        FileController(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping(path = "/api/diagrams/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
        FileRow get(@PathVariable UUID id, @RequestHeader("X-User-Id") UUID userId) {
            FileRow file = jdbc.sql(READ)
                .param("me", userId)
                .param("file", id)
                .query(FileController::row)
                .optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            jdbc.sql(COUNT_VIEW)
                .param("user", userId)
                .param("file", id)
                .param("now", Timestamp.from(Instant.now()))
                .update();
            return file;
        }

        private static FileRow row(ResultSet rs, int row) throws SQLException {
            Timestamp viewed = rs.getTimestamp("last_viewed_at");
            return new FileRow(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("file_type"),
                    rs.getObject("owner_id", UUID.class), rs.getObject("folder_id", UUID.class),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                    viewed == null ? null : viewed.toInstant(), rs.getLong("view_count"), rs.getLong("size_bytes"),
                    rs.getLong("lock_version"), rs.getString("canvas"), rs.getString("note_content"));
        }

    }

    record FileRow(UUID id, String title, String type, UUID ownerId, UUID folderId, Instant createdAt,
            Instant updatedAt, Instant lastViewedAt, long viewCount, long sizeBytes, long lockVersion,
            @JsonRawValue String canvasData, String noteContent) {
    }

}
