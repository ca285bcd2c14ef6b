package com.autograph.platform.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;

/**
 * A fresh account of the benchmarks' user, registered and signed in (remember-me) through
 * the gateway.
 */
record BenchAccount(String email, String accessToken) {

    private static final String PASSWORD = "correct horse battery";

    static BenchAccount signUp(RunningPlatform platform, HttpClient http) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Bench\"}";
        http.send(HttpRequest.newBuilder(platform.gateway("/api/auth/register"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(platform.gateway("/api/auth/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"remember_me\":true}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException(
                    "the benchmark user could not sign in: " + login.statusCode() + " " + login.body());
        }
        return new BenchAccount(email, JsonPath.read(login.body(), "$.access_token"));
    }
}
