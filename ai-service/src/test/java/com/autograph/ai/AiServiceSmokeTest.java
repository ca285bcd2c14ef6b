package com.autograph.ai;

import java.util.List;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class AiServiceSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "ai-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("db", "redis");
    }

    @org.springframework.test.context.DynamicPropertySource
    static void diagramService(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("autograph.identity.signing-secret", () -> "smoke-test-secret-of-at-least-32-bytes!");
        registry.add("autograph.diagram-service.urls", () -> "http://127.0.0.1:9");
    }

}
