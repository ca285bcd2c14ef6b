package com.autograph.document.code;

import com.autograph.document.DiagramDocument;

/**
 * A diagram-as-code language: text to the canonical document and back. Implementations never throw
 * from {@link #parse(String)}, whatever the input; problems come back as {@link CodeError}s.
 * Rendering a parsed document and parsing the result again gives an equal document.
 *
 * <p>Languages are found with {@link DiagramLanguages} (a {@link java.util.ServiceLoader} over this
 * interface), so another module can add one without touching this package.
 */
public interface DiagramLanguage {

    /** Stable lower-case id, e.g. {@code "mermaid"}. */
    String id();

    ParseResult parse(String code);

    String render(DiagramDocument document);
}
