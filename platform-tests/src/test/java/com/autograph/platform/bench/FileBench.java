package com.autograph.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import com.autograph.platform.e2e.RunningPlatform;

/**
 * What the benchmarks about one file share: the gateway with auth- and diagram-service
 * (rate limits high enough never to refuse the benchmark user), a signed-in user, and a
 * file of theirs created through the gateway; optionally a baseline diagram-service built
 * from another revision, behind a gateway of its own on the same database, for before and
 * after in one run.
 */
final class FileBench implements AutoCloseable {

    static final String BASE_JAR = "--base-jar";

    final RunningPlatform platform;

    final HttpClient http = HttpClient.newHttpClient();

    final String token;

    final UUID me;

    final UUID file;

    private FileBench(RunningPlatform platform, String title, String type) throws Exception {
        this.platform = platform;
        this.token = BenchAccount.signUp(platform, http).accessToken();
        this.me = UUID
            .fromString(JsonPath.read(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])), "$.sub"));
        HttpResponse<String> created = http
            .send(authorized(platform.gateway("/api/diagrams")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"" + title + "\", \"type\": \"" + type + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the file failed: " + created.body());
        }
        this.file = UUID.fromString(JsonPath.read(created.body(), "$.id"));
    }

    /**
     * Starts the platform with {@code settings} on top of the benchmarks' rate limits and
     * creates the user's file.
     */
    static FileBench start(Map<String, String> settings, String title, String type) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(
                Map.of("RATE_LIMIT_PER_USER", "100000000", "RATE_LIMIT_PER_IP", "100000000"));
        all.putAll(settings);
        RunningPlatform platform = RunningPlatform.start(List.of("auth-service", "diagram-service"), "10", all);
        try {
            return new FileBench(platform, title, type);
        }
        catch (Exception | AssertionError ex) {
            platform.close();
            throw ex;
        }
    }

    /** The jar after {@value #BASE_JAR} in the arguments, if there is one. */
    static Path baseJar(String[] arguments) {
        return arguments.length > 1 && arguments[0].equals(BASE_JAR) ? Path.of(arguments[1]) : null;
    }

    /** The arguments without {@value #BASE_JAR} and its jar. */
    static String[] rest(String[] arguments) {
        return baseJar(arguments) == null ? arguments : java.util.Arrays.copyOfRange(arguments, 2, arguments.length);
    }

    /**
     * Starts {@code jar}'s diagram-service ({@code diagram-service-base}) and a gateway
     * routing to it; returns that gateway's root address.
     */
    static URI startBase(RunningPlatform platform, Path jar) throws Exception {
        platform.startInstance("diagram-service", "diagram-service-base", Map.of(), jar);
        platform.startGateway("gateway-base",
                Map.of("DIAGRAM_SERVICE_URL", platform.service("diagram-service-base", "").toString()));
        return platform.service("gateway-base", "/");
    }

    Connection database() throws Exception {
        return DriverManager.getConnection(platform.databaseUrl(), platform.databaseUser(),
                platform.databasePassword());
    }

    HttpRequest.Builder authorized(URI uri) {
        return authorized(uri, token);
    }

    static HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    @Override
    public void close() throws Exception {
        platform.close();
    }

}
