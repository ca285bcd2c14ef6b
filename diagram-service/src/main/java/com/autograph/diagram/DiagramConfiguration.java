package com.autograph.diagram;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.autograph.diagram.code.ImportLimitProperties;
import com.autograph.document.ModelLimits;
import com.autograph.diagram.version.VersionProperties;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ DiagramProperties.class, VersionProperties.class, ImportLimitProperties.class })
class DiagramConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** What importers, parsers and layout accept from a client (autograph.diagrams.import.*). */
    @Bean
    ModelLimits modelLimits(ImportLimitProperties properties) {
        return properties.toModelLimits();
    }

    /** Share-link passwords: BCrypt, the platform's password hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
