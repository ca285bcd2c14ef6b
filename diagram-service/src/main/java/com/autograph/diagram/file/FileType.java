package com.autograph.diagram.file;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a file holds: a canvas diagram, a Markdown note, or both. */
public enum FileType {

    CANVAS, NOTE, MIXED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FileType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
    }

}
