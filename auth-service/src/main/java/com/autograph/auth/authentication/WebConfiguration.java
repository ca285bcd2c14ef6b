package com.autograph.auth.authentication;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final AuthenticatedUserResolver authenticatedUsers;

    WebConfiguration(AuthenticatedUserResolver authenticatedUsers) {
        this.authenticatedUsers = authenticatedUsers;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(authenticatedUsers);
    }
}
