package com.autograph.auth.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.auth.AuthApiClient;
import com.autograph.testsupport.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys (shown once, hashed, scoped, revocable) and the admin endpoints, over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeysAndAdministrationTest {

    private static final String PASSWORD = "correct horse battery";

    private static final String ADMIN = "admin-" + UUID.randomUUID() + "@example.com";

    private static String redisPrefix;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        redisPrefix = "test-" + IsolatedInfrastructure.register(registry) + ":";
        registry.add("autograph.auth.admin-emails", () -> ADMIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    AuthApiClient api;

    @BeforeEach
    void client() {
        api = new AuthApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void anApiKeyIsShownOnceStoredHashedAndLimitedToItsScopes() throws Exception {
        String email = "keys-" + UUID.randomUUID() + "@example.com";
        api.register(email, PASSWORD);
        String access = api.tokens(email, PASSWORD)[0];
        Map<String, String> auth = api.signedIn(access);

        HttpResponse<String> created = api.post("/api/auth/api-keys", "{\"name\":\"CI\",\"scopes\":[\"read\"]}", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = JsonPath.read(created.body(), "$.key");
        String prefix = JsonPath.read(created.body(), "$.key_prefix");
        assertThat(key).startsWith(prefix + "_").startsWith("ag_");

        HttpResponse<String> list = api.get("/api/auth/api-keys", access);
        assertThat(JsonPath.<Integer>read(list.body(), "$.total")).isEqualTo(1);
        assertThat(list.body()).contains(prefix).doesNotContain(key);

        // The key's owner, as the gateway signs it after asking auth-service (which also
        // applies the
        // key's scopes: GatewayAuthTest); session endpoints are for people only.
        HttpResponse<String> me = withKey("GET", "/api/auth/me", key);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.email")).isEqualTo(email);

        HttpResponse<String> writeKeyResponse = api.post("/api/auth/api-keys",
                "{\"name\":\"deploy\",\"scopes\":[\"write\"]}", auth);
        String writeKey = JsonPath.read(writeKeyResponse.body(), "$.key");
        assertThat(JsonPath.<String>read(withKey("POST", "/api/auth/logout", writeKey).body(), "$.code"))
            .isEqualTo("session_required");
        assertThat(withKey("GET", "/api/auth/admin/users", writeKey).statusCode()).isEqualTo(403);

        // The gateway's view of a key.
        HttpResponse<String> verified = api.post("/api/auth/api-keys/verify", "{\"key\":\"" + key + "\"}");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(verified.body(), "$.scopes")).containsExactly("read");
        assertThat(JsonPath.<String>read(verified.body(), "$.email")).isEqualTo(email);

        // A signed-in user (any request through the gateway carries a token or a key)
        // learns nothing
        // from it, not even whether the key exists: another user's key would name its
        // owner.
        for (Map<String, String> credentials : List.of(Map.of("Authorization", "Bearer " + access),
                Map.of("X-API-Key", writeKey))) {
            HttpResponse<String> asUser = api.post("/api/auth/api-keys/verify", "{\"key\":\"" + key + "\"}",
                    credentials);
            assertThat(asUser.statusCode()).isEqualTo(404);
            assertThat(JsonPath.<String>read(asUser.body(), "$.code")).isEqualTo("not_found");
            assertThat(asUser.body()).doesNotContain(email).doesNotContain("user_id");
        }

        String id = JsonPath.read(created.body(), "$.id");
        assertThat(api.delete("/api/auth/api-keys/" + id, access).statusCode()).isEqualTo(204);
        // Revoked: the gateway's check refuses it.
        assertThat(api.post("/api/auth/api-keys/verify", "{\"key\":\"" + key + "\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void keysAreValidatedOnCreation() throws Exception {
        String email = "keys-" + UUID.randomUUID() + "@example.com";
        api.register(email, PASSWORD);
        String access = api.tokens(email, PASSWORD)[0];
        Map<String, String> auth = api.signedIn(access);

        assertThat(JsonPath.<String>read(
                api.post("/api/auth/api-keys", "{\"name\":\"x\",\"scopes\":[\"root\"]}", auth).body(), "$.code"))
            .isEqualTo("invalid_scope");
        assertThat(JsonPath.<String>read(
                api.post("/api/auth/api-keys", "{\"name\":\"x\",\"scopes\":[\"admin\"]}", auth).body(), "$.code"))
            .isEqualTo("admin_required");
        assertThat(JsonPath.<String>read(
                api.post("/api/auth/api-keys",
                        "{\"name\":\"x\",\"scopes\":[\"read\"],\"expires_at\":\"2001-01-01T00:00:00Z\"}", auth)
                    .body(),
                "$.code"))
            .isEqualTo("invalid_expiry");

        // Text PostgreSQL cannot store is the client's error, named, and nothing is
        // written.
        HttpResponse<String> nul = api.post("/api/auth/api-keys", "{\"name\":\"deploy\\u0000\",\"scopes\":[\"read\"]}",
                auth);
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(JsonPath.<String>read(nul.body(), "$.code")).isEqualTo("invalid_text");
        assertThat(JsonPath.<String>read(nul.body(), "$.errors[0].field")).isEqualTo("name");
        assertThat(JsonPath.<Integer>read(api.get("/api/auth/api-keys", access).body(), "$.total")).isZero();
        // A name's length is counted in characters: 100 emoji fit.
        HttpResponse<String> emoji = api.post("/api/auth/api-keys",
                "{\"name\":\"" + "🔑".repeat(100) + "\",\"scopes\":[\"read\"]}", auth);
        assertThat(emoji.statusCode()).as(emoji.body()).isEqualTo(201);
    }

    @Test
    void adminsListUsersUnlockChangeRolesDeactivateAndReadTheAuditTrail() throws Exception {
        api.register(ADMIN, PASSWORD);
        String admin = api.tokens(ADMIN, PASSWORD)[0];
        String email = "member-" + UUID.randomUUID() + "@example.com";
        String userId = JsonPath.read(api.register(email, PASSWORD).body(), "$.id");
        String memberAccess = api.tokens(email, PASSWORD)[0];

        assertThat(JsonPath.<String>read(api.get("/api/auth/admin/users", memberAccess).body(), "$.code"))
            .isEqualTo("admin_required");

        HttpResponse<String> users = api.get("/api/auth/admin/users?q=" + email.substring(0, 15) + "&size=5", admin);
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(users.body(), "$.total")).isEqualTo(1);
        assertThat(JsonPath.<String>read(users.body(), "$.items[0].email")).isEqualTo(email);
        assertThat(api.get("/api/auth/admin/users?size=1000", admin).statusCode()).isEqualTo(400);

        for (int i = 0; i < 10; i++) {
            api.login(email, "wrong password here", "10.8.0." + i, false);
        }
        assertThat(api.login(email, PASSWORD, "10.8.1.1", false).statusCode()).isEqualTo(423);
        assertThat(api.postAuthorized("/api/auth/admin/users/" + userId + "/unlock", admin).statusCode())
            .isEqualTo(204);
        assertThat(api.login(email, PASSWORD, "10.8.1.2", false).statusCode()).isEqualTo(200);

        HttpResponse<String> promoted = put("/api/auth/admin/users/" + userId + "/role", "{\"role\":\"viewer\"}",
                admin);
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(promoted.body(), "$.role")).isEqualTo("viewer");
        assertThat(put("/api/auth/admin/users/" + userId + "/role", "{\"role\":\"owner\"}", admin).statusCode())
            .isEqualTo(422);

        assertThat(api.postAuthorized("/api/auth/admin/users/" + userId + "/deactivate", admin).statusCode())
            .isEqualTo(204);
        // Every session ends, so the gateway refuses the member's tokens at once.
        assertThat(redis.hasKey(redisPrefix + "session:" + AuthApiClient.sessionIdOf(memberAccess))).isFalse();
        assertThat(api.login(email, PASSWORD, "10.8.1.3", false).statusCode()).isEqualTo(401);

        HttpResponse<String> trail = api.get("/api/auth/admin/audit?user_id=" + userId + "&size=200", admin);
        assertThat(trail.statusCode()).isEqualTo(200);
        List<String> actions = JsonPath.read(trail.body(), "$.items[*].action");
        assertThat(actions).contains("register", "login", "account_locked", "account_unlocked", "role_change",
                "account_deactivated");
        HttpResponse<String> failures = api
            .get("/api/auth/admin/audit?user_id=" + userId + "&action=login&outcome=failure", admin);
        assertThat(JsonPath.<List<String>>read(failures.body(), "$.items[*].reason")).contains("wrong_password",
                "account_locked");
        assertThat(JsonPath.<List<String>>read(failures.body(), "$.items[*].correlation_id"))
            .allMatch(id -> id != null);
    }

    private HttpResponse<String> withKey(String method, String path, String key) throws Exception {
        return api.send(method, path, null, api.withApiKey(key));
    }

    private HttpResponse<String> put(String path, String json, String access) throws Exception {
        return api.send("PUT", path, json, api.signedIn(access));
    }

}
