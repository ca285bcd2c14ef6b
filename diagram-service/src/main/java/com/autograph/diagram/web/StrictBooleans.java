package com.autograph.diagram.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Boolean query parameters are {@code true} or {@code false}, nothing else: Spring's default also
 * reads yes/no, on/off and 1/0, so a typo such as {@code starred=yes} would be quietly taken as a
 * filter. Anything else is a 400 naming the parameter (see {@link DiagramProblemHandler}).
 */
@Configuration(proxyBeanMethods = false)
class StrictBooleans implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Boolean.class, new Strict());
    }

    static final class Strict implements Converter<String, Boolean> {
        @Override
        public Boolean convert(String source) {
            return switch (source.strip()) {
                case "" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }
    }
}
