package com.autograph.export.kroki;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** Kroki's error bodies on the Kroki paths only ({@link KrokiErrors}). */
@Configuration(proxyBeanMethods = false)
class KrokiConfiguration {

    @Bean
    FilterRegistrationBean<KrokiErrors> krokiErrors(JsonMapper json) {
        FilterRegistrationBean<KrokiErrors> registration = new FilterRegistrationBean<>(new KrokiErrors(json));
        registration.addUrlPatterns("/api/export/kroki/*");
        return registration;
    }

}
