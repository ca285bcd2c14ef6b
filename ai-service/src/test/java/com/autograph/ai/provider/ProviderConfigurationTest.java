package com.autograph.ai.provider;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain exists only when providers are configured, and environment variables do it.
 */
class ProviderConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(ProviderConfiguration.class)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void withNoProviderThereIsNoChain() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ProviderChain.class);
            assertThat(context.getBean(ProviderSettings.class).providers()).isEmpty();
        });
    }

    @Test
    void environmentVariablesConfigureTheChainInTheGivenOrder() {
        Map<String, Object> env = Map.of("AUTOGRAPH_AI_PROVIDERS_0_NAME", "openai", "AUTOGRAPH_AI_PROVIDERS_0_KIND",
                "openai", "AUTOGRAPH_AI_PROVIDERS_0_MODEL", "gpt-test", "AUTOGRAPH_AI_PROVIDERS_0_API_KEY", "k1",
                "AUTOGRAPH_AI_PROVIDERS_1_NAME", "claude", "AUTOGRAPH_AI_PROVIDERS_1_KIND", "anthropic",
                "AUTOGRAPH_AI_PROVIDERS_1_MODEL", "claude-test", "AUTOGRAPH_AI_PROVIDERS_1_TIMEOUT", "5s",
                "AUTOGRAPH_AI_PROVIDERS_1_INPUT_PRICE_PER1K", "0.003", "AUTOGRAPH_AI_CHAIN", "claude,openai");
        runner
            .withInitializer(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
            .run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(ProviderChain.class);
                assertThat(context.getBean(ProviderChain.class).providerNames()).containsExactly("claude", "openai");
                ProviderSettings settings = context.getBean(ProviderSettings.class);
                assertThat(settings.providers().get(1).timeout()).hasSeconds(5);
                assertThat(settings.providers().get(1).inputPricePer1k()).isEqualByComparingTo("0.003");
                assertThat(settings.providers().get(0).maxTokens()).isEqualTo(4096);
            });
    }

    @Test
    void aChainNamingAnUnknownProviderStopsStartUp() {
        runner
            .withPropertyValues("autograph.ai.providers[0].name=mga", "autograph.ai.providers[0].kind=openai",
                    "autograph.ai.providers[0].model=m", "autograph.ai.chain=mga,openai")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("autograph.ai.chain names 'openai'"));
    }

    @Test
    void aProviderWithoutAModelStopsStartUp() {
        runner.withPropertyValues("autograph.ai.providers[0].name=mga", "autograph.ai.providers[0].kind=openai")
            .run(context -> assertThat(context).hasFailed());
    }

}
