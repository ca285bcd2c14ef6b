package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/comments.md: a comment may be deleted by its author, the file's owner or an admin
 * of the file's team; any other member of the team may not, whatever their role.
 */
class TeamCommentModerationApiTest extends DiagramApiTestBase {

    @Test
    void aTeamAdminDeletesAnotherMembersCommentAndOtherMembersCannot() {
        UUID team = newTeam();
        Api.User admin = newUser().withTeam(team, "admin");
        Api.User owner = newUser().withTeam(team, "editor");
        Api.User author = newUser().withTeam(team, "editor");
        Api.User editor = newUser().withTeam(team, "editor");
        Api.User viewer = newUser().withTeam(team, "viewer");
        Api.User outsider = newUser();
        String file = createFileJson(owner,
                "{\"title\": \"Team map\", \"type\": \"canvas\", \"team_id\": \"" + team + "\"}");
        HttpResponse<String> posted = api.post(author, "/api/diagrams/" + file + "/comments",
                "{\"content\": \"Split the ledger?\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String thread = read(posted, "$.id");
        HttpResponse<String> replied = api.post(author, "/api/diagrams/comments/" + thread + "/replies",
                "{\"content\": \"Or shard it.\"}");
        assertThat(replied.statusCode()).as(replied.body()).isEqualTo(201);
        String reply = read(replied, "$.comments[1].id");

        // Members who are neither the author, the owner nor a team admin: 403; outside
        // the team the file does not exist.
        assertProblem(api.delete(editor, "/api/diagrams/comments/" + reply), 403, "permission_denied");
        assertProblem(api.delete(viewer, "/api/diagrams/comments/" + thread), 403, "permission_denied");
        assertProblem(api.delete(outsider, "/api/diagrams/comments/" + thread), 404, "not_found");
        assertThat(api.get(owner, "/api/diagrams/comments/" + reply).statusCode()).isEqualTo(200);

        // The team's admin, who neither wrote it nor owns the file, may.
        assertThat(api.delete(admin, "/api/diagrams/comments/" + reply).statusCode()).isEqualTo(204);
        assertProblem(api.get(owner, "/api/diagrams/comments/" + reply), 404, "not_found");
        assertThat(api.delete(admin, "/api/diagrams/comments/" + thread).statusCode()).isEqualTo(204);
        assertProblem(api.get(owner, "/api/diagrams/comments/" + thread), 404, "not_found");
        assertThat((Integer) read(api.get(owner, "/api/diagrams/" + file), "$.comment_count")).isZero();
    }

}
