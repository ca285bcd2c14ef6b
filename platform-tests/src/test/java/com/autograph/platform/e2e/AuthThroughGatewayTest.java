package com.autograph.platform.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's life through the gateway, against the packaged gateway and auth-service.
 */
class AuthThroughGatewayTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    private static RunningPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.start(List.of("auth-service"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void registerLoginUseRefreshAndLogOut() throws Exception {
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery";

        HttpResponse<String> registered = post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"E2E\"}", Map.of());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().allValues("X-Correlation-ID")).hasSize(1);

        HttpResponse<String> login = post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                Map.of("X-Correlation-ID", "e2e-login-1"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("X-Correlation-ID")).containsExactly("e2e-login-1");
        String access = JsonPath.read(login.body(), "$.access_token");
        String refresh = JsonPath.read(login.body(), "$.refresh_token");

        HttpResponse<String> me = get("/api/auth/me", access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.email")).isEqualTo(email);

        HttpResponse<String> rotated = post("/api/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}", Map.of());
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newAccess = JsonPath.read(rotated.body(), "$.access_token");
        assertThat(post("/api/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}", Map.of()).statusCode())
            .isEqualTo(401);

        // Reuse of the rotated token ended the session: its newest access token no longer
        // works.
        HttpResponse<String> afterTheft = get("/api/auth/me", newAccess);
        assertThat(afterTheft.statusCode()).isEqualTo(401);
        assertThat(afterTheft.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/problem+json");

        String fresh = JsonPath
            .read(post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", Map.of())
                .body(), "$.access_token");
        assertThat(post("/api/auth/logout", "{}", Map.of("Authorization", "Bearer " + fresh)).statusCode())
            .isEqualTo(204);
        assertThat(get("/api/auth/me", fresh).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> get(String path, String access) throws Exception {
        return http.send(HttpRequest.newBuilder(platform.gateway(path))
            .header("Authorization", "Bearer " + access)
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gateway(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
