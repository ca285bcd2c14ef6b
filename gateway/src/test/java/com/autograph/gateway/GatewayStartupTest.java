package com.autograph.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.util.PlaceholderResolutionException;

import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A gateway without its secrets or service addresses does not start, and says which
 * setting is missing.
 */
class GatewayStartupTest {

    private static Map<String, Object> complete() {
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("server.port", "0");
        settings.put("management.server.port", "0");
        settings.put("REDIS_HOST", TestInfrastructure.get().redis().host());
        settings.put("JWT_SECRET", TestGateway.JWT_SECRET);
        settings.put("IDENTITY_SIGNING_SECRET", TestGateway.IDENTITY_SECRET);
        GatewayRoutes.ROUTES
            .forEach(route -> settings.put(GatewayRoutes.urlVariable(route.service()), "http://127.0.0.1:9"));
        return settings;
    }

    private static String missingSettingWhenStartedWithout(String variable) {
        Map<String, Object> settings = complete();
        settings.remove(variable);
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
            .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))
            .close());
        assertThat(failure).as("start-up without " + variable).isNotNull();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PlaceholderResolutionException unresolved) {
                return unresolved.getPlaceholder();
            }
        }
        throw new AssertionError("no PlaceholderResolutionException in " + failure);
    }

    @Test
    void missingSecretsAndAddressesAreNamed() {
        assertThat(missingSettingWhenStartedWithout("JWT_SECRET")).isEqualTo("JWT_SECRET");
        assertThat(missingSettingWhenStartedWithout("IDENTITY_SIGNING_SECRET")).isEqualTo("IDENTITY_SIGNING_SECRET");
        assertThat(missingSettingWhenStartedWithout("EXPORT_SERVICE_URL")).isEqualTo("EXPORT_SERVICE_URL");
    }

}
