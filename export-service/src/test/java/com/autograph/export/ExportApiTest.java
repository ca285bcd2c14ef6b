package com.autograph.export;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export endpoints over HTTP: a file (read from diagram-service with the caller's
 * identity, its permission answers passed on), posted documents and code, options, the
 * cache and its ETag, the history and the export count, and the Kroki-compatible API with
 * its encoding and limits.
 */
class ExportApiTest extends ExportApiTestBase {

    @Test
    void aFileIsExportedWithTheCallersRightsCachedAndCounted() {
        UUID owner = newUser();
        FakeDiagramService.File file = diagrams.add(owner, "Checkout flow", CANVAS);

        HttpResponse<byte[]> first = post(owner, "/api/export/files/" + file.id() + "/json", null);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JsonPath.<String>read(text(first), "$.shapes[0].text")).isEqualTo("Payment API");
        assertThat(first.headers().firstValue("Content-Disposition").orElseThrow()).contains("Checkout flow.json");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("X-Export-Cache")).hasValue("miss");

        HttpResponse<byte[]> again = post(owner, "/api/export/files/" + file.id() + "/json", null);
        assertThat(again.headers().firstValue("X-Export-Cache")).hasValue("hit");
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.body()).isEqualTo(first.body());

        HttpResponse<byte[]> unchanged = send(owner, "POST", "/api/export/files/" + file.id() + "/json", null, null,
                Map.of("If-None-Match", etag));
        assertThat(unchanged.statusCode()).isEqualTo(304);

        // Two delivered exports counted (the 304 delivered nothing), and in the owner's
        // history.
        assertThat(diagrams.exportsCounted).filteredOn(e -> e.startsWith(file.id().toString()))
            .hasSize(2)
            .allSatisfy(e -> assertThat(e).contains("\"format\":\"json\""));
        HttpResponse<byte[]> history = get(owner, "/api/export/history?file_id=" + file.id());
        assertThat(history.statusCode()).as(text(history)).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(text(history), "$.total")).isEqualTo(2);
        assertThat(JsonPath.<String>read(text(history), "$.items[0].format")).isEqualTo("json");
        assertThat(JsonPath.<Integer>read(text(history), "$.items[0].size_bytes")).isEqualTo(first.body().length);
    }

    @Test
    void permissionsAreDiagramServicesAnswers() {
        UUID owner = newUser();
        UUID stranger = newUser();
        FakeDiagramService.File file = diagrams.add(owner, "Private", CANVAS);
        int counted = diagrams.exportsCounted.size();

        assertProblem(post(stranger, "/api/export/files/" + file.id() + "/json", null), 404, "not_found");
        assertProblem(post(stranger, "/api/export/files/" + UUID.randomUUID() + "/json", null), 404, "not_found");
        assertProblem(post(diagrams.forbidden, "/api/export/files/" + file.id() + "/json", null), 403,
                "permission_denied");
        assertProblem(post(owner, "/api/export/files/" + file.id() + "/json?version=7", null), 404, "not_found");
        assertProblem(post(null, "/api/export/files/" + file.id() + "/json", null), 401, "authentication_required");
        assertProblem(get(stranger, "/api/export/thumbnails/" + file.id()), 404, "not_found");
        assertThat(diagrams.exportsCounted).hasSize(counted);
        assertThat(get(stranger, "/api/export/history?file_id=" + file.id()).body()).asString(StandardCharsets.UTF_8)
            .contains("\"total\":0");
        assertThat(diagrams.unsigned).hasValue(0);
    }

    @Test
    void diagramServiceFailingIsA503NotAnError() {
        UUID owner = newUser();
        FakeDiagramService.File file = diagrams.add(owner, "Unreachable", CANVAS);
        diagrams.failing = true;
        try {
            HttpResponse<byte[]> down = post(owner, "/api/export/files/" + file.id() + "/json", null);
            assertProblem(down, 503, "diagram_service_unavailable");
        }
        finally {
            diagrams.failing = false;
        }
        assertThat(post(owner, "/api/export/files/" + file.id() + "/json", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aVersionIsExportedByNumber() {
        UUID owner = newUser();
        FakeDiagramService.File file = diagrams.add(owner, "Versioned", CANVAS);
        file.versions().put(3, CANVAS.replace("Payment API", "Old API"));
        HttpResponse<byte[]> version = post(owner, "/api/export/files/" + file.id() + "/mermaid?version=3", null);
        assertThat(version.statusCode()).as(text(version)).isEqualTo(200);
        assertThat(text(version)).contains("Old API").doesNotContain("Payment API");
        assertProblem(post(owner, "/api/export/files/" + file.id() + "/json?version=0", null), 400,
                "validation_failed");
    }

    @Test
    void invalidOptionsAndFormatsAreNamed() {
        UUID owner = newUser();
        FakeDiagramService.File file = diagrams.add(owner, "Options", CANVAS);
        HttpResponse<byte[]> scale = post(owner, "/api/export/files/" + file.id() + "/png?scale=3", null);
        assertProblem(scale, 400, "invalid_option");
        assertThat(JsonPath.<String>read(text(scale), "$.option")).isEqualTo("scale");
        HttpResponse<byte[]> background = post(owner, "/api/export/render/mermaid/svg",
                "{\"code\": \"flowchart LR\\n a --> b\", \"options\": {\"background\": \"javascript:alert(1)\"}}");
        assertProblem(background, 400, "invalid_option");
        assertThat(JsonPath.<String>read(text(background), "$.option")).isEqualTo("background");
        HttpResponse<byte[]> format = post(owner, "/api/export/files/" + file.id() + "/gif", null);
        assertProblem(format, 400, "invalid_option");
        assertThat(JsonPath.<String>read(text(format), "$.option")).isEqualTo("format");
    }

    @Test
    void anAbsurdlyLargeRenderIsA422NamingTheLimit() {
        UUID user = newUser();
        String wide = """
                {"document": {"schema_version": 1, "shapes": [
                  {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100000, "height": 60, "text": "Wide"}]},
                 "options": {"scale": 4}}""";
        HttpResponse<byte[]> refused = post(user, "/api/export/render/document/png", wide);
        assertProblem(refused, 422, "render_limit_exceeded");
        assertThat(text(refused)).contains("autograph.export.render.max-side");
        // The same service still renders a reasonable picture afterwards.
        HttpResponse<byte[]> small = post(user, "/api/export/render/document/png",
                "{\"document\": " + CANVAS + ", \"options\": {\"scale\": 1}}");
        assertThat(small.statusCode()).as(text(small)).isEqualTo(200);
        assertThat(small.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/png");
    }

    @Test
    void postedCodeIsRenderedAndItsErrorsListed() {
        UUID user = newUser();
        HttpResponse<byte[]> ok = post(user, "/api/export/render/mermaid/json",
                "{\"code\": \"flowchart LR\\n  a[Web app] --> b[(Orders DB)]\"}");
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        assertThat(text(ok)).contains("Web app", "Orders DB");

        HttpResponse<byte[]> broken = post(user, "/api/export/render/mermaid/json",
                "{\"code\": \"flowchart LR\\n  a --> \"}");
        assertProblem(broken, 400, "code_errors");
        assertThat(JsonPath.<Integer>read(text(broken), "$.errors[0].line")).isEqualTo(2);

        assertProblem(post(user, "/api/export/render/graphviz/json", "{\"code\": \"digraph {}\"}"), 400,
                "unknown_language");
        assertProblem(post(user, "/api/export/render/mermaid/json", "{\"code\": \"" + "x".repeat(1_100_000) + "\"}"),
                413, "limit_exceeded");
        HttpResponse<byte[]> history = get(user, "/api/export/history");
        assertThat(JsonPath.<String>read(text(history), "$.items[0].source")).isEqualTo("code");
    }

    @Test
    void aPostedDocumentIsValidatedAndRendered() {
        UUID user = newUser();
        HttpResponse<byte[]> ok = post(user, "/api/export/render/document/plantuml",
                "{\"document\": " + CANVAS + ", \"title\": \"Posted\"}");
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        assertThat(text(ok)).contains("Payment API");
        assertProblem(post(user, "/api/export/render/document/json", "{\"document\": {\"shapes\": 5}}"), 422,
                "invalid_document");
        assertProblem(post(user, "/api/export/render/document/json", "{}"), 400, "validation_failed");
    }

    @Test
    void userTextIsEscapedInEveryPictureAndPage() {
        UUID user = newUser();
        String hostile = "<script>alert(1)</script> </svg> ]]> <a href=\\\"javascript:alert(2)\\\">x</a>";
        String document = "{\"schema_version\": 1, \"shapes\": [{\"id\": \"s\", \"type\": \"rectangle\", \"x\": 0, \"y\": 0,"
                + " \"width\": 200, \"height\": 80, \"text\": \"" + hostile + "\"}]}";
        for (String format : new String[] { "svg", "html", "md" }) {
            HttpResponse<byte[]> export = post(user, "/api/export/render/document/" + format, "{\"document\": "
                    + document + ", \"title\": \"" + hostile + "\", \"note_content\": \"" + hostile + "\"}");
            assertThat(export.statusCode()).as(format + ": " + text(export)).isEqualTo(200);
            // Markdown escapes with a backslash ("\\<script\\>" shows the text); SVG and
            // HTML with entities.
            assertThat(text(export)).as(format)
                .doesNotContainPattern("(?<!\\\\)<script>")
                .doesNotContainPattern("(?<!\\\\)<a href=\"javascript:");
            assertThat(export.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(export.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        }
    }

    @Test
    void krokiUrlsDecodeAsKrokiDocumentsThem() {
        String mermaid = "graph TD\n  A[Client] --> B[Server]";
        HttpResponse<byte[]> svg = get(null,
                "/api/export/kroki/mermaid/svg/" + encode(mermaid.getBytes(StandardCharsets.UTF_8)));
        assertThat(svg.statusCode()).as(text(svg)).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(text(svg)).contains("Client", "Server");

        HttpResponse<byte[]> plain = send(null, "POST", "/api/export/kroki/mermaid/svg", "text/plain",
                mermaid.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(plain.statusCode()).as(text(plain)).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(svg.body());
        HttpResponse<byte[]> json = send(null, "POST", "/api/export/kroki/mermaid/svg", "application/json",
                "{\"diagram_source\": \"graph TD\\n  A[Client] --> B[Server]\", \"diagram_type\": \"mermaid\", \"output_format\": \"svg\"}"
                    .getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(json.statusCode()).as(text(json)).isEqualTo(200);
        assertThat(json.body()).isEqualTo(svg.body());
    }

    @Test
    void krokiRefusesWhatItCannotDecodeOrRenderWithKrokisErrorBodies() {
        assertKrokiError(get(null, "/api/export/kroki/mermaid/svg/not*base64"), 400);
        assertKrokiError(get(null, "/api/export/kroki/mermaid/svg/"
                + Base64.getUrlEncoder().encodeToString("plain, not deflated".getBytes(StandardCharsets.UTF_8))), 400);
        assertKrokiError(
                get(null, "/api/export/kroki/graphviz/svg/" + encode("digraph {}".getBytes(StandardCharsets.UTF_8))),
                404);
        assertKrokiError(get(null,
                "/api/export/kroki/mermaid/jpeg/" + encode("graph TD\n a --> b".getBytes(StandardCharsets.UTF_8))),
                400);
        assertKrokiError(
                get(null,
                        "/api/export/kroki/mermaid/svg/" + encode("graph TD\n a -->".getBytes(StandardCharsets.UTF_8))),
                400);
        // 3 MB of spaces deflate to about 3 kB (a URL that fits): inflating stops one
        // byte past the 1 MB limit.
        byte[] bomb = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(bomb, (byte) ' ');
        String encodedBomb = encode(bomb);
        assertThat(encodedBomb.length()).isLessThan(6_000);
        assertKrokiError(get(null, "/api/export/kroki/mermaid/svg/" + encodedBomb), 413);
        assertKrokiError(
                send(null, "POST", "/api/export/kroki/mermaid/svg", "text/plain", new byte[2 * 1024 * 1024], Map.of()),
                413);
        assertKrokiError(send(null, "POST", "/api/export/kroki/mermaid/svg", "application/json",
                "{\"diagram_source\": \"\"}".getBytes(StandardCharsets.UTF_8), Map.of()), 400);
    }

    @Test
    void krokiErrorsFollowTheAcceptHeaderAsKrokisDo() {
        String path = "/api/export/kroki/mermaid/svg/" + encode("graph TD\n a -->".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> json = send(null, "GET", path, null, null, Map.of("Accept", "application/json"));
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JsonPath.<Integer>read(text(json), "$.error.code")).isEqualTo(400);
        assertThat(JsonPath.<String>read(text(json), "$.error.message")).isNotBlank();

        HttpResponse<byte[]> html = send(null, "GET", path, null, null,
                Map.of("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"));
        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(text(html)).startsWith("<!DOCTYPE html>").contains("Error 400");

        HttpResponse<byte[]> image = send(null, "GET", path, null, null, Map.of("Accept", "image/svg+xml"));
        assertThat(image.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");

        // Elsewhere errors stay RFC 9457 problems.
        assertProblem(post(null, "/api/export/files/" + UUID.randomUUID() + "/json", null), 401,
                "authentication_required");
    }

    static void assertKrokiError(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(text(response)).startsWith("Error " + status + ": ")
            .hasSizeGreaterThan(("Error 400: ").length() + 5);
    }

    /**
     * What Kroki's documentation prescribes: UTF-8, zlib deflate at level 9, base64 with
     * the URL-safe alphabet.
     */
    static String encode(byte[] source) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(source);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getUrlEncoder().encodeToString(out.toByteArray());
    }

}
