package com.autograph.platform.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The platform's OpenAPI document as a client generator gets it: {@code GET /api/docs}
 * through a real gateway, merged from auth-service's, diagram-service's and
 * export-service's own documents. Checked in Java (no internal parameters, summaries,
 * error responses with the problem schema, 201 for creates, the import's multipart
 * {@code file}) and by generating a TypeScript client from it with openapi-typescript and
 * compiling a small client against it with {@code tsc --strict} (src/test/openapi-client;
 * the tools come from its package-lock.json through {@code npm ci}).
 */
class ApiDocumentThroughGatewayTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    private static final List<String> SERVICES = List.of("auth-service", "diagram-service", "ai-service",
            "collaboration-service", "export-service");

    /**
     * Every operation that creates something, and answers 201 (checked against the code,
     * and by other e2e tests).
     */
    private static final List<String> CREATES = List.of("post /api/auth/register", "post /api/auth/api-keys",
            "post /api/diagrams", "post /api/diagrams/import", "post /api/diagrams/{id}/duplicate",
            "post /api/diagrams/folders", "post /api/diagrams/tags", "post /api/diagrams/{id}/links",
            "post /api/diagrams/{id}/versions", "post /api/diagrams/{id}/versions/{number}/fork");

    private static RunningPlatform platform;

    private static String document;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.start(SERVICES);
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(platform.gateway("/api/docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        document = docs.body();
        for (String service : SERVICES) {
            assertThat(JsonPath.<List<String>>read(document,
                    "$['x-autograph-services'][?(@.service == '" + service + "')].status"))
                .containsExactly("ok");
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyOperationHasASummaryErrorResponsesAndNoInternalParameter() {
        List<String> operations = new ArrayList<>();
        forEachOperation((name, operation) -> {
            operations.add(name);
            assertThat((String) operation.get("summary")).as(name + " summary").isNotBlank();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.getOrDefault("parameters",
                    List.of());
            assertThat(parameters).as(name + " parameters")
                .extracting(p -> p.get("name"))
                .doesNotContain("identity", "caller");
            Map<String, Map<String, Object>> responses = JsonPath.read(operation, "$.responses");
            assertThat(responses.keySet()).as(name + " responses")
                .anyMatch(status -> status.startsWith("2"))
                .anyMatch(status -> status.startsWith("4"));
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(JsonPath.<String>read(response, "$.content['application/problem+json'].schema['$ref']"))
                        .as(name + " " + status)
                        .isEqualTo("#/components/schemas/Problem");
                }
            });
        });
        // Every started service's API is there (not an empty document passing vacuously).
        assertThat(operations).hasSizeGreaterThanOrEqualTo(90)
            .contains("get /api/auth/me", "get /api/diagrams/{id}", "post /api/export/files/{id}/{format}",
                    "get /api/export/kroki/{type}/{format}/{source}");
        assertThat(JsonPath.<Map<String, Object>>read(document, "$.components.schemas.Problem.properties"))
            .containsKeys("type", "title", "status", "detail", "code", "correlation_id", "errors");
    }

    @Test
    void createsAnswer201AndSignedInRoutesDocument401() {
        forEachOperation((name, operation) -> {
            Map<String, Object> responses = JsonPath.read(operation, "$.responses");
            if (CREATES.contains(name)) {
                assertThat(responses).as(name).containsKey("201").doesNotContainKey("200");
            }
            if (name.startsWith("get /api/diagrams/{id}") || name.equals("get /api/auth/me")) {
                assertThat(responses).as(name).containsKeys("401", "403");
            }
        });
        Map<String, Object> createFile = JsonPath.read(document, "$.paths['/api/diagrams'].post");
        assertThat(JsonPath.<String>read(createFile, "$.responses['201'].content['application/json'].schema['$ref']"))
            .startsWith("#/components/schemas/");
        assertThat(JsonPath.<Map<String, Object>>read(document, "$.paths['/api/diagrams/{id}'].get.responses"))
            .containsKeys("200", "401", "403", "404", "429");
        assertThat(JsonPath.<Map<String, Object>>read(document, "$.paths['/api/diagrams/{id}'].patch.responses"))
            .containsKeys("200", "400", "412", "428", "422");
    }

    @Test
    void theImportTakesAMultipartFile() {
        Map<String, Object> body = JsonPath.read(document, "$.paths['/api/diagrams/import'].post.requestBody");
        assertThat(JsonPath.<Map<String, Object>>read(body, "$.content")).containsOnlyKeys("multipart/form-data");
        assertThat(JsonPath.<String>read(body, "$.content['multipart/form-data'].schema.properties.file.format"))
            .isEqualTo("binary");
        assertThat(JsonPath.<List<String>>read(body, "$.content['multipart/form-data'].schema.required"))
            .contains("file");
        assertThat(JsonPath.<Map<String, Object>>read(document, "$.paths['/api/diagrams/import'].post.responses"))
            .containsKeys("201", "413", "422");
    }

    @Test
    void aGeneratedTypeScriptClientCompiles() throws Exception {
        assumeTrue(found("node", "--version"), "node is not installed: the TypeScript client check needs Node.js 20+");
        Path root = RunningPlatform.repositoryRoot();
        Path source = root.resolve("platform-tests/src/test/openapi-client");
        Path work = root.resolve("platform-tests/target/openapi-client");
        FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "tsconfig.json", "client.ts")) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(work.resolve("api-docs.json"), document);

        run(work, "npm", "ci", "--no-audit", "--no-fund");
        run(work, "node_modules/.bin/openapi-typescript", "api-docs.json", "--output", "schema.d.ts");
        run(work, "node_modules/.bin/tsc", "--project", "tsconfig.json", "--noEmit", "--strict");
    }

    /**
     * The browser app's API types are generated from a committed snapshot of this
     * document (frontend/openapi.json, see docs/frontend.md): it must be what the
     * platform serves, so that an API change shows up in the app's build. The snapshot
     * comes from the whole platform; every service with paths in it runs here.
     */
    @Test
    void theBrowserAppsSnapshotIsTheLiveDocument() throws Exception {
        Path file = RunningPlatform.repositoryRoot().resolve("frontend/openapi.json");
        String snapshot = Files.readString(file);
        List<String> documented = JsonPath.read(snapshot, "$['x-autograph-services'][?(@.paths > 0)].service");
        assertThat(SERVICES).as("services with paths in %s, which this test must run", file).containsAll(documented);
        List<String> differences = new ArrayList<>();
        for (String part : List.of("paths", "components.schemas", "components.securitySchemes")) {
            Map<String, Object> live = JsonPath.read(document, "$." + part);
            Map<String, Object> saved = JsonPath.read(snapshot, "$." + part);
            live.forEach((name, value) -> {
                if (!saved.containsKey(name)) {
                    differences.add(part + " " + name + ": new, not in the snapshot");
                }
                else if (!saved.get(name).equals(value)) {
                    differences.add(part + " " + name + ": changed");
                }
            });
            saved.keySet()
                .stream()
                .filter(name -> !live.containsKey(name))
                .forEach(name -> differences.add(part + " " + name + ": in the snapshot, gone from the API"));
        }
        assertThat(differences)
            .as("%s differs from GET /api/docs; if the API change is intended, refresh the snapshot"
                    + " (./autograph up, then cd frontend && npm run refresh-openapi), rebuild the app"
                    + " (./autograph build) and commit both", file)
            .isEmpty();
    }

    private interface OperationCheck {

        void check(String name, Map<String, Object> operation);

    }

    private static void forEachOperation(OperationCheck check) {
        Map<String, Map<String, Object>> paths = JsonPath.read(document, "$.paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> op = (Map<String, Object>) operation;
                check.check(method + " " + path, op);
            }
        }));
    }

    private static boolean found(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs a command in {@code directory}; fails the test with its output unless it exits
     * 0 within 5 minutes.
     */
    private static void run(Path directory, String... command) throws Exception {
        Path log = directory.resolve(Path.of(command[0]).getFileName() + ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited && process.exitValue() == 0)
            .as(String.join(" ", command) + (exited ? " exited " + process.exitValue() : " timed out") + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8))
            .isTrue();
    }

}
