package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Diagram-as-code, layout and quality endpoints on documents sent in the request. */
class DiagramCodeApiTest extends DiagramApiTestBase {

    private static final String FLOWCHART = """
            flowchart LR
              client([Browser]) --> gw[API gateway]
              gw -->|REST| api[Diagram service]
              api -.-> cache[(Redis)]
              subgraph data [Data]
                db[(PostgreSQL)]
              end
              api --> db
            """;

    @Test
    void listsTheLanguagesAndSnippets() {
        Api.User user = newUser();
        assertThat((List<String>) read(api.get(user, "/api/diagrams/code/languages"), "$.items")).contains("mermaid",
                "eraser", "plantuml", "d2");
        HttpResponse<String> snippets = api.get(user, "/api/diagrams/code/snippets");
        assertThat((List<String>) read(snippets, "$.items[*].id")).contains("microservices", "oauth-flow", "er");
        assertThat((List<String>) read(snippets, "$.items[*].code")).allSatisfy(code -> assertThat(code).isNotBlank());
    }

    @Test
    void parsesD2AndReportsItsErrorsWithLineAndColumn() {
        Api.User user = newUser();
        HttpResponse<String> parsed = api.post(user, "/api/diagrams/code/parse",
                json(Map.of("language", "d2", "code", "a -> b -> c: next\nb.style.fill: \"#ff0000\"\n")));
        assertThat(parsed.statusCode()).as(parsed.body()).isEqualTo(200);
        assertThat((Boolean) read(parsed, "$.ok")).isTrue();
        assertThat((List<String>) read(parsed, "$.document.shapes[*].id")).containsExactly("a", "b", "c", "(a -> b)[0]",
                "(b -> c)[0]");
        assertThat((List<String>) read(parsed, "$.document.shapes[?(@.id == 'b')].style.fill_color"))
            .containsExactly("#ff0000");

        HttpResponse<String> broken = api.post(user, "/api/diagrams/code/parse",
                json(Map.of("language", "d2", "code", "x: {\n  shape: cylindr\n")));
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat((Boolean) read(broken, "$.ok")).isFalse();
        assertThat((List<String>) read(broken, "$.errors[*].message")).containsExactly("this `{` is never closed",
                "unknown shape `cylindr`");
        assertThat((List<Integer>) read(broken, "$.errors[*].line")).containsExactly(1, 2);
        assertThat((List<Integer>) read(broken, "$.errors[*].column")).containsExactly(4, 10);
    }

    @Test
    void parsesCodeAndRendersItBack() {
        Api.User user = newUser();
        HttpResponse<String> parsed = api.post(user, "/api/diagrams/code/parse",
                json(Map.of("language", "mermaid", "code", FLOWCHART)));
        assertThat(parsed.statusCode()).as(parsed.body()).isEqualTo(200);
        assertThat((Boolean) read(parsed, "$.ok")).isTrue();
        assertThat((List<String>) read(parsed, "$.document.shapes[*].id")).contains("client", "gw", "api", "cache",
                "db", "data");
        assertThat((List<String>) read(parsed, "$.document.shapes[?(@.id == 'db')].parent_id")).containsExactly("data");

        String document = JsonPath.parse((Object) read(parsed, "$.document")).jsonString();
        HttpResponse<String> rendered = api.post(user, "/api/diagrams/render-code",
                "{\"language\":\"mermaid\",\"document\":" + document + "}");
        assertThat(rendered.statusCode()).as(rendered.body()).isEqualTo(200);
        String code = read(rendered, "$.code");
        assertThat(code).startsWith("flowchart LR").contains("gw -->|REST| api");

        HttpResponse<String> again = api.post(user, "/api/diagrams/code/parse",
                json(Map.of("language", "mermaid", "code", code)));
        assertThat((List<String>) read(again, "$.document.shapes[*].id"))
            .isEqualTo(read(parsed, "$.document.shapes[*].id"));
    }

    @Test
    void codeErrorsComeBackWithLineColumnAndSuggestion() {
        Api.User user = newUser();
        HttpResponse<String> parsed = api.post(user, "/api/diagrams/code/parse",
                json(Map.of("language", "mermaid", "code", "flowchart TD\n  a[Start] -> b[End]\n")));
        assertThat(parsed.statusCode()).isEqualTo(200);
        assertThat((Boolean) read(parsed, "$.ok")).isFalse();
        assertThat((Integer) read(parsed, "$.errors[0].line")).isEqualTo(2);
        assertThat((Integer) read(parsed, "$.errors[0].column")).isPositive();
        assertThat((String) read(parsed, "$.errors[0].suggestion")).contains("-->");

        assertProblem(api.post(user, "/api/diagrams/code/parse", json(Map.of("language", "visio", "code", "x"))), 422,
                "unknown_language");
        assertProblem(api.post(user, "/api/diagrams/code/parse", "{\"language\":\"mermaid\"}"), 400,
                "validation_failed");
    }

    @Test
    void formatsMermaid() {
        Api.User user = newUser();
        HttpResponse<String> formatted = api.post(user, "/api/diagrams/code/format",
                json(Map.of("language", "mermaid", "code", "flowchart TD\na-->b\n      b-->c")));
        assertThat(formatted.statusCode()).as(formatted.body()).isEqualTo(200);
        assertThat((String) read(formatted, "$.code")).isEqualTo("flowchart TD\n    a --> b\n    b --> c\n");
    }

