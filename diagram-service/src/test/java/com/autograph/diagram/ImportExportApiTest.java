package com.autograph.diagram;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploading other tools' files as new diagrams, and downloading a diagram's source. */
class ImportExportApiTest extends DiagramApiTestBase {

    private static final String BOUNDARY = "autograph-test-boundary";

    private static final String EXCALIDRAW = """
            {"type": "excalidraw", "version": 2, "source": "https://excalidraw.com",
             "elements": [
              {"id": "box", "type": "rectangle", "x": 100, "y": 80, "width": 180, "height": 70, "angle": 0,
               "strokeColor": "#1e1e1e", "backgroundColor": "#a5d8ff", "fillStyle": "solid", "strokeWidth": 2,
               "strokeStyle": "solid", "roughness": 1, "opacity": 100, "groupIds": [], "frameId": null,
               "roundness": {"type": 3}, "seed": 1, "version": 3, "versionNonce": 7, "isDeleted": false,
               "boundElements": [{"id": "label", "type": "text"}, {"id": "link", "type": "arrow"}],
               "updated": 1700000000000, "link": null, "locked": false},
              {"id": "label", "type": "text", "x": 150, "y": 105, "width": 80, "height": 25, "angle": 0,
               "strokeColor": "#1e1e1e", "backgroundColor": "transparent", "fillStyle": "solid", "strokeWidth": 2,
               "strokeStyle": "solid", "roughness": 1, "opacity": 100, "groupIds": [], "frameId": null, "roundness": null,
               "seed": 2, "version": 3, "versionNonce": 8, "isDeleted": false, "boundElements": null,
               "updated": 1700000000000, "link": null, "locked": false, "text": "Web app", "fontSize": 20,
               "fontFamily": 1, "textAlign": "center", "verticalAlign": "middle", "containerId": "box",
               "originalText": "Web app", "lineHeight": 1.25},
              {"id": "db", "type": "ellipse", "x": 400, "y": 80, "width": 120, "height": 70, "angle": 0,
               "strokeColor": "#1e1e1e", "backgroundColor": "#b2f2bb", "fillStyle": "solid", "strokeWidth": 2,
               "strokeStyle": "solid", "roughness": 1, "opacity": 100, "groupIds": [], "frameId": null,
               "roundness": {"type": 2}, "seed": 3, "version": 3, "versionNonce": 9, "isDeleted": false,
               "boundElements": [{"id": "link", "type": "arrow"}], "updated": 1700000000000, "link": null, "locked": false},
              {"id": "link", "type": "arrow", "x": 280, "y": 115, "width": 120, "height": 0, "angle": 0,
               "strokeColor": "#1e1e1e", "backgroundColor": "transparent", "fillStyle": "solid", "strokeWidth": 2,
               "strokeStyle": "dashed", "roughness": 1, "opacity": 100, "groupIds": [], "frameId": null,
               "roundness": {"type": 2}, "seed": 4, "version": 3, "versionNonce": 10, "isDeleted": false,
               "boundElements": null, "updated": 1700000000000, "link": null, "locked": false,
               "points": [[0, 0], [120, 0]], "lastCommittedPoint": null,
               "startBinding": {"elementId": "box", "focus": 0, "gap": 1},
               "endBinding": {"elementId": "db", "focus": 0, "gap": 1},
               "startArrowhead": null, "endArrowhead": "arrow"}],
             "appState": {"viewBackgroundColor": "#ffffff", "gridSize": null}, "files": {}}
            """;

