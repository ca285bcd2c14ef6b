package com.autograph.shared.openapi;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every servlet service's OpenAPI document (springdoc, {@code /v3/api-docs}) needs
 * so that a client generator can use it: no internal controller arguments (the signed-in
 * caller), the problem+json error model as a schema, and the error responses every
 * operation can get ({@link ErrorResponses}). Summaries, created statuses and
 * operation-specific errors are annotations on the controllers.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(GlobalOperationCustomizer.class)
public class ApiDocumentationAutoConfiguration {

    @Bean
    GlobalOperationCustomizer autographErrorResponses() {
        // The caller is resolved from signed headers or credentials, never sent as a
        // parameter or body.
        SpringDocUtils.getConfig()
            .addRequestWrapperToIgnore(TrustedIdentity.class)
            // Any JSON value (canvas documents, diffs), not the tree class's getters.
            .replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value."))
            .replaceWithSchema(ObjectNode.class, schema("object"));
        return new ErrorResponses();
    }

    /**
     * Property names as the services write them: springdoc reads the models with
     * swagger-core's own (Jackson 2) mapper, which knows nothing of
     * {@code spring.jackson.property-naming-strategy}.
     */
    @Bean
    ModelResolver autographModelNames(Environment environment) {
        ObjectMapper mapper = Json.mapper().copy();
        if ("SNAKE_CASE".equals(environment.getProperty("spring.jackson.property-naming-strategy"))) {
            mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        }
        return new ModelResolver(mapper);
    }

    /**
     * A {@code @JsonRawValue} string is written as the JSON it holds, not as a string.
     */
    @Bean
    PropertyCustomizer autographRawValues() {
        return (property,
                type) -> type.getCtxAnnotations() != null
                        && Arrays.stream(type.getCtxAnnotations()).anyMatch(a -> a instanceof JsonRawValue)
                                ? new Schema<>().description("Any JSON value.") : property;
    }

    @Bean
    GlobalOpenApiCustomizer autographProblemSchema() {
        return openApi -> addProblemSchema(openApi);
    }

    static void addProblemSchema(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Schema<Object> error = schema("object").description("One invalid field.")
            .addProperty("field", schema("string"))
            .addProperty("message", schema("string"));
        Schema<Object> problem = schema("object")
            .description("An RFC 9457 problem; 'code' is stable (docs/api lists each endpoint's codes).")
            .addProperty("type", schema("string").format("uri").example("urn:autograph:problem:not_found"))
            .addProperty("title", schema("string"))
            .addProperty("status", schema("integer").format("int32"))
            .addProperty("detail", schema("string"))
            .addProperty("instance", schema("string"))
            .addProperty("code", schema("string").example("not_found"))
            .addProperty("correlation_id", schema("string"))
            .addProperty("errors", schema("array").items(error));
        problem.setRequired(List.of("type", "title", "status", "code"));
        openApi.getComponents().addSchemas(ErrorResponses.PROBLEM_SCHEMA, problem);
    }

    /**
     * Both spellings of the type: OpenAPI 3.1 documents write {@code types}, 3.0 ones
     * {@code type}.
     */
    private static Schema<Object> schema(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.addType(type);
        return schema;
    }

}
