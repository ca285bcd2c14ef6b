package com.autograph.diagram.access;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.autograph.diagram.DiagramProperties;
import com.autograph.shared.error.ApiException;
import com.autograph.testsupport.MutableClock;
import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The permission levels (none < view < edit < manage) as {@link AccessPolicy} decides
 * them on a real PostgreSQL, one rule at a time: ownership, team roles, file shares (with
 * expiry and revocation), share links, folder inheritance and its limits, and the checks
 * built on them. Every case also checks that {@link Visibility#fileVisible()} (what lists
 * and search show) agrees with the level. The whole model under random operations is
 * {@code PermissionModelPropertyTest}.
 */
class AccessPolicyTest {

    private static final int MAX_FOLDER_DEPTH = 3;

    private static JdbcClient jdbc;

    private static MutableClock clock;

    private static AccessPolicy policy;

    @BeforeAll
    static void database() {
        TestDatabase database = TestDatabase.migrated();
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password()));
        clock = MutableClock.startingNow();
        policy = new AccessPolicy(jdbc, clock, new DiagramProperties(Duration.ofDays(30), Duration.ofHours(1),
                "http://localhost:8080", 50, MAX_FOLDER_DEPTH, 10_000, Duration.ofSeconds(15)));
    }

    @Test
    void theOwnerManagesAndAStrangerSeesNothing() {
        UUID owner = user();
        UUID file = file(owner, null, null);

        assertLevel(caller(owner), file, Permission.MANAGE);
        assertLevel(caller(user()), file, Permission.NONE);
        assertLevel(Caller.anonymous(), file, Permission.NONE);
        assertThat(policy.onFile(caller(owner), UUID.randomUUID())).as("an unknown file").isEqualTo(Permission.NONE);
    }

    @Test
    void teamRolesGiveManageEditAndView() {
        UUID team = team();
        UUID file = file(user(), team, null);

        assertLevel(caller(user(), team, "admin"), file, Permission.MANAGE);
        assertLevel(caller(user(), team, "editor"), file, Permission.EDIT);
        assertLevel(caller(user(), team, "viewer"), file, Permission.VIEW);
        assertLevel(caller(user(), team(), "admin"), file, Permission.NONE);
    }

    @Test
    void aShareGivesItsPermissionUntilRevokedOrExpiredAndNeverManage() {
        UUID owner = user();
        UUID file = file(owner, null, null);
        UUID viewer = user();
        UUID editor = user();
        share(file, viewer, "view", null);
        UUID editShare = share(file, editor, "edit", clock.instant().plus(Duration.ofHours(1)));

        assertLevel(caller(viewer), file, Permission.VIEW);
        assertLevel(caller(editor), file, Permission.EDIT);
        assertLevel(caller(user()), file, Permission.NONE);

        clock.advance(Duration.ofHours(2));
        assertLevel(caller(editor), file, Permission.NONE);

        jdbc.sql("UPDATE shares SET expires_at = NULL, revoked_at = now() WHERE id = :id")
            .param("id", editShare)
            .update();
        assertLevel(caller(editor), file, Permission.NONE);
    }

    @Test
    void aShareLinkGrantsNothingToSignedInUsersOrTheAnonymous() {
        UUID file = file(user(), null, null);
        jdbc.sql("INSERT INTO shares (file_id, token, permission, is_public) VALUES (:file, :token, 'edit', true)")
            .param("file", file)
            .param("token", UUID.randomUUID().toString())
            .update();

        // A link is opened by its token (Shares), never through the caller's own
        // permission.
        assertLevel(caller(user()), file, Permission.NONE);
        assertLevel(Caller.anonymous(), file, Permission.NONE);
    }

    @Test
    void folderGrantsReachEveryFileAndFolderInsideAndTheHighestGrantWins() {
        UUID folderOwner = user();
        UUID top = folder(folderOwner, null, null);
        UUID inner = folder(folderOwner, null, top);
        UUID file = file(user(), null, inner);
        UUID shared = user();
        folderShare(top, shared, "edit");
        UUID team = team();
        UUID teamFolder = folder(user(), team, null);
        UUID teamFile = file(user(), null, teamFolder);

        assertLevel(caller(folderOwner), file, Permission.MANAGE);
        assertThat(policy.onFolder(caller(folderOwner), inner)).isEqualTo(Permission.MANAGE);
        assertLevel(caller(shared), file, Permission.EDIT);
        assertThat(policy.onFolder(caller(shared), inner)).isEqualTo(Permission.EDIT);
        assertLevel(caller(user(), team, "viewer"), teamFile, Permission.VIEW);
        assertLevel(caller(user(), team, "admin"), teamFile, Permission.MANAGE);

        share(file, shared, "view", null);
        assertLevel(caller(shared), file, Permission.EDIT); // view share + edit from the
                                                            // folder
    }

    @Test
    void aTrashedFolderPassesNothingOn() {
        UUID shared = user();
        UUID folder = folder(user(), null, null);
        UUID file = file(user(), null, folder);
        folderShare(folder, shared, "view");
        assertLevel(caller(shared), file, Permission.VIEW);

        jdbc.sql("UPDATE folders SET deleted_at = now() WHERE id = :id").param("id", folder).update();
        assertLevel(caller(shared), file, Permission.NONE);
        assertThat(policy.onFolder(caller(shared), folder)).isEqualTo(Permission.NONE);
    }

    @Test
    void folderWalksStopAtTheDepthLimitAndAtCycles() {
        UUID owner = user();
        UUID parent = null;
        UUID[] chain = new UUID[MAX_FOLDER_DEPTH + 1];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = folder(owner, null, parent);
            parent = chain[i];
        }
        UUID shared = user();
        folderShare(chain[0], shared, "edit");
        assertThat(policy.onFolder(caller(shared), chain[MAX_FOLDER_DEPTH - 1])).isEqualTo(Permission.EDIT);
        assertThat(policy.onFolder(caller(shared), chain[MAX_FOLDER_DEPTH])).as("past the depth limit")
            .isEqualTo(Permission.NONE);

        UUID a = folder(owner, null, null);
        UUID b = folder(owner, null, a);
        jdbc.sql("UPDATE folders SET parent_id = :b WHERE id = :a").param("a", a).param("b", b).update();
        folderShare(a, shared, "view");
        UUID file = file(user(), null, b);
        assertLevel(caller(shared), file, Permission.VIEW);
    }

    @Test
    void checksAnswer404ToThoseWhoSeeNothingAnd403ToThoseWhoSeeTooLittle() {
        UUID owner = user();
        UUID file = file(owner, null, null);
        UUID editor = user();
        share(file, editor, "edit", null);
        UUID editorsFolder = folder(editor, null, null);

        assertRefused(() -> policy.requireFileMove(caller(user()), file, null), HttpStatus.NOT_FOUND);
        // An edit share must not become manage by moving the file into the editor's own
        // folder.
        assertRefused(() -> policy.requireFileMove(caller(editor), file, editorsFolder), HttpStatus.FORBIDDEN);
        assertThat(policy.requireFileMove(caller(owner), file, null)).isEqualTo(Permission.MANAGE);
        // The owner may not move it into a folder they only view.
        UUID viewedFolder = folder(user(), null, null);
        folderShare(viewedFolder, owner, "view");
        assertRefused(() -> policy.requireFileMove(caller(owner), file, viewedFolder), HttpStatus.FORBIDDEN);

        UUID team = team();
        assertRefused(() -> policy.requireTeamWriter(caller(user(), team, "viewer"), team), HttpStatus.FORBIDDEN);
        policy.requireTeamWriter(caller(user(), team, "editor"), team);
    }

    @Test
    void levelsAreOrderedAndEachIncludesTheOnesBelow() {
        assertThat(Permission.values()).containsExactly(Permission.NONE, Permission.VIEW, Permission.EDIT,
                Permission.MANAGE);
        assertThat(Permission.MANAGE.allows(Permission.EDIT)).isTrue();
        assertThat(Permission.EDIT.allows(Permission.VIEW)).isTrue();
        assertThat(Permission.EDIT.allows(Permission.MANAGE)).isFalse();
        assertThat(Permission.VIEW.allows(Permission.EDIT)).isFalse();
        assertThat(Permission.NONE.allows(Permission.VIEW)).isFalse();
        assertThat(Permission.ofLevel(-1)).isEqualTo(Permission.NONE);
        assertThat(Permission.ofLevel(9)).isEqualTo(Permission.MANAGE);
    }

    /**
     * The level as the single-file check decides it, and lists' visibility agreeing with
     * it.
     */
    private static void assertLevel(Caller caller, UUID file, Permission expected) {
        assertThat(policy.onFile(caller, file)).as("level on file %s", file).isEqualTo(expected);
        Visibility visibility = policy.visibility(caller);
        Boolean visible = jdbc
            .sql(visibility.with() + "SELECT " + visibility.fileVisible() + " FROM files f WHERE f.id = :file")
            .params(visibility.parameters())
            .param("file", file)
            .query(Boolean.class)
            .single();
        assertThat(visible).as("file %s visible in lists", file).isEqualTo(expected != Permission.NONE);
    }

    private static void assertRefused(Runnable check, HttpStatus status) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.status()).isEqualTo(status));
    }

    private static Caller caller(UUID user) {
        return new Caller(user, Map.of());
    }

    private static Caller caller(UUID user, UUID team, String role) {
        return new Caller(user, Map.of(team, role));
    }

    private static UUID user() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, full_name) VALUES (:id, :email, 'Test User')")
            .param("id", id)
            .param("email", id + "@example.com")
            .update();
        return id;
    }

    private static UUID team() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO teams (id, name, slug) VALUES (:id, 'Team', :slug)")
            .param("id", id)
            .param("slug", "team-" + id)
            .update();
        return id;
    }

    private static UUID folder(UUID owner, UUID team, UUID parent) {
        return jdbc.sql(
                "INSERT INTO folders (owner_id, team_id, parent_id, name) VALUES (:owner, :team, :parent, 'F') RETURNING id")
            .param("owner", owner)
            .param("team", team)
            .param("parent", parent)
            .query(UUID.class)
            .single();
    }

    private static UUID file(UUID owner, UUID team, UUID folder) {
        return jdbc.sql(
                "INSERT INTO files (owner_id, team_id, folder_id, title) VALUES (:owner, :team, :folder, 'T') RETURNING id")
            .param("owner", owner)
            .param("team", team)
            .param("folder", folder)
            .query(UUID.class)
            .single();
    }

    private static UUID share(UUID file, UUID user, String permission, Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO shares (file_id, shared_with_user_id, permission, expires_at)
                VALUES (:file, :user, :permission, :expires) RETURNING id""")
            .param("file", file)
            .param("user", user)
            .param("permission", permission)
            .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
            .query(UUID.class)
            .single();
    }

    private static void folderShare(UUID folder, UUID user, String permission) {
        jdbc.sql("INSERT INTO folder_shares (folder_id, user_id, permission) VALUES (:folder, :user, :permission)")
            .param("folder", folder)
            .param("user", user)
            .param("permission", permission)
            .update();
    }

}
