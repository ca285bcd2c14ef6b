package com.autograph.document.code;

import com.autograph.document.DiagramDocument;

/**
 * A diagram-as-code language: text to a {@link DiagramDocument} and back. Implementations are
 * stateless and thread-safe.
 */
public interface DiagramLanguage {

    /** Short stable name, e.g. {@code "mermaid"}, {@code "eraser"}, {@code "plantuml"}. */
    String id();

    /**
     * Parses {@code code}. Never throws for bad input: the result holds the document built from
     * everything that could be understood plus one error per problem.
     */
    ParseResult parse(String code);

    /** Writes the document in this language (lossy where the language can't say something). */
    String render(DiagramDocument doc);
}
