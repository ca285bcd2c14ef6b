/**
 * Converters between the diagram document and other tools' formats: the Eraser-style
 * architecture language ({@code .eraser}), Excalidraw ({@code .excalidraw}), draw.io
 * ({@code .drawio}), tldraw ({@code .tldr}), PlantUML ({@code .plantuml}) and the
 * Structurizr DSL ({@code .dsl}). What maps to what is in {@code docs/formats.md}. This
 * package holds what they share.
 */
package com.autograph.document.formats;
