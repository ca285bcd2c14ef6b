package com.autograph.integration;

import java.util.List;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class IntegrationHubSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "integration-hub";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("db", "redis");
    }

}
