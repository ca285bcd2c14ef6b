package com.autograph.gateway.routing;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.autograph.shared.correlation.CorrelationId;

/**
 * The fixed route table (DESIGN.md: operators, manifests and clients depend on these
 * prefixes). Every route targets {@code lb://<service>}: Spring Cloud LoadBalancer picks
 * one of the configured addresses round-robin ({@link ConfiguredInstances}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
@LoadBalancerClients(defaultConfiguration = ConfiguredInstances.class)
public class GatewayRoutes {

    /**
     * A route: its id (metrics, breakers and logs use it), the service behind it, its
     * path.
     */
    public record Route(String id, String service, String path, boolean websocket) {
    }

    public static final List<Route> ROUTES = List.of(new Route("auth-service", "auth-service", "/api/auth/**", false),
            new Route("diagram-service", "diagram-service", "/api/diagrams/**", false),
            new Route("ai-service", "ai-service", "/api/ai/**", false),
            new Route("collaboration-service", "collaboration-service", "/api/collaboration/**", false),
            new Route("collaboration-websocket", "collaboration-service", "/ws/**", true),
            new Route("git-service", "git-service", "/api/git/**", false),
            new Route("export-service", "export-service", "/api/export/**", false),
            new Route("integration-hub", "integration-hub", "/api/integrations/**", false));

    /**
     * The environment variable that holds a service's addresses (AUTH_SERVICE_URL,
     * INTEGRATION_HUB_URL…).
     */
    public static String urlVariable(String service) {
        return service.toUpperCase().replace('-', '_') + "_URL";
    }

    @Bean
    RouteLocator autographRoutes(RouteLocatorBuilder builder, RoutingProperties routing, Environment environment,
            List<RouteCustomizer> customizers) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Route route : ROUTES) {
            requireAddresses(route.service(), environment);
            RoutingProperties.Downstream downstream = routing.service(route.service());
            routes.route(route.id(), spec -> spec.path(route.path()).filters(f -> {
                // Not on a socket: its upgrade answer is sent, and its headers read-only,
                // by the time the filter would dedupe them, and the failure closed every
                // socket right after its upgrade.
                if (!route.websocket()) {
                    // Services echo the correlation id the gateway sent them; answer
                    // with it once.
                    f.dedupeResponseHeader(CorrelationId.HEADER, "RETAIN_FIRST");
                    // CORS is the gateway's: a service that answers CORS too must not
                    // double it.
                    f.dedupeResponseHeader("Access-Control-Allow-Origin Access-Control-Allow-Credentials",
                            "RETAIN_FIRST");
                    f.dedupeResponseHeader("Vary Access-Control-Expose-Headers", "RETAIN_UNIQUE");
                }
                for (RouteCustomizer customizer : customizers) {
                    customizer.customize(route, downstream, f);
                }
                return f;
            })
                .metadata("service", route.service())
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) downstream.connectTimeout().toMillis())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, downstream.responseTimeout().toMillis())
                .uri(URI.create("lb://" + route.service())));
        }
        return routes.build();
    }

    /**
     * Resolving strictly throws for an unset {@code ${AUTH_SERVICE_URL}}, and
     * shared-lib's failure analyzer then names the variable; binding alone would keep the
     * placeholder as text.
     */
    private static void requireAddresses(String service, Environment environment) {
        String property = "autograph.gateway.routing.services." + service + ".urls";
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set " + urlVariable(service) + " to the address(es) of " + service);
        }
        for (String url : value.split(",")) {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalStateException(
                        urlVariable(service) + " must be http://host:port[,http://host:port…], not " + value);
            }
        }
    }

}
