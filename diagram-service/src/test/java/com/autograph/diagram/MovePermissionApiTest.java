package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, finding 2: moving things must not grow anyone's permission. A folder passes
 * its grants to what is inside, so moving a file or folder needs manage on it, and edit
 * on the destination.
 */
class MovePermissionApiTest extends DiagramApiTestBase {

    /** The reported exploit, step by step: each step used to succeed. */
    @Test
    void anEditShareDoesNotBecomeManageByMovingTheFileIntoOnesOwnFolder() {
        Api.User a = newUser();
        Api.User b = newUser();
        Api.User c = newUser();
        String file = createFile(a, "A's plan");
        assertThat(api.put(a, "/api/diagrams/" + file + "/shares/users/" + b.id(), "{\"permission\": \"edit\"}")
            .statusCode()).isEqualTo(200);
        String bs = newFolder(b, "B's folder", null);

        assertProblem(api.post(b, "/api/diagrams/" + file + "/move", "{\"folder_id\": \"" + bs + "\"}"), 403,
                "permission_denied");
        assertThat(read(api.get(b, "/api/diagrams/" + file), "$.permission").toString()).isEqualTo("edit");
        assertThat((String) read(api.get(a, "/api/diagrams/" + file), "$.folder_id")).isNull();
        // The batch endpoint is the same move, item by item.
        HttpResponse<String> batch = api.post(b, "/api/diagrams/batch",
                "{\"action\": \"move\", \"ids\": [\"" + file + "\"], \"folder_id\": \"" + bs + "\"}");
        assertThat((List<Integer>) read(batch, "$.results[*].status")).containsExactly(403);

        assertProblem(api.put(b, "/api/diagrams/" + file + "/shares/users/" + c.id(), "{\"permission\": \"edit\"}"),
                403, "permission_denied");
        assertThat(api.delete(a, "/api/diagrams/" + file + "/shares/users/" + b.id()).statusCode()).isEqualTo(204);
        assertProblem(api.get(b, "/api/diagrams/" + file), 404, "not_found");
        assertProblem(api.delete(b, "/api/diagrams/" + file + "?permanent=true"), 404, "not_found");
        assertThat(api.get(a, "/api/diagrams/" + file).statusCode()).isEqualTo(200);
    }

    @Test
    void anEditShareOfAFolderDoesNotBecomeManageByMovingItIntoOnesOwn() {
        Api.User a = newUser();
        Api.User b = newUser();
        String shared = newFolder(a, "A's shared", null);
        String inner = newFolder(a, "A's inner", shared);
        String file = createFileJson(a,
                "{\"title\": \"Inside\", \"type\": \"note\", \"folder_id\": \"" + inner + "\"}");
        api.put(a, "/api/diagrams/folders/" + shared + "/shares/users/" + b.id(), "{\"permission\": \"edit\"}");
        String bs = newFolder(b, "B's own", null);
        String bsInside = newFolder(b, "B's, inside A's", shared);

        assertProblem(api.post(b, "/api/diagrams/folders/" + shared + "/move", "{\"parent_id\": \"" + bs + "\"}"), 403,
                "permission_denied");
        assertProblem(api.post(b, "/api/diagrams/folders/" + inner + "/move", "{\"parent_id\": \"" + bsInside + "\"}"),
                403, "permission_denied");
        assertProblem(api.post(b, "/api/diagrams/" + file + "/move", "{\"folder_id\": \"" + bsInside + "\"}"), 403,
                "permission_denied");
        assertThat(read(api.get(b, "/api/diagrams/" + file), "$.permission").toString()).isEqualTo("edit");

        // B's own folder is B's to move, and the owner still moves A's things where A may
        // add.
        assertThat(api.post(b, "/api/diagrams/folders/" + bsInside + "/move", "{\"parent_id\": \"" + bs + "\"}")
            .statusCode()).isEqualTo(200);
        assertThat(api.post(a, "/api/diagrams/" + file + "/move", "{\"folder_id\": \"" + shared + "\"}").statusCode())
            .isEqualTo(200);

        api.delete(a, "/api/diagrams/folders/" + shared + "/shares/users/" + b.id());
        assertProblem(api.get(b, "/api/diagrams/" + file), 404, "not_found");
    }

    @Test
    void aTeamEditorCannotMoveATeamFileIntoTheirOwnFolderButTheAdminCan() {
        UUID team = newTeam();
        Api.User editor = newUser().withTeam(team, "editor");
        Api.User admin = newUser().withTeam(team, "admin");
        Api.User owner = newUser().withTeam(team, "editor");
        String file = createFileJson(owner,
                "{\"title\": \"Team map\", \"type\": \"canvas\", \"team_id\": \"" + team + "\"}");
        String editors = newFolder(editor, "Editor's", null);
        String admins = newFolder(admin, "Admin's", null);

        assertProblem(api.post(editor, "/api/diagrams/" + file + "/move", "{\"folder_id\": \"" + editors + "\"}"), 403,
                "permission_denied");
        assertThat(read(api.get(editor, "/api/diagrams/" + file), "$.permission").toString()).isEqualTo("edit");
        assertThat(
                api.post(admin, "/api/diagrams/" + file + "/move", "{\"folder_id\": \"" + admins + "\"}").statusCode())
            .isEqualTo(200);
    }

