package com.autograph.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import com.autograph.shared.security.TrustedIdentity;

/** A thin HTTP client for auth-service tests: real requests, JSON in and out. */
public final class AuthApiClient {

    private static final HttpClient http = HttpClient.newHttpClient();
    /** autograph.identity.signing-secret in the tests' config/application.yml. */
    static final byte[] IDENTITY_SECRET = "test-identity-secret-test-identity-secret-01".getBytes(StandardCharsets.UTF_8);

    private final String base;

    public AuthApiClient(String base) {
        this.base = base;
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> get(String path, String accessToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + accessToken)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path, String accessToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + accessToken)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postAuthorized(String path, String accessToken) throws Exception {
        return post(path, "{}", Map.of("Authorization", "Bearer " + accessToken));
    }

    public HttpResponse<String> register(String email, String password) throws Exception {
        return post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"Test User\"}");
    }

    /** A login from {@code clientIp} as the gateway forwards it: the address signed. */
    public HttpResponse<String> login(String email, String password, String clientIp, boolean rememberMe) throws Exception {
        Map<String, String> headers = new HashMap<>();
        TrustedIdentity.writeClientAddress(clientIp, IDENTITY_SECRET, Instant.now().getEpochSecond(), headers::put);
        return login(email, password, rememberMe, headers);
    }

    public HttpResponse<String> login(String email, String password, boolean rememberMe, Map<String, String> headers)
            throws Exception {
        return post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"remember_me\":"
                + rememberMe + "}", headers);
    }

    /** Logs in and returns {access_token, refresh_token}. */
    public String[] tokens(String email, String password) throws Exception {
        HttpResponse<String> response = login(email, password, "10.0.0.1", false);
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return new String[] { JsonPath.read(response.body(), "$.access_token"), JsonPath.read(response.body(), "$.refresh_token") };
    }
}
