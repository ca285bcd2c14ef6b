/**
 * Diagram-as-code in general: {@link com.autograph.document.code.DiagramLanguage} (parse
 * code to the canonical document, render it back), its
 * {@link com.autograph.document.code.ParseResult} and
 * {@link com.autograph.document.code.CodeError}, and the
 * {@link com.autograph.document.code.DiagramLanguages} registry. Kept small and free of
 * any one language so every converter can implement it.
 */
package com.autograph.document.code;
