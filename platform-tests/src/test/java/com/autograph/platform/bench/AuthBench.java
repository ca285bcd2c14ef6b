package com.autograph.platform.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;

/**
 * bench/auth: login and token-verification rates of the packaged auth-service on this
 * machine, with a no-op endpoint of the same service measured in the same run as the
 * baseline. Logins are dominated by BCrypt (cost 12 by default); verification is a JWT
 * signature check plus the Redis session lookup.
 */
public final class AuthBench {

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (RunningPlatform platform = RunningPlatform.start(List.of("auth-service"), "12")) {
            HttpClient http = HttpClient.newHttpClient();
            String email = "bench-" + UUID.randomUUID() + "@example.com";
            String password = "correct horse battery";
            http.send(
                    post(platform, "/api/auth/register",
                            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"Bench\"}"),
                    HttpResponse.BodyHandlers.ofString());
            String loginBody = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"remember_me\":true}";
            // Each login starts a session and the per-user cap ends older ones (part of a
            // login's cost).
            java.util.function.Supplier<HttpRequest> login = () -> post(platform, "/api/auth/login", loginBody);
            HttpLoad.run("warm-up", login, workers, Duration.ofSeconds(3));

            // A fresh session for the verifications: the logins above may have ended
            // older ones.
            String access = JsonPath.read(http.send(login.get(), HttpResponse.BodyHandlers.ofString()).body(),
                    "$.access_token");
            HttpRequest noop = HttpRequest.newBuilder(platform.service("auth-service", "/health/liveness"))
                .GET()
                .build();
            HttpRequest verify = HttpRequest.newBuilder(platform.service("auth-service", "/api/auth/me"))
                .header("Authorization", "Bearer " + access)
                .GET()
                .build();
            HttpLoad.run("warm-up", () -> verify, workers, Duration.ofSeconds(3));

            HttpLoad.Result noopResult = HttpLoad.run("no-op (GET /health/liveness)", () -> noop, workers, duration);
            HttpLoad.Result verifyResult = HttpLoad.run("verification (GET /api/auth/me)", () -> verify, workers,
                    duration);
            HttpLoad.Result loginResult = HttpLoad.run("login (POST /api/auth/login)", login, workers, duration);
            if (verifyResult.errors() > 0 || loginResult.errors() > 0) {
                throw new IllegalStateException(
                        "requests failed during the benchmark: " + verifyResult + " / " + loginResult);
            }

            System.out.println("bench/auth on " + Runtime.getRuntime().availableProcessors() + " cores, " + workers
                    + " concurrent clients, " + duration.toSeconds() + " s per measurement, BCrypt cost 12");
            System.out.println(noopResult);
            System.out.println(verifyResult);
            System.out.println(loginResult);
            System.out.printf(
                    "verification / no-op throughput: %.2fx   login / no-op: %.4fx   verifications per login: %.0f%n",
                    verifyResult.perSecond() / noopResult.perSecond(), loginResult.perSecond() / noopResult.perSecond(),
                    verifyResult.perSecond() / loginResult.perSecond());
        }
    }

    private static HttpRequest post(RunningPlatform platform, String path, String json) {
        return HttpRequest.newBuilder(platform.service("auth-service", path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    }

}
