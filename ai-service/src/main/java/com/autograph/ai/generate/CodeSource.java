package com.autograph.ai.generate;

import java.util.function.Consumer;

/**
 * Turns a request into diagram code. The pipeline parses, validates and lays out whatever
 * comes back: a source's answer is never trusted.
 */
public interface CodeSource extends NamedSource {

    /**
     * True for the rule-based offline generator; answers then say they are rule-based.
     */
    boolean ruleBased();

    /**
     * Drafts code for the request. {@code partial} receives text as it streams in (may
     * never be called). Throws {@link CodeSourceException} when the source cannot answer.
     */
    CodeDraft draft(DraftRequest request, Consumer<String> partial);

}
