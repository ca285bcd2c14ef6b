package com.autograph.export.render;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The renderers as one bean, within the configured {@link RenderLimits}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RenderLimits.class)
class RenderConfiguration {

    @Bean
    Renderers renderers(RenderLimits limits) {
        return new Renderers(limits);
    }

}
