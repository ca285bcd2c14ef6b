package com.autograph.shared.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the two configuration layers every service shares.
 *
 * <ol>
 * <li>{@code .env.<profile>} (profile {@code local}, {@code docker} or
 * {@code kubernetes}; {@code local} when none is active) from {@code AUTOGRAPH_ENV_DIR}
 * or the working directory, placed right below the OS environment so that a real
 * environment variable always wins over the file.</li>
 * <li>{@code autograph-defaults.yml} from this library, placed last so that a service's
 * own {@code application.yml} overrides any of it.</li>
 * </ol>
 */
public class AutoGraphEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "autograph-defaults.yml";
    static final String ENV_DIR = "AUTOGRAPH_ENV_DIR";
    static final String DEFAULT_PROFILE = "local";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        loadDotEnvFiles(environment);
        loadSharedDefaults(environment);
    }

    private void loadDotEnvFiles(ConfigurableEnvironment environment) {
        String dir = environment.getProperty(ENV_DIR, ".");
        List<String> profiles = environment.getActiveProfiles().length > 0 ? List.of(environment.getActiveProfiles())
                : List.of(DEFAULT_PROFILE);
        // Later profiles win, as with Spring's own profile-specific files.
        for (String profile : profiles) {
            Path file = Path.of(dir, ".env." + profile);
            if (Files.isRegularFile(file)) {
                MapPropertySource source = new MapPropertySource("dotenv [" + file + "]", readDotEnv(file));
                if (environment.getPropertySources()
                    .contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                    environment.getPropertySources()
                        .addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
                }
                else {
                    environment.getPropertySources().addLast(source);
                }
            }
        }
    }

    static Map<String, Object> readDotEnv(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read configuration file " + file + ": " + ex.getMessage(), ex);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((key, value) -> values.put(key.toString(), unquote(value.toString().strip())));
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private void loadSharedDefaults(ConfigurableEnvironment environment) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("autograph shared defaults",
                    new ClassPathResource(DEFAULTS))) {
                environment.getPropertySources().addLast(source);
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + DEFAULTS + " from shared-lib", ex);
        }
    }

    /**
     * After Spring's config-data processing, so profiles set in application.yml count.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

}
