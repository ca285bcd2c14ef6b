package com.autograph.auth.team;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.auth.AuthApiClient;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.MutableClock;
import com.autograph.testsupport.MutableClockConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Teams over HTTP against real PostgreSQL and Redis, with invitation mails sent over SMTP
 * to GreenMail and read back: who may do what (and every way around it a member could
 * try), invitations used once, only by the invited address, before they expire, and
 * membership changes reaching the user's live sessions and channel at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "autograph.auth.mail.public-url=https://autograph.example.test",
                "autograph.auth.teams.max-invitations-per-window=6" })
@Import(MutableClockConfiguration.class)
class TeamsTest {

    private static final String PASSWORD = "correct horse battery";

    private static final Pattern LINK = Pattern
        .compile("https://autograph\\.example\\.test(/[a-z-]+)\\?token=([A-Za-z0-9_-]+)");

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeyspace keyspace;

    @Autowired
    JdbcClient jdbc;

    AuthApiClient api;

    RedisMessageListenerContainer listeners;

    @BeforeEach
    void client() {
        api = new AuthApiClient("http://127.0.0.1:" + port, clock);
        listeners = new RedisMessageListenerContainer();
        listeners.setConnectionFactory(redis.getConnectionFactory());
        listeners.afterPropertiesSet();
        listeners.start();
    }

    @AfterEach
    void stopListening() throws Exception {
        listeners.destroy();
    }

    /** A registered, verified account: {id, email, access token}. */
    private record Person(String id, String email, String token) {
    }

    private Person person(String name) throws Exception {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = api.register(email, PASSWORD);
        assertThat(registered.statusCode()).isEqualTo(201);
        String verifyToken = awaitLink(email, "/verify-email");
        assertThat(api.post("/api/auth/verify-email", "{\"token\":\"" + verifyToken + "\"}").statusCode())
            .isEqualTo(200);
        return new Person(JsonPath.read(registered.body(), "$.id"), email, api.tokens(email, PASSWORD)[0]);
    }

    private HttpResponse<String> as(Person who, String method, String path, String body) throws Exception {
        return api.send(method, path, body, api.signedIn(who.token()));
    }

