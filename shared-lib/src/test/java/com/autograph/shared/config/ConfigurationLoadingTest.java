package com.autograph.shared.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.PlaceholderResolutionException;

import com.autograph.shared.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class ConfigurationLoadingTest {

    private final AutoGraphEnvironmentPostProcessor processor = new AutoGraphEnvironmentPostProcessor();

    @Test
    void dotEnvOfTheActiveProfileFillsSettingsButTheOsEnvironmentWins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env.docker"), """
                # compose addresses
                DB_HOST=postgres
                REDIS_HOST="redis"
                S3_ENDPOINT=http://minio:9000
                """);
        Files.writeString(dir.resolve(".env.local"), "DB_HOST=localhost\n");
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("docker");
        // Stand-in for the OS environment: the real one cannot be changed from a test.
        environment.getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("AUTOGRAPH_ENV_DIR", dir.toString(), "S3_ENDPOINT", "http://s3.example.test")));

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("DB_HOST")).isEqualTo("postgres");
        assertThat(environment.getProperty("REDIS_HOST")).isEqualTo("redis");
        assertThat(environment.getProperty("S3_ENDPOINT")).isEqualTo("http://s3.example.test");
        // The shared defaults resolve against both.
        assertThat(environment.getProperty("spring.datasource.url"))
            .isEqualTo("jdbc:postgresql://postgres:5432/autograph");
        assertThat(environment.getProperty("autograph.s3.endpoint")).isEqualTo("http://s3.example.test");
    }

    @Test
    void withoutAnActiveProfileTheLocalFileIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env.local"), "REDIS_HOST=127.0.0.1\n");
        MockEnvironment environment = new MockEnvironment().withProperty("AUTOGRAPH_ENV_DIR", dir.toString());

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
    }

    @Test
    void aServiceOverridesTheSharedDefaults(@TempDir Path dir) {
        MockEnvironment environment = new MockEnvironment().withProperty("AUTOGRAPH_ENV_DIR", dir.toString())
            .withProperty("management.endpoint.health.show-components", "never");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoint.health.show-components")).isEqualTo("never");
        assertThat(environment.getProperty("management.endpoints.web.path-mapping.prometheus")).isEqualTo("metrics");
    }

    @Test
    void aMissingRequiredSettingStopsStartUpNamingIt(CapturedOutput output) {
        SpringApplication application = new SpringApplication(TestApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("AUTOGRAPH_ENV_DIR", "/nonexistent", "DB_HOST", "127.0.0.1"));

        // A setting that is set nowhere, whatever the environment running the test holds.
        Throwable failure = catchStartupFailure(application,
                "--spring.data.redis.host=${AUTOGRAPH_TEST_UNSET_REDIS_HOST}");

        assertThat(findCause(failure, PlaceholderResolutionException.class).getPlaceholder())
            .isEqualTo("AUTOGRAPH_TEST_UNSET_REDIS_HOST");
        assertThat(output.getOut()).contains("Required setting 'AUTOGRAPH_TEST_UNSET_REDIS_HOST' is not set.")
            .contains("Set the environment variable AUTOGRAPH_TEST_UNSET_REDIS_HOST");
    }

    @Test
    void enablingS3WithoutCredentialsStopsStartUpNamingTheSetting() {
        SpringApplication application = new SpringApplication(TestApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(
                Map.of("AUTOGRAPH_ENV_DIR", "/nonexistent", "DB_HOST", "127.0.0.1", "REDIS_HOST", "127.0.0.1"));

        Throwable failure = catchStartupFailure(application, "--autograph.s3.enabled=true",
                "--autograph.s3.endpoint=http://127.0.0.1:9", "--autograph.s3.access-key=",
                "--autograph.s3.secret-key=");

        BindValidationException validation = findCause(failure, BindValidationException.class);
        assertThat(validation.getMessage()).contains("accessKey")
            .contains("S3_ACCESS_KEY")
            .contains("secretKey")
            .contains("S3_SECRET_KEY");
    }

    private static Throwable catchStartupFailure(SpringApplication application, String... args) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                application.run(args).close();
            }
            catch (Throwable ex) {
                failure[0] = ex;
                throw ex;
            }
        }).isNotNull();
        return failure[0];
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }

}
