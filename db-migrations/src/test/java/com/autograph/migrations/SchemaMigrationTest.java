package com.autograph.migrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared schema, checked in a real PostgreSQL database migrated from scratch. */
class SchemaMigrationTest {

    private static final List<String> TABLES = List.of("users", "teams", "folders", "files", "versions", "comments",
            "mentions", "shares", "git_connections", "audit_log", "api_keys", "usage_metrics");

    /** How many migrations there are (V1–V13); bump with each new one. */
    static final int MIGRATION_COUNT = 13;

    /**
     * The newest migration's version: above the count while numbers given out are still
     * to be merged (V12).
     */
    static final int LATEST_VERSION = 13;

    private static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated();
    }

    @Test
    void theBaselineCreatesTheTwelveTablesAndLaterMigrationsKeepThem() throws SQLException {
        TestDatabase baseline = TestDatabase.create();
        baseline.flyway("1").migrate();
        String tablesSql = """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'""";
        List<String> atV1 = new ArrayList<>();
        try (Connection connection = baseline.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(tablesSql)) {
            while (rs.next()) {
                atV1.add(rs.getString(1));
            }
        }
        assertThat(atV1).containsExactlyInAnyOrderElementsOf(TABLES);
        assertThat(strings(tablesSql)).containsAll(TABLES);
    }

    @Test
    void primaryKeysAreUuidsAndTimestampsCarryTimeZones() throws SQLException {
        List<String> nonUuidKeys = strings("""
                SELECT c.table_name FROM information_schema.table_constraints t
                JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name
                JOIN information_schema.columns c ON c.table_name = k.table_name AND c.column_name = k.column_name
                WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = 'public'
                  AND t.table_name NOT IN ('flyway_schema_history', 'search_words') AND c.data_type <> 'uuid'""");
        // The search dictionary is a set of words: the word is its key.
        assertThat(strings("SELECT data_type FROM information_schema.columns WHERE table_name = 'search_words'"))
            .containsExactly("text");
        assertThat(nonUuidKeys).isEmpty();
        List<String> naiveTimestamps = strings("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'
                  AND table_name <> 'flyway_schema_history'""");
        assertThat(naiveTimestamps).isEmpty();
        assertThat(strings("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type = 'jsonb'""")).contains("files.canvas_data",
                "versions.canvas_data", "teams.settings", "audit_log.metadata", "usage_metrics.metadata",
                "git_connections.settings", "users.preferences");
    }

    @Test
    void foreignKeysDeleteDeliberately() throws SQLException {
        Map<String, String> rules = new HashMap<>();
        query("""
                SELECT kcu.table_name || '.' || kcu.column_name AS fk, rc.delete_rule
                FROM information_schema.referential_constraints rc
                JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name
                WHERE kcu.table_schema = 'public'""", rs -> rules.put(rs.getString(1), rs.getString(2)));

        assertThat(rules).containsEntry("files.owner_id", "CASCADE")
            .containsEntry("files.folder_id", "SET NULL")
            .containsEntry("files.team_id", "SET NULL")
            .containsEntry("folders.parent_id", "CASCADE")
            .containsEntry("versions.file_id", "CASCADE")
            .containsEntry("comments.file_id", "CASCADE")
            .containsEntry("comments.user_id", "SET NULL")
            .containsEntry("mentions.comment_id", "CASCADE")
            .containsEntry("shares.file_id", "CASCADE")
            .containsEntry("git_connections.user_id", "CASCADE")
            .containsEntry("audit_log.user_id", "SET NULL")
            .containsEntry("api_keys.user_id", "CASCADE")
            .containsEntry("usage_metrics.user_id", "SET NULL")
            .containsEntry("teams.owner_id", "SET NULL");
        assertThat(rules).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void everyForeignKeyIsIndexed() throws SQLException {
        // A foreign key column must lead some index, or cascades and joins scan the whole
        // table.
        List<String> unindexed = strings("""
                SELECT c.conrelid::regclass || '.' || a.attname
                FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                  AND NOT EXISTS (SELECT 1 FROM pg_index i
                                  WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])""");
        assertThat(unindexed).isEmpty();
    }

    @Test
    void countersDoNotMoveUpdatedAtButEditsDo() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO users (id, email, full_name) VALUES ('00000000-0000-0000-0000-0000000000c1', 'c@example.com', 'C')");
            statement.execute("""
                    INSERT INTO files (id, owner_id, title, updated_at) VALUES ('00000000-0000-0000-0000-0000000000f1',
                      '00000000-0000-0000-0000-0000000000c1', 'Counted', '2020-01-01T00:00:00Z')""");
            statement.execute(
                    "UPDATE files SET view_count = view_count + 1 WHERE id = '00000000-0000-0000-0000-0000000000f1'");
            assertThat(strings("SELECT extract(year FROM updated_at)::int::text FROM files WHERE title = 'Counted'"))
                .containsExactly("2020");
            statement.execute(
                    "UPDATE files SET title = 'Edited', lock_version = lock_version + 1 WHERE id = '00000000-0000-0000-0000-0000000000f1'");
            assertThat(strings(
                    "SELECT (updated_at > now() - interval '1 minute')::text FROM files WHERE title = 'Edited'"))
                .containsExactly("true");
            statement.execute("DELETE FROM files WHERE id = '00000000-0000-0000-0000-0000000000f1'");
        }
    }

    @Test
    void trigramIndexesServeFuzzySearch() throws SQLException {
        assertThat(strings("SELECT extname FROM pg_extension")).contains("pg_trgm");
        List<String> trigramIndexes = strings("""
                SELECT tablename || '.' || indexname FROM pg_indexes
                WHERE schemaname = 'public' AND indexdef LIKE '%gin_trgm_ops%'""");
        assertThat(trigramIndexes).contains("files.files_title_trgm_idx", "search_words.search_words_word_trgm_idx",
                "folders.folders_name_trgm_idx");

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO users (id, email, full_name) VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com', 'A')");
            statement.execute("""
                    INSERT INTO files (owner_id, title) VALUES
                      ('00000000-0000-0000-0000-000000000001', 'Kubernetes cluster'),
                      ('00000000-0000-0000-0000-000000000001', 'Payment flow')""");
            ResultSet found = statement.executeQuery(
                    "SELECT title FROM files WHERE title % 'kubernets' ORDER BY similarity(title, 'kubernets') DESC");
            assertThat(found.next()).isTrue();
            assertThat(found.getString(1)).isEqualTo("Kubernetes cluster");
            statement.execute("DELETE FROM users");
        }
    }

    @Test
    void searchVectorsAndTheWordDictionaryFollowEveryWrite() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO users (id, email, full_name) VALUES ('00000000-0000-0000-0000-0000000000d1', 'd@example.com', 'D')");
            statement.execute("""
                    INSERT INTO files (id, owner_id, title, search_text, note_content) VALUES
                      ('00000000-0000-0000-0000-0000000000d2', '00000000-0000-0000-0000-0000000000d1',
                       'Zebrafish Cluster', 'Quagga ingress', 'Restart the Okapi pods.')""");
            // Title A, shape text B, note C; lower-cased whole words.
            assertThat(
                    strings("SELECT search_vector::text FROM files WHERE id = '00000000-0000-0000-0000-0000000000d2'"))
                .containsExactly(
                        "'cluster':2A 'ingress':4B 'okapi':7C 'pods':8C 'quagga':3B 'restart':5C 'the':6C 'zebrafish':1A");
            assertThat(strings(
                    "SELECT word FROM search_words WHERE word IN ('zebrafish', 'quagga', 'okapi') ORDER BY word"))
                .containsExactly("okapi", "quagga", "zebrafish");

            statement.execute(
                    "UPDATE files SET title = 'Narwhal cluster' WHERE id = '00000000-0000-0000-0000-0000000000d2'");
            assertThat(strings(
                    "SELECT search_vector @@ 'narwhal:A'::tsquery AND NOT search_vector @@ 'zebrafish'::tsquery FROM files"
                            + " WHERE id = '00000000-0000-0000-0000-0000000000d2'"))
                .containsExactly("t");
            assertThat(strings("SELECT word FROM search_words WHERE word = 'narwhal'")).containsExactly("narwhal");
            // A close spelling finds the word through the dictionary's trigram index.
            assertThat(strings("SELECT word FROM search_words WHERE 'narwhl' <% word")).contains("narwhal");

            // A note too big for one vector (more than 1 MB of distinct words) is still
            // saved, and found by its start.
            statement.execute(
                    """
                            UPDATE files SET note_content = 'Walrus ' || (SELECT string_agg('w' || g, ' ') FROM generate_series(1, 200000) g)
                            WHERE id = '00000000-0000-0000-0000-0000000000d2'""");
            assertThat(strings(
                    "SELECT search_vector @@ 'walrus:C'::tsquery FROM files WHERE id = '00000000-0000-0000-0000-0000000000d2'"))
                .containsExactly("t");
            statement.execute("DELETE FROM users WHERE id = '00000000-0000-0000-0000-0000000000d1'");
        }
    }

    @Test
    void theSearchMigrationMakesExistingFilesSearchable() throws SQLException {
        TestDatabase old = TestDatabase.create();
        old.flyway("4").migrate();
        try (Connection connection = old.connect(); Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO users (id, email, full_name) VALUES ('00000000-0000-0000-0000-0000000000e1', 'e@example.com', 'E')");
            statement.execute(
                    """
                            INSERT INTO files (owner_id, title, search_text, note_content) VALUES
                              ('00000000-0000-0000-0000-0000000000e1', 'Kubernetes cluster', 'Ingress controller', 'Runbook')""");
        }
        old.flyway().migrate();
        try (Connection connection = old.connect(); Statement statement = connection.createStatement()) {
            ResultSet file = statement
                .executeQuery("SELECT search_vector @@ 'kubernetes:A & ingress:B & runbook:C'::tsquery FROM files");
            assertThat(file.next()).isTrue();
            assertThat(file.getBoolean(1)).isTrue();
            ResultSet words = statement.executeQuery("SELECT string_agg(word, ' ' ORDER BY word) FROM search_words");
            assertThat(words.next()).isTrue();
            assertThat(words.getString(1)).isEqualTo("cluster controller ingress kubernetes runbook");
            ResultSet indexes = statement
                .executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'files' AND indexname LIKE '%trgm%'");
            assertThat(indexes.next()).isTrue();
            assertThat(indexes.getString(1)).isEqualTo("files_title_trgm_idx");
            assertThat(indexes.next()).isFalse();
        }
    }

    @Test
    void emailsAreUniqueRegardlessOfCase() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (email, full_name) VALUES ('Case@Example.com', 'One')");
            assertThat(catchSql(
                    () -> statement.execute("INSERT INTO users (email, full_name) VALUES ('case@example.COM', 'Two')")))
                .contains("users_email_lower_key");
            statement.execute("DELETE FROM users");
        }
    }

    @Test
    void theSecondMigrationUpgradesAVersionOneDatabaseKeepingItsData() throws SQLException {
        TestDatabase old = TestDatabase.create();
        old.flyway("1").migrate();
        try (Connection connection = old.connect(); Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO users (id, email, full_name) VALUES ('00000000-0000-0000-0000-0000000000aa', 'old@example.com', 'Old Timer')");
            statement.execute(
                    "INSERT INTO files (owner_id, title, canvas_data) VALUES ('00000000-0000-0000-0000-0000000000aa', 'Legacy', '{\"schema_version\":1,\"shapes\":[{\"id\":\"a\"}]}')");
            assertThat(columns(statement, "users")).doesNotContain("preferences", "time_zone");
        }

        MigrateResult upgrade = old.flyway("2").migrate();

        assertThat(upgrade.migrationsExecuted).isEqualTo(1);
        assertThat(upgrade.targetSchemaVersion).isEqualTo("2");
        try (Connection connection = old.connect(); Statement statement = connection.createStatement()) {
            ResultSet user = statement.executeQuery("SELECT full_name, preferences->>'theme', time_zone FROM users");
            assertThat(user.next()).isTrue();
            assertThat(user.getString(1)).isEqualTo("Old Timer");
            assertThat(user.getString(2)).isEqualTo("system");
            assertThat(user.getString(3)).isEqualTo("UTC");
            ResultSet file = statement
                .executeQuery("SELECT canvas_data->'shapes'->0->>'id' FROM files WHERE title = 'Legacy'");
            assertThat(file.next()).isTrue();
            assertThat(file.getString(1)).isEqualTo("a");
            assertThat(catchSql(() -> statement.execute("UPDATE users SET preferences = '[1]'")))
                .contains("users_preferences_is_object");
        }
    }

    @Test
    void concurrentMigratorsApplyEachMigrationOnce() throws Exception {
        TestDatabase fresh = TestDatabase.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> migrators = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Flyway flyway = fresh.flyway();
                migrators.add(() -> flyway.migrate().migrationsExecuted);
            }
            int executed = 0;
            for (Future<Integer> result : pool.invokeAll(migrators)) {
                executed += result.get();
            }
            assertThat(executed).isEqualTo(MIGRATION_COUNT);
        }
        finally {
            pool.shutdownNow();
        }
        try (Connection connection = fresh.connect(); Statement statement = connection.createStatement()) {
            ResultSet history = statement.executeQuery(
                    "SELECT version, count(*) FROM flyway_schema_history WHERE success GROUP BY version ORDER BY version");
            Set<String> versions = new HashSet<>();
            while (history.next()) {
                assertThat(history.getInt(2)).as("applications of V%s", history.getString(1)).isEqualTo(1);
                versions.add(history.getString(1));
            }
            assertThat(versions).hasSize(MIGRATION_COUNT);
        }
    }

    private static List<String> columns(Statement statement, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        ResultSet rs = statement
            .executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table + "'");
        while (rs.next()) {
            columns.add(rs.getString(1));
        }
        return columns;
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        query(sql, rs -> values.add(rs.getString(1)));
        return values;
    }

    private interface RowHandler {

        void handle(ResultSet rs) throws SQLException;

    }

    private static void query(String sql, RowHandler handler) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                handler.handle(rs);
            }
        }
    }

    private interface SqlAction {

        void run() throws SQLException;

    }

    private static String catchSql(SqlAction action) {
        try {
            action.run();
        }
        catch (SQLException ex) {
            return ex.getMessage();
        }
        throw new AssertionError("expected the statement to be refused");
    }

}
