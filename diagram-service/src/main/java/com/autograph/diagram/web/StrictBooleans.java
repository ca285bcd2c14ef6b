package com.autograph.diagram.web;

import java.beans.PropertyEditorSupport;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Boolean request parameters are {@code true} or {@code false}, nothing else: Spring's
 * default also reads yes/no, on/off and 1/0, so a typo such as {@code starred=yes} would
 * quietly become a filter. Anything else is a 400 naming the parameter
 * ({@link DiagramProblemHandler}). An editor rather than a converter: a failed conversion
 * falls back to the lenient default editor.
 *
 * <p>
 * Registered through the handler adapter's binding initializer (Spring Boot's, with its
 * conversion service and validator, runs first), not an {@code @InitBinder} advice: for
 * an advice method Spring builds an invocable handler method and calls it reflectively
 * for every binder, and every request with a path variable makes one (3% of
 * diagram-service's CPU on {@code GET /api/diagrams/{id}}).
 */
@Component
class StrictBooleans implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RequestMappingHandlerAdapter adapter) {
            WebBindingInitializer boots = adapter.getWebBindingInitializer();
            adapter.setWebBindingInitializer(binder -> {
                if (boots != null) {
                    boots.initBinder(binder);
                }
                binder.registerCustomEditor(Boolean.class, new Editor(true));
                binder.registerCustomEditor(boolean.class, new Editor(false));
            });
        }
        return bean;
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
