package com.autograph.diagram;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import com.autograph.diagram.upload.UploadProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.autograph.diagram.code.ImportLimitProperties;
import com.autograph.diagram.upload.ImportBudget;
import com.autograph.document.ModelLimits;
import com.autograph.diagram.version.VersionProperties;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ DiagramProperties.class, VersionProperties.class, ImportLimitProperties.class,
        UploadProperties.class })
class DiagramConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Every pooled connection has PostgreSQL cancel statements that run longer than
     * {@code autograph.diagrams.statement-timeout}: a runaway query (or a wait for a
     * lock) ends in a 503 instead of holding a connection, and the pool, for ever.
     */
    @Bean
    static BeanPostProcessor statementTimeout(ObjectProvider<DiagramProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari) {
                    hikari.setConnectionInitSql(
                            "SET statement_timeout = " + properties.getObject().statementTimeout().toMillis());
                }
                return bean;
            }
        };
    }

    /**
     * What importers, parsers and layout accept from a client
     * (autograph.diagrams.import.*).
     */
    @Bean
    ModelLimits modelLimits(ImportLimitProperties properties) {
        return properties.toModelLimits();
    }

    /**
     * Bytes imports and canvas pictures read at once (autograph.diagrams.import.
     * max-bytes-in-flight): both hold what they read in memory until it is stored.
     */
    @Bean
    ImportBudget importBudget(ImportLimitProperties properties) {
        return new ImportBudget(properties.maxBytesInFlight(), properties.busyWait());
    }

    /** Share-link passwords: BCrypt, the platform's password hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

}
