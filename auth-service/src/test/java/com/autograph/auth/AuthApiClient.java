package com.autograph.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;

import com.autograph.shared.security.TrustedIdentity;

/**
 * A thin HTTP client for auth-service tests: real requests, JSON in and out, sent as the
 * gateway forwards them. The gateway verifies access tokens and API keys and signs the
 * caller's identity ({@link TrustedIdentity}); auth-service, like every service, believes
 * only that. So a signed-in request here carries the identity the gateway would sign for
 * the token (its claims, read, not verified: verifying is the gateway's job, tested
 * there), signed at the service's clock.
 */
public final class AuthApiClient {

    private static final HttpClient http = HttpClient.newHttpClient();

    /** autograph.identity.signing-secret in the tests' config/application.yml. */
    static final byte[] IDENTITY_SECRET = "test-identity-secret-test-identity-secret-01"
        .getBytes(StandardCharsets.UTF_8);

    private final String base;

    private final Clock clock;

    public AuthApiClient(String base) {
        this(base, Clock.systemUTC());
    }

    /** {@code clock}: the service's, which judges how old a signature is. */
    public AuthApiClient(String base, Clock clock) {
        this.base = base;
        this.clock = clock;
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET as the holder of {@code accessToken}, through the gateway. */
    public HttpResponse<String> get(String path, String accessToken) throws Exception {
        return send("GET", path, null, signedIn(accessToken));
    }

    public HttpResponse<String> delete(String path, String accessToken) throws Exception {
        return send("DELETE", path, null, signedIn(accessToken));
    }

    public HttpResponse<String> postAuthorized(String path, String accessToken) throws Exception {
        return post(path, "{}", signedIn(accessToken));
    }

    /** The identity headers the gateway signs for a request with this access token. */
    public Map<String, String> signedIn(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        Map<String, Object> teamRoles = JsonPath.read(payload, "$.team_roles");
        Map<String, String> teams = new TreeMap<>();
        teamRoles.forEach((team, role) -> teams.put(team, String.valueOf(role)));
        return sign(new TrustedIdentity(JsonPath.read(payload, "$.sub"), JsonPath.read(payload, "$.email"),
                JsonPath.<List<String>>read(payload, "$.roles"), JsonPath.read(payload, "$.sid"), "jwt", teams));
    }

    /**
     * The identity headers the gateway signs for a request with this API key: it asks
     * auth-service ({@code POST /api/auth/api-keys/verify}, without credentials) whose
     * key it is.
     */
    public Map<String, String> withApiKey(String key) throws Exception {
        HttpResponse<String> verified = post("/api/auth/api-keys/verify", "{\"key\":\"" + key + "\"}");
        if (verified.statusCode() != 200) {
            throw new AssertionError(
                    "the gateway would refuse this key: " + verified.statusCode() + " " + verified.body());
        }
        return sign(new TrustedIdentity(JsonPath.read(verified.body(), "$.user_id"),
                JsonPath.read(verified.body(), "$.email"), JsonPath.<List<String>>read(verified.body(), "$.roles"), "",
                "api_key"));
    }

    private Map<String, String> sign(TrustedIdentity identity) {
        Map<String, String> headers = new HashMap<>();
        identity.writeHeaders(IDENTITY_SECRET, clock.instant().getEpochSecond(), headers::put);
        return headers;
    }

    public HttpResponse<String> register(String email, String password) throws Exception {
        return post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"Test User\"}");
    }

    /** A login from {@code clientIp} as the gateway forwards it: the address signed. */
    public HttpResponse<String> login(String email, String password, String clientIp, boolean rememberMe)
            throws Exception {
        Map<String, String> headers = new HashMap<>();
        TrustedIdentity.writeClientAddress(clientIp, IDENTITY_SECRET, clock.instant().getEpochSecond(), headers::put);
        return login(email, password, rememberMe, headers);
    }

    public HttpResponse<String> login(String email, String password, boolean rememberMe, Map<String, String> headers)
            throws Exception {
        return post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"remember_me\":" + rememberMe + "}",
                headers);
    }

    /** Logs in and returns {access_token, refresh_token}. */
    public String[] tokens(String email, String password) throws Exception {
        HttpResponse<String> response = login(email, password, "10.0.0.1", false);
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return new String[] { JsonPath.read(response.body(), "$.access_token"),
                JsonPath.read(response.body(), "$.refresh_token") };
    }

    /** The login session an access token names (its {@code sid}). */
    public static String sessionIdOf(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.read(payload, "$.sid");
    }

}
