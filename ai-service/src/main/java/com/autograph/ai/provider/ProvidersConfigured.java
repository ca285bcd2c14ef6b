package com.autograph.ai.provider;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when {@code autograph.ai.providers} lists at least one provider, however it was
 * given (YAML list, indexed properties, {@code AUTOGRAPH_AI_PROVIDERS_0_NAME} …).
 */
final class ProvidersConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !Binder.get(context.getEnvironment())
            .bind("autograph.ai.providers", Bindable.listOf(ProviderSettings.Provider.class))
            .orElse(List.of())
            .isEmpty();
    }

}
