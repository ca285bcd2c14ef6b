package com.autograph.export;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.autograph.document.ModelLimits;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ExportProperties.class)
class ExportConfiguration {

    /**
     * What the parsers accept from a client: the model's defaults, with input no longer
     * than max-source-bytes.
     */
    @Bean
    ModelLimits modelLimits(ExportProperties properties) {
        ModelLimits defaults = ModelLimits.DEFAULTS;
        return new ModelLimits(properties.maxSourceBytes().toBytes(), defaults.maxDecompressedBytes(),
                defaults.maxShapes(), defaults.maxDepth(), defaults.maxTextChars(), defaults.maxLayoutNodes());
    }

}
