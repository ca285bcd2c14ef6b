package com.autograph.shared.openapi;

import java.util.Optional;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;

import com.autograph.shared.security.TrustedIdentity;

/**
 * Documents the error responses that follow from an operation's signature, so that
 * controllers annotate only the ones specific to them (409, 413, 422…): 400 for any
 * client input, 401 and 403 where a caller is resolved (a forged or stale identity, an
 * API key whose scopes do not allow the route), 404 for path variables, 412 for
 * {@code If-Match}, and the gateway's 429 and 503 for all. Every error response,
 * annotated or derived, gets the problem+json schema. Also removes
 * {@code Optional<TrustedIdentity>} arguments, which springdoc's type filter does not
 * see, and names the operation ({@link #operationId}).
 */
final class ErrorResponses implements GlobalOperationCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        operation.setOperationId(operationId(handler));
        MethodParameter[] parameters = handler.getMethodParameters();
        boolean caller = false;
        boolean input = false;
        boolean pathVariable = false;
        boolean ifMatch = false;
        for (MethodParameter parameter : parameters) {
            if (isCaller(parameter)) {
                caller = true;
                if (operation.getParameters() != null) {
                    operation.getParameters().removeIf(p -> p.getName().equals(parameter.getParameterName()));
                }
            }
            input |= parameter.hasParameterAnnotation(RequestBody.class)
                    || parameter.hasParameterAnnotation(RequestParam.class)
                    || parameter.hasParameterAnnotation(RequestPart.class)
                    || parameter.hasParameterAnnotation(PathVariable.class)
                    || parameter.hasParameterAnnotation(RequestHeader.class);
            pathVariable |= parameter.hasParameterAnnotation(PathVariable.class);
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            ifMatch |= header != null
                    && HttpHeaders.IF_MATCH.equalsIgnoreCase(header.name().isEmpty() ? header.value() : header.name());
        }
        if (operation.getParameters() != null && operation.getParameters().isEmpty()) {
            operation.setParameters(null);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (input) {
            add(responses, "400", "The request is malformed or a field is invalid; the problem names it.");
        }
        if (caller) {
            add(responses, "401",
                    "No valid access token or API key, or the signed identity is missing, forged or stale.");
            add(responses, "403",
                    "The caller may not do this (role, permission, or an API key whose scopes do not allow it).");
        }
        if (pathVariable) {
            add(responses, "404", "Not found, or not visible to the caller.");
        }
        if (ifMatch) {
            add(responses, "412", "If-Match names an ETag that is no longer current: reload and retry.");
        }
        add(responses, "429", "Too many requests (the gateway's rate limit): retry after Retry-After seconds.");
        add(responses, "503", "The service is unavailable or its circuit breaker is open: retry later.");
        // springdoc gives annotated responses the method's return type; an error's body
        // is a problem.
        responses.forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.get$ref() == null
                    && (response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON))) {
                response.setContent(problemContent());
            }
        });
        return operation;
    }

    /**
     * {@code fileCreate}, {@code apiKeyList}: the controller's feature and the method, so
     * that ids are unique across the services' documents (a generated client names its
     * functions by them).
     */
    static String operationId(HandlerMethod handler) {
        String feature = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
        String method = handler.getMethod().getName();
        return Character.toLowerCase(feature.charAt(0)) + feature.substring(1) + Character.toUpperCase(method.charAt(0))
                + method.substring(1);
    }

    private static boolean isCaller(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType() == Optional.class
                ? parameter.nestedIfOptional().getNestedParameterType() : parameter.getParameterType();
        return type == TrustedIdentity.class;
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
    }

}
