package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 13, finding 3: folder trees cannot cycle, no folder walk can loop, and no
 * statement can hold a connection for ever. A short statement timeout and depth limit
 * make both observable.
 */
@TestPropertySource(properties = { "autograph.diagrams.statement-timeout=2s", "autograph.diagrams.max-folder-depth=5" })
class FolderTreeSafetyApiTest extends DiagramApiTestBase {

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Value("${spring.datasource.password}")
    String password;

    /**
     * X into Y and Y into X at the same moment: used to both answer 200 and leave a
     * cycle.
     */
    @Test
    void concurrentCrossedMovesNeverMakeACycle() throws Exception {
        Api.User a = newUser();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String x = newFolder(a, "X" + i, null);
                String y = newFolder(a, "Y" + i, null);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<HttpResponse<String>> xIntoY = pool.submit(() -> {
                    start.await();
                    return api.post(a, "/api/diagrams/folders/" + x + "/move", "{\"parent_id\": \"" + y + "\"}");
                });
                Future<HttpResponse<String>> yIntoX = pool.submit(() -> {
                    start.await();
                    return api.post(a, "/api/diagrams/folders/" + y + "/move", "{\"parent_id\": \"" + x + "\"}");
                });
                List<Integer> statuses = List.of(xIntoY.get().statusCode(), yIntoX.get().statusCode());
                assertThat(statuses).as("iteration " + i).containsExactlyInAnyOrder(200, 409);
                assertThat(cycles()).as("iteration " + i).isZero();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** Folders whose parents lead back to themselves: how many there are. */
    private long cycles() {
        return jdbc
            .sql("""
                    WITH RECURSIVE up(start, id) AS (SELECT id, parent_id FROM folders WHERE parent_id IS NOT NULL
                        UNION SELECT up.start, f.parent_id FROM folders f JOIN up ON f.id = up.id WHERE f.parent_id IS NOT NULL)
                    SELECT count(DISTINCT start) FROM up WHERE id = start""")
            .query(Long.class)
            .single();
    }

    /** Old data may hold a cycle: every walk over it ends, quickly, and answers. */
    @Test
    void aCycleAlreadyInTheDatabaseHangsNothing() {
        Api.User a = newUser();
        Api.User b = newUser();
        String top = newFolder(a, "Top", null);
        String x = newFolder(a, "X", top);
        String y = newFolder(a, "Y", x);
        String file = createFileJson(a, "{\"title\": \"Looped\", \"type\": \"note\", \"folder_id\": \"" + y + "\"}");
        api.put(a, "/api/diagrams/folders/" + x + "/shares/users/" + b.id(), "{\"permission\": \"view\"}");
        // X's parent becomes Y: X → Y → X, as two crossed moves used to leave it.
        jdbc.sql("UPDATE folders SET parent_id = CAST(:y AS uuid) WHERE id = CAST(:x AS uuid)")
            .param("y", y)
            .param("x", x)
            .update();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (Api.User who : List.of(a, b)) {
                assertThat(api.get(who, "/api/diagrams/" + file).statusCode()).isEqualTo(200);
                assertThat(FileApiTest.ids(api.get(who, "/api/diagrams"))).contains(file);
                assertThat(api.get(who, "/api/diagrams/search?q=looped").statusCode()).isEqualTo(200);
                assertThat(api.get(who, "/api/diagrams/folders/" + x).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> tree = api.get(a, "/api/diagrams/folders/tree");
            assertThat(tree.statusCode()).as(tree.body()).isEqualTo(200);
            assertThat(tree.body()).contains(x, y, top);
            assertProblem(api.post(a, "/api/diagrams/folders/" + x + "/move", "{\"parent_id\": \"" + y + "\"}"), 409,
                    "folder_cycle");
            // Moving one folder of the loop to the top level repairs it.
            assertThat(api.post(a, "/api/diagrams/folders/" + x + "/move", "{\"parent_id\": null}").statusCode())
                .isEqualTo(200);
            assertThat(api.delete(a, "/api/diagrams/folders/" + x).statusCode()).isEqualTo(204);
        });
        assertThat(cycles()).isZero();
    }

    @Test
    void foldersNestNoDeeperThanTheLimit() {
        Api.User a = newUser();
        String parent = null;
        List<String> chain = new ArrayList<>();
        for (int depth = 1; depth <= 5; depth++) {
            parent = newFolder(a, "Level " + depth, parent);
            chain.add(parent);
        }
        HttpResponse<String> tooDeep = api.post(a, "/api/diagrams/folders",
                "{\"name\": \"Level 6\", \"parent_id\": \"" + parent + "\"}");
        assertProblem(tooDeep, 422, "folder_too_deep");
        assertThat(tooDeep.body()).contains("at most 5");
        // A two-level tree fits under level 3, not under level 4.
        String other = newFolder(a, "Other", null);
        newFolder(a, "Other child", other);
        assertProblem(
                api.post(a, "/api/diagrams/folders/" + other + "/move", "{\"parent_id\": \"" + chain.get(3) + "\"}"),
                422, "folder_too_deep");
        assertThat(api.post(a, "/api/diagrams/folders/" + other + "/move", "{\"parent_id\": \"" + chain.get(2) + "\"}")
            .statusCode()).isEqualTo(200);
    }

    @Test
    void aStatementRunningPastTheTimeoutIsCancelled() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> jdbc.sql("SELECT pg_sleep(30)").query().listOfRows())
            .isInstanceOf(QueryTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    /**
     * A request stuck behind a lock gets a 503 problem when the timeout ends it, not a
     * hang.
     */
    @Test
    void aRequestStuckInTheDatabaseAnswers503() throws Exception {
        Api.User a = newUser();
        String file = createFile(a, "Locked");
        try (Connection holder = DriverManager.getConnection(url, user, password)) {
            holder.setAutoCommit(false);
            holder.createStatement()
                .execute("SELECT 1 FROM files WHERE id = '" + UUID.fromString(file) + "' FOR UPDATE");
            HttpResponse<String> stuck = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> api.patch(a, "/api/diagrams/" + file, "{\"title\": \"Waited\"}", "*"));
            assertProblem(stuck, 503, "database_timeout");
            holder.rollback();
        }
        assertThat(api.patch(a, "/api/diagrams/" + file, "{\"title\": \"Free\"}", "*").statusCode()).isEqualTo(200);
    }

}
