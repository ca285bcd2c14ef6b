package com.autograph.diagram.web;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Boolean request parameters are {@code true} or {@code false}, nothing else: Spring's
 * default also reads yes/no, on/off and 1/0, so a typo such as {@code starred=yes} would
 * quietly become a filter. Anything else is a 400 naming the parameter
 * ({@link DiagramProblemHandler}). An editor rather than a converter: a failed conversion
 * falls back to the lenient default editor.
 */
@ControllerAdvice
class StrictBooleans {

    @InitBinder
    void strictBooleans(WebDataBinder binder) {
        binder.registerCustomEditor(Boolean.class, new Editor(true));
        binder.registerCustomEditor(boolean.class, new Editor(false));
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
