package com.autograph.export;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class ExportServiceSmokeTest extends AbstractServiceSmokeTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("autograph.identity.signing-secret", () -> "smoke-test-secret-of-at-least-32-bytes!");
        registry.add("autograph.diagram-service.urls", () -> "http://127.0.0.1:9");
    }

    @Override
    protected String serviceName() {
        return "export-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("db", "redis", "s3");
    }

    @Override
    protected List<String> documentedPaths() {
        return List.of("/api/export/files/{id}/{format}", "/api/export/render/{language}/{format}",
                "/api/export/render/document/{format}", "/api/export/kroki/{type}/{format}/{source}",
                "/api/export/kroki/{type}/{format}", "/api/export/thumbnails/{fileId}", "/api/export/jobs",
                "/api/export/jobs/{id}", "/api/export/jobs/{id}/events", "/api/export/history");
    }

}
