package com.autograph.shared.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Fails start-up, naming the setting, when a connection setting that has no safe default
 * is missing. Spring's property binding leaves an unresolved {@code ${DB_HOST}} in place
 * as text, so without this a service would start and only fail later, trying to reach
 * host "${DB_HOST}".
 */
@AutoConfiguration
public class RequiredSettingsAutoConfiguration {

    @Bean
    static RequiredSettingsCheck requiredSettingsCheck(Environment environment, ListableBeanFactory beans) {
        return new RequiredSettingsCheck(environment, beans);
    }

    static final class RequiredSettingsCheck implements InitializingBean {

        private final Environment environment;

        private final ListableBeanFactory beans;

        RequiredSettingsCheck(Environment environment, ListableBeanFactory beans) {
            this.environment = environment;
            this.beans = beans;
        }

        @Override
        public void afterPropertiesSet() {
            // Resolving with getProperty is strict: an unresolvable placeholder throws,
            // naming it.
            for (String property : requiredProperties()) {
                environment.getProperty(property);
            }
        }

        private List<String> requiredProperties() {
            // Only what this service actually connects to: its bean definitions say so.
            List<String> properties = new ArrayList<>();
            if (defines("javax.sql.DataSource")) {
                properties.add("spring.datasource.url");
            }
            if (defines("org.springframework.data.redis.connection.RedisConnectionFactory")) {
                properties.add("spring.data.redis.host");
            }
            return properties;
        }

        private boolean defines(String typeName) {
            ClassLoader classLoader = getClass().getClassLoader();
            return ClassUtils.isPresent(typeName, classLoader) && beans
                .getBeanNamesForType(ClassUtils.resolveClassName(typeName, classLoader), true, false).length > 0;
        }

    }

}
