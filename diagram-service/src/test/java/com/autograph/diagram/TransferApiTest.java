package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transferring a file or folder (issue 19): who may, to whom, and what becomes of shares,
 * contents and the previous owner's access; each rule with an attempt to get around it.
 */
class TransferApiTest extends DiagramApiTestBase {

    private String fileIn(Api.User user, String title, String folder) {
        return createFileJson(user,
                "{\"title\": \"" + title + "\", \"type\": \"note\", \"folder_id\": \"" + folder + "\"}");
    }

    private void share(Api.User owner, String file, Api.User with, String permission) {
        assertThat(api
            .put(owner, "/api/diagrams/" + file + "/shares/users/" + with.id(),
                    "{\"permission\": \"" + permission + "\"}")
            .statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> transfer(Api.User caller, String path, String body) {
        return api.post(caller, path + "/transfer", body);
    }

    private static String toUser(Api.User user, String access) {
        return "{\"to_user\": \"" + user.id() + "\""
                + (access == null ? "" : ", \"previous_owner_access\": \"" + access + "\"") + "}";
    }

    private String permission(Api.User user, String file) {
        HttpResponse<String> got = api.get(user, "/api/diagrams/" + file);
        return got.statusCode() == 404 ? "none" : read(got, "$.permission").toString();
    }

    private void addMember(UUID team, Api.User user, String role) {
        jdbc.sql("INSERT INTO team_members (team_id, user_id, role) VALUES (:team, :user, :role)")
            .param("team", team)
            .param("user", user.id())
            .param("role", role)
            .update();
    }

    @Test
    void aFileGoesToAPersonWhoCanSeeItAndThePreviousOwnerKeepsAnEditShare() {
        Api.User a = newUser();
        Api.User b = newUser();
        Api.User c = newUser();
        String mine = newFolder(a, "A's", null);
        String file = fileIn(a, "Plan", mine);
        share(a, file, c, "view");

        // Nobody can be handed a file they cannot see: share first.
        assertProblem(transfer(a, "/api/diagrams/" + file, toUser(b, null)), 422, "recipient_without_access");
        share(a, file, b, "view");
        HttpResponse<String> done = transfer(a, "/api/diagrams/" + file, toUser(b, null));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat((String) read(done, "$.owner_id")).isEqualTo(b.id().toString());

        HttpResponse<String> asB = api.get(b, "/api/diagrams/" + file);
        assertThat(read(asB, "$.owner_id").toString()).isEqualTo(b.id().toString());
        assertThat(read(asB, "$.permission").toString()).isEqualTo("manage");
        // It left A's folder, whose grants would otherwise still reach it.
        assertThat((String) read(asB, "$.folder_id")).isNull();
        assertThat(permission(a, file)).isEqualTo("edit");
        assertThat(permission(c, file)).isEqualTo("view");
        // B's own share is gone (nothing is shared with its owner); A's edit share and
        // C's stay.
        List<String> sharedWith = read(api.get(b, "/api/diagrams/" + file + "/shares"),
                "$.items[*].shared_with_user_id");
        assertThat(sharedWith).containsExactlyInAnyOrder(a.id().toString(), c.id().toString());
        // The new owner decides now: A no longer manages.
        assertProblem(api.put(a, "/api/diagrams/" + file + "/shares/users/" + c.id(), "{\"permission\": \"edit\"}"),
                403, "permission_denied");
        assertProblem(transfer(a, "/api/diagrams/" + file, toUser(a, null)), 403, "permission_denied");
    }

    @Test
    void thePreviousOwnerMayKeepViewOrNothing() {
        Api.User a = newUser();
        Api.User b = newUser();
        String viewKept = createFile(a, "View kept");
        String nothingKept = createFile(a, "Nothing kept");
        share(a, viewKept, b, "edit");
        share(a, nothingKept, b, "edit");
        assertThat(transfer(a, "/api/diagrams/" + viewKept, toUser(b, "view")).statusCode()).isEqualTo(200);
        assertThat(transfer(a, "/api/diagrams/" + nothingKept, toUser(b, "none")).statusCode()).isEqualTo(200);
        assertThat(permission(a, viewKept)).isEqualTo("view");
        assertThat(permission(a, nothingKept)).isEqualTo("none");
        assertProblem(transfer(a, "/api/diagrams/" + nothingKept, toUser(a, null)), 404, "not_found");
    }

    @Test
    void onlyTheOwnerOrAnAdminOfItsTeamMayTransfer() {
        UUID team = newTeam();
        Api.User owner = newUser().withTeam(team, "editor");
        Api.User editor = newUser().withTeam(team, "editor");
        Api.User admin = newUser().withTeam(team, "admin");
        Api.User stranger = newUser();
        Api.User sharedEdit = newUser();
        String teamFile = createFileJson(owner,
                "{\"title\": \"Team\", \"type\": \"canvas\", \"team_id\": \"" + team + "\"}");
        share(owner, teamFile, sharedEdit, "edit");

        // Another user's file: those who cannot see it get 404, those who can 403.
        assertProblem(transfer(stranger, "/api/diagrams/" + teamFile, toUser(stranger, null)), 404, "not_found");
        assertProblem(transfer(sharedEdit, "/api/diagrams/" + teamFile, toUser(sharedEdit, null)), 403,
                "permission_denied");
        assertProblem(transfer(editor, "/api/diagrams/" + teamFile, toUser(editor, null)), 403, "permission_denied");
        assertThat(read(api.get(owner, "/api/diagrams/" + teamFile), "$.owner_id").toString())
            .isEqualTo(owner.id().toString());
        // Manage through a folder is not ownership either: the folder's owner manages the
        // file another user made inside it, but may not give it away.
        String hosts = newFolder(sharedEdit, "Sharer's", null);
        api.put(sharedEdit, "/api/diagrams/folders/" + hosts + "/shares/users/" + owner.id(),
                "{\"permission\": \"edit\"}");
        String guest = fileIn(owner, "Guest", hosts);
        assertThat(permission(sharedEdit, guest)).isEqualTo("manage");
        assertProblem(transfer(sharedEdit, "/api/diagrams/" + guest, toUser(sharedEdit, null)), 403,
                "permission_denied");

        // The team's admin may (the owner may have left the team), to a member, whom the
        // team lets see it.
        addMember(team, editor, "editor");
        HttpResponse<String> byAdmin = transfer(admin, "/api/diagrams/" + teamFile, toUser(editor, "none"));
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(read(api.get(admin, "/api/diagrams/" + teamFile), "$.owner_id").toString())
            .isEqualTo(editor.id().toString());
        assertThat(read(api.get(admin, "/api/diagrams/" + teamFile), "$.team_id").toString())
            .isEqualTo(team.toString());
        assertThat(permission(owner, teamFile)).isEqualTo("edit");
    }

    @Test
    void aFileGoesToATeamOnlyWhereTheCallerMayAdd() {
        UUID team = newTeam();
        UUID other = newTeam();
        Api.User a = newUser().withTeam(team, "editor").withTeam(other, "viewer");
        Api.User member = newUser().withTeam(team, "viewer");
        String file = fileIn(a, "Mine", newFolder(a, "A's", null));

        assertProblem(transfer(a, "/api/diagrams/" + file, "{\"to_team\": \"" + UUID.randomUUID() + "\"}"), 403,
                "permission_denied");
        assertProblem(transfer(a, "/api/diagrams/" + file, "{\"to_team\": \"" + other + "\"}"), 403,
                "permission_denied");
        assertProblem(transfer(member, "/api/diagrams/" + file, "{\"to_team\": \"" + team + "\"}"), 404, "not_found");
        assertThat(permission(member, file)).isEqualTo("none");

        HttpResponse<String> done = transfer(a, "/api/diagrams/" + file, "{\"to_team\": \"" + team + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(read(done, "$.team_id").toString()).isEqualTo(team.toString());
        assertThat(read(done, "$.owner_id").toString()).isEqualTo(a.id().toString());
        assertThat(permission(member, file)).isEqualTo("view");
        assertThat(permission(a, file)).isEqualTo("manage");
        assertThat((String) read(api.get(a, "/api/diagrams/" + file), "$.folder_id")).isNull();
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingChanges() {
        Api.User a = newUser();
        Api.User b = newUser();
        String file = createFile(a, "Mine");
        share(a, file, b, "view");
        UUID team = newTeam();
        assertProblem(transfer(a, "/api/diagrams/" + file, "{}"), 400, "validation_failed");
        assertProblem(transfer(a, "/api/diagrams/" + file,
                "{\"to_user\": \"" + b.id() + "\", \"to_team\": \"" + team + "\"}"), 400, "validation_failed");
        assertProblem(transfer(a, "/api/diagrams/" + file, toUser(b, "manage")), 400, "validation_failed");
        assertProblem(
                transfer(a, "/api/diagrams/" + file,
                        "{\"to_team\": \"" + team + "\", \"previous_owner_access\": \"none\"}"),
                400, "validation_failed");
        assertProblem(transfer(a, "/api/diagrams/" + file, "{\"to_user\": \"not a user\"}"), 400, "validation_failed");
        assertProblem(transfer(a, "/api/diagrams/" + file, toUser(a, null)), 422, "already_owner");
        assertProblem(transfer(a, "/api/diagrams/" + UUID.randomUUID(), toUser(b, null)), 404, "not_found");
        assertThat(api.delete(a, "/api/diagrams/" + file).statusCode()).isEqualTo(204);
        assertProblem(transfer(a, "/api/diagrams/" + file, toUser(b, null)), 409, "file_in_trash");
        assertThat(permission(b, file)).isEqualTo("view");
    }

    /**
     * A folder takes along what its owner owns inside; another user's file stays theirs
     * and in place, reached by the folder's grants as before (now the new owner's).
     */
    @Test
    void aFolderGoesWithItsOwnersContentsButNotAnotherUsersFile() {
        Api.User a = newUser();
        Api.User b = newUser();
        Api.User c = newUser();
        String parent = newFolder(a, "Parent", null);
        String top = newFolder(a, "Top", parent);
        String sub = newFolder(a, "Sub", top);
        String aFile = fileIn(a, "A's", sub);
        api.put(a, "/api/diagrams/folders/" + top + "/shares/users/" + c.id(), "{\"permission\": \"edit\"}");
        String cFile = fileIn(c, "C's", top);
        api.put(a, "/api/diagrams/folders/" + top + "/shares/users/" + b.id(), "{\"permission\": \"view\"}");

        HttpResponse<String> done = transfer(a, "/api/diagrams/folders/" + top, toUser(b, "none"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat((Integer) read(done, "$.folders")).isEqualTo(2);
        assertThat((Integer) read(done, "$.files")).isEqualTo(1);

        HttpResponse<String> topNow = api.get(b, "/api/diagrams/folders/" + top);
        assertThat(read(topNow, "$.owner_id").toString()).isEqualTo(b.id().toString());
        assertThat((String) read(topNow, "$.parent_id")).isNull();
        assertThat(read(api.get(b, "/api/diagrams/folders/" + sub), "$.owner_id").toString())
            .isEqualTo(b.id().toString());
        assertThat(read(api.get(b, "/api/diagrams/" + aFile), "$.owner_id").toString()).isEqualTo(b.id().toString());
        assertThat(read(api.get(b, "/api/diagrams/" + cFile), "$.owner_id").toString()).isEqualTo(c.id().toString());
        assertThat(permission(b, cFile)).isEqualTo("manage");
        assertThat(permission(c, cFile)).isEqualTo("manage");
        // C's folder share came along; A kept nothing and the folder left A's parent.
        assertThat(permission(c, aFile)).isEqualTo("edit");
        assertThat(permission(a, aFile)).isEqualTo("none");
        assertThat(permission(a, cFile)).isEqualTo("none");
        assertProblem(api.get(a, "/api/diagrams/folders/" + top), 404, "not_found");
        // C's edit share on the folder does not let C transfer it, nor A any more.
        assertProblem(transfer(c, "/api/diagrams/folders/" + top, toUser(c, null)), 403, "permission_denied");
        assertProblem(transfer(a, "/api/diagrams/folders/" + top, toUser(a, null)), 404, "not_found");
    }

    @Test
    void aFolderGoesToATeamWhoseMembersThenSeeWhatIsInside() {
        UUID team = newTeam();
        Api.User a = newUser().withTeam(team, "admin");
        Api.User viewer = newUser().withTeam(team, "viewer");
        String top = newFolder(a, "Top", null);
        String aFile = fileIn(a, "A's", newFolder(a, "Sub", top));
        assertProblem(transfer(viewer, "/api/diagrams/folders/" + top, "{\"to_team\": \"" + team + "\"}"), 404,
                "not_found");
        HttpResponse<String> done = transfer(a, "/api/diagrams/folders/" + top, "{\"to_team\": \"" + team + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(permission(viewer, aFile)).isEqualTo("view");
        assertThat(read(api.get(viewer, "/api/diagrams/" + aFile), "$.team_id").toString()).isEqualTo(team.toString());
        List<String> teamTree = read(api.get(viewer, "/api/diagrams/folders/tree?team_id=" + team), "$.items[*].id");
        assertThat(teamTree).containsExactly(top);
    }

    @Test
    void aFolderTooLargeToHandOverIsRefusedWhole() {
        Api.User a = newUser();
        Api.User b = newUser();
        String top = newFolder(a, "Big", null);
        api.put(a, "/api/diagrams/folders/" + top + "/shares/users/" + b.id(), "{\"permission\": \"view\"}");
        // The test configuration allows 50 items per transfer.
        jdbc.sql("""
                INSERT INTO files (owner_id, folder_id, title) SELECT :owner, :folder, 'Many ' || n
                FROM generate_series(1, 50) n""").param("owner", a.id()).param("folder", UUID.fromString(top)).update();
        assertProblem(transfer(a, "/api/diagrams/folders/" + top, toUser(b, null)), 422, "too_many_items");
        assertThat(read(api.get(a, "/api/diagrams/folders/" + top), "$.owner_id").toString())
            .isEqualTo(a.id().toString());
    }

    /**
     * The old owner moves the file into their own folder while handing it over: whatever
     * the order, the file ends outside that folder, and with no access kept the old owner
     * cannot see it.
     */
    @Test
    void aMoveRacingATransferNeverLeavesTheFileInTheOldOwnersFolder() throws Exception {
        Api.User a = newUser();
        Api.User b = newUser();
        String mine = newFolder(a, "A's", null);
        race(i -> {
            String file = createFile(a, "Raced " + i);
            share(a, file, b, "view");
            return file;
        }, file -> transfer(a, "/api/diagrams/" + file, toUser(b, "none")),
                file -> api.post(a, "/api/diagrams/" + file + "/move", "{\"folder_id\": \"" + mine + "\"}"), file -> {
                    assertThat((String) read(api.get(b, "/api/diagrams/" + file), "$.folder_id")).isNull();
                    assertThat(permission(a, file)).isEqualTo("none");
                });
    }

    /**
     * A folder is moved under the old owner's folder while it is handed over: the tree
     * lock orders them, so it never ends under the old owner's folder.
     */
    @Test
    void aFolderMoveRacingATransferNeverLeavesItUnderTheOldOwner() throws Exception {
        Api.User a = newUser();
        Api.User b = newUser();
        String mine = newFolder(a, "A's", null);
        race(i -> {
            String given = newFolder(a, "Given " + i, null);
            api.put(a, "/api/diagrams/folders/" + given + "/shares/users/" + b.id(), "{\"permission\": \"view\"}");
            return given;
        }, given -> transfer(a, "/api/diagrams/folders/" + given, toUser(b, "none")),
                given -> api.post(a, "/api/diagrams/folders/" + given + "/move", "{\"parent_id\": \"" + mine + "\"}"),
                given -> {
                    assertThat((String) read(api.get(b, "/api/diagrams/folders/" + given), "$.parent_id")).isNull();
                    assertProblem(api.get(a, "/api/diagrams/folders/" + given), 404, "not_found");
                });
    }

    /**
     * Ten times: a fresh item, then a transfer (which must succeed) and a move (which
     * succeeds when it comes first, and finds nothing of the old owner's when it comes
     * second) at the same moment, then the checks.
     */
    private void race(java.util.function.IntFunction<String> item,
            java.util.function.Function<String, HttpResponse<String>> handOver,
            java.util.function.Function<String, HttpResponse<String>> move,
            java.util.function.Consumer<String> afterwards) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 10; i++) {
                String id = item.apply(i);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<HttpResponse<String>> transferred = pool.submit(() -> {
                    start.await();
                    return handOver.apply(id);
                });
                Future<HttpResponse<String>> moved = pool.submit(() -> {
                    start.await();
                    return move.apply(id);
                });
                assertThat(transferred.get().statusCode()).as(transferred.get().body()).isEqualTo(200);
                assertThat(moved.get().statusCode()).as("iteration " + i).isIn(200, 404);
                afterwards.accept(id);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * A team member given a file sees it whether the access came from a share or from the
     * team (the recipient's team roles come from the membership table).
     */
    @Test
    void aTeamMemberCanBeHandedATeamFile() {
        UUID team = newTeam();
        Api.User a = newUser().withTeam(team, "admin");
        Api.User member = newUser().withTeam(team, "viewer");
        addMember(team, a, "admin");
        addMember(team, member, "viewer");
        String file = createFileJson(a, "{\"title\": \"Team\", \"type\": \"canvas\", \"team_id\": \"" + team + "\"}");
        HttpResponse<String> done = transfer(a, "/api/diagrams/" + file, toUser(member, "none"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(permission(member, file)).isEqualTo("manage");
        // A is still the team's admin.
        assertThat(permission(a, file)).isEqualTo("manage");
    }

}
