package com.autograph.document.code;

import com.autograph.document.DiagramDocument;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;

/**
 * A diagram-as-code language: text to the canonical document and back. Implementations
 * never throw from {@link #parse(String)}, whatever the input; problems come back as
 * {@link CodeError}s. The one exception is input over the {@link ModelLimits} (too long,
 * too many shapes, nested too deep): that is refused with a
 * {@link LimitExceededException} as soon as it is seen. Rendering a parsed document and
 * parsing the result again gives an equal document.
 *
 * <p>
 * Languages are found with {@link DiagramLanguages} (a {@link java.util.ServiceLoader}
 * over this interface), so another module can add one without touching this package.
 */
public interface DiagramLanguage {

    /** Stable lower-case id, e.g. {@code "mermaid"}. */
    String id();

    /** Parses within {@link ModelLimits#DEFAULTS}. */
    default ParseResult parse(String code) {
        return parse(code, ModelLimits.DEFAULTS);
    }

    /**
     * Parses {@code code}; errors in it come back in the result.
     * @throws LimitExceededException when the code is over one of {@code limits}
     */
    ParseResult parse(String code, ModelLimits limits);

    String render(DiagramDocument document);

}
