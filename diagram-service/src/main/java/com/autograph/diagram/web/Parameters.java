package com.autograph.diagram.web;

import java.util.Arrays;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * 400 {@code invalid_parameter} for query parameters out of range, naming the parameter.
 */
public final class Parameters {

    private Parameters() {
    }

    public static ApiException invalid(String name, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", "Parameter " + name + " " + message + ".");
    }

    /**
     * A move's destination, which must be present although null is a valid value (the top
     * level): 400 {@code validation_failed} naming the field when it is absent.
     */
    public static UUID moveTarget(String field, boolean given, UUID value) {
        if (!given) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    field + " is required: a folder id, or null for the top level.");
        }
        return value;
    }

    public static int page(int page) {
        if (page < 0) {
            throw invalid("page", "must be 0 or more (pages count from 0)");
        }
        return page;
    }

    public static int size(int size, int max) {
        if (size < 1 || size > max) {
            throw invalid("size", "must be between 1 and " + max);
        }
        return size;
    }

    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
            .filter(c -> c.name().equalsIgnoreCase(value))
            .findFirst()
            .orElseThrow(() -> invalid(name,
                    "must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                        .toList() + ", not '" + value + "'"));
    }

}
