package com.autograph.gateway.routing;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Load-balancer configuration for every service (one child context per service name): the
 * instances are the addresses in configuration, no service registry. Deliberately not a
 * {@code @Configuration}, so that component scanning leaves it to the load balancer.
 */
class ConfiguredInstances {

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(Environment environment, RoutingProperties routing) {
        String service = LoadBalancerClientFactory.getName(environment);
        List<ServiceInstance> instances = routing.service(service)
            .urls()
            .stream()
            .map(String::strip)
            .map(URI::create)
            .map(uri -> (ServiceInstance) new DefaultServiceInstance(service + "@" + uri.getAuthority(), service,
                    uri.getHost(), port(uri), "https".equals(uri.getScheme())))
            .toList();
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return service;
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(instances);
            }
        };
    }

    /**
     * Declared here because Spring's default one is skipped while discovery is disabled.
     */
    @Bean
    ReactorLoadBalancer<ServiceInstance> roundRobin(Environment environment,
            ObjectProvider<ServiceInstanceListSupplier> instances) {
        return new RoundRobinLoadBalancer(instances, LoadBalancerClientFactory.getName(environment));
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

}
