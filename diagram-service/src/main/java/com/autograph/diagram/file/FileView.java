package com.autograph.diagram.file;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One file in full: its metadata, the canvas document, the note and what the caller may
 * do.
 */
public record FileView(@JsonUnwrapped FileSummary file, @JsonRawValue String canvasData, String noteContent,
        String permission) {
}
