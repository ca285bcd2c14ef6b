package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import com.autograph.shared.security.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What export-service reads and writes at diagram-service ({@code /internal/files/**}):
 * content by the same permission rules as the public API, without counting a view, and
 * thumbnail keys that only a service may set.
 */
class ExportSupportApiTest extends DiagramApiTestBase {

    @Test
    void contentFollowsThePermissionRulesAndCountsNoView() {
        Api.User owner = newUser();
        Api.User viewer = newUser();
        Api.User stranger = newUser();
        String id = createFile(owner, "Exported");
        api.put(owner, "/api/diagrams/" + id + "/shares/users/" + viewer.id(), "{\"permission\": \"view\"}");

        HttpResponse<String> own = api.get(owner, "/internal/files/" + id + "/content");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(own.body(), "$.title")).isEqualTo("Exported");
        assertThat(JsonPath.<String>read(own.body(), "$.canvas_data.shapes[0].text")).isEqualTo("Payment API");
        assertThat(JsonPath.<Object>read(own.body(), "$.thumbnail_key")).isNull();
        assertThat(api.get(viewer, "/internal/files/" + id + "/content").statusCode()).isEqualTo(200);
        assertProblem(api.get(stranger, "/internal/files/" + id + "/content"), 404, "not_found");
        assertProblem(api.get(null, "/internal/files/" + id + "/content"), 401, "authentication_required");
        assertThat(jdbc.sql("SELECT view_count FROM files WHERE id = CAST(:id AS uuid)")
            .param("id", id)
            .query(Long.class)
            .single()).isZero();

        HttpResponse<String> metadata = api.get(owner, "/internal/files/" + id + "/content?content=false");
        assertThat(JsonPath.<Object>read(metadata.body(), "$.canvas_data")).isNull();
        assertProblem(api.get(owner, "/internal/files/" + id + "/content?version=99"), 404, "not_found");
    }

    @Test
    void onlyAServiceStoresThumbnailsAndTheyShowOnTheFileAndItsVersions() {
        Api.User owner = newUser();
        String id = createFile(owner, "With thumbnail");
        api.post(owner, "/api/diagrams/" + id + "/versions", "{\"description\": \"first\"}");
        HttpResponse<String> before = api.get(owner, "/api/diagrams/" + id);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertThat(JsonPath.<Object>read(before.body(), "$.thumbnail_url")).isNull();

        assertProblem(api.send(owner, "PUT", "/internal/files/" + id + "/thumbnail", "{\"key\": \"thumbnails/x.png\"}",
                Map.of()), 403, "permission_denied");
        assertThat(
                service("PUT", "/internal/files/" + id + "/thumbnail", "{\"key\": \"thumbnails/" + id + "/head.png\"}")
                    .statusCode())
            .isEqualTo(204);
        assertThat(service("PUT", "/internal/files/" + id + "/thumbnail",
                "{\"version_number\": 1, \"key\": \"thumbnails/" + id + "/v1.png\"}")
            .statusCode()).isEqualTo(204);
        assertProblem(service("PUT", "/internal/files/" + id + "/thumbnail", "{\"version_number\": 9, \"key\": \"k\"}"),
                404, "not_found");

        // A service reads any file (as its owner) and sees the keys; the thumbnail is not
        // an edit.
        HttpResponse<String> head = service("GET", "/internal/files/" + id + "/content", null);
        assertThat(JsonPath.<String>read(head.body(), "$.thumbnail_key")).isEqualTo("thumbnails/" + id + "/head.png");
        HttpResponse<String> after = api.get(owner, "/api/diagrams/" + id);
        assertThat(after.headers().firstValue("ETag")).hasValue(etag);
        assertThat(JsonPath.<String>read(after.body(), "$.thumbnail_url")).isEqualTo("/api/export/thumbnails/" + id);
        assertThat(JsonPath.<String>read(api.get(owner, "/api/diagrams?view=all").body(), "$.items[0].thumbnail_url"))
            .isEqualTo("/api/export/thumbnails/" + id);
        HttpResponse<String> versions = api.get(owner, "/api/diagrams/" + id + "/versions");
        assertThat(JsonPath.<String>read(versions.body(), "$.items[0].thumbnail_key"))
            .isEqualTo("thumbnails/" + id + "/v1.png");
    }

    private HttpResponse<String> service(String method, String path, String json) {
        Map<String, String> headers = new HashMap<>();
        ServiceIdentity.of("export-service")
            .writeHeaders(secret.getBytes(StandardCharsets.UTF_8), clock.instant().getEpochSecond(), headers::put);
        return api.send(null, method, path, json, headers);
    }

}
