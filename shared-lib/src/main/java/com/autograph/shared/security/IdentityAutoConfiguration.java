package com.autograph.shared.security;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link TrustedIdentity} controller parameters for servlet services that opt in with
 * {@code autograph.identity.enabled=true} (which makes {@code IDENTITY_SIGNING_SECRET}
 * required), and the client address the gateway signed as {@code request.getRemoteAddr()}
 * ({@link ClientAddressFilter}). Services without it see the socket peer's address.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnProperty(name = "autograph.identity.enabled", havingValue = "true")
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityAutoConfiguration {

    @Bean
    TrustedIdentityResolver trustedIdentityResolver(IdentityProperties properties, ObjectProvider<Clock> clock) {
        return new TrustedIdentityResolver(properties, clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * First of all filters, so that logging, limits and the audit see the client's
     * address.
     */
    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(IdentityProperties properties,
            ObjectProvider<Clock> clock) {
        FilterRegistrationBean<ClientAddressFilter> registration = new FilterRegistrationBean<>(
                new ClientAddressFilter(properties, clock.getIfAvailable(Clock::systemUTC)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebMvcConfigurer trustedIdentityArguments(TrustedIdentityResolver resolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }

}
