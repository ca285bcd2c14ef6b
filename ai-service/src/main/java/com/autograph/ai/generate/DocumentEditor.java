package com.autograph.ai.generate;

import com.autograph.document.DiagramDocument;

/**
 * A source that refines by changing the document itself rather than by rewriting its
 * code: whatever language made the file, every shape it does not edit keeps its id,
 * position and properties. The pipeline still validates what comes back.
 */
public interface DocumentEditor {

    /**
     * The document changed as the instruction says, and the draft describing it (code
     * rendered from the result, the model, the tokens). Throws
     * {@link CodeSourceException} (422) when the instruction asks for nothing it can do.
     */
    Edit edit(DiagramDocument current, String instruction);

    record Edit(DiagramDocument document, CodeDraft draft) {
    }

}
