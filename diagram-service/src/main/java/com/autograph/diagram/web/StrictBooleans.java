package com.autograph.diagram.web;

import java.beans.PropertyEditorSupport;
import java.util.Arrays;

import org.springframework.beans.PropertyEditorRegistrar;
import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Boolean request parameters are {@code true} or {@code false}, nothing else: Spring's
 * default also reads yes/no, on/off and 1/0, so a typo such as {@code starred=yes} would
 * quietly become a filter. Anything else is a 400 naming the parameter
 * ({@link DiagramProblemHandler}). An editor rather than a converter: a failed conversion
 * falls back to the lenient default editor.
 *
 * <p>
 * A property-editor registrar on Spring Boot's binding initializer (which keeps its
 * conversion service and validator), not an {@code @InitBinder} advice: for an advice
 * method Spring builds an invocable handler method and calls it reflectively for every
 * binder, and every request with a path variable makes one (3% of diagram-service's CPU
 * on {@code GET /api/diagrams/{id}}).
 */
@Component
class StrictBooleans implements BeanPostProcessor, PropertyEditorRegistrar {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RequestMappingHandlerAdapter adapter) {
            if (!(adapter.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer initializer)) {
                throw new IllegalStateException("Expected Spring Boot's ConfigurableWebBindingInitializer on "
                        + beanName + " to register strict booleans");
            }
            PropertyEditorRegistrar[] registrars = initializer.getPropertyEditorRegistrars();
            PropertyEditorRegistrar[] withStrict = registrars == null ? new PropertyEditorRegistrar[1]
                    : Arrays.copyOf(registrars, registrars.length + 1);
            withStrict[withStrict.length - 1] = this;
            initializer.setPropertyEditorRegistrars(withStrict);
        }
        return bean;
    }

    @Override
    public void registerCustomEditors(PropertyEditorRegistry registry) {
        registry.registerCustomEditor(Boolean.class, new Editor(true));
        registry.registerCustomEditor(boolean.class, new Editor(false));
    }

    static final class Editor extends PropertyEditorSupport {

        private final boolean allowEmpty;

        Editor(boolean allowEmpty) {
            this.allowEmpty = allowEmpty;
        }

        @Override
        public void setAsText(String text) {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty() && allowEmpty) {
                setValue(null);
            }
            else if (value.equals("true") || value.equals("false")) {
                setValue(Boolean.valueOf(value));
            }
            else {
                throw new IllegalArgumentException("must be true or false");
            }
        }

    }

}
