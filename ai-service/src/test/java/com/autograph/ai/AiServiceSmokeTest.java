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

}
