package com.autograph.collaboration;

import java.util.List;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class CollaborationServiceSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "collaboration-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("redis");
    }

}
