/**
 * Converters between the diagram document and other tools' formats: the Eraser-style
 * architecture language ({@code .eraser}), Excalidraw ({@code .excalidraw}), draw.io
 * ({@code .drawio}) and PlantUML ({@code .plantuml}). What maps to what is in
 * {@code docs/formats.md}. This package holds what they share.
 */
package com.autograph.document.formats;
