/**
 * The canonical diagram document: the one JSON format every AutoGraph service reads and
 * writes, specified by {@code docs/diagram-document.schema.json} and explained in
 * {@code docs/diagram-document.md}.
 *
 * <p>
 * The public API:
 * <ul>
 * <li>{@link com.autograph.document.DocumentCodec}: JSON text, bytes or tree to a
 * {@link com.autograph.document.DiagramDocument} (migrating and validating on the way)
 * and back, losslessly.</li>
 * <li>{@link com.autograph.document.DiagramDocument},
 * {@link com.autograph.document.Shape}, {@link com.autograph.document.Style},
 * {@link com.autograph.document.Endpoint}, {@link com.autograph.document.Point} and the
 * value enums: the immutable model, with builders and withers for converters and lookups
 * for layout and rendering.</li>
 * <li>{@link com.autograph.document.DocumentValidator}: every problem of a document as a
 * {@link com.autograph.document.ValidationError} (JSONPath, stable
 * {@link com.autograph.document.ValidationCode}, message).</li>
 * <li>{@link com.autograph.document.DocumentMigrator}: older schema versions up to the
 * current one.</li>
 * </ul>
 *
 * <p>
 * It is one package so that the JSON plumbing the parts share stays package-private.
 */
package com.autograph.document;
