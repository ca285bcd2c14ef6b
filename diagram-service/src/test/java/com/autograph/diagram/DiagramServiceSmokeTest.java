package com.autograph.diagram;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import com.autograph.testsupport.AbstractServiceSmokeTest;

import static org.assertj.core.api.Assertions.assertThat;

class DiagramServiceSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "diagram-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("db", "redis", "s3");
    }

    /**
     * Files live in PostgreSQL; the pictures imports take out of them in S3 (thumbnails
     * are export-service's).
     */
    @Test
    void reportsTheStoresItUses() throws Exception {
        Map<String, Object> components = JsonPath.read(get("/health").body(), "$.components");
        assertThat(components).containsKey("db").containsKey("s3");
    }

    @Override
    protected List<String> documentedPaths() {
        return List.of("/api/diagrams", "/api/diagrams/{id}", "/api/diagrams/{id}/restore",
                "/api/diagrams/{id}/duplicate", "/api/diagrams/{id}/move", "/api/diagrams/{id}/star",
                "/api/diagrams/{id}/exports", "/api/diagrams/{id}/shares", "/api/diagrams/{id}/shares/users/{user}",
                "/api/diagrams/{id}/links", "/api/diagrams/{id}/links/{shareId}", "/api/diagrams/links/{token}",
                "/api/diagrams/oembed", "/api/diagrams/search", "/api/diagrams/folders", "/api/diagrams/folders/{id}",
                "/api/diagrams/folders/tree", "/api/diagrams/folders/{id}/move",
                "/api/diagrams/folders/{id}/shares/users/{user}", "/api/diagrams/code/parse",
                "/api/diagrams/render-code", "/api/diagrams/code/format", "/api/diagrams/code/languages",
                "/api/diagrams/code/snippets", "/api/diagrams/layout", "/api/diagrams/quality", "/api/diagrams/import",
                "/api/diagrams/files/{id}/export-source", "/api/diagrams/{id}/uploads/{key}", "/api/diagrams/tags",
                "/api/diagrams/tags/{id}", "/api/diagrams/{fileId}/tags/{tagId}", "/api/diagrams/batch",
                "/api/diagrams/{id}/versions", "/api/diagrams/{id}/versions/{number}",
                "/api/diagrams/{id}/versions/diff", "/api/diagrams/{id}/versions/stats",
                "/api/diagrams/{id}/versions/{number}/restore", "/api/diagrams/{id}/versions/{number}/fork");
    }

}
