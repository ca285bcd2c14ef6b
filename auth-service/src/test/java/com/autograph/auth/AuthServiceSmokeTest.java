package com.autograph.auth;

import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;

import com.autograph.testsupport.AbstractServiceSmokeTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "autograph.auth.jwt.secret=test-secret-test-secret-test-secret-0123")
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
