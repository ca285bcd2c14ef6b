package com.autograph.document.mermaid;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.ParseResult;

/** Mermaid as a {@link DiagramLanguage} (id {@code mermaid}). */
public final class MermaidLanguage implements DiagramLanguage {

    public static final String ID = "mermaid";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ParseResult parse(String code, ModelLimits limits) {
        return MermaidParser.parse(code, limits);
    }

    @Override
    public String render(DiagramDocument document) {
        return MermaidRenderer.render(document);
    }

}
