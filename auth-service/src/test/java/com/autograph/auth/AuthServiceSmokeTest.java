package com.autograph.auth;

import java.util.List;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class AuthServiceSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "auth-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("db", "redis");
    }
}
