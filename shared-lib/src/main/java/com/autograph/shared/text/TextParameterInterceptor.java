package com.autograph.shared.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import com.autograph.shared.error.ApiException;

/**
 * Refuses query parameters, form and multipart text fields and path variables holding
 * text that cannot be stored (NUL, unpaired surrogates), before any handler sees them.
 * Runs after the multipart request is resolved, so its text fields are parameters here.
 */
final class TextParameterInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value), errors));
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String nameProblem = Text.problem(parameter.getKey());
            if (nameProblem != null) {
                errors.add(Map.of("field", Text.printable(parameter.getKey()), "message",
                        "(a parameter name) " + nameProblem));
                continue;
            }
            for (String value : parameter.getValue()) {
                if (check(parameter.getKey(), value, errors)) {
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidText.of(errors);
        }
        return true;
    }

    private static boolean check(String name, String value, List<Map<String, String>> errors) {
        String problem = Text.problem(value);
        if (problem != null) {
            errors.add(Map.of("field", name, "message", problem));
            return true;
        }
        return false;
    }

}
