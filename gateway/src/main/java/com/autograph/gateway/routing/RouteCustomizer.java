package com.autograph.gateway.routing;

import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;

/**
 * Adds a feature's filters to each route (breakers, retries, body limits…), so that the
 * route table stays in one place and each feature stays in its own package.
 */
public interface RouteCustomizer {

    void customize(GatewayRoutes.Route route, RoutingProperties.Downstream downstream, GatewayFilterSpec filters);

}
