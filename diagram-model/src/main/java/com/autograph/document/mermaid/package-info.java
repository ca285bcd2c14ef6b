/**
 * Mermaid as diagram code: {@link com.autograph.document.mermaid.MermaidParser} (code to
 * the canonical document, never throwing, errors with line and column),
 * {@link com.autograph.document.mermaid.MermaidRenderer} (document to code; parse →
 * render → parse gives an equal document),
 * {@link com.autograph.document.mermaid.MermaidFormatter} (pretty printing),
 * {@link com.autograph.document.mermaid.MermaidSnippets} (templates) and
 * {@link com.autograph.document.mermaid.MermaidLanguage} (the
 * {@link com.autograph.document.code.DiagramLanguage}). What each diagram type maps to is
 * in docs/diagram-as-code.md; the {@code mermaid} extension fields in
 * docs/diagram-document.md.
 */
package com.autograph.document.mermaid;
