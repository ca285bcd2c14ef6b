/**
 * The contract every diagram-as-code language implements ({@link
 * com.autograph.document.code.DiagramLanguage}): parse text into a diagram document with
 * positioned, human-readable errors, and render a document back to text.
 */
package com.autograph.document.code;
