package com.autograph.git;

import java.util.List;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class GitServiceSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "git-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("db", "redis");
    }

}
