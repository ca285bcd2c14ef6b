package com.autograph.document.mermaid;

import com.autograph.document.ModelLimits;
import com.autograph.document.code.ParseResult;

/**
 * For the fuzz tests: Mermaid parsing without the catch-all that turns a bug into an
 * error at 1:1.
 */
public final class MermaidUnguarded {

    private MermaidUnguarded() {
    }

    public static ParseResult parse(String code) {
        return MermaidParser.read(code, ModelLimits.DEFAULTS);
    }

}
