package com.autograph.platform.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.autograph.platform.e2e.GatewayClient.PASSWORD;
import static com.autograph.platform.e2e.GatewayClient.claims;
import static com.autograph.platform.e2e.GatewayClient.code;
import static com.autograph.platform.e2e.GatewayClient.totp;
import static com.autograph.platform.e2e.GatewayClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Accounts, tokens, sessions, MFA, API keys, administration and the audit trail as a
 * client meets them through the gateway, against the packaged gateway and auth-service
 * with real PostgreSQL, Redis and SMTP (GreenMail in this JVM). BCrypt runs at its lowest
 * cost here: these tests are about behaviour; TimingAndVerifiedEmailThroughGatewayTest
 * runs the production cost.
 */
class AccountsThroughGatewayTest {

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static final String ADMIN_EMAIL = uniqueEmail("admin");

    private static RunningPlatform platform;

    private static GatewayClient client;

    private static String adminId;

    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        smtp.start();
        platform = RunningPlatform.start(List.of("auth-service"), "4",
                Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()),
                        "ADMIN_EMAILS", ADMIN_EMAIL,
                        // The test client plays several client addresses through
                        // X-Forwarded-For.
                        "TRUSTED_PROXIES", "127.0.0.1/32"));
        client = new GatewayClient(platform);
        adminId = client.register(ADMIN_EMAIL);
        admin = client.loginTokens(ADMIN_EMAIL, PASSWORD, "192.0.2.1").access();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    // Accounts

    @Test
    void registrationNormalisesTheEmailAndRefusesDuplicatesInAnyLetterCase() throws Exception {
        String local = "Mixed.Case-" + UUID.randomUUID();
        HttpResponse<String> created = client.post("/api/auth/register", "{\"email\":\"  " + local
                + "@Example.COM \",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Mixed Case\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String email = (local + "@example.com").toLowerCase();
        assertThat(JsonPath.<String>read(created.body(), "$.email")).isEqualTo(email);
        assertThat(JsonPath.<Map<String, Object>>read(created.body(), "$").keySet()).containsExactlyInAnyOrder("id",
                "email", "full_name", "role", "is_verified", "mfa_enabled", "created_at", "last_login_at");
        assertThat(JsonPath.<String>read(created.body(), "$.role")).isEqualTo("editor");
        assertThat(JsonPath.<Boolean>read(created.body(), "$.is_verified")).isFalse();

        HttpResponse<String> duplicate = client.post("/api/auth/register", "{\"email\":\"" + email.toUpperCase()
                + "\",\"password\":\"another long passphrase\",\"full_name\":\"Someone Else\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(code(duplicate)).isEqualTo("email_taken");
        // Nothing about the existing account: no id, name or dates.
        assertThat(duplicate.body()).doesNotContain(JsonPath.<String>read(created.body(), "$.id"), "Mixed Case");

        // Logging in works with any letter case, since the address is stored normalised.
        client.loginTokens(email.toUpperCase(), PASSWORD, "192.0.2.10");
        assertThat(usersMatching(local)).isEqualTo(1);
    }

    @Test
    void registrationRefusesBadAddressesAndWeakPasswordsNamingTheRule() throws Exception {
        String email = uniqueEmail("weak");
        HttpResponse<String> badEmail = client.post("/api/auth/register",
                "{\"email\":\"no-at-sign.example.com\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"X\"}");
        assertThat(badEmail.statusCode()).isEqualTo(422);
        assertThat(code(badEmail)).isEqualTo("invalid_email");
        assertThat(JsonPath.<String>read(badEmail.body(), "$.detail")).contains("email");

        for (String weak : List.of("short pass", "aaaaaaaaaaaaaaaa", email)) {
            HttpResponse<String> refused = client.post("/api/auth/register",
                    "{\"email\":\"" + email + "\",\"password\":\"" + weak + "\",\"full_name\":\"X\"}");
            assertThat(refused.statusCode()).as(weak).isEqualTo(422);
            assertThat(code(refused)).isEqualTo("weak_password");
            assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("at least 12 characters",
                    "not a single repeated character", "not the e-mail address");
        }
        // 73 bytes: BCrypt would silently ignore the end.
        HttpResponse<String> tooLong = client.post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + "x1".repeat(36) + "y\",\"full_name\":\"X\"}");
        assertThat(code(tooLong)).isEqualTo("weak_password");
        assertThat(JsonPath.<String>read(tooLong.body(), "$.detail")).contains("at most 72 bytes");

        assertThat(usersMatching(email)).isZero();
        assertThat(GatewayClient.links(smtp, email, "verify-email")).isEmpty();
    }

    // Bad input

    @Test
    void badInputIs400NamingTheFieldAndWritesNothing() throws Exception {
        String email = uniqueEmail("bad-input");
        HttpResponse<String> malformed = client.post("/api/auth/register", "{\"email\":\"" + email + "\",");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(code(malformed)).isEqualTo("malformed_body");
        assertProblem(malformed);

        HttpResponse<String> missing = client.post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(code(missing)).isEqualTo("validation_failed");
        assertThat(JsonPath.<List<String>>read(missing.body(), "$.errors[*].field")).containsExactly("full_name");

        HttpResponse<String> tooLong = client.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\""
                + PASSWORD + "\",\"full_name\":\"" + "n".repeat(201) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(tooLong.body(), "$.errors[*].field")).containsExactly("full_name");

        HttpResponse<String> wrongType = client.post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":{\"first\":\"N\"}}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertProblem(wrongType);
        assertThat(JsonPath.<List<String>>read(wrongType.body(), "$.errors[*].field")).containsExactly("full_name");

        HttpResponse<String> notJson = client.send("POST", "/api/auth/register", "email=" + email,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertProblem(notJson);

        assertThat(usersMatching(email)).isZero();
        assertThat(GatewayClient.links(smtp, email, "verify-email")).isEmpty();

        HttpResponse<String> wrongLoginType = client.post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"remember_me\":\"often\"}");
        assertThat(wrongLoginType.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(wrongLoginType.body(), "$.errors[*].field"))
            .containsExactly("remember_me");

        HttpResponse<String> pageTooBig = client.get(admin, "/api/auth/admin/users?size=1000");
        assertThat(pageTooBig.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(pageTooBig.body(), "$.errors[*].field")).containsExactly("size");
        HttpResponse<String> notAnId = client.get(admin, "/api/auth/admin/audit?user_id=not-a-uuid");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertProblem(notAnId);
        assertThat(JsonPath.<String>read(notAnId.body(), "$.detail")).contains("user_id");
    }

    @Test
    void badApiKeyRequestsNameTheFieldAndCreateNoKey() throws Exception {
        String email = uniqueEmail("bad-key");
        client.register(email);
        String access = client.loginTokens(email, PASSWORD, "192.0.2.20").access();

        HttpResponse<String> scopesNotAList = client.as(access, "POST", "/api/auth/api-keys",
                "{\"name\":\"ci\",\"scopes\":\"read\"}");
        assertThat(scopesNotAList.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(scopesNotAList.body(), "$.errors[*].field")).containsExactly("scopes");

        HttpResponse<String> badDate = client.as(access, "POST", "/api/auth/api-keys",
                "{\"name\":\"ci\",\"scopes\":[\"read\"],\"expires_at\":\"tomorrow\"}");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(badDate.body(), "$.errors[*].field")).containsExactly("expires_at");

        HttpResponse<String> unknownScope = client.as(access, "POST", "/api/auth/api-keys",
                "{\"name\":\"ci\",\"scopes\":[\"read\",\"root\"]}");
        assertThat(unknownScope.statusCode()).isEqualTo(422);
        assertThat(code(unknownScope)).isEqualTo("invalid_scope");
        assertThat(JsonPath.<String>read(unknownScope.body(), "$.detail")).contains("root");

        HttpResponse<String> missingName = client.as(access, "POST", "/api/auth/api-keys", "{\"scopes\":[\"read\"]}");
        assertThat(JsonPath.<List<String>>read(missingName.body(), "$.errors[*].field")).containsExactly("name");

        HttpResponse<String> adminScope = client.as(access, "POST", "/api/auth/api-keys",
                "{\"name\":\"ci\",\"scopes\":[\"admin\"]}");
        assertThat(adminScope.statusCode()).isEqualTo(403);
        assertThat(code(adminScope)).isEqualTo("admin_required");

        HttpResponse<String> listed = client.get(access, "/api/auth/api-keys");
        assertThat(JsonPath.<Integer>read(listed.body(), "$.total")).isZero();
    }

    // Tokens and sessions

    @Test
    void accessTokensCarryTheDocumentedClaims() throws Exception {
        String email = uniqueEmail("claims");
        String userId = client.register(email);
        String teamId = addToTeam(userId, "viewer");
        GatewayClient.Tokens tokens = client.loginTokens(email, PASSWORD, "192.0.2.25");

        Map<String, Object> claims = claims(tokens.access());
        assertThat(claims).containsEntry("sub", userId)
            .containsEntry("email", email)
            .containsEntry("roles", List.of("editor"))
            .containsEntry("team_ids", List.of(teamId))
            .containsEntry("team_roles", Map.of(teamId, "viewer"))
            .containsEntry("iss", "autograph")
            .containsKeys("sid", "jti", "iat", "exp");
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(3600);
        assertThat(((Number) claims.get("iat")).longValue()).isCloseTo(Instant.now().getEpochSecond(), within(60L));
        // The refresh token is opaque, not another JWT.
        assertThat(tokens.refresh()).doesNotContain(".");

        HttpResponse<String> rotated = client.post("/api/auth/refresh",
                "{\"refresh_token\":\"" + tokens.refresh() + "\"}");
        Map<String, Object> next = claims(JsonPath.read(rotated.body(), "$.access_token"));
        assertThat(next.get("sid")).isEqualTo(claims.get("sid"));
        assertThat(next.get("jti")).isNotEqualTo(claims.get("jti"));
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeFamily() throws Exception {
        String email = uniqueEmail("reuse");
        String userId = client.register(email);
        GatewayClient.Tokens first = client.loginTokens(email, PASSWORD, "192.0.2.30");
        GatewayClient.Tokens other = client.loginTokens(email, PASSWORD, "192.0.2.31");

        GatewayClient.Tokens second = refresh(first.refresh());
        GatewayClient.Tokens third = refresh(second.refresh());
        assertThat(client.get(third.access(), "/api/auth/me").statusCode()).isEqualTo(200);

        HttpResponse<String> reuse = client.post("/api/auth/refresh",
                "{\"refresh_token\":\"" + first.refresh() + "\"}");
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(code(reuse)).isEqualTo("invalid_refresh_token");

        // Every token of the family stops: the newest refresh token and every access
        // token of it.
        assertThat(code(client.post("/api/auth/refresh", "{\"refresh_token\":\"" + third.refresh() + "\"}")))
            .isEqualTo("invalid_refresh_token");
        for (String access : List.of(first.access(), second.access(), third.access())) {
            assertThat(client.get(access, "/api/auth/me").statusCode()).isEqualTo(401);
            assertThat(client.get(access, "/api/diagrams").statusCode()).isEqualTo(401);
        }
        // Another session of the same user is not part of the family.
        assertThat(client.get(other.access(), "/api/auth/me").statusCode()).isEqualTo(200);
        assertThat(refresh(other.refresh()).access()).isNotBlank();

        HttpResponse<String> audit = client.get(admin,
                "/api/auth/admin/audit?user_id=" + userId + "&action=refresh_reuse");
        assertThat(JsonPath.<Integer>read(audit.body(), "$.total")).isEqualTo(1);
        assertThat(JsonPath.<String>read(audit.body(), "$.items[0].outcome")).isEqualTo("failure");
    }

    @Test
    void sessionsAreListedAndTheirOwnerCanEndThem() throws Exception {
        String email = uniqueEmail("sessions");
        client.register(email);
        GatewayClient.Tokens laptop = loginWith(email, false, "198.51.100.11", "Laptop/1.0");
        GatewayClient.Tokens phone = loginWith(email, true, "198.51.100.12", "Phone/2.0");

        HttpResponse<String> listed = client.get(laptop.access(), "/api/auth/sessions");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(listed.body(), "$.total")).isEqualTo(2);
        // Newest first.
        assertThat(JsonPath.<List<String>>read(listed.body(), "$.items[*].user_agent")).containsExactly("Phone/2.0",
                "Laptop/1.0");
        assertThat(JsonPath.<List<String>>read(listed.body(), "$.items[*].ip")).containsExactly("198.51.100.12",
                "198.51.100.11");
        assertThat(JsonPath.<List<Boolean>>read(listed.body(), "$.items[*].current")).containsExactly(false, true);
        assertThat(JsonPath.<List<Boolean>>read(listed.body(), "$.items[*].remember_me")).containsExactly(true, false);
        // 24 h without remember-me, 30 days with it.
        Instant now = Instant.now();
        assertThat(Duration.between(now, Instant.parse(JsonPath.read(listed.body(), "$.items[1].expires_at"))))
            .isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertThat(Duration.between(now, Instant.parse(JsonPath.read(listed.body(), "$.items[0].expires_at"))))
            .isBetween(Duration.ofDays(29), Duration.ofDays(30));
        assertThat(listed.body()).doesNotContain(laptop.refresh(), phone.refresh(), "user_id");
        String phoneSession = JsonPath.read(listed.body(), "$.items[0].id");

        // Someone else cannot see or end them.
        String strangerEmail = uniqueEmail("stranger");
        client.register(strangerEmail);
        String stranger = client.loginTokens(strangerEmail, PASSWORD, "198.51.100.13").access();
        assertThat(JsonPath.<Integer>read(client.get(stranger, "/api/auth/sessions").body(), "$.total")).isEqualTo(1);
        HttpResponse<String> foreign = client.as(stranger, "DELETE", "/api/auth/sessions/" + phoneSession, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(client.get(phone.access(), "/api/auth/me").statusCode()).isEqualTo(200);

        assertThat(client.as(laptop.access(), "DELETE", "/api/auth/sessions/" + phoneSession, null).statusCode())
            .isEqualTo(204);
        assertThat(client.get(phone.access(), "/api/diagrams").statusCode()).isEqualTo(401);
        assertThat(client.post("/api/auth/refresh", "{\"refresh_token\":\"" + phone.refresh() + "\"}").statusCode())
            .isEqualTo(401);
        assertThat(client.get(laptop.access(), "/api/auth/me").statusCode()).isEqualTo(200);
        assertThat(client.as(laptop.access(), "DELETE", "/api/auth/sessions/" + phoneSession, null).statusCode())
            .isEqualTo(404);
    }

    @Test
    void logoutAllEndsEverySessionOfTheCallerOnly() throws Exception {
        String email = uniqueEmail("logout-all");
        client.register(email);
        List<GatewayClient.Tokens> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(client.loginTokens(email, PASSWORD, "198.51.100.2" + i));
        }
        String otherEmail = uniqueEmail("bystander");
        client.register(otherEmail);
        String bystander = client.loginTokens(otherEmail, PASSWORD, "198.51.100.29").access();

        assertThat(client.as(sessions.get(1).access(), "POST", "/api/auth/logout-all", "{}").statusCode())
            .isEqualTo(204);
        for (GatewayClient.Tokens session : sessions) {
            assertThat(client.get(session.access(), "/api/auth/me").statusCode()).isEqualTo(401);
            assertThat(client.get(session.access(), "/api/diagrams").statusCode()).isEqualTo(401);
            assertThat(
                    client.post("/api/auth/refresh", "{\"refresh_token\":\"" + session.refresh() + "\"}").statusCode())
                .isEqualTo(401);
        }
        assertThat(client.get(bystander, "/api/auth/me").statusCode()).isEqualTo(200);
        // Logging in again works: logout-all is not a lock.
        client.loginTokens(email, PASSWORD, "198.51.100.20");
    }

    // Passwords

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndEndsEveryOtherSession() throws Exception {
        String email = uniqueEmail("change");
        client.register(email);
        GatewayClient.Tokens here = client.loginTokens(email, PASSWORD, "198.51.100.40");
        GatewayClient.Tokens elsewhere = client.loginTokens(email, PASSWORD, "198.51.100.41");

        HttpResponse<String> wrongCurrent = client.as(here.access(), "POST", "/api/auth/password/change",
                "{\"current_password\":\"not my password\",\"new_password\":\"a brand new passphrase\"}");
        assertThat(wrongCurrent.statusCode()).isEqualTo(403);
        assertThat(code(wrongCurrent)).isEqualTo("wrong_current_password");
        HttpResponse<String> weak = client.as(here.access(), "POST", "/api/auth/password/change",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"short\"}");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(JsonPath.<String>read(weak.body(), "$.detail")).contains("at least 12 characters");
        // Refused changes ended nothing.
        assertThat(client.get(elsewhere.access(), "/api/auth/me").statusCode()).isEqualTo(200);

        assertThat(client
            .as(here.access(), "POST", "/api/auth/password/change",
                    "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"a brand new passphrase\"}")
            .statusCode()).isEqualTo(204);
        assertThat(client.get(here.access(), "/api/auth/me").statusCode()).isEqualTo(200);
        assertThat(client.get(elsewhere.access(), "/api/diagrams").statusCode()).isEqualTo(401);
        assertThat(client.post("/api/auth/refresh", "{\"refresh_token\":\"" + elsewhere.refresh() + "\"}").statusCode())
            .isEqualTo(401);
        assertThat(refresh(here.refresh()).access()).isNotBlank();

        assertThat(code(client.login(email, PASSWORD, "198.51.100.42"))).isEqualTo("invalid_credentials");
        client.loginTokens(email, "a brand new passphrase", "198.51.100.42");
    }

    @Test
    void aPasswordResetEndsEverySessionAndLiftsALock() throws Exception {
        String email = uniqueEmail("reset");
        client.register(email);
        List<GatewayClient.Tokens> sessions = List.of(client.loginTokens(email, PASSWORD, "198.51.100.50"),
                client.loginTokens(email, PASSWORD, "198.51.100.51"));
        lock(email);

        assertThat(client.post("/api/auth/password-reset", "{\"email\":\"" + email.toUpperCase() + "\"}").statusCode())
            .isEqualTo(202);
        String token = GatewayClient.awaitLink(smtp, email, "reset-password", 1);
        // A refused new password leaves the link usable.
        assertThat(code(client.post("/api/auth/password-reset/confirm",
                "{\"token\":\"" + token + "\",\"new_password\":\"tiny\"}")))
            .isEqualTo("weak_password");
        assertThat(client
            .post("/api/auth/password-reset/confirm",
                    "{\"token\":\"" + token + "\",\"new_password\":\"a reset passphrase\"}")
            .statusCode()).isEqualTo(204);

        for (GatewayClient.Tokens session : sessions) {
            assertThat(client.get(session.access(), "/api/auth/me").statusCode()).isEqualTo(401);
            assertThat(
                    client.post("/api/auth/refresh", "{\"refresh_token\":\"" + session.refresh() + "\"}").statusCode())
                .isEqualTo(401);
        }
        client.loginTokens(email, "a reset passphrase", "198.51.100.52");
    }

    @Test
    void aResetRequestForAnUnknownAddressLooksTheSameAndMailsNothing() throws Exception {
        String nobody = uniqueEmail("nobody");
        HttpResponse<String> unknown = client.post("/api/auth/password-reset", "{\"email\":\"" + nobody + "\"}");
        String somebody = uniqueEmail("somebody");
        client.register(somebody);
        HttpResponse<String> known = client.post("/api/auth/password-reset", "{\"email\":\"" + somebody + "\"}");

        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(known.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        GatewayClient.awaitLink(smtp, somebody, "reset-password", 1);
        assertThat(smtp.getReceivedMessagesForDomain(nobody)).isEmpty();
    }

    // MFA

    @Test
    void totpLoginTakesAComputedCodeAndDisablingNeedsPasswordAndCode() throws Exception {
        String email = uniqueEmail("mfa");
        String userId = client.register(email);
        String access = client.loginTokens(email, PASSWORD, "198.51.100.60").access();

        HttpResponse<String> setup = client.as(access, "POST", "/api/auth/mfa/setup", "{}");
        assertThat(setup.statusCode()).isEqualTo(200);
        String secret = JsonPath.read(setup.body(), "$.secret");
        assertThat(JsonPath.<String>read(setup.body(), "$.otpauth_uri")).startsWith("otpauth://totp/AutoGraph:")
            .contains("secret=" + secret, "issuer=AutoGraph", "digits=6", "period=30");
        // Not active until a code confirms the enrolment.
        assertThat(JsonPath.<Boolean>read(client.get(access, "/api/auth/me").body(), "$.mfa_enabled")).isFalse();
        assertThat(client.as(access, "POST", "/api/auth/mfa/enable", "{\"code\":\"123456\"}").statusCode())
            .isEqualTo(401);
        HttpResponse<String> enabled = client.as(access, "POST", "/api/auth/mfa/enable",
                "{\"code\":\"" + totp(secret, Instant.now()) + "\"}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        List<String> backupCodes = JsonPath.read(enabled.body(), "$.backup_codes");
        assertThat(backupCodes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z0-9]{5}-[a-z0-9]{5}"));

        // The second step with the authenticator's code (the next step's: the enrolment
        // used this one).
        HttpResponse<String> challenge = client.login(email, PASSWORD, "198.51.100.61");
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Map<String, Object>>read(challenge.body(), "$").keySet())
            .containsExactlyInAnyOrder("mfa_required", "mfa_token", "expires_in");
        String mfaToken = JsonPath.read(challenge.body(), "$.mfa_token");
        String code = totp(secret, Instant.now().plusSeconds(30));
        HttpResponse<String> verified = client.post("/api/auth/mfa/verify",
                "{\"mfa_token\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        String mfaAccess = JsonPath.read(verified.body(), "$.access_token");
        assertThat(client.get(mfaAccess, "/api/auth/me").statusCode()).isEqualTo(200);
        // The challenge and the code work once.
        assertThat(code(
                client.post("/api/auth/mfa/verify", "{\"mfa_token\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}")))
            .isEqualTo("mfa_challenge_invalid");
        String again = JsonPath.read(client.login(email, PASSWORD, "198.51.100.61").body(), "$.mfa_token");
        assertThat(code(
                client.post("/api/auth/mfa/verify", "{\"mfa_token\":\"" + again + "\",\"code\":\"" + code + "\"}")))
            .isEqualTo("invalid_mfa_code");

        HttpResponse<String> wrongPassword = client.as(mfaAccess, "POST", "/api/auth/mfa/disable",
                "{\"password\":\"not the password\",\"code\":\"" + backupCodes.get(0) + "\"}");
        assertThat(wrongPassword.statusCode()).isEqualTo(403);
        assertThat(code(wrongPassword)).isEqualTo("mfa_disable_refused");
        assertThat(code(client.as(mfaAccess, "POST", "/api/auth/mfa/disable",
                "{\"password\":\"" + PASSWORD + "\",\"code\":\"000000\"}")))
            .isEqualTo("mfa_disable_refused");
        assertThat(client
            .as(mfaAccess, "POST", "/api/auth/mfa/disable",
                    "{\"password\":\"" + PASSWORD + "\",\"code\":\"" + backupCodes.get(1) + "\"}")
            .statusCode()).isEqualTo(204);

        assertThat(JsonPath.<Boolean>read(client.get(mfaAccess, "/api/auth/me").body(), "$.mfa_enabled")).isFalse();
        HttpResponse<String> plain = client.login(email, PASSWORD, "198.51.100.62");
        assertThat(JsonPath.<String>read(plain.body(), "$.access_token")).isNotBlank();

        HttpResponse<String> audit = client.get(admin, "/api/auth/admin/audit?user_id=" + userId + "&size=200");
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[?(@.action == 'mfa_disable')].outcome"))
            .containsExactly("success", "failure", "failure");
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[?(@.action == 'mfa_enable')].outcome"))
            .containsExactly("success");
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[?(@.action == 'login')].reason"))
            .contains("wrong_mfa_code");
    }

    // API keys

    @Test
    void apiKeysAreShownOnceRecordTheirLastUseAndStopAtTheirExpiry() throws Exception {
        String email = uniqueEmail("keys");
        client.register(email);
        String access = client.loginTokens(email, PASSWORD, "198.51.100.70").access();

        HttpResponse<String> past = client.as(access, "POST", "/api/auth/api-keys",
                "{\"name\":\"old\",\"scopes\":[\"read\"],\"expires_at\":\"" + Instant.now().minusSeconds(60) + "\"}");
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(code(past)).isEqualTo("invalid_expiry");

        // Long enough for the steps below on a busy machine, short enough to wait out.
        Instant expiry = Instant.now().plusSeconds(12);
        HttpResponse<String> created = client.as(access, "POST", "/api/auth/api-keys",
                "{\"name\":\"short-lived\",\"scopes\":[\"read\",\"write\"],\"expires_at\":\"" + expiry + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = JsonPath.read(created.body(), "$.key");
        String prefix = JsonPath.read(created.body(), "$.key_prefix");
        assertThat(key).startsWith(prefix + "_");
        assertThat(JsonPath.<List<String>>read(created.body(), "$.scopes")).containsExactly("read", "write");

        HttpResponse<String> before = client.get(access, "/api/auth/api-keys");
        assertThat(JsonPath.<Object>read(before.body(), "$.items[0].last_used_at")).isNull();

        Map<String, String> withKey = Map.of("X-API-Key", key);
        HttpResponse<String> used = client.send("GET", "/api/auth/me", null, withKey);
        assertThat(used.statusCode()).isEqualTo(200);
        // A write key passes the gateway on any service (diagram-service is not running
        // here: 503, not 401/403).
        assertThat(client.send("GET", "/api/diagrams", null, withKey).statusCode()).isNotIn(401, 403);

        HttpResponse<String> after = client.get(access, "/api/auth/api-keys");
        assertThat(JsonPath.<Integer>read(after.body(), "$.total")).isEqualTo(1);
        assertThat(JsonPath.<Map<String, Object>>read(after.body(), "$.items[0]").keySet()).containsExactlyInAnyOrder(
                "id", "name", "key_prefix", "scopes", "expires_at", "last_used_at", "revoked_at", "created_at");
        assertThat(Instant.parse(JsonPath.read(after.body(), "$.items[0].last_used_at")))
            .isBetween(Instant.now().minusSeconds(30), Instant.now().plusSeconds(5));
        assertThat(after.body()).doesNotContain(key.substring(prefix.length() + 1));

        // After the expiry the key stops everywhere, the gateway's cache of it included.
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        HttpResponse<String> expired = client.send("GET", "/api/auth/me", null, withKey);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(code(expired)).isEqualTo("invalid_api_key");
        HttpResponse<String> expiredElsewhere = client.send("GET", "/api/diagrams", null, withKey);
        assertThat(expiredElsewhere.statusCode()).isEqualTo(401);
        assertThat(code(expiredElsewhere)).isEqualTo("invalid_api_key");
    }

    // Roles and administration

    @Test
    void onlyAdministratorsReachTheAdminEndpoints() throws Exception {
        String email = uniqueEmail("not-admin");
        String userId = client.register(email);
        String access = client.loginTokens(email, PASSWORD, "198.51.100.80").access();
        List<HttpResponse<String>> refused = List.of(client.get(access, "/api/auth/admin/users"),
                client.get(access, "/api/auth/admin/audit"),
                client.as(access, "POST", "/api/auth/admin/users/" + adminId + "/unlock", "{}"),
                client.as(access, "PUT", "/api/auth/admin/users/" + userId + "/role", "{\"role\":\"admin\"}"),
                client.as(access, "POST", "/api/auth/admin/users/" + adminId + "/deactivate", "{}"));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(code(response)).isEqualTo("admin_required");
        }
        assertThat(JsonPath.<String>read(client.get(access, "/api/auth/me").body(), "$.role")).isEqualTo("editor");
        assertThat(JsonPath.<String>read(client.get(admin, "/api/auth/me").body(), "$.role")).isEqualTo("admin");

        // An administrator's keys: only the admin scope reaches the admin endpoints.
        String writeKey = JsonPath
            .read(client.as(admin, "POST", "/api/auth/api-keys", "{\"name\":\"admin-write\",\"scopes\":[\"write\"]}")
                .body(), "$.key");
        String adminKey = JsonPath
            .read(client.as(admin, "POST", "/api/auth/api-keys", "{\"name\":\"admin-admin\",\"scopes\":[\"admin\"]}")
                .body(), "$.key");
        HttpResponse<String> withWriteKey = client.send("GET", "/api/auth/admin/users", null,
                Map.of("X-API-Key", writeKey));
        assertThat(withWriteKey.statusCode()).isEqualTo(403);
        assertThat(code(withWriteKey)).isEqualTo("insufficient_scope");
        assertThat(client.send("GET", "/api/auth/admin/users", null, Map.of("X-API-Key", adminKey)).statusCode())
            .isEqualTo(200);
    }

    @Test
    void adminsListAndSearchUsersPageByPage() throws Exception {
        String tag = "list" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client.register(tag + "-" + i + "@example.com"));
        }
        HttpResponse<String> first = client.get(admin, "/api/auth/admin/users?q=" + tag.toUpperCase() + "&size=2");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(first.body(), "$.total")).isEqualTo(3);
        assertThat(JsonPath.<Integer>read(first.body(), "$.size")).isEqualTo(2);
        HttpResponse<String> second = client.get(admin, "/api/auth/admin/users?q=" + tag + "&size=2&page=1");
        List<String> seen = new ArrayList<>(JsonPath.<List<String>>read(first.body(), "$.items[*].id"));
        seen.addAll(JsonPath.<List<String>>read(second.body(), "$.items[*].id"));
        // Newest first, each once.
        assertThat(seen).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(first.body() + second.body()).doesNotContain("$2a$", "password");
    }

    @Test
    void aRoleChangeReachesTheNextTokenAndAdminsCannotDemoteThemselves() throws Exception {
        String email = uniqueEmail("role");
        String userId = client.register(email);
        GatewayClient.Tokens tokens = client.loginTokens(email, PASSWORD, "198.51.100.85");

        HttpResponse<String> invalid = client.as(admin, "PUT", "/api/auth/admin/users/" + userId + "/role",
                "{\"role\":\"owner\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(code(invalid)).isEqualTo("invalid_role");
        HttpResponse<String> changed = client.as(admin, "PUT", "/api/auth/admin/users/" + userId + "/role",
                "{\"role\":\"viewer\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(changed.body(), "$.role")).isEqualTo("viewer");

        GatewayClient.Tokens next = refresh(tokens.refresh());
        assertThat(claims(next.access())).containsEntry("roles", List.of("viewer"));
        assertThat(JsonPath.<String>read(client.get(next.access(), "/api/auth/me").body(), "$.role"))
            .isEqualTo("viewer");

        HttpResponse<String> self = client.as(admin, "PUT", "/api/auth/admin/users/" + adminId + "/role",
                "{\"role\":\"editor\"}");
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(code(self)).isEqualTo("last_admin_guard");
        HttpResponse<String> unknown = client.as(admin, "PUT", "/api/auth/admin/users/" + UUID.randomUUID() + "/role",
                "{\"role\":\"viewer\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);

        HttpResponse<String> audit = client.get(admin, "/api/auth/admin/audit?action=role_change&user_id=" + userId);
        assertThat(JsonPath.<Integer>read(audit.body(), "$.total")).isEqualTo(1);
        assertThat(JsonPath.<String>read(audit.body(), "$.items[0].metadata")).contains("\"from\": \"editor\"",
                "\"to\": \"viewer\"");
    }

    @Test
    void anAdministratorUnlocksALockedAccount() throws Exception {
        String email = uniqueEmail("unlock");
        String userId = client.register(email);
        lock(email);
        HttpResponse<String> locked = client.login(email, PASSWORD, "198.51.100.90");
        assertThat(locked.statusCode()).isEqualTo(423);

        assertThat(client.as(admin, "POST", "/api/auth/admin/users/" + userId + "/unlock", "{}").statusCode())
            .isEqualTo(204);
        client.loginTokens(email, PASSWORD, "198.51.100.91");

        HttpResponse<String> audit = client.get(admin, "/api/auth/admin/audit?user_id=" + userId + "&size=200");
        List<String> actions = JsonPath.read(audit.body(), "$.items[*].action");
        assertThat(actions).contains("account_locked", "account_unlocked");
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[?(@.action == 'login')].reason"))
            .contains("wrong_password", "account_locked");
    }

    @Test
    void aDeactivatedAccountLosesItsSessionsKeysAndLogins() throws Exception {
        String email = uniqueEmail("deactivate");
        String userId = client.register(email);
        GatewayClient.Tokens tokens = client.loginTokens(email, PASSWORD, "198.51.100.95");
        String key = JsonPath
            .read(client.as(tokens.access(), "POST", "/api/auth/api-keys", "{\"name\":\"ci\",\"scopes\":[\"write\"]}")
                .body(), "$.key");
        Map<String, String> withKey = Map.of("X-API-Key", key);
        // Used once, so the gateway has the key in its cache.
        assertThat(client.send("GET", "/api/diagrams", null, withKey).statusCode()).isNotIn(401, 403);

        HttpResponse<String> self = client.as(admin, "POST", "/api/auth/admin/users/" + adminId + "/deactivate", "{}");
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(client.as(admin, "POST", "/api/auth/admin/users/" + userId + "/deactivate", "{}").statusCode())
            .isEqualTo(204);

        assertThat(client.get(tokens.access(), "/api/diagrams").statusCode()).isEqualTo(401);
        assertThat(client.post("/api/auth/refresh", "{\"refresh_token\":\"" + tokens.refresh() + "\"}").statusCode())
            .isEqualTo(401);
        assertThat(code(client.login(email, PASSWORD, "198.51.100.96"))).isEqualTo("invalid_credentials");
        assertThat(code(client.send("GET", "/api/auth/me", null, withKey))).isEqualTo("invalid_api_key");
        assertThat(code(client.send("GET", "/api/diagrams", null, withKey))).isEqualTo("invalid_api_key");
    }

    // Audit trail

    @Test
    void theAuditTrailRecordsWhoFromWhereAndCanBeFilteredAndPaged() throws Exception {
        String email = uniqueEmail("audit");
        Instant start = Instant.now().minusSeconds(1);
        String userId = client.register(email);
        client.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong password!\"}", Map
            .of("X-Forwarded-For", "203.0.113.77", "User-Agent", "AuditProbe/1.0", "X-Correlation-ID", "audit-fail-1"));
        HttpResponse<String> login = client.post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", Map.of("X-Forwarded-For",
                        "203.0.113.78", "User-Agent", "AuditProbe/2.0", "X-Correlation-ID", "audit-ok-1"));
        String access = JsonPath.read(login.body(), "$.access_token");
        String refreshToken = JsonPath.read(login.body(), "$.refresh_token");
        client.post("/api/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");

        HttpResponse<String> all = client.get(admin, "/api/auth/admin/audit?user_id=" + userId);
        assertThat(all.statusCode()).isEqualTo(200);
        // Newest first.
        assertThat(JsonPath.<List<String>>read(all.body(), "$.items[*].action")).containsExactly("refresh", "login",
                "login", "register");
        assertThat(JsonPath.<Integer>read(all.body(), "$.total")).isEqualTo(4);

        HttpResponse<String> failures = client.get(admin,
                "/api/auth/admin/audit?user_id=" + userId + "&action=login&outcome=failure");
        assertThat(JsonPath.<Integer>read(failures.body(), "$.total")).isEqualTo(1);
        assertThat(JsonPath.<String>read(failures.body(), "$.items[0].reason")).isEqualTo("wrong_password");
        assertThat(JsonPath.<String>read(failures.body(), "$.items[0].ip_address")).isEqualTo("203.0.113.77");
        assertThat(JsonPath.<String>read(failures.body(), "$.items[0].user_agent")).isEqualTo("AuditProbe/1.0");
        assertThat(JsonPath.<String>read(failures.body(), "$.items[0].correlation_id")).isEqualTo("audit-fail-1");
        assertThat(failures.body()).doesNotContain("wrong password!");

        HttpResponse<String> success = client.get(admin,
                "/api/auth/admin/audit?user_id=" + userId + "&action=login&outcome=success");
        assertThat(JsonPath.<String>read(success.body(), "$.items[0].ip_address")).isEqualTo("203.0.113.78");
        assertThat(JsonPath.<String>read(success.body(), "$.items[0].correlation_id")).isEqualTo("audit-ok-1");
        assertThat(JsonPath.<String>read(success.body(), "$.items[0].created_at")).isNotBlank();

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            HttpResponse<String> one = client.get(admin,
                    "/api/auth/admin/audit?user_id=" + userId + "&size=1&page=" + page);
            assertThat(JsonPath.<Integer>read(one.body(), "$.total")).isEqualTo(4);
            paged.addAll(JsonPath.<List<String>>read(one.body(), "$.items[*].id"));
        }
        assertThat(paged).containsExactlyElementsOf(JsonPath.<List<String>>read(all.body(), "$.items[*].id"));

        HttpResponse<String> window = client.get(admin,
                "/api/auth/admin/audit?user_id=" + userId + "&from=" + start + "&to=" + Instant.now().plusSeconds(1));
        assertThat(JsonPath.<Integer>read(window.body(), "$.total")).isEqualTo(4);
        HttpResponse<String> later = client.get(admin,
                "/api/auth/admin/audit?user_id=" + userId + "&from=" + Instant.now().plusSeconds(3600));
        assertThat(JsonPath.<Integer>read(later.body(), "$.total")).isZero();

        // An unknown address is recorded too, without a user.
        String unknown = uniqueEmail("ghost");
        client.login(unknown, PASSWORD, "203.0.113.79");
        HttpResponse<String> ghost = client.get(admin, "/api/auth/admin/audit?action=login&outcome=failure&size=200");
        assertThat(JsonPath.<List<String>>read(ghost.body(), "$.items[?(@.reason == 'unknown_email')].metadata"))
            .anyMatch(metadata -> metadata.contains(unknown));
        assertThat(all.body() + failures.body() + success.body()).doesNotContain(access, refreshToken);
    }

    @Test
    void everyAuthEventLeavesAnAuditRow() throws Exception {
        String email = uniqueEmail("every-event");
        String userId = client.register(email);
        String verification = GatewayClient.awaitLink(smtp, email, "verify-email", 1);
        client.post("/api/auth/verify-email", "{\"token\":\"" + verification + "\"}");
        GatewayClient.Tokens first = client.loginTokens(email, PASSWORD, "198.51.100.110");
        GatewayClient.Tokens second = refresh(client.loginTokens(email, PASSWORD, "198.51.100.111").refresh());
        String keyId = JsonPath
            .read(client.as(first.access(), "POST", "/api/auth/api-keys", "{\"name\":\"ci\",\"scopes\":[\"read\"]}")
                .body(), "$.id");
        client.as(first.access(), "DELETE", "/api/auth/api-keys/" + keyId, null);
        String secondSession = JsonPath.read(client.get(first.access(), "/api/auth/sessions").body(), "$.items[0].id");
        client.as(first.access(), "DELETE", "/api/auth/sessions/" + secondSession, null);
        client.as(first.access(), "POST", "/api/auth/password/change",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"" + PASSWORD + " 2\"}");
        client.as(first.access(), "POST", "/api/auth/logout", "{}");
        String third = client.loginTokens(email, PASSWORD + " 2", "198.51.100.112").access();
        client.as(third, "POST", "/api/auth/logout-all", "{}");
        client.post("/api/auth/password-reset", "{\"email\":\"" + email + "\"}");
        client.post("/api/auth/password-reset/confirm",
                "{\"token\":\"" + GatewayClient.awaitLink(smtp, email, "reset-password", 1) + "\",\"new_password\":\""
                        + PASSWORD + "\"}");
        lock(email);
        client.as(admin, "POST", "/api/auth/admin/users/" + userId + "/unlock", "{}");
        client.as(admin, "PUT", "/api/auth/admin/users/" + userId + "/role", "{\"role\":\"viewer\"}");
        client.as(admin, "POST", "/api/auth/admin/users/" + userId + "/deactivate", "{}");
        assertThat(second.access()).isNotBlank();

        HttpResponse<String> audit = client.get(admin, "/api/auth/admin/audit?size=200&user_id=" + userId);
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[*].action")).contains("register", "verify_email",
                "login", "refresh", "api_key_create", "api_key_revoke", "session_revoke", "password_change", "logout",
                "logout_all", "password_reset_request", "password_reset", "account_locked", "account_unlocked",
                "role_change", "account_deactivated");
        // Every row says when, from where and under which correlation id.
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[*].created_at")).doesNotContainNull();
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[*].ip_address")).doesNotContainNull();
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[?(@.action == 'logout')].ip_address"))
            .containsExactly("127.0.0.1");
        assertThat(JsonPath.<List<String>>read(audit.body(), "$.items[*].correlation_id")).doesNotContainNull();
    }

    @Test
    void secretsAreStoredOnlyAsHashes() throws Exception {
        String email = uniqueEmail("stored");
        String userId = client.register(email);
        GatewayClient.Tokens tokens = client.loginTokens(email, PASSWORD, "198.51.100.120");
        HttpResponse<String> created = client.as(tokens.access(), "POST", "/api/auth/api-keys",
                "{\"name\":\"ci\",\"scopes\":[\"read\"]}");
        String key = JsonPath.read(created.body(), "$.key");
        String secret = JsonPath.read(client.as(tokens.access(), "POST", "/api/auth/mfa/setup", "{}").body(),
                "$.secret");
        List<String> backupCodes = JsonPath.read(client
            .as(tokens.access(), "POST", "/api/auth/mfa/enable", "{\"code\":\"" + totp(secret, Instant.now()) + "\"}")
            .body(), "$.backup_codes");
        String verification = GatewayClient.awaitLink(smtp, email, "verify-email", 1);

        try (var db = java.sql.DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                platform.databasePassword())) {
            assertThat(column(db, "SELECT password_hash FROM users WHERE id = ?", userId)).singleElement()
                .satisfies(hash -> assertThat(hash).startsWith("$2a$").doesNotContain(PASSWORD));
            assertThat(column(db, "SELECT mfa_secret FROM users WHERE id = ?", userId)).singleElement()
                .satisfies(stored -> assertThat(stored).doesNotContain(secret));
            assertThat(column(db, "SELECT token_hash FROM refresh_tokens WHERE user_id = ?", userId))
                .containsExactly(sha256(tokens.refresh()));
            // Refresh tokens live 30 days.
            assertThat(column(db,
                    "SELECT extract(epoch FROM expires_at - created_at)::bigint FROM refresh_tokens WHERE user_id = ?",
                    userId))
                .containsExactly(Long.toString(Duration.ofDays(30).toSeconds()));
            assertThat(column(db, "SELECT key_hash FROM api_keys WHERE user_id = ?", userId))
                .containsExactly(sha256(key));
            assertThat(column(db, "SELECT key_prefix FROM api_keys WHERE user_id = ?", userId))
                .containsExactly(JsonPath.<String>read(created.body(), "$.key_prefix"));
            assertThat(column(db, "SELECT token_hash FROM one_time_tokens WHERE user_id = ?", userId))
                .containsExactly(sha256(verification));
            List<String> codeHashes = column(db, "SELECT code_hash FROM mfa_backup_codes WHERE user_id = ?", userId);
            assertThat(codeHashes).hasSize(10)
                .allMatch(hash -> hash.startsWith("$2a$"))
                .noneMatch(hash -> backupCodes.stream().anyMatch(hash::contains));
        }
    }

    // Nothing leaks

    @Test
    void noResponseCarriesAHashASecretOrAnotherUsersToken() throws Exception {
        String email = uniqueEmail("leak");
        client.register(email);
        GatewayClient.Tokens tokens = client.loginTokens(email, PASSWORD, "198.51.100.100");
        HttpResponse<String> created = client.as(tokens.access(), "POST", "/api/auth/api-keys",
                "{\"name\":\"leak\",\"scopes\":[\"read\"]}");
        String key = JsonPath.read(created.body(), "$.key");
        String secret = JsonPath.read(client.as(tokens.access(), "POST", "/api/auth/mfa/setup", "{}").body(),
                "$.secret");
        refresh(tokens.refresh());

        List<HttpResponse<String>> responses = List.of(client.get(tokens.access(), "/api/auth/me"),
                client.get(tokens.access(), "/api/auth/sessions"), client.get(tokens.access(), "/api/auth/api-keys"),
                client.get(admin, "/api/auth/admin/users?q=" + email),
                client.get(admin, "/api/auth/admin/audit?size=200"), client.get(admin, "/api/auth/sessions"),
                client.post("/api/auth/register",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"X\"}"),
                client.post("/api/auth/refresh", "{\"refresh_token\":\"" + tokens.refresh() + "\"}"),
                client.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"nope nope nope\"}"));
        for (HttpResponse<String> response : responses) {
            assertThat(response.body()).as(response.uri().toString())
                .doesNotContain("$2a$", "$2b$", "$2y$", PASSWORD, secret, key, tokens.refresh(), "password_hash",
                        "key_hash", "token_hash", "mfa_secret", "Exception", "\tat ");
        }
        // The admin's view of the user holds no access token of theirs either.
        assertThat(responses.get(3).body() + responses.get(4).body()).doesNotContain(tokens.access());
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.");
        assertThat(JsonPath.<String>read(response.body(), "$.correlation_id")).isNotBlank();
    }

    private static GatewayClient.Tokens refresh(String refreshToken) throws Exception {
        HttpResponse<String> response = client.post("/api/auth/refresh",
                "{\"refresh_token\":\"" + refreshToken + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new GatewayClient.Tokens(JsonPath.read(response.body(), "$.access_token"),
                JsonPath.read(response.body(), "$.refresh_token"));
    }

    private static GatewayClient.Tokens loginWith(String email, boolean rememberMe, String ip, String userAgent)
            throws Exception {
        HttpResponse<String> response = client.post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"remember_me\":" + rememberMe + "}",
                Map.of("X-Forwarded-For", ip, "User-Agent", userAgent));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new GatewayClient.Tokens(JsonPath.read(response.body(), "$.access_token"),
                JsonPath.read(response.body(), "$.refresh_token"));
    }

    /**
     * Ten wrong passwords in a row, from addresses of their own so the per-address limit
     * never answers first.
     */
    private static void lock(String email) throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(client.login(email, "wrong password " + i, "203.0.113." + (100 + i)).statusCode())
                .isEqualTo(401);
        }
    }

    private static long usersMatching(String text) throws Exception {
        HttpResponse<String> found = client.get(admin, "/api/auth/admin/users?q=" + text);
        assertThat(found.statusCode()).isEqualTo(200);
        return JsonPath.<Integer>read(found.body(), "$.total");
    }

    private static List<String> column(java.sql.Connection db, String sql, String userId) throws Exception {
        try (var query = db.prepareStatement(sql)) {
            query.setObject(1, UUID.fromString(userId));
            List<String> values = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private static String sha256(String value) throws Exception {
        return java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * A team membership, written where the team feature keeps it (there is no team API
     * yet).
     */
    private static String addToTeam(String userId, String role) throws Exception {
        UUID teamId = UUID.randomUUID();
        try (var connection = java.sql.DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                platform.databasePassword())) {
            try (var team = connection.prepareStatement("INSERT INTO teams (id, name, slug) VALUES (?, ?, ?)")) {
                team.setObject(1, teamId);
                team.setString(2, "Team " + teamId);
                team.setString(3, "team-" + teamId);
                team.executeUpdate();
            }
            try (var member = connection
                .prepareStatement("INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, ?)")) {
                member.setObject(1, teamId);
                member.setObject(2, UUID.fromString(userId));
                member.setString(3, role);
                member.executeUpdate();
            }
        }
        return teamId.toString();
    }

}
