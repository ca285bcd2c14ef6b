package com.autograph.shared.text;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Text hygiene for every servlet service: JSON request bodies are read by
 * {@link StrictJsonConverter}, query parameters, form and multipart text fields and path
 * variables are checked by {@link TextParameterInterceptor}. Clients get a 400 naming the
 * field.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebMvcConfigurer.class, ServerHttpMessageConvertersCustomizer.class })
public class TextHygieneAutoConfiguration {

    @Bean
    @ConditionalOnBean(JsonMapper.class)
    StrictJsonCustomizer strictJsonCustomizer(JsonMapper jsonMapper) {
        return new StrictJsonCustomizer(new StrictJsonConverter(jsonMapper));
    }

    @Bean
    WebMvcConfigurer textParameterChecks() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new TextParameterInterceptor());
            }
        };
    }

    /**
     * Runs after Boot's own JSON customizer (order 0), so this converter replaces that
     * one.
     */
    static final class StrictJsonCustomizer implements ServerHttpMessageConvertersCustomizer, Ordered {

        private final StrictJsonConverter converter;

        StrictJsonCustomizer(StrictJsonConverter converter) {
            this.converter = converter;
        }

        @Override
        public void customize(HttpMessageConverters.ServerBuilder builder) {
            builder.withJsonConverter(converter);
        }

        @Override
        public int getOrder() {
            return 1;
        }

    }

}
