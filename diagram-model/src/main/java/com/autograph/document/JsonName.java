package com.autograph.document;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The enums of the document: each constant has a snake_case name in JSON. */
interface JsonName {

    String jsonName();

    /** The constant whose JSON name is {@code name}, if any. */
    static <E extends Enum<E> & JsonName> Optional<E> find(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.jsonName().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /**
     * Every JSON name of the enum, in declaration order (used in validation messages).
     */
    static <E extends Enum<E> & JsonName> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(JsonName::jsonName).toList();
    }

    /** RECTANGLE → rectangle, STICKY_NOTE → sticky_note. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

}
