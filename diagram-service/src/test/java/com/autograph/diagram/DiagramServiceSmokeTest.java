package com.autograph.diagram;

import java.util.List;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class DiagramServiceSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "diagram-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("db", "redis", "s3");
    }
}
