package com.autograph.diagram.version;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One version in full: its metadata, the canvas document and the note as they were. */
public record VersionView(@JsonUnwrapped VersionSummary version, @JsonRawValue String canvasData, String noteContent) {
}
