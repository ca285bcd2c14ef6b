package com.autograph.platform.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.autograph.platform.e2e.GatewayClient.PASSWORD;
import static com.autograph.platform.e2e.GatewayClient.code;
import static com.autograph.platform.e2e.GatewayClient.uniqueEmail;
import static com.autograph.platform.e2e.RoomSocket.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A team as three people meet it through the gateway, with auth-service, diagram-service,
 * real PostgreSQL and Redis, and the invitation read from GreenMail: create a team,
 * invite by e-mail, accept, see and edit the team's files, a role change and a removal
 * enforced at the very next request — with the access tokens issued before the change,
 * which still name the old roles. On the team's file: a thread on a shape mentioning a
 * member reaches them in the app and by mail, and a member demoted to viewer may still
 * comment but no longer edit, and their open collaboration socket on it ends at once each
 * time (reconnected as a viewer, then refused). A team folder and the file in it reach
 * members only. Files handed over to the team and to a member.
 */
class TeamsThroughGatewayTest {

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static RunningPlatform platform;

    private static GatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        smtp.start();
        platform = RunningPlatform.start(List.of("auth-service", "diagram-service", "collaboration-service"), "4",
                Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()),
                        "NOTIFICATION_MAIL_INTERVAL", "500ms"));
        client = new GatewayClient(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    private record Person(String id, String email, String access) {
    }

    /** Registered, verified from the mailed link, signed in. */
    private static Person person(String tag) throws Exception {
        String email = uniqueEmail(tag);
        String id = client.register(email);
        String token = GatewayClient.awaitLink(smtp, email, "verify-email", 1);
        assertThat(client.post("/api/auth/verify-email", "{\"token\":\"" + token + "\"}").statusCode()).isEqualTo(200);
        return new Person(id, email, client.loginTokens(email, PASSWORD, "127.0.0.1").access());
    }

    @Test
    void aTeamInvitesByMailAndItsRolesApplyAtTheNextRequest() throws Exception {
        Person alice = person("alice");
        Person bob = person("bob");
        Person carol = person("carol");

        HttpResponse<String> team = client.as(alice.access(), "POST", "/api/auth/teams", "{\"name\":\"Architecture\"}");
        assertThat(team.statusCode()).as(team.body()).isEqualTo(201);
        String teamId = JsonPath.read(team.body(), "$.id");
        // Alice's token predates the team; her session already knows she is its admin.
        HttpResponse<String> created = client
            .as(alice.access(), "POST", "/api/diagrams", "{\"title\":\"Service map\",\"type\":\"canvas\",\"team_id\":\""
                    + teamId + "\","
                    + " \"canvas_data\": {\"schema_version\": 1, \"shapes\": [{\"id\": \"ledger\", \"type\": \"rectangle\","
                    + " \"x\": 0, \"y\": 0, \"width\": 120, \"height\": 60, \"text\": \"Ledger\"}]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String fileId = JsonPath.read(created.body(), "$.id");
        HttpResponse<String> link = client.as(alice.access(), "POST", "/api/diagrams/" + fileId + "/links",
                "{\"permission\":\"view\",\"team_only\":true}");
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        String linkToken = JsonPath.read(link.body(), "$.token");

        assertThat(client.get(bob.access(), "/api/diagrams/" + fileId).statusCode()).isEqualTo(404);
        HttpResponse<String> invited = client.as(alice.access(), "POST", "/api/auth/teams/" + teamId + "/invitations",
                "{\"email\":\"" + bob.email() + "\",\"role\":\"editor\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        String invitation = GatewayClient.awaitLink(smtp, bob.email(), "join-team", 1);

        HttpResponse<String> stolen = client.as(carol.access(), "POST", "/api/auth/invitations/accept",
                "{\"token\":\"" + invitation + "\"}");
        assertThat(stolen.statusCode()).isEqualTo(403);
        assertThat(code(stolen)).isEqualTo("invitation_for_another_email");
        HttpResponse<String> accepted = client.as(bob.access(), "POST", "/api/auth/invitations/accept",
                "{\"token\":\"" + invitation + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(code(
                client.as(bob.access(), "POST", "/api/auth/invitations/accept", "{\"token\":\"" + invitation + "\"}")))
            .isEqualTo("invitation_used");

        // Bob sees and edits the team's file, and opens its team-only link; Carol does
        // not.
        HttpResponse<String> teamFiles = client.get(bob.access(), "/api/diagrams?view=team");
        assertThat(JsonPath.<List<String>>read(teamFiles.body(), "$.items[*].id")).containsExactly(fileId);
        HttpResponse<String> edited = client.send("PATCH", "/api/diagrams/" + fileId, "{\"title\":\"Service map v2\"}",
                Map.of("Authorization", "Bearer " + bob.access(), "If-Match", "*"));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(client.get(bob.access(), "/api/diagrams/links/" + linkToken).statusCode()).isEqualTo(200);
        assertThat(client.get(carol.access(), "/api/diagrams/" + fileId).statusCode()).isEqualTo(404);
        assertThat(code(client.get(carol.access(), "/api/diagrams/links/" + linkToken))).isEqualTo("team_only_link");

        // A team folder and a file put in it (not itself a team file: it reaches the
        // members
        // through its folder): members find both, to others neither exists.
        HttpResponse<String> folder = client.as(alice.access(), "POST", "/api/diagrams/folders",
                "{\"name\":\"Designs\",\"team_id\":\"" + teamId + "\"}");
        assertThat(folder.statusCode()).as(folder.body()).isEqualTo(201);
        String folderId = JsonPath.read(folder.body(), "$.id");
        HttpResponse<String> inFolder = client.as(alice.access(), "POST", "/api/diagrams",
                "{\"title\":\"Payments flow\",\"type\":\"canvas\",\"folder_id\":\"" + folderId + "\"}");
        assertThat(inFolder.statusCode()).as(inFolder.body()).isEqualTo(201);
        String inFolderId = JsonPath.read(inFolder.body(), "$.id");
        assertThat(JsonPath.<List<String>>read(
                client.get(bob.access(), "/api/diagrams/folders/tree?team_id=" + teamId).body(), "$.items[*].id"))
            .containsExactly(folderId);
        assertThat(JsonPath.<List<String>>read(client.get(bob.access(), "/api/diagrams?folder_id=" + folderId).body(),
                "$.items[*].id"))
            .containsExactly(inFolderId);
        assertThat(client.get(bob.access(), "/api/diagrams/" + inFolderId).statusCode()).isEqualTo(200);
        assertThat(client.get(carol.access(), "/api/diagrams/folders/" + folderId).statusCode()).isEqualTo(404);
        assertThat(client.get(carol.access(), "/api/diagrams/" + inFolderId).statusCode()).isEqualTo(404);
        assertThat(client.get(carol.access(), "/api/diagrams/folders/tree?team_id=" + teamId).statusCode())
            .isEqualTo(404);
        assertThat(JsonPath.<List<String>>read(client.get(carol.access(), "/api/diagrams?view=all").body(),
                "$.items[*].id"))
            .doesNotContain(inFolderId, fileId);
        // A thread on a shape of the team's file mentioning Bob, whom the team lets see
        // it: he hears of it in the app and by mail.
        HttpResponse<String> thread = client.as(alice.access(), "POST", "/api/diagrams/" + fileId + "/comments",
                "{\"content\": \"Who owns the ledger?\", \"anchor\": {\"kind\": \"shape\", \"shape_id\": \"ledger\"},"
                        + " \"mentions\": [\"" + bob.email() + "\"]}");
        assertThat(thread.statusCode()).as(thread.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(JsonPath.<List<String>>read(
                    client.get(bob.access(), "/api/diagrams/notifications?unread=true").body(), "$.items[*].type"))
                .contains("mention"));
        await().atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(Arrays.stream(smtp.getReceivedMessages()).anyMatch(message -> {
                try {
                    return message.getAllRecipients()[0].toString().equals(bob.email())
                            && message.getSubject().contains("mentioned");
                }
                catch (jakarta.mail.MessagingException ex) {
                    return false;
                }
            })).isTrue());

        // Alice hands her own runbook to the team: Bob reaches it through the team.
        String runbook = JsonPath.read(
                client.as(alice.access(), "POST", "/api/diagrams", "{\"title\":\"Runbook\",\"type\":\"note\"}").body(),
                "$.id");
        assertThat(client.get(bob.access(), "/api/diagrams/" + runbook).statusCode()).isEqualTo(404);
        HttpResponse<String> toTeam = client.as(alice.access(), "POST", "/api/diagrams/" + runbook + "/transfer",
                "{\"to_team\":\"" + teamId + "\"}");
        assertThat(toTeam.statusCode()).as(toTeam.body()).isEqualTo(200);
        assertThat(client.get(bob.access(), "/api/diagrams/" + runbook).statusCode()).isEqualTo(200);
        // Carol cannot put her file into a team she is not in; Bob, an editor, cannot
        // take
        // the team's file for himself.
        String carols = JsonPath.read(
                client.as(carol.access(), "POST", "/api/diagrams", "{\"title\":\"Carol's\",\"type\":\"note\"}").body(),
                "$.id");
        assertThat(client
            .as(carol.access(), "POST", "/api/diagrams/" + carols + "/transfer", "{\"to_team\":\"" + teamId + "\"}")
            .statusCode()).isEqualTo(403);
        assertThat(client
            .as(bob.access(), "POST", "/api/diagrams/" + fileId + "/transfer", "{\"to_user\":\"" + bob.email() + "\"}")
            .statusCode()).isEqualTo(403);
        // To a person, by e-mail address: only once they can see the file.
        String notes = JsonPath.read(
                client.as(alice.access(), "POST", "/api/diagrams", "{\"title\":\"Notes\",\"type\":\"note\"}").body(),
                "$.id");
        assertThat(code(client.as(alice.access(), "POST", "/api/diagrams/" + notes + "/transfer",
                "{\"to_user\":\"" + bob.email() + "\"}")))
            .isEqualTo("recipient_without_access");
        assertThat(client
            .as(alice.access(), "PUT", "/api/diagrams/" + notes + "/shares/users/" + bob.id(),
                    "{\"permission\":\"view\"}")
            .statusCode()).isEqualTo(200);
        HttpResponse<String> toBob = client.as(alice.access(), "POST", "/api/diagrams/" + notes + "/transfer",
                "{\"to_user\":\"" + bob.email() + "\", \"previous_owner_access\":\"view\"}");
        assertThat(toBob.statusCode()).as(toBob.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(client.get(bob.access(), "/api/diagrams/" + notes).body(), "$.permission"))
            .isEqualTo("manage");
        assertThat(JsonPath.<String>read(client.get(alice.access(), "/api/diagrams/" + notes).body(), "$.permission"))
            .isEqualTo("view");

        // Bob finds Alice to mention or share with; Carol finds nobody.
        assertThat(client.get(bob.access(), "/api/auth/people?q=alice").body()).contains(alice.id());
        assertThat(client.get(carol.access(), "/api/auth/people?q=alice").body()).doesNotContain(alice.id());

        // Bob and Alice edit the team's file live.
        RoomSocket bobs = RoomSocket.open(platform, "/ws/files/" + fileId, GatewayClient.bearer(bob.access()));
        assertThat(field(bobs.awaitType("welcome"), "$.you.permission")).isEqualTo("edit");
        RoomSocket alices = RoomSocket.open(platform, "/ws/files/" + fileId + "?access_token=" + alice.access(),
                Map.of());
        bobs.send("{\"type\": \"op\", \"op_id\": \"b1\", \"ops\": [{\"op\": \"update\", \"id\": \"ledger\","
                + " \"set\": {\"x\": 40}}]}");
        alices.await(m -> "op".equals(field(m, "$.type")) && "b1".equals(field(m, "$.op_id")));

        // Demoted to viewer: the next edit is refused, reading still works.
        HttpResponse<String> demoted = client.as(alice.access(), "PUT",
                "/api/auth/teams/" + teamId + "/members/" + bob.id(), "{\"role\":\"viewer\"}");
        assertThat(demoted.statusCode()).as(demoted.body()).isEqualTo(200);
        // Bob's socket, opened as an editor, ends at once; the same token reconnects him
        // as a viewer, whose edits are refused. Alice's socket stays.
        bobs.awaitError("identity_changed");
        assertThat(bobs.awaitClose()).isEqualTo(4401);
        RoomSocket bobViewing = RoomSocket.open(platform, "/ws/files/" + fileId, GatewayClient.bearer(bob.access()));
        assertThat(field(bobViewing.awaitType("welcome"), "$.you.permission")).isEqualTo("view");
        bobViewing.send("{\"type\": \"op\", \"op_id\": \"b2\", \"ops\": [{\"op\": \"update\", \"id\": \"ledger\","
                + " \"set\": {\"x\": 80}}]}");
        assertThat(field(bobViewing.awaitError("read_only"), "$.op_id")).isEqualTo("b2");
        alices.send("{\"type\": \"ping\"}");
        alices.awaitType("pong");
        assertThat(alices.closeCode).isZero();
        HttpResponse<String> refused = client.send("PATCH", "/api/diagrams/" + fileId, "{\"title\":\"Bob's map\"}",
                Map.of("Authorization", "Bearer " + bob.access(), "If-Match", "*"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(client.get(bob.access(), "/api/diagrams/" + fileId).statusCode()).isEqualTo(200);
        // A viewer may still take part in the discussion (docs/comments.md).
        assertThat(client
            .as(bob.access(), "POST", "/api/diagrams/" + fileId + "/comments",
                    "{\"content\": \"The payments team does.\"}")
            .statusCode()).isEqualTo(201);
        // A viewer cannot promote themselves, and the last admin cannot step down.
        assertThat(client
            .as(bob.access(), "PUT", "/api/auth/teams/" + teamId + "/members/" + bob.id(), "{\"role\":\"admin\"}")
            .statusCode()).isEqualTo(403);
        assertThat(code(client.as(alice.access(), "POST", "/api/auth/teams/" + teamId + "/leave", null)))
            .isEqualTo("last_admin");

        // Removed: the team's file and its team-only link are gone for Bob at once.
        assertThat(client.as(alice.access(), "DELETE", "/api/auth/teams/" + teamId + "/members/" + bob.id(), null)
            .statusCode()).isEqualTo(204);
        assertThat(client.get(bob.access(), "/api/diagrams/" + fileId).statusCode()).isEqualTo(404);
        bobViewing.awaitError("access_revoked");
        assertThat(bobViewing.awaitClose()).isEqualTo(4403);
        assertThat(RoomSocket.refusal(platform, "/ws/files/" + fileId, GatewayClient.bearer(bob.access())))
            .isEqualTo("not_found 4404");
        alices.send("{\"type\": \"op\", \"op_id\": \"a1\", \"ops\": [{\"op\": \"update\", \"id\": \"ledger\","
                + " \"set\": {\"x\": 0}}]}");
        alices.await(m -> "op".equals(field(m, "$.type")) && "a1".equals(field(m, "$.op_id")));
        assertThat(alices.closeCode).isZero();
        alices.close();
        assertThat(client.get(bob.access(), "/api/diagrams/" + fileId + "/comments").statusCode()).isEqualTo(404);
        assertThat(client.get(bob.access(), "/api/diagrams/" + runbook).statusCode()).isEqualTo(404);
        assertThat(JsonPath.<List<String>>read(client.get(bob.access(), "/api/diagrams?view=team").body(), "$.items"))
            .isEmpty();
        assertThat(code(client.get(bob.access(), "/api/diagrams/links/" + linkToken))).isEqualTo("team_only_link");
        assertThat(client.get(alice.access(), "/api/diagrams/" + fileId).statusCode()).isEqualTo(200);

        // Deleting the team: the file stays with Alice, who created it.
        assertThat(client.as(alice.access(), "DELETE", "/api/auth/teams/" + teamId, null).statusCode()).isEqualTo(204);
        assertThat(client.get(alice.access(), "/api/diagrams/" + fileId).statusCode()).isEqualTo(200);
        assertThat(client.get(alice.access(), "/api/auth/teams").body()).doesNotContain(teamId);
    }

}
