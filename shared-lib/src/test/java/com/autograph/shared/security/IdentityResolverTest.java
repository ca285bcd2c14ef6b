package com.autograph.shared.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.testapp.TestApplication;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** TrustedIdentity controller parameters: signed headers in, 401 for anything else. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "autograph.identity.enabled=true",
                "autograph.identity.signing-secret=" + IdentityResolverTest.SECRET })
class IdentityResolverTest {

    static final String SECRET = "identity-resolver-test-secret-0123456789";

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.registerDatabase(registry, TestDatabase.create());
        IsolatedInfrastructure.registerRedis(registry, IsolatedInfrastructure.uniqueSuffix());
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> whoami(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami")).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> signed(TrustedIdentity identity, String secret, long timestamp) {
        return Map.of(TrustedIdentity.USER_ID, identity.userId(), TrustedIdentity.EMAIL, identity.email(),
                TrustedIdentity.ROLES, identity.rolesHeader(), TrustedIdentity.SESSION_ID, identity.sessionId(),
                TrustedIdentity.AUTH_METHOD, identity.method(), TrustedIdentity.TEAMS, identity.teamsHeader(),
                TrustedIdentity.TIMESTAMP, Long.toString(timestamp), TrustedIdentity.SIGNATURE,
                identity.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp));
    }

    @Test
    void signedHeadersResolveToTheCaller() throws Exception {
        TrustedIdentity alice = new TrustedIdentity("u-1", "a@example.com", List.of("editor"), "s-1", "jwt",
                Map.of("t-1", "admin"));
        HttpResponse<String> response = whoami(signed(alice, SECRET, Instant.now().getEpochSecond()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.user_id")).isEqualTo("u-1");
        assertThat(JsonPath.<String>read(response.body(), "$.teams.t-1")).isEqualTo("admin");
    }

    @Test
    void missingForgedOrStaleHeadersAre401() throws Exception {
        TrustedIdentity alice = new TrustedIdentity("u-1", "", List.of(), "", "jwt");
        long now = Instant.now().getEpochSecond();
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of(TrustedIdentity.USER_ID, "u-1"),
                signed(alice, "some-other-secret-that-is-long-enough-0123", now), signed(alice, SECRET, now - 600))) {
            HttpResponse<String> response = whoami(headers);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("authentication_required");
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void optionalIdentityIsEmptyWithoutHeadersButForgeriesAreStill401() throws Exception {
        HttpRequest.Builder anonymous = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami-if-known"));
        HttpResponse<String> response = http.send(anonymous.GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JsonPath.<String>read(response.body(), "$.user_id")).isEqualTo("anonymous");

        TrustedIdentity alice = new TrustedIdentity("u-1", "", List.of(), "", "jwt");
        HttpRequest.Builder signed = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami-if-known"));
        signed(alice, SECRET, Instant.now().getEpochSecond()).forEach(signed::header);
        response = http.send(signed.GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JsonPath.<String>read(response.body(), "$.user_id")).isEqualTo("u-1");

        HttpRequest.Builder forged = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami-if-known"));
        signed(alice, "some-other-secret-that-is-long-enough-0123", Instant.now().getEpochSecond())
            .forEach(forged::header);
        assertThat(http.send(forged.GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void theClientAddressIsTheSignedOneOrTheSocketPeers() throws Exception {
        Map<String, String> signed = new java.util.HashMap<>();
        TrustedIdentity.writeClientAddress("203.0.113.9", SECRET.getBytes(StandardCharsets.UTF_8),
                Instant.now().getEpochSecond(), signed::put);
        assertThat(clientAddress(signed)).isEqualTo("203.0.113.9");

        Map<String, String> tampered = new java.util.HashMap<>(signed);
        tampered.put(TrustedIdentity.CLIENT_ADDRESS, "203.0.113.10");
        // Unsigned, tampered or signed with another key: the loopback peer's own address.
        for (Map<String, String> headers : List.of(Map.of(TrustedIdentity.CLIENT_ADDRESS, "203.0.113.10"),
                Map.of("X-Forwarded-For", "203.0.113.11"), tampered)) {
            assertThat(clientAddress(headers)).as("%s", headers).isEqualTo("127.0.0.1");
        }
    }

    private String clientAddress(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/client-address"));
        headers.forEach(request::header);
        return JsonPath.read(http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString()).body(),
                "$.address");
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, IdentityAutoConfiguration.class));

    @Test
    void theSecretIsRequiredOnlyWhenEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TrustedIdentityResolver.class));
        runner.withPropertyValues("autograph.identity.enabled=true")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("IDENTITY_SIGNING_SECRET"));
        runner.withPropertyValues("autograph.identity.enabled=true", "autograph.identity.signing-secret=too-short")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("at least 32 bytes (IDENTITY_SIGNING_SECRET)"));
        runner.withPropertyValues("autograph.identity.enabled=true", "autograph.identity.signing-secret=" + SECRET)
            .run(context -> assertThat(context).hasSingleBean(TrustedIdentityResolver.class));
    }

}
