package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.MutableClock;
import com.autograph.testsupport.MutableClockConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running diagram-service on real PostgreSQL and Redis, shared by the API test classes
 * (one context: they all inherit this configuration). Every test makes its own users, so
 * tests never see each other's files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClockConfiguration.class)
abstract class DiagramApiTestBase {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.register(registry);
        registry.add("autograph.auth-service.urls",
                () -> StandInAuthService.url("test-identity-signing-secret-0123456789-abcdef"));
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Value("${autograph.identity.signing-secret}")
    String secret;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, secret, clock);
    }

    /**
     * A user row, as auth-service would have created it (the files' foreign keys need
     * it).
     */
    Api.User newUser() {
        return newUser("Test User");
    }

    /** A user row with this full name. */
    Api.User newUser(String fullName) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, full_name) VALUES (:id, :email, :name)")
            .param("id", id)
            .param("email", id + "@example.com")
            .param("name", fullName)
            .update();
        return new Api.User(id, Map.of());
    }

    UUID newTeam() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO teams (id, name, slug) VALUES (:id, 'Team', :slug)")
            .param("id", id)
            .param("slug", "team-" + id)
            .update();
        return id;
    }

    static final String CANVAS = """
            {"schema_version": 1, "shapes": [
              {"id": "api", "type": "rectangle", "x": 0, "y": 0, "width": 160, "height": 60, "text": "Payment API"},
              {"id": "db", "type": "ellipse", "x": 300, "y": 0, "width": 100, "height": 60, "text": "Ledger database"},
              {"id": "e1", "type": "arrow", "start": {"shape_id": "api"}, "end": {"shape_id": "db"}, "text": "SQL"}]}""";

    /** Creates a file and returns its id. */
    String createFile(Api.User owner, String title) {
        return createFileJson(owner,
                "{\"title\": \"" + title + "\", \"type\": \"canvas\", \"canvas_data\": " + CANVAS + "}");
    }

    /** A folder of {@code user}'s, at the top level or in {@code parent}; its id. */
    String newFolder(Api.User user, String name, String parent) {
        HttpResponse<String> created = api.post(user, "/api/diagrams/folders",
                "{\"name\": \"" + name + "\"" + (parent == null ? "" : ", \"parent_id\": \"" + parent + "\"") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created, "$.id");
    }

    String createFileJson(Api.User owner, String json) {
        HttpResponse<String> response = api.post(owner, "/api/diagrams", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.id");
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
    }

    static <T> T read(HttpResponse<String> response, String path) {
        return JsonPath.read(response.body(), path);
    }

    Instant now() {
        return clock.instant();
    }

}
