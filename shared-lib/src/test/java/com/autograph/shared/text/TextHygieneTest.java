package com.autograph.shared.text;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.testapp.TestApplication;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text a service cannot store, JSON that is not what the endpoint takes, and how each is
 * told: a 400 naming the field, never a Java type.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TextHygieneTest {

    /** What a detail must never contain: nested classes, packages, generic signatures. */
    private static final Pattern JAVA = Pattern.compile("[A-Z][a-zA-Z]+\\$|java\\.|tools\\.jackson|<");

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.registerDatabase(registry, TestDatabase.create());
        IsolatedInfrastructure.registerRedis(registry, IsolatedInfrastructure.uniqueSuffix());
    }

    @LocalServerPort
    int port;

    @Test
    void nulAndUnpairedSurrogatesAreRefusedWhereverTheyAre() throws Exception {
        assertInvalidText(post("/notes", "{\"title\":\"a\\u0000b\"}"), "title", "NUL");
        assertInvalidText(post("/notes", "{\"title\":\"ok\",\"tags\":[\"x\",\"y\\u0000\"]}"), "tags[1]", "NUL");
        assertInvalidText(
                post("/notes", "{\"title\":\"ok\",\"canvas_data\":{\"shapes\":[{},{},{},{\"text\":\"\\u0000\"}]}}"),
                "canvas_data.shapes[3].text", "NUL");
        assertInvalidText(post("/notes", "{\"title\":\"\\ud800\"}"), "title", "unpaired surrogate");
        assertInvalidText(post("/notes", "{\"title\":\"ok\",\"canvas_data\":{\"a\":\"x\\udc00y\"}}"), "canvas_data.a",
                "unpaired surrogate");
        // A property name inside free JSON: jsonb refuses it as well.
        assertInvalidText(post("/notes", "{\"title\":\"ok\",\"canvas_data\":{\"k\\u0000\":1}}"), "canvas_data.k\\u0000",
                "property name");
        // Raw (unescaped) UTF-8 of a surrogate half, not only the \\u escape.
        byte[] raw = "{\"title\":\"a\uFFFFb\"}".getBytes(StandardCharsets.UTF_8);
        raw[12] = (byte) 0xED;
        raw[13] = (byte) 0xA0;
        raw[14] = (byte) 0x80;
        HttpResponse<String> rawSurrogate = post("/notes", raw);
        assertThat(rawSurrogate.statusCode()).as(rawSurrogate.body()).isEqualTo(400);
        assertNoJavaNames(rawSurrogate);
    }

    @Test
    void aPairedSurrogateIsAnOrdinaryCharacterAndCountsAsOne() throws Exception {
        String tenEmoji = "😀".repeat(10);
        HttpResponse<String> ok = post("/notes",
                "{\"title\":\"" + tenEmoji + "\",\"canvas_data\":{\"t\":\"\\ud83d\\ude00\"}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(ok.body(), "$.title")).isEqualTo(tenEmoji);
        assertThat(JsonPath.<String>read(ok.body(), "$.canvas_data.t")).isEqualTo("😀");

        HttpResponse<String> tooLong = post("/notes", "{\"title\":\"" + tenEmoji + "x\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(tooLong.body(), "$.code")).isEqualTo("validation_failed");
        assertThat(JsonPath.<String>read(tooLong.body(), "$.errors[0].field")).isEqualTo("title");
        assertThat(JsonPath.<String>read(tooLong.body(), "$.errors[0].message")).contains("10 characters");
    }

    @Test
    void queryParametersPathVariablesAndMultipartFieldsAreCheckedToo() throws Exception {
        assertInvalidText(get("/notes/7d4c9a1e-0000-4000-8000-000000000001?q=a%00b"), "q", "NUL");
        // Tomcat itself refuses an encoded NUL in the path, before any service code runs.
        assertThat(get("/labels/a%00b").statusCode()).isEqualTo(400);
        String boundary = "b0undary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\u0000y\r\n" + "--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpResponse<String> multipart = http.send(HttpRequest.newBuilder(uri("/uploads"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertInvalidText(multipart, "title", "NUL");
        assertThat(get("/notes/7d4c9a1e-0000-4000-8000-000000000001?q=fine").statusCode()).isEqualTo(200);
    }

    @Test
    void duplicateKeysAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> response = post("/notes", "{\"title\":\"a\",\"canvas_data\":{\"x\":1,\"x\":2}}");
        assertMalformed(response, "canvas_data.x", "appears more than once");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"title\":\"b\"}"), "title", "appears more than once");
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRefusedNamingTheField() throws Exception {
        assertMalformed(post("/notes", "{\"title\":12}"), "title", "must be a string");
        assertMalformed(post("/notes", "{\"title\":true}"), "title", "must be a string");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"tags\":[1]}"), "tags[0]", "must be a string");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"count\":\"12\"}"), "count", "must be a number");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"count\":1.5}"), "count", "must be a number");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"pinned\":\"yes\"}"), "pinned", "must be true or false");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"pinned\":1}"), "pinned", "must be true or false");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"shade\":0}"), "shade", "must be one of [light, dark]");
        assertMalformed(post("/notes", "{\"title\":\"a\",\"tags\":\"x\"}"), "tags", "must be a list");
        // Exactly the right types still work.
        HttpResponse<String> ok = post("/notes",
                "{\"title\":\"a\",\"tags\":[\"x\"],\"count\":3,\"pinned\":true,\"shade\":\"DARK\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void unreadableBodiesAndBadParametersAreDescribedWithoutJavaTypes() throws Exception {
        HttpResponse<String> syntax = post("/notes", "{\"title\": x}");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(syntax.body(), "$.code")).isEqualTo("malformed_body");
        assertThat(JsonPath.<String>read(syntax.body(), "$.detail"))
            .isEqualTo("The request body is not valid JSON (line 1, column 11).");
        assertNoJavaNames(syntax);

        HttpResponse<String> empty = post("/notes", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(empty.body(), "$.detail")).contains("missing");
        assertNoJavaNames(empty);

        HttpResponse<String> array = post("/notes", "[]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(array.body(), "$.detail")).isEqualTo("The request body must be an object.");
        assertNoJavaNames(array);

        HttpResponse<String> badId = get("/notes/not-a-uuid");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(badId.body(), "$.detail")).isEqualTo("Parameter 'id' must be a UUID.");
        assertNoJavaNames(badId);

        HttpResponse<String> badPage = get("/notes/7d4c9a1e-0000-4000-8000-000000000001?page=two");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(badPage.body(), "$.detail")).isEqualTo("Parameter 'page' must be a number.");
        assertNoJavaNames(badPage);

        HttpResponse<String> longQuery = get("/notes/7d4c9a1e-0000-4000-8000-000000000001?q=" + "x".repeat(21));
        assertThat(longQuery.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(longQuery.body(), "$.code")).isEqualTo("validation_failed");
        assertThat(JsonPath.<String>read(longQuery.body(), "$.errors[0].field")).isEqualTo("q");
        assertThat(JsonPath.<String>read(longQuery.body(), "$.detail")).contains("q length must be between 0 and 20");
        assertNoJavaNames(longQuery);

        HttpResponse<String> missingPart = http.send(HttpRequest.newBuilder(uri("/uploads"))
            .header("Content-Type", "multipart/form-data; boundary=x")
            .POST(HttpRequest.BodyPublishers
                .ofString("--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nt\r\n--x--\r\n"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missingPart.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(missingPart.body(), "$.detail")).contains("file");
        assertNoJavaNames(missingPart);

        HttpResponse<String> noBoundary = http.send(HttpRequest.newBuilder(uri("/uploads"))
            .header("Content-Type", "multipart/form-data")
            .POST(HttpRequest.BodyPublishers
                .ofString("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nt\r\n--x--\r\n"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noBoundary.statusCode()).as(noBoundary.body()).isEqualTo(400);
        assertThat(JsonPath.<String>read(noBoundary.body(), "$.code")).isEqualTo("malformed_body");
        assertThat(JsonPath.<String>read(noBoundary.body(), "$.detail")).contains("boundary");
        assertNoJavaNames(noBoundary);
    }

    @Test
    void aBodyOfMoreJsonTokensThanTheLimitIsRefusedWhileItStreams() throws Exception {
        // 1,000,002 empty arrays: 2,000,004 tokens in under 4 MB, about 100 MB of tree if
        // read whole.
        String tooMany = "{\"title\":\"a\",\"canvas_data\":{\"x\":[" + "[],".repeat(1_000_001) + "[]]}}";
        HttpResponse<String> response = post("/notes", tooMany);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("limit_exceeded");
        assertThat(JsonPath.<String>read(response.body(), "$.limit")).isEqualTo("json.max-tokens");
        assertThat(JsonPath.<Integer>read(response.body(), "$.limit_value"))
            .isEqualTo(JsonTooLargeException.MAX_TOKENS);
        assertNoJavaNames(response);

        String many = "{\"title\":\"a\",\"canvas_data\":{\"x\":[" + "[],".repeat(100_000) + "[]]}}";
        assertThat(post("/notes", many).statusCode()).isEqualTo(200);
    }

    private void assertInvalidText(HttpResponse<String> response, String field, String why) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("invalid_text");
        List<Map<String, String>> errors = JsonPath.read(response.body(), "$.errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("field", field);
            assertThat(e.get("message")).contains(why);
        });
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("'" + field + "'");
        assertThat(JsonPath.<String>read(response.body(), "$.detail")).doesNotContain("\u0000");
        assertNoJavaNames(response);
    }

    private void assertMalformed(HttpResponse<String> response, String field, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("malformed_body");
        List<Map<String, String>> errors = JsonPath.read(response.body(), "$.errors");
        assertThat(errors).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("field", field).containsEntry("message", message));
        assertThat(JsonPath.<String>read(response.body(), "$.detail"))
            .isEqualTo("Field '" + field + "' " + message + ".");
        assertNoJavaNames(response);
    }

    private static void assertNoJavaNames(HttpResponse<String> response) {
        String detail = JsonPath.read(response.body(), "$.detail");
        assertThat(JAVA.matcher(detail).find()).as(detail).isFalse();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, byte[] json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