    private String createTeam(Person admin, String name) throws Exception {
        HttpResponse<String> created = as(admin, "POST", "/api/auth/teams", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    /** Invites and returns the token from the mail. */
    private String invite(Person admin, String teamId, String email, String role) throws Exception {
        HttpResponse<String> invited = as(admin, "POST", "/api/auth/teams/" + teamId + "/invitations",
                "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(invited.body()).doesNotContain("token");
        return awaitLink(email, TeamInvitations.LINK_PATH);
    }

    private HttpResponse<String> accept(Person who, String token) throws Exception {
        return as(who, "POST", "/api/auth/invitations/accept", "{\"token\":\"" + token + "\"}");
    }

    private BlockingQueue<String> listen(String userId) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        listeners.addMessageListener((message, pattern) -> events.add(new String(message.getBody())),
                new ChannelTopic(keyspace.userChannel(UUID.fromString(userId))));
        return events;
    }

    /** The team roles the gateway would believe for this token's session, if changed. */
    private String sessionTeams(Person who) {
        Object teams = redis.opsForHash().get(keyspace.sessionKey(AuthApiClient.sessionIdOf(who.token())), "teams");
        return teams == null ? null : teams.toString();
    }

    private static String code(HttpResponse<String> response) {
        return JsonPath.read(response.body(), "$.code");
    }

    @Test
    void aTeamIsCreatedListedRenamedAndDeletedByItsAdminOnly() throws Exception {
        Person admin = person("admin");
        Person outsider = person("outsider");
        String teamId = createTeam(admin, "Platform Team");
        assertThat(sessionTeams(admin)).isEqualTo(teamId + ":admin");

        HttpResponse<String> mine = as(admin, "GET", "/api/auth/teams", null);
        assertThat(JsonPath.<List<String>>read(mine.body(), "$.items[*].id")).containsExactly(teamId);
        assertThat(JsonPath.<String>read(mine.body(), "$.items[0].role")).isEqualTo("admin");
        assertThat(JsonPath.<String>read(mine.body(), "$.items[0].slug")).startsWith("platform-team-");

        // Someone else's team does not exist for them, whatever they try.
        assertThat(as(outsider, "GET", "/api/auth/teams/" + teamId, null).statusCode()).isEqualTo(404);
        assertThat(as(outsider, "PATCH", "/api/auth/teams/" + teamId, "{\"name\":\"Mine now\"}").statusCode())
            .isEqualTo(404);
        assertThat(as(outsider, "DELETE", "/api/auth/teams/" + teamId, null).statusCode()).isEqualTo(404);
        assertThat(
                as(outsider, "PUT", "/api/auth/teams/" + teamId + "/members/" + outsider.id(), "{\"role\":\"admin\"}")
                    .statusCode())
            .isEqualTo(404);
        assertThat(as(outsider, "GET", "/api/auth/teams", null).body()).doesNotContain(teamId);

        assertThat(as(admin, "POST", "/api/auth/teams", "{\"name\":\"" + "x".repeat(101) + "\"}").statusCode())
            .isEqualTo(400);
        assertThat(as(admin, "POST", "/api/auth/teams", "{\"name\":\"  \"}").statusCode()).isEqualTo(400);

        HttpResponse<String> renamed = as(admin, "PATCH", "/api/auth/teams/" + teamId, "{\"name\":\"Core\"}");
        assertThat(JsonPath.<String>read(renamed.body(), "$.name")).isEqualTo("Core");
        assertThat(JsonPath.<String>read(renamed.body(), "$.members[0].user_id")).isEqualTo(admin.id());

        BlockingQueue<String> events = listen(admin.id());
        assertThat(as(admin, "DELETE", "/api/auth/teams/" + teamId, null).statusCode()).isEqualTo(204);
        assertThat(as(admin, "GET", "/api/auth/teams/" + teamId, null).statusCode()).isEqualTo(404);
        assertThat(as(admin, "GET", "/api/auth/teams", null).body()).doesNotContain(teamId);
        assertThat(events.poll(10, TimeUnit.SECONDS)).contains("\"type\":\"team.membership_changed\"")
            .contains("\"role\":null");
        assertThat(sessionTeams(admin)).isEqualTo("none");
        // The next access token carries no deleted team either.
        assertThat(api.tokens(admin.email(), PASSWORD)[0]).isNotNull();
    }

    @Test
    void anInvitationIsAcceptedOnceOnlyByTheInvitedVerifiedAddressBeforeItExpires() throws Exception {
        Person admin = person("inviter");
        Person invitee = person("invitee");
        Person other = person("other");
        String teamId = createTeam(admin, "Design");

        BlockingQueue<String> inviteeEvents = listen(invitee.id());
        String token = invite(admin, teamId, invitee.email().toUpperCase(), "editor");
        String invited = inviteeEvents.poll(10, TimeUnit.SECONDS);
        assertThat(JsonPath.<String>read(invited, "$.type")).isEqualTo("team.invited");
        assertThat(JsonPath.<String>read(invited, "$.team_id")).isEqualTo(teamId);
        assertThat(JsonPath.<String>read(invited, "$.team_name")).isEqualTo("Design");
        assertThat(JsonPath.<String>read(invited, "$.invited_by")).isEqualTo(admin.id());

        HttpResponse<String> pending = as(admin, "GET", "/api/auth/teams/" + teamId + "/invitations", null);
        assertThat(JsonPath.<List<String>>read(pending.body(), "$.items[*].email")).containsExactly(invitee.email());
        // Only admins see or send invitations; the token is for the invited address only.
        assertThat(as(other, "GET", "/api/auth/teams/" + teamId + "/invitations", null).statusCode()).isEqualTo(404);
        HttpResponse<String> wrongPerson = accept(other, token);
        assertThat(wrongPerson.statusCode()).isEqualTo(403);
        assertThat(code(wrongPerson)).isEqualTo("invitation_for_another_email");
        assertThat(code(accept(other, "forged-token"))).isEqualTo("invitation_invalid");

        HttpResponse<String> accepted = accept(invitee, token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(accepted.body(), "$.role")).isEqualTo("editor");
        assertThat(sessionTeams(invitee)).isEqualTo(teamId + ":editor");
        assertThat(JsonPath.<String>read(inviteeEvents.poll(10, TimeUnit.SECONDS), "$.role")).isEqualTo("editor");

        HttpResponse<String> replay = accept(invitee, token);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(code(replay)).isEqualTo("invitation_used");

        // An editor is a member, not an admin: no invitations, no role changes, no
        // removals.
        HttpResponse<String> editorInvites = as(invitee, "POST", "/api/auth/teams/" + teamId + "/invitations",
                "{\"email\":\"" + other.email() + "\",\"role\":\"admin\"}");
        assertThat(editorInvites.statusCode()).isEqualTo(403);
        assertThat(code(editorInvites)).isEqualTo("team_admin_required");
        assertThat(as(invitee, "PUT", "/api/auth/teams/" + teamId + "/members/" + invitee.id(), "{\"role\":\"admin\"}")
            .statusCode()).isEqualTo(403);
        assertThat(as(invitee, "DELETE", "/api/auth/teams/" + teamId + "/members/" + admin.id(), null).statusCode())
            .isEqualTo(403);
        assertThat(as(invitee, "DELETE", "/api/auth/teams/" + teamId, null).statusCode()).isEqualTo(403);

        String late = invite(admin, teamId, other.email(), "viewer");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        HttpResponse<String> expired = accept(other, late);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(code(expired)).isEqualTo("invitation_expired");

        String revokedToken = invite(admin, teamId, other.email(), "viewer");
        String invitationId = JsonPath.read(as(admin, "GET", "/api/auth/teams/" + teamId + "/invitations", null).body(),
                "$.items[0].id");
        assertThat(as(admin, "DELETE", "/api/auth/teams/" + teamId + "/invitations/" + invitationId, null).statusCode())
            .isEqualTo(204);
        assertThat(code(accept(other, revokedToken))).isEqualTo("invitation_revoked");

        assertThat(code(as(admin, "POST", "/api/auth/teams/" + teamId + "/invitations",
                "{\"email\":\"" + invitee.email() + "\",\"role\":\"viewer\"}")))
            .isEqualTo("already_member");
        assertThat(as(admin, "POST", "/api/auth/teams/" + teamId + "/invitations",
                "{\"email\":\"not-an-address\",\"role\":\"viewer\"}")
            .statusCode()).isEqualTo(422);
        assertThat(as(admin, "POST", "/api/auth/teams/" + teamId + "/invitations",
                "{\"email\":\"" + other.email() + "\",\"role\":\"owner\"}")
            .statusCode()).isEqualTo(400);
    }

    @Test
    void someoneWithoutAnAccountRegistersFromTheLinkAndJoinsOnceVerified() throws Exception {
        Person admin = person("host");
        String teamId = createTeam(admin, "Newcomers");
        String email = "newcomer-" + UUID.randomUUID() + "@example.com";
        String token = invite(admin, teamId, email, "viewer");

        HttpResponse<String> wrongAddress = api.post("/api/auth/register",
                "{\"email\":\"someone-else-" + UUID.randomUUID() + "@example.com\",\"password\":\"" + PASSWORD
                        + "\",\"full_name\":\"Someone\",\"invitation_token\":\"" + token + "\"}");
        assertThat(code(wrongAddress)).isEqualTo("invitation_for_another_email");

        HttpResponse<String> registered = api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\""
                + PASSWORD + "\",\"full_name\":\"Newcomer\",\"invitation_token\":\"" + token + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String userId = JsonPath.read(registered.body(), "$.id");
        String unverified = api.tokens(email, PASSWORD)[0];
        assertThat(api.get("/api/auth/teams", unverified).body()).doesNotContain(teamId);

        String verifyToken = awaitLink(email, "/verify-email");
        assertThat(api.post("/api/auth/verify-email", "{\"token\":\"" + verifyToken + "\"}").statusCode())
            .isEqualTo(200);
        HttpResponse<String> teams = api.get("/api/auth/teams", unverified);
        assertThat(JsonPath.<List<String>>read(teams.body(), "$.items[*].id")).containsExactly(teamId);
        assertThat(JsonPath.<String>read(teams.body(), "$.items[0].role")).isEqualTo("viewer");
        HttpResponse<String> members = as(admin, "GET", "/api/auth/teams/" + teamId, null);
        assertThat(JsonPath.<List<String>>read(members.body(), "$.members[*].user_id")).contains(userId);
        assertThat(code(
                api.post("/api/auth/invitations/accept", "{\"token\":\"" + token + "\"}", api.signedIn(unverified))))
            .isEqualTo("invitation_used");
    }

    @Test
    void roleChangesAndRemovalsReachTheMembersSessionsAtOnceAndTheLastAdminStays() throws Exception {
        Person admin = person("lead");
        Person member = person("member");
        String teamId = createTeam(admin, "Ops");
        assertThat(accept(member, invite(admin, teamId, member.email(), "editor")).statusCode()).isEqualTo(200);

        HttpResponse<String> demoteSelf = as(admin, "PUT", "/api/auth/teams/" + teamId + "/members/" + admin.id(),
                "{\"role\":\"viewer\"}");
        assertThat(demoteSelf.statusCode()).isEqualTo(409);
        assertThat(code(demoteSelf)).isEqualTo("last_admin");
        assertThat((String) JsonPath.read(demoteSelf.body(), "$.detail")).contains("last admin");
        assertThat(code(as(admin, "POST", "/api/auth/teams/" + teamId + "/leave", null))).isEqualTo("last_admin");
        assertThat(code(as(admin, "DELETE", "/api/auth/teams/" + teamId + "/members/" + admin.id(), null)))
            .isEqualTo("last_admin");

        BlockingQueue<String> events = listen(member.id());
        HttpResponse<String> changed = as(admin, "PUT", "/api/auth/teams/" + teamId + "/members/" + member.id(),
                "{\"role\":\"viewer\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(changed.body(), "$.role")).isEqualTo("viewer");
        assertThat(sessionTeams(member)).isEqualTo(teamId + ":viewer");
        String event = events.poll(10, TimeUnit.SECONDS);
        assertThat(JsonPath.<String>read(event, "$.type")).isEqualTo("team.membership_changed");
        assertThat(JsonPath.<String>read(event, "$.role")).isEqualTo("viewer");
        assertThat(JsonPath.<String>read(event, "$.user_id")).isEqualTo(member.id());

        // Ids of another team or of a non-member get nowhere.
        String otherTeam = createTeam(member, "Member's own");
        assertThat(as(admin, "PUT", "/api/auth/teams/" + otherTeam + "/members/" + member.id(), "{\"role\":\"viewer\"}")
            .statusCode()).isEqualTo(404);
        assertThat(
                as(admin, "PUT", "/api/auth/teams/" + teamId + "/members/" + UUID.randomUUID(), "{\"role\":\"viewer\"}")
                    .statusCode())
            .isEqualTo(404);

        // With a second admin, the first may leave.
        as(admin, "PUT", "/api/auth/teams/" + teamId + "/members/" + member.id(), "{\"role\":\"admin\"}");
        assertThat(as(admin, "DELETE", "/api/auth/teams/" + teamId + "/members/" + member.id(), null).statusCode())
            .isEqualTo(204);
        assertThat(sessionTeams(member)).isEqualTo(otherTeam + ":admin");
        assertThat(as(member, "GET", "/api/auth/teams/" + teamId, null).statusCode()).isEqualTo(404);
        assertThat(as(admin, "POST", "/api/auth/teams/" + teamId + "/leave", null).statusCode()).isEqualTo(409);
    }

    @Test
    void oneUserCannotSendInvitationsWithoutEnd() throws Exception {
        Person admin = person("spammer");
        String teamId = createTeam(admin, "Spam");
        int answered429 = 0;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> invited = as(admin, "POST", "/api/auth/teams/" + teamId + "/invitations",
                    "{\"email\":\"target-" + i + "-" + UUID.randomUUID() + "@example.com\",\"role\":\"viewer\"}");
            if (invited.statusCode() == 429) {
                answered429++;
                assertThat(code(invited)).isEqualTo("invitation_rate_limited");
            }
        }
        assertThat(answered429).isEqualTo(2);
    }

    @Test
    void peopleLookupFindsOnlyTeammatesAndPeopleFilesWereSharedWith() throws Exception {
        Person me = person("finder");
        Person teammate = person("teammate");
        Person sharer = person("sharer");
        Person stranger = person("stranger");
        String teamId = createTeam(me, "Lookup");
        accept(teammate, invite(me, teamId, teammate.email(), "viewer"));
        // diagram-service's rows: a file of the sharer's, shared with me.
        UUID fileId = jdbc.sql("INSERT INTO files (owner_id, title) VALUES (:owner, 'Shared') RETURNING id")
            .param("owner", UUID.fromString(sharer.id()))
            .query(UUID.class)
            .single();
        jdbc.sql("INSERT INTO shares (file_id, shared_by, shared_with_user_id) VALUES (:file, :by, :with)")
            .param("file", fileId)
            .param("by", UUID.fromString(sharer.id()))
            .param("with", UUID.fromString(me.id()))
            .update();

        // Everyone is called "Test User": by name, only the related come back.
        HttpResponse<String> byName = as(me, "GET", "/api/auth/people?q=TES", null);
        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(byName.body(), "$.items[*].id")).containsExactlyInAnyOrder(teammate.id(),
                sharer.id());
        assertThat(JsonPath.<List<String>>read(as(me, "GET", "/api/auth/people?q=user", null).body(), "$.items[*].id"))
            .hasSize(2);
        assertThat(JsonPath.<List<String>>read(as(me, "GET", "/api/auth/people?q=sharer-", null).body(),
                "$.items[*].email"))
            .containsExactly(sharer.email());
        assertThat(as(me, "GET", "/api/auth/people?q=" + stranger.email(), null).body()).doesNotContain(stranger.id());
        // The sharer finds me back, the stranger finds nobody, wildcards are text.
        assertThat(as(sharer, "GET", "/api/auth/people?q=finder", null).body()).contains(me.id());
        assertThat(JsonPath.<List<String>>read(as(stranger, "GET", "/api/auth/people?q=test", null).body(), "$.items"))
            .isEmpty();
        assertThat(JsonPath.<List<String>>read(as(me, "GET", "/api/auth/people?q=%25%25", null).body(), "$.items"))
            .isEmpty();

        assertThat(code(as(me, "GET", "/api/auth/people?q=t", null))).isEqualTo("query_too_short");
        assertThat(code(as(me, "GET", "/api/auth/people?q=" + "a".repeat(101), null))).isEqualTo("query_too_long");
        // The stranger looked up once above: 60 a minute, so the last of these 61 is
        // refused.
        int limited = 0;
        for (int i = 0; i < 61; i++) {
            if (as(stranger, "GET", "/api/auth/people?q=ab", null).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(2);
    }

    /**
     * Waits for the newest mail to the address with a link to {@code path}; its token.
     */
    private static String awaitLink(String email, String path) {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            found[0] = null;
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(email)) {
                    Matcher m = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
                    if (m.find() && m.group(1).equals(path)) {
                        found[0] = m.group(2);
                    }
                }
            }
            assertThat(found[0]).as("a mail with a %s link to %s", path, email).isNotNull();
        });
        return found[0];
    }

}
