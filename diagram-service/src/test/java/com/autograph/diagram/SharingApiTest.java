package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what, as users A, B and C (and anonymous link holders) experience it. */
class SharingApiTest extends DiagramApiTestBase {

    @Test
    void userSharesGrantViewThenEdit() {
        Api.User a = newUser();
        Api.User b = newUser();
        String id = createFile(a, "Private plan");

        assertProblem(api.get(b, "/api/diagrams/" + id), 404, "not_found");
        assertProblem(api.patch(b, "/api/diagrams/" + id, "{\"title\": \"Mine\"}", "*"), 404, "not_found");
        assertThat(FileApiTest.ids(api.get(b, "/api/diagrams"))).doesNotContain(id);

        HttpResponse<String> shared = api.put(a, "/api/diagrams/" + id + "/shares/users/" + b.id(),
                "{\"permission\": \"view\"}");
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
        HttpResponse<String> read = api.get(b, "/api/diagrams/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read(read, "$.permission").toString()).isEqualTo("view");
        assertThat(FileApiTest.ids(api.get(b, "/api/diagrams?view=shared"))).containsExactly(id);
        assertProblem(api.patch(b, "/api/diagrams/" + id, "{\"title\": \"Mine\"}", "\"0\""), 403, "permission_denied");
        assertProblem(api.delete(b, "/api/diagrams/" + id), 403, "permission_denied");
        assertThat((Integer) read(api.get(a, "/api/diagrams/" + id), "$.collaborator_count")).isEqualTo(1);

        api.put(a, "/api/diagrams/" + id + "/shares/users/" + b.id(), "{\"permission\": \"edit\"}");
        HttpResponse<String> edited = api.patch(b, "/api/diagrams/" + id, "{\"title\": \"Joint plan\"}", "\"0\"");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(read(edited, "$.updated_by").toString()).isEqualTo(b.id().toString());

        // Editing is not managing: no sharing changes, no permanent delete.
        Api.User c = newUser();
        assertProblem(api.put(b, "/api/diagrams/" + id + "/shares/users/" + c.id(), "{\"permission\": \"view\"}"), 403,
                "permission_denied");
        assertProblem(api.delete(b, "/api/diagrams/" + id + "?permanent=true"), 403, "permission_denied");
        assertProblem(api.get(b, "/api/diagrams/" + id + "/shares"), 403, "permission_denied");
        assertProblem(api.get(c, "/api/diagrams/" + id), 404, "not_found");

        assertThat(api.delete(a, "/api/diagrams/" + id + "/shares/users/" + b.id()).statusCode()).isEqualTo(204);
        assertProblem(api.get(b, "/api/diagrams/" + id), 404, "not_found");
        assertProblem(
                api.put(a, "/api/diagrams/" + id + "/shares/users/" + UUID.randomUUID(), "{\"permission\": \"view\"}"),
                422, "unknown_user");
    }

    @Test
    void teamRolesDecide() {
        UUID team = newTeam();
        Api.User admin = newUser().withTeam(team, "admin");
        Api.User editor = newUser().withTeam(team, "editor");
        Api.User viewer = newUser().withTeam(team, "viewer");
        Api.User outsider = newUser();
        String id = createFileJson(editor,
                "{\"title\": \"Team map\", \"type\": \"canvas\", \"team_id\": \"" + team + "\"}");

        assertThat(read(api.get(viewer, "/api/diagrams/" + id), "$.permission").toString()).isEqualTo("view");
        assertProblem(api.patch(viewer, "/api/diagrams/" + id, "{\"title\": \"x\"}", "\"0\""), 403,
                "permission_denied");
        assertThat(FileApiTest.ids(api.get(viewer, "/api/diagrams?view=team"))).containsExactly(id);
        assertProblem(api.get(outsider, "/api/diagrams/" + id), 404, "not_found");
        assertProblem(
                api.post(viewer, "/api/diagrams",
                        "{\"title\": \"t\", \"type\": \"note\", \"team_id\": \"" + team + "\"}"),
                403, "permission_denied");

        Api.User owner = editor;
        Api.User otherEditor = newUser().withTeam(team, "editor");
        assertThat(api.patch(otherEditor, "/api/diagrams/" + id, "{\"title\": \"Team map 2\"}", "\"0\"").statusCode())
            .isEqualTo(200);
        assertProblem(api.delete(otherEditor, "/api/diagrams/" + id + "?permanent=true"), 403, "permission_denied");
        assertThat(
                api.put(admin, "/api/diagrams/" + id + "/shares/users/" + outsider.id(), "{\"permission\": \"view\"}")
                    .statusCode())
            .isEqualTo(200);
        assertThat(api.get(outsider, "/api/diagrams/" + id).statusCode()).isEqualTo(200);
        assertThat(api.delete(admin, "/api/diagrams/" + id + "?permanent=true").statusCode()).isEqualTo(204);
        assertProblem(api.get(owner, "/api/diagrams/" + id), 404, "not_found");
    }

    @Test
    void linksWorkUntilRevokedOrExpiredAndCountTheirViews() {
        Api.User a = newUser();
        String id = createFile(a, "Linked");
        HttpResponse<String> created = api.post(a, "/api/diagrams/" + id + "/links",
                "{\"permission\": \"view\", \"expires_in_days\": 1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = read(created, "$.token");
        String shareId = read(created, "$.id");
        assertThat(read(created, "$.url").toString()).endsWith("/s/" + token);

        HttpResponse<String> opened = api.get(null, "/api/diagrams/links/" + token);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(read(opened, "$.file.title").toString()).isEqualTo("Linked");
        assertThat(read(opened, "$.file.canvas_data.shapes[0].id").toString()).isEqualTo("api");
        assertThat(read(opened, "$.permission").toString()).isEqualTo("view");
        // A live room ends its holder's socket at this moment, as the link was created.
        assertThat(java.time.Instant.parse(read(opened, "$.expires_at").toString()))
            .isEqualTo(java.time.Instant.parse(read(created, "$.expires_at").toString()));
        api.get(null, "/api/diagrams/links/" + token);
        HttpResponse<String> listed = api.get(a, "/api/diagrams/" + id + "/shares");
        assertThat((Integer) read(listed, "$.items[0].view_count")).isEqualTo(2);
        assertThat((String) read(listed, "$.items[0].last_accessed_at")).isNotNull();
        assertProblem(api.patch(null, "/api/diagrams/links/" + token, "{\"title\": \"x\"}", "*"), 403,
                "permission_denied");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertProblem(api.get(null, "/api/diagrams/links/" + token), 410, "link_expired");

        String second = read(api.post(a, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\"}"), "$.token");
        String secondId = read(api.get(a, "/api/diagrams/" + id + "/shares"), "$.items[1].id");
        assertThat(api.get(null, "/api/diagrams/links/" + second).statusCode()).isEqualTo(200);
        assertThat(api.delete(a, "/api/diagrams/" + id + "/links/" + secondId).statusCode()).isEqualTo(204);
        assertProblem(api.get(null, "/api/diagrams/links/" + second), 410, "link_revoked");
        assertProblem(api.get(null, "/api/diagrams/links/no-such-token"), 404, "link_not_found");
        assertThat(shareId).isNotEqualTo(secondId);
        assertProblem(
                api.post(a, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\", \"expires_in_days\": 3}"),
                422, "invalid_expiry");
    }

    @Test
    void aPasswordLinkNeedsThePasswordAndAnEditLinkEdits() {
        Api.User a = newUser();
        String id = createFile(a, "Secret");
        String token = read(api.post(a, "/api/diagrams/" + id + "/links",
                "{\"permission\": \"edit\", \"password\": \"open sesame\"}"), "$.token");
        assertThat(api.get(a, "/api/diagrams/" + id + "/shares").body()).doesNotContain("open sesame");

        assertProblem(api.get(null, "/api/diagrams/links/" + token), 403, "password_required");
        assertProblem(api.send(null, "GET", "/api/diagrams/links/" + token, null, Map.of("X-Share-Password", "guess")),
                403, "wrong_password");
        HttpResponse<String> opened = api.send(null, "GET", "/api/diagrams/links/" + token, null,
                Map.of("X-Share-Password", "open sesame"));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(read(opened, "$.permission").toString()).isEqualTo("edit");

        HttpResponse<String> edited = api.send(null, "PATCH", "/api/diagrams/links/" + token,
                "{\"note_content\": \"via link\"}", Map.of("X-Share-Password", "open sesame", "If-Match", "\"0\""));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(read(api.get(a, "/api/diagrams/" + id), "$.note_content").toString()).isEqualTo("via link");
        assertProblem(api.send(null, "PATCH", "/api/diagrams/links/" + token, "{\"note_content\": \"stale\"}",
                Map.of("X-Share-Password", "open sesame", "If-Match", "\"0\"")), 412, "precondition_failed");

        // Password-protected links are not embeddable.
        assertProblem(
                api.get(null,
                        "/api/diagrams/oembed?url="
                                + URLEncoder.encode("http://localhost:8080/s/" + token, StandardCharsets.UTF_8)),
                404, "not_found");
    }

    @Test
    void teamOnlyLinksNeedATeamMember() {
        UUID team = newTeam();
        Api.User a = newUser().withTeam(team, "admin");
        Api.User member = newUser().withTeam(team, "viewer");
        Api.User stranger = newUser();
        String id = createFileJson(a, "{\"title\": \"Team only\", \"type\": \"note\", \"team_id\": \"" + team + "\"}");
        String token = read(
                api.post(a, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\", \"team_only\": true}"),
                "$.token");

        assertProblem(api.get(null, "/api/diagrams/links/" + token), 401, "authentication_required");
        assertProblem(api.get(stranger, "/api/diagrams/links/" + token), 403, "team_only_link");
        assertThat(api.get(member, "/api/diagrams/links/" + token).statusCode()).isEqualTo(200);

        String personal = createFile(a, "Personal");
        assertProblem(
                api.post(a, "/api/diagrams/" + personal + "/links", "{\"permission\": \"view\", \"team_only\": true}"),
                422, "file_has_no_team");
    }

    @Test
    void aVersionLinkShowsThatVersionAndPublicLinksHaveOEmbed() {
        Api.User a = newUser();
        String id = createFile(a, "Versioned");
        jdbc.sql(
                """
                        INSERT INTO versions (file_id, version_number, canvas_data, note_content, created_by)
                        VALUES (:file, 1, '{"schema_version": 1, "shapes": [{"id": "old", "type": "rectangle"}]}', 'old note', :user)""")
            .param("file", UUID.fromString(id))
            .param("user", a.id())
            .update();
        assertProblem(
                api.post(a, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\", \"version_number\": 9}"), 422,
                "unknown_version");
        String token = read(
                api.post(a, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\", \"version_number\": 1}"),
                "$.token");
        HttpResponse<String> opened = api.get(null, "/api/diagrams/links/" + token);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat((Integer) read(opened, "$.version_number")).isEqualTo(1);
        assertThat(read(opened, "$.file.canvas_data.shapes[0].id").toString()).isEqualTo("old");
        assertThat(read(opened, "$.file.note_content").toString()).isEqualTo("old note");

        HttpResponse<String> oembed = api.get(null, "/api/diagrams/oembed?maxwidth=400&url="
                + URLEncoder.encode("http://localhost:8080/s/" + token, StandardCharsets.UTF_8));
        assertThat(oembed.statusCode()).as(oembed.body()).isEqualTo(200);
        assertThat(read(oembed, "$.type").toString()).isEqualTo("rich");
        assertThat(read(oembed, "$.title").toString()).isEqualTo("Versioned");
        assertThat((Integer) read(oembed, "$.width")).isEqualTo(400);
        assertThat(read(oembed, "$.html").toString()).contains("/embed/" + token);
    }

}