    /**
     * Finding 7: a move names its destination; {@code {}} used to move to the top level
     * silently.
     */
    @Test
    void aMoveMustNameItsDestination() {
        Api.User a = newUser();
        String top = newFolder(a, "Top", null);
        String sub = newFolder(a, "Sub", top);
        String file = createFileJson(a, "{\"title\": \"In sub\", \"type\": \"note\", \"folder_id\": \"" + sub + "\"}");

        HttpResponse<String> noTarget = api.post(a, "/api/diagrams/" + file + "/move", "{}");
        assertProblem(noTarget, 400, "validation_failed");
        assertThat(noTarget.body()).contains("folder_id");
        assertThat((String) read(api.get(a, "/api/diagrams/" + file), "$.folder_id")).isEqualTo(sub);
        HttpResponse<String> noParent = api.post(a, "/api/diagrams/folders/" + sub + "/move", "{}");
        assertProblem(noParent, 400, "validation_failed");
        assertThat(noParent.body()).contains("parent_id");
        assertThat((String) read(api.get(a, "/api/diagrams/folders/" + sub), "$.parent_id")).isEqualTo(top);
        HttpResponse<String> batch = api.post(a, "/api/diagrams/batch",
                "{\"action\": \"move\", \"ids\": [\"" + file + "\"]}");
        assertProblem(batch, 400, "validation_failed");
        assertThat(batch.body()).contains("folder_id");

        assertThat(
                (String) read(api.post(a, "/api/diagrams/" + file + "/move", "{\"folder_id\": null}"), "$.folder_id"))
            .isNull();
        assertThat((String) read(api.post(a, "/api/diagrams/folders/" + sub + "/move", "{\"parent_id\": null}"),
                "$.parent_id"))
            .isNull();
    }

    /** Finding 7: booleans are true or false; yes/1/on used to pass as true. */
    @Test
    void booleanParametersAreStrict() {
        Api.User a = newUser();
        String file = createFile(a, "Flag");
        for (String bad : List.of("yes", "1", "on", "TRUE")) {
            HttpResponse<String> listed = api.get(a, "/api/diagrams?starred=" + bad);
            assertProblem(listed, 400, "invalid_parameter");
            assertThat(listed.body()).contains("starred");
        }
        assertProblem(api.delete(a, "/api/diagrams/" + file + "?permanent=yes"), 400, "invalid_parameter");
        assertThat(api.get(a, "/api/diagrams/" + file).statusCode()).isEqualTo(200);
        assertThat(api.get(a, "/api/diagrams?starred=false").statusCode()).isEqualTo(200);
        assertThat(api.get(a, "/api/diagrams/search?q=flag&starred=true").statusCode()).isEqualTo(200);
        assertProblem(api.get(a, "/api/diagrams/search?q=flag&starred=no"), 400, "invalid_parameter");
    }

    /** Finding 7: sharing with the owner granted nothing and listed a pointless share. */
    @Test
    void nothingIsSharedWithItsOwner() {
        UUID team = newTeam();
        Api.User owner = newUser().withTeam(team, "editor");
        Api.User admin = newUser().withTeam(team, "admin");
        String file = createFileJson(owner,
                "{\"title\": \"Mine\", \"type\": \"canvas\", \"team_id\": \"" + team + "\"}");
        // Sharing with yourself is refused before anything else (the owner is then also
        // yourself).
        assertProblem(
                api.put(owner, "/api/diagrams/" + file + "/shares/users/" + owner.id(), "{\"permission\": \"view\"}"),
                422, "cannot_share_with_yourself");
        assertProblem(
                api.put(admin, "/api/diagrams/" + file + "/shares/users/" + owner.id(), "{\"permission\": \"edit\"}"),
                422, "cannot_share_with_owner");
        String folder = newFolder(owner, "Mine", null);
        assertProblem(api.put(owner, "/api/diagrams/folders/" + folder + "/shares/users/" + owner.id(),
                "{\"permission\": \"edit\"}"), 422, "cannot_share_with_yourself");
        assertThat((Integer) read(api.get(owner, "/api/diagrams/" + file + "/shares"), "$.total")).isZero();
    }

    /**
     * Finding 7: export_count counts renders in the formats export-service makes, nothing
     * else.
     */
    @Test
    void onlyKnownExportFormatsAreCounted() {
        Api.User a = newUser();
        Api.User viewer = newUser();
        String file = createFile(a, "Exported");
        api.put(a, "/api/diagrams/" + file + "/shares/users/" + viewer.id(), "{\"permission\": \"view\"}");

        for (String bad : List.of("exe", "SVG ", "", "svg;drop")) {
            HttpResponse<String> refused = api.post(viewer, "/api/diagrams/" + file + "/exports",
                    "{\"format\": \"" + bad + "\"}");
            assertProblem(refused, 400, "validation_failed");
            assertThat(refused.body()).contains("format");
        }
        assertProblem(api.post(viewer, "/api/diagrams/" + file + "/exports", "{}"), 400, "validation_failed");
        assertThat((Integer) read(api.get(a, "/api/diagrams/" + file), "$.export_count")).isZero();
        // Whoever may see a file may render it, so a viewer's export counts.
        assertThat(api.post(viewer, "/api/diagrams/" + file + "/exports", "{\"format\": \"png\"}").statusCode())
            .isEqualTo(204);
        assertThat((Integer) read(api.get(a, "/api/diagrams/" + file), "$.export_count")).isEqualTo(1);
    }

}
