package com.autograph.document.formats.plantuml;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.ParseResult;

/**
 * PlantUML text ({@code @startuml … @enduml}) for the three kinds that map onto the
 * diagram document: sequence, class and component diagrams. Constructs that don't map
 * (activation bars, skin parameters, …) are reported as errors naming the construct,
 * never dropped silently. The mapping is documented in {@code docs/formats.md};
 * PlantUML-only details travel in the {@code plantuml} extension field of shapes and of
 * the document.
 */
public final class PlantUmlLanguage implements DiagramLanguage {

    public static final String ID = "plantuml";

    /**
     * The extension field holding PlantUML-only details (element keyword, fragment kind,
     * arrow).
     */
    public static final String FIELD = "plantuml";

    /** The kinds of diagram this language reads and writes. */
    public enum Kind {

        SEQUENCE, CLASS, COMPONENT

    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ParseResult parse(String code, ModelLimits limits) {
        limits.checkInput(code, "the code");
        return new PlantUmlParser(code == null ? "" : code, limits).parse();
    }

    @Override
    public String render(DiagramDocument doc) {
        return new PlantUmlRenderer(doc).render();
    }

}