    @Test
    void layoutTurnsAPileIntoAReadableDiagram() {
        Api.User user = newUser();
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            shapes.append(i == 0 ? "" : ",")
                .append("{\"id\":\"n")
                .append(i)
                .append("\",\"type\":\"rectangle\",\"x\":")
                .append(i * 5)
                .append(",\"y\":")
                .append(i * 3)
                .append(",\"width\":120,\"height\":60,\"text\":\"Node ")
                .append(i)
                .append("\"}");
        }
        for (int i = 1; i < 12; i++) {
            shapes.append(",{\"id\":\"e")
                .append(i)
                .append("\",\"type\":\"arrow\",\"start\":{\"shape_id\":\"n")
                .append((i - 1) / 2)
                .append("\"},\"end\":{\"shape_id\":\"n")
                .append(i)
                .append("\"}}");
        }
        String pile = "{\"schema_version\":1,\"shapes\":[" + shapes + "],\"x_future\":{\"keep\":true}}";

        HttpResponse<String> before = api.post(user, "/api/diagrams/quality", "{\"document\":" + pile + "}");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat((Integer) read(before, "$.score")).isLessThan(50);
        assertThat((Integer) read(before, "$.overlaps")).isPositive();

        HttpResponse<String> laidOut = api.post(user, "/api/diagrams/layout",
                "{\"document\":" + pile + ",\"algorithm\":\"layered\",\"direction\":\"down\"}");
        assertThat(laidOut.statusCode()).as(laidOut.body()).isEqualTo(200);
        assertThat((Integer) read(laidOut, "$.quality.score")).isGreaterThanOrEqualTo(80);
        assertThat((Integer) read(laidOut, "$.quality.overlaps")).isZero();
        assertThat((Boolean) read(laidOut, "$.document.x_future.keep")).isTrue();

        assertProblem(api.post(user, "/api/diagrams/layout", "{\"document\":" + pile + ",\"algorithm\":\"magic\"}"),
                400, "invalid_parameter");
    }

    /**
     * Issue #13, finding 7: node_spacing 1e9 was a 500 (the options' own check threw).
     */
    @Test
    void layoutParametersOutOfRangeAre400NamingTheParameter() {
        Api.User user = newUser();
        String doc = "{\"schema_version\":1,\"shapes\":[{\"id\":\"a\",\"type\":\"rectangle\",\"width\":10,\"height\":10}]}";

        for (String spacing : List.of("1e9", "-1", "10000.5")) {
            HttpResponse<String> response = api.post(user, "/api/diagrams/layout",
                    "{\"document\":" + doc + ",\"node_spacing\":" + spacing + "}");
            assertProblem(response, 400, "validation_failed");
            assertThat((List<String>) read(response, "$.errors[*].field")).containsExactly("node_spacing");
        }
        assertProblem(api.post(user, "/api/diagrams/layout", "{\"document\":" + doc + ",\"direction\":\"sideways\"}"),
                400, "invalid_parameter");
        assertProblem(api.post(user, "/api/diagrams/quality", "{\"document\":" + doc + ",\"spacing_target\":1e300}"),
                400, "validation_failed");
        HttpResponse<String> edge = api.post(user, "/api/diagrams/layout",
                "{\"document\":" + doc + ",\"node_spacing\":10000}");
        assertThat(edge.statusCode()).as(edge.body()).isEqualTo(200);
    }

    @Test
    void layoutRefusesMoreNodesThanTheLimitAndDocumentsNestedTooDeep() {
        Api.User user = newUser();
        String many = IntStream.range(0, 5001)
            .mapToObj(i -> "{\"id\":\"n" + i + "\",\"type\":\"rectangle\"}")
            .collect(Collectors.joining(","));
        HttpResponse<String> tooMany = api.post(user, "/api/diagrams/layout",
                "{\"document\":{\"schema_version\":1,\"shapes\":[" + many + "]}}");
        assertProblem(tooMany, 422, "limit_exceeded");
        assertThat((String) read(tooMany, "$.limit")).isEqualTo("import.max-layout-nodes");

        String deep = "{\"schema_version\":1,\"shapes\":[],\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        HttpResponse<String> tooDeep = api.post(user, "/api/diagrams/quality", "{\"document\":" + deep + "}");
        assertProblem(tooDeep, 422, "limit_exceeded");
        assertThat((String) read(tooDeep, "$.limit")).isEqualTo("import.max-depth");
    }

    @Test
    void parsingAnErLabelWithAnUnclosedQuoteReportsWhere() {
        HttpResponse<String> parsed = api.post(newUser(), "/api/diagrams/code/parse",
                json(Map.of("language", "mermaid", "code", "erDiagram\n  A ||--o{ B : \"")));

        assertThat(parsed.statusCode()).as(parsed.body()).isEqualTo(200);
        assertThat((Boolean) read(parsed, "$.ok")).isFalse();
        assertThat((Integer) read(parsed, "$.errors[0].line")).isEqualTo(2);
        assertThat((Integer) read(parsed, "$.errors[0].column")).isEqualTo(16);
        assertThat((String) read(parsed, "$.errors[0].message")).isEqualTo("the quoted label is never closed");
    }

    @Test
    void anInvalidDocumentIsA422NamingThePath() {
        Api.User user = newUser();
        HttpResponse<String> response = api.post(user, "/api/diagrams/quality",
                "{\"document\":{\"schema_version\":1,\"shapes\":[{\"id\":\"a\",\"type\":\"rectangle\",\"style\":{\"opacity\":7}}]}}");
        assertProblem(response, 422, "invalid_document");
        assertThat((List<String>) read(response, "$.errors[*].path")).contains("$.shapes[0].style.opacity");
    }

    private static String json(Map<String, String> values) {
        return "{"
                + String.join(",",
                        values.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + quote(e.getValue())).toList())
                + "}";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

}