    @Test
    void anExcalidrawFileBecomesADiagramKeepingShapesTextColoursAndBindings() {
        Api.User user = newUser();
        HttpResponse<String> created = upload(user, "architecture.excalidraw", EXCALIDRAW, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat((String) read(created, "$.title")).isEqualTo("architecture");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[*].id")).contains("box", "db", "link");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'box')].text"))
            .containsExactly("Web app");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'box')].style.fill_color"))
            .containsExactly("#a5d8ff");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'link')].start.shape_id"))
            .containsExactly("box");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'link')].end.shape_id"))
            .containsExactly("db");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'link')].style.stroke_style"))
            .containsExactly("dashed");
    }

    @Test
    void codeFilesAreParsedAndLaidOutAndTheirErrorsNamed() {
        Api.User user = newUser();
        HttpResponse<String> eraser = upload(user, "system.eraser",
                "Web [icon: browser]\nAPI [icon: server, color: blue]\nDB [icon: database]\nWeb > API: HTTPS\nAPI > DB\n",
                "");
        assertThat(eraser.statusCode()).as(eraser.body()).isEqualTo(201);
        assertThat((List<Object>) read(eraser, "$.canvas_data.shapes[?(@.type == 'rectangle')].x")).hasSize(3);

        HttpResponse<String> broken = upload(user, "flow.mmd", "flowchart TD\n  a -> b\n", "");
        assertProblem(broken, 422, "code_errors");
        assertThat((Integer) read(broken, "$.errors[0].line")).isEqualTo(2);

        assertProblem(upload(user, "notes.txt", "just some words", ""), 422, "unknown_format");
        assertProblem(upload(user, "x.drawio", "<mxfile><diagram>not really", ""), 422, "unreadable_file");
    }

    @Test
    void aD2FileIsParsedAndLaidOutInItsDirectionAndItsErrorsCarryLineAndColumn() {
        Api.User user = newUser();
        HttpResponse<String> d2 = upload(user, "shop.d2", """
                direction: right
                cloud: AWS {
                  api: Orders API {icon: aws-lambda}
                  db: {shape: cylinder}
                  api -> db: SQL
                }
                users -> cloud.api: HTTPS
                """, "");
        assertThat(d2.statusCode()).as(d2.body()).isEqualTo(201);
        assertThat((String) read(d2, "$.title")).isEqualTo("shop");
        assertThat((List<String>) read(d2, "$.canvas_data.shapes[*].id")).containsExactly("cloud", "cloud.api",
                "cloud.db", "users", "(cloud.api -> cloud.db)[0]", "(users -> cloud.api)[0]");
        assertThat((List<String>) read(d2, "$.canvas_data.shapes[?(@.id == 'cloud.api')].parent_id"))
            .containsExactly("cloud");
        assertThat((List<String>) read(d2, "$.canvas_data.shapes[?(@.id == 'cloud.api')].icon"))
            .containsExactly("aws-lambda");
        // laid out left to right: users before the cloud's API
        double users = ((Number) ((List<?>) read(d2, "$.canvas_data.shapes[?(@.id == 'users')].x")).get(0))
            .doubleValue();
        double api = ((Number) ((List<?>) read(d2, "$.canvas_data.shapes[?(@.id == 'cloud.api')].x")).get(0))
            .doubleValue();
        assertThat(users).isLessThan(api);

        HttpResponse<String> broken = upload(user, "broken.d2", "a -> b\nb.shape: cylindr\n", "");
        assertProblem(broken, 422, "code_errors");
        assertThat((Integer) read(broken, "$.errors[0].line")).isEqualTo(2);
        assertThat((Integer) read(broken, "$.errors[0].column")).isEqualTo(10);
        assertThat((String) read(broken, "$.errors[0].suggestion")).contains("cylinder");
    }

    @Test
    void aDiagramsSourceDownloadsInEachFormat() {
        Api.User owner = newUser();
        Api.User stranger = newUser();
        String id = read(upload(owner, "flow.mmd", "flowchart LR\n  a[Start] --> b[Stop]\n", ""), "$.id");

        HttpResponse<String> mermaid = api.get(owner, "/api/diagrams/files/" + id + "/export-source?format=mermaid");
        assertThat(mermaid.statusCode()).isEqualTo(200);
        assertThat(mermaid.body()).startsWith("flowchart LR").contains("a[Start]", "b[Stop]", "a --> b");
        assertThat(mermaid.headers().firstValue("Content-Disposition").orElseThrow()).contains("flow.mmd");

        for (String format : List.of("json", "excalidraw", "drawio", "eraser", "plantuml", "structurizr", "d2")) {
            HttpResponse<String> source = api.get(owner,
                    "/api/diagrams/files/" + id + "/export-source?format=" + format);
            assertThat(source.statusCode()).as(format + ": " + source.body()).isEqualTo(200);
            assertThat(source.body()).as(format).contains("Start");
        }
        // What one tool exports, the import reads back.
        String drawio = api.get(owner, "/api/diagrams/files/" + id + "/export-source?format=drawio").body();
        assertThat((List<String>) read(upload(owner, "copy.drawio", drawio, ""), "$.canvas_data.shapes[*].text"))
            .contains("Start", "Stop");

        assertProblem(api.get(owner, "/api/diagrams/files/" + id + "/export-source?format=visio"), 400,
                "invalid_parameter");
        assertThat(api.get(stranger, "/api/diagrams/files/" + id + "/export-source?format=json").statusCode())
            .isEqualTo(404);
    }

    private static final String TLDRAW = """
            {"tldrawFileFormatVersion": 1, "schema": {"schemaVersion": 2, "sequences": {}},
             "records": [
              {"id": "document:document", "typeName": "document", "gridSize": 10, "name": "", "meta": {}},
              {"id": "page:page", "typeName": "page", "name": "Page 1", "index": "a1", "meta": {}},
              {"id": "shape:box", "typeName": "shape", "type": "geo", "parentId": "page:page", "index": "a1",
               "x": 100, "y": 80, "rotation": 0, "isLocked": false, "opacity": 1, "meta": {},
               "props": {"geo": "rectangle", "w": 180, "h": 70, "color": "blue", "fill": "solid", "dash": "draw",
                         "size": "m", "font": "draw", "richText": {"type": "doc", "content": [{"type": "paragraph",
                         "content": [{"type": "text", "text": "Web app"}]}]}}},
              {"id": "shape:db", "typeName": "shape", "type": "geo", "parentId": "page:page", "index": "a2",
               "x": 400, "y": 80, "rotation": 0, "isLocked": false, "opacity": 1, "meta": {},
               "props": {"geo": "ellipse", "w": 120, "h": 70, "color": "green", "fill": "none", "dash": "dashed"}},
              {"id": "shape:link", "typeName": "shape", "type": "arrow", "parentId": "page:page", "index": "a3",
               "x": 280, "y": 115, "rotation": 0, "isLocked": false, "opacity": 1, "meta": {},
               "props": {"start": {"x": 0, "y": 0}, "end": {"x": 120, "y": 0}, "arrowheadStart": "none",
                         "arrowheadEnd": "arrow", "bend": 0, "color": "black"}},
              {"id": "binding:s", "typeName": "binding", "type": "arrow", "fromId": "shape:link", "toId": "shape:box",
               "props": {"terminal": "start", "normalizedAnchor": {"x": 0.5, "y": 0.5}, "isExact": false,
                         "isPrecise": false}, "meta": {}},
              {"id": "binding:e", "typeName": "binding", "type": "arrow", "fromId": "shape:link", "toId": "shape:db",
               "props": {"terminal": "end", "normalizedAnchor": {"x": 0.5, "y": 0.5}, "isExact": false,
                         "isPrecise": false}, "meta": {}}]}
            """;

    @Test
    void aTldrawFileBecomesADiagramAndIsImportOnly() {
        Api.User user = newUser();
        HttpResponse<String> created = upload(user, "sketch.tldr", TLDRAW, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat((List<String>) read(created, "$.canvas_data.shapes[*].id")).containsExactly("box", "db", "link");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'box')].text"))
            .containsExactly("Web app");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'link')].end.shape_id"))
            .containsExactly("db");
        // Told apart by its content when the name says nothing.
        assertThat(upload(user, "export.json", TLDRAW, "").statusCode()).isEqualTo(201);
        assertProblem(upload(user, "broken.tldr", "{\"records\": 3}", ""), 422, "unreadable_file");

        String id = read(created, "$.id");
        assertProblem(api.get(user, "/api/diagrams/files/" + id + "/export-source?format=tldraw"), 422,
                "format_unsupported");
    }

    @Test
    void aStructurizrWorkspaceIsParsedLaidOutAndItsErrorsPlaced() {
        Api.User user = newUser();
        String dsl = """
                workspace {
                    model {
                        user = person "User"
                        shop = softwareSystem "Shop" {
                            web = container "Web" "" "Java"
                        }
                        user -> web "Buys with"
                    }
                }
                """;
        HttpResponse<String> created = upload(user, "c4.dsl", dsl, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'shop')].type"))
            .containsExactly("frame");
        assertThat((List<String>) read(created, "$.canvas_data.shapes[?(@.id == 'web')].text"))
            .containsExactly("Web\n[Container: Java]");
        assertThat((List<Object>) read(created, "$.canvas_data.shapes[?(@.id == 'user')].x")).hasSize(1);

        HttpResponse<String> broken = upload(user, "broken.txt",
                "workspace {\n  model {\n    user = persn \"U\"\n  }\n}\n", "");
        assertProblem(broken, 422, "code_errors");
        assertThat((Integer) read(broken, "$.errors[0].line")).isEqualTo(3);
        assertThat((Integer) read(broken, "$.errors[0].column")).isEqualTo(12);
    }

    /**
     * Issue #13, finding 1: an 81 KB page inflating to 60 MB crashed the service with an
     * OutOfMemoryError. Now the inflater stops at the limit and the problem names it; the
     * service keeps answering.
     */
    @Test
    void aDeflateBombIsRefusedNamingTheLimitAndTheServiceKeepsAnswering() {
        Api.User user = newUser();
        String head = "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" value=\"";
        String bomb = "<mxfile><diagram name=\"p\">" + Base64.getEncoder().encodeToString(deflated(head, 60 << 20))
                + "</diagram></mxfile>";
        assertThat(bomb.length()).isLessThan(100_000);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = upload(user, "bomb.drawio", bomb, "");
            assertProblem(refused, 422, "limit_exceeded");
            assertThat((String) read(refused, "$.limit")).isEqualTo("import.max-decompressed-bytes");
            assertThat((Integer) read(refused, "$.limit_value")).isEqualTo(10 << 20);
            assertThat((String) read(refused, "$.detail"))
                .isEqualTo("The draw.io page inflates past 10 MB (limit import.max-decompressed-bytes).");
        }
        // The issue's own file (60 MB of 'A', not XML) is refused at its first byte.
        String python = "<mxfile><diagram name=\"p\">" + Base64.getEncoder().encodeToString(deflated("", 60 << 20))
                + "</diagram></mxfile>";
        assertProblem(upload(user, "bomb.drawio", python, ""), 422, "unreadable_file");

        HttpResponse<String> fine = upload(user, "flow.mmd", "flowchart LR\n  a --> b\n", "");
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(201);
    }

    @Test
    void importsOverTheShapeOrDepthLimitsAre422NamingTheLimit() {
        Api.User user = newUser();
        String fanOut = IntStream.range(0, 200).mapToObj(i -> "l" + i).collect(Collectors.joining(", ")) + " > "
                + IntStream.range(0, 200).mapToObj(i -> "r" + i).collect(Collectors.joining(", ")) + "\n";
        HttpResponse<String> shapes = upload(user, "fan.eraser", fanOut, "");
        assertProblem(shapes, 422, "limit_exceeded");
        assertThat((String) read(shapes, "$.limit")).isEqualTo("import.max-shapes");

        String deep = "{\"type\":\"excalidraw\",\"elements\":[],\"x\":" + "[".repeat(200) + "]".repeat(200) + "}";
        HttpResponse<String> depth = upload(user, "deep.excalidraw", deep, "");
        assertProblem(depth, 422, "limit_exceeded");
        assertThat((String) read(depth, "$.limit")).isEqualTo("import.max-depth");
        assertThat((String) read(depth, "$.detail")).doesNotContain("Constraints", "Exception", "tools.jackson");
    }

    @Test
    void aMalformedJsonFileIsDescribedWithoutJavaNames() {
        HttpResponse<String> response = upload(newUser(), "doc.json", "{\"schema_version\": x}", "");

        assertProblem(response, 422, "unreadable_file");
        assertThat((String) read(response, "$.detail")).contains("at line 1, column 20")
            .doesNotContain("StreamReadFeature", "Source:", "`");
    }

    /**
     * Issue #13, finding 7: an unclosed quote in an ER label was "could not be read
     * (StringIndexOutOfBoundsException)" at 1:1.
     */
    @Test
    void anErLabelWithAnUnclosedQuoteIsACodeErrorAtItsLineAndColumn() {
        HttpResponse<String> response = upload(newUser(), "er.mmd", "erDiagram\n  A ||--o{ B : \"", "");

        assertProblem(response, 422, "code_errors");
        assertThat((Integer) read(response, "$.errors[0].line")).isEqualTo(2);
        assertThat((Integer) read(response, "$.errors[0].column")).isEqualTo(16);
        assertThat((String) read(response, "$.detail")).contains("2:16: the quoted label is never closed")
            .doesNotContain("Exception");
    }

    /**
     * Issue #13, findings 4 and 7: text inside an imported file is not checked by the
     * JSON request reader; a NUL was a 500 from PostgreSQL, a lone surrogate was stored
     * as '?', an over-long title overflowed the column (500).
     */
    @Test
    void unstorableTextInsideAnImportedFileAndAnOverlongTitleAre400() {
        Api.User user = newUser();
        HttpResponse<String> nul = upload(user, "nul.excalidraw",
                EXCALIDRAW.replace("\"Web app\"", "\"Web\\u0000app\""), "");
        assertProblem(nul, 400, "invalid_text");
        assertThat((String) read(nul, "$.errors[0].field")).startsWith("file: shapes[");
        assertThat((String) read(nul, "$.errors[0].message")).contains("NUL");

        HttpResponse<String> surrogate = upload(user, "half.excalidraw",
                EXCALIDRAW.replace("\"Web app\"", "\"Web\\ud800\""), "");
        assertProblem(surrogate, 400, "invalid_text");
        assertThat((String) read(surrogate, "$.errors[0].message")).contains("unpaired surrogate");

        HttpResponse<String> longTitle = upload(user, "ok.excalidraw", EXCALIDRAW, "?title=" + "t".repeat(256));
        assertProblem(longTitle, 400, "validation_failed");
        assertThat((String) read(longTitle, "$.detail")).contains("title", "255");

        HttpResponse<String> emojiTitle = upload(user, "ok.excalidraw", EXCALIDRAW,
                "?title=" + "%F0%9F%98%80".repeat(255));
        assertThat(emojiTitle.statusCode()).as(emojiTitle.body()).isEqualTo(201);
        // Only the last import made a file: the refused ones wrote nothing.
        assertThat((Integer) read(api.send(user, "GET", "/api/diagrams", null, Map.of()), "$.total")).isEqualTo(1);
    }

    /**
     * Raw DEFLATE (no header, as draw.io writes pages) of {@code head} and then {@code n}
     * bytes 'A'.
     */
    private static byte[] deflated(String head, int n) {
        Deflater d = new Deflater(9, true);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            byte[] a = new byte[1 << 20];
            Arrays.fill(a, (byte) 'A');
            d.setInput(head.getBytes(StandardCharsets.US_ASCII));
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf));
            }
            for (int left = n; left > 0; left -= a.length) {
                d.setInput(a, 0, Math.min(a.length, left));
                while (!d.needsInput()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            }
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        }
        finally {
            d.end();
        }
    }

    private HttpResponse<String> upload(Api.User user, String fileName, String content, String extraParameters) {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
        return api.send(user, "POST", "/api/diagrams/import" + extraParameters, body,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
    }

}
