package com.autograph.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.gateway.routing.GatewayRoutes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/docs}: the services' OpenAPI documents, fetched from them and served
 * together. Two stand-ins hand out documents that share one schema name with different
 * meanings; git-service hands out nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsTest {

    private static final Map<String, StandInService> services = new ConcurrentHashMap<>();

    private static final HttpClient http = HttpClient.newHttpClient();

    private static final String AUTH_DOC = """
            {"openapi": "3.1.0", "info": {"title": "auth-service", "version": "1"},
             "tags": [{"name": "accounts"}],
             "paths": {"/api/auth/me": {"get": {"tags": ["accounts"], "responses": {"200": {"description": "me",
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}}}},
             "components": {"schemas": {
                 "Page": {"type": "object", "properties": {"sessions": {"type": "array"}}},
                 "Problem": {"type": "object", "properties": {"code": {"type": "string"}}}}}}
            """;

    private static final String DIAGRAM_DOC = """
            {"openapi": "3.1.0", "info": {"title": "diagram-service", "version": "1"},
             "paths": {"/api/diagrams": {"get": {"responses": {"200": {"description": "files",
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
                 "400": {"description": "bad", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
             "components": {"schemas": {
                 "Page": {"type": "object", "properties": {"items": {"type": "array"}, "total": {"type": "integer"}}},
                 "Problem": {"type": "object", "properties": {"code": {"type": "string"}}}}}}
            """;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestGateway.register(registry);
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            StandInService service = services.computeIfAbsent(route.service(), StandInService::start);
            String document = switch (route.service()) {
                case "auth-service" -> AUTH_DOC;
                case "diagram-service" -> DIAGRAM_DOC;
                default ->
                    "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"" + route.service() + "\"}, \"paths\": {}}";
            };
            service.behave((exchange, self) -> {
                if (route.service().equals("git-service")) {
                    self.reply(exchange, 500, "broken");
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                self.reply(exchange, 200, document);
            });
            registry.add(GatewayRoutes.urlVariable(route.service()), service::url);
        }
    }

    @AfterAll
    static void stop() {
        services.values().forEach(StandInService::close);
    }

    @LocalServerPort
    int port;

    @Test
    void oneDocumentMergesEveryServiceAndKeepsClashingSchemasApart() throws Exception {
        HttpResponse<String> response = get("/api/docs");
        assertThat(response.statusCode()).isEqualTo(200);
        String doc = response.body();
        assertThat(JsonPath.<String>read(doc, "$.openapi")).isEqualTo("3.1.0");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths")).containsOnlyKeys("/api/auth/me",
                "/api/diagrams");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.components.schemas")).containsOnlyKeys("Page", "Problem",
                "diagram-service.Page");
        // Each service's references point at its own definition.
        assertThat(JsonPath.<String>read(doc,
                "$.paths['/api/auth/me'].get.responses.200.content['application/json'].schema.$ref"))
            .isEqualTo("#/components/schemas/Page");
        assertThat(JsonPath.<String>read(doc,
                "$.paths['/api/diagrams'].get.responses.200.content['application/json'].schema.$ref"))
            .isEqualTo("#/components/schemas/diagram-service.Page");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.components.schemas['diagram-service.Page'].properties"))
            .containsOnlyKeys("items", "total");
        // An identical definition is shared, not duplicated.
        assertThat(JsonPath.<String>read(doc,
                "$.paths['/api/diagrams'].get.responses.400.content['application/problem+json'].schema.$ref"))
            .isEqualTo("#/components/schemas/Problem");
        assertThat(JsonPath.<List<String>>read(doc, "$.components.securitySchemes.*.type"))
            .containsExactlyInAnyOrder("http", "apiKey");
        assertThat(JsonPath.<List<String>>read(doc, "$['x-autograph-services'][?(@.status == 'unavailable')].service"))
            .containsExactly("git-service");
        assertThat(JsonPath.<List<Integer>>read(doc, "$['x-autograph-services'][?(@.service == 'auth-service')].paths"))
            .containsExactly(1);
    }

    @Test
    void eachServicesOwnDocumentAndClearErrors() throws Exception {
        HttpResponse<String> auth = get("/api/docs/auth-service");
        assertThat(auth.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(auth.body(), "$.info.title")).isEqualTo("auth-service");

        HttpResponse<String> unknown = get("/api/docs/billing-service");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.<String>read(unknown.body(), "$.detail")).contains("billing-service")
            .contains("auth-service");

        HttpResponse<String> down = get("/api/docs/git-service");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JsonPath.<String>read(down.body(), "$.code")).isEqualTo("service_unavailable");
    }

    private HttpResponse<String> get(String path) throws Exception {
        // Public: no credentials.
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
