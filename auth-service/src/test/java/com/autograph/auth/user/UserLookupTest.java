package com.autograph.auth.user;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.auth.AuthApiClient;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /internal/users/lookup}, which diagram-service calls to share by e-mail:
 * only for callers with a signed identity, the body's address normalised as at
 * registration, and a 404 problem for an address without an active account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserLookupTest {

    private static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.register(registry);
    }

    @LocalServerPort
    int port;

    @Value("${autograph.identity.signing-secret}")
    String identitySecret;

    AuthApiClient api;

    @BeforeEach
    void client() {
        api = new AuthApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void aSignedCallerFindsAnAccountByItsAddress() throws Exception {
        String email = "lookup-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = api.register(email, PASSWORD);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        HttpResponse<String> found = lookup("  " + email.toUpperCase() + " ", signed());

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(found.body(), "$.id")).isEqualTo(JsonPath.read(registered.body(), "$.id"));
        assertThat(JsonPath.<String>read(found.body(), "$.email")).isEqualTo(email);
    }

    @Test
    void anUnknownAddressIsA404Problem() throws Exception {
        HttpResponse<String> missing = lookup("nobody-" + UUID.randomUUID() + "@example.com", signed());

        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(missing.body(), "$.code")).isEqualTo("unknown_user");
    }

    @Test
    void callersWithoutASignedIdentityAreRefused() throws Exception {
        String email = "lookup-" + UUID.randomUUID() + "@example.com";
        api.register(email, PASSWORD);

        HttpResponse<String> unsigned = lookup(email, Map.of("X-User-Id", UUID.randomUUID().toString()));
        Map<String, String> forged = new HashMap<>(signed());
        forged.put(TrustedIdentity.USER_ID, UUID.randomUUID().toString());
        HttpResponse<String> tampered = lookup(email, forged);

        for (HttpResponse<String> refused : List.of(unsigned, tampered)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain(email);
        }
    }

    @Test
    void theEndpointIsNotInThePublicApiDocument() throws Exception {
        HttpResponse<String> docs = java.net.http.HttpClient.newHttpClient()
            .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).doesNotContain("/internal/");
    }

    private Map<String, String> signed() {
        Map<String, String> headers = new HashMap<>();
        new TrustedIdentity(UUID.randomUUID().toString(), "caller@example.com", List.of("editor"), "", "jwt")
            .writeHeaders(identitySecret.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(),
                    headers::put);
        return headers;
    }

    private HttpResponse<String> lookup(String email, Map<String, String> headers) throws Exception {
        return api.post("/internal/users/lookup", "{\"email\": \"" + email + "\"}", headers);
    }

}
