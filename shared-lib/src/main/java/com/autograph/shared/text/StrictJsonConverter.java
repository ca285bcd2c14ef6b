package com.autograph.shared.text;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * How servlet services read JSON request bodies: every string and property name checked
 * for text that cannot be stored ({@link TextCheckingParser}), duplicate properties
 * refused, and no value of one JSON type silently taken for another ({@code 12} for a
 * string, {@code "12"} for a number, {@code 1} for a boolean or an enum). Only request
 * bodies: the application's own JsonMapper (stored documents, other services' answers)
 * stays as lenient as Boot builds it.
 */
public class StrictJsonConverter extends JacksonJsonHttpMessageConverter {

    public StrictJsonConverter(JsonMapper applicationMapper) {
        super(strict(applicationMapper));
    }

    static JsonMapper strict(JsonMapper mapper) {
        return mapper.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();
    }

    @Override
    protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
        return new CheckingReader(super.customizeReader(reader, javaType));
    }

    /** Spring reads the body with this reader only; it wraps the parser it creates. */
    private static final class CheckingReader extends ObjectReader {

        CheckingReader(ObjectReader base) {
            super(base, base.getConfig());
        }

        @Override
        protected JsonParser _considerFilter(JsonParser parser, boolean multiValue) {
            return super._considerFilter(new TextCheckingParser(parser), multiValue);
        }

    }

}
