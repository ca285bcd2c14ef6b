package com.autograph.collaboration;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class CollaborationServiceSmokeTest extends AbstractServiceSmokeTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("autograph.identity.signing-secret", () -> "smoke-test-secret-of-at-least-32-bytes!");
        registry.add("autograph.diagram-service.urls", () -> "http://127.0.0.1:9");
    }

    @Override
    protected String serviceName() {
        return "collaboration-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("redis");
    }

}
