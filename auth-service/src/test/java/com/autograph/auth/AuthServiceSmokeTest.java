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

    @Override
    protected List<String> documentedPaths() {
        return List.of("/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/me",
                "/api/auth/mfa/verify", "/api/auth/api-keys", "/api/auth/admin/audit");
    }

}
