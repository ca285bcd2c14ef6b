package com.autograph.document.formats.structurizr;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.ParseResult;

/**
 * The Structurizr DSL, the C4 model's own language: {@code workspace { model { … } views
 * { … } }} with people, software systems, containers and components nested in one
 * another, groups, deployment environments, nodes and instances, relationships
 * {@code a -> b "Uses" "HTTPS"} (also {@code -> b} and {@code this -> b} inside an
 * element's block), identifiers ({@code web = container …},
 * {@code !identifiers hierarchical}), tags, descriptions, technologies and the element
 * and relationship styles of the views.
 *
 * <p>
 * The whole model becomes one document (not one view): an element that holds others is a
 * frame around them (a C4 boundary), the others are boxes labelled as C4 draws them
 * ({@code Name / [Container: Java] / description}), relationships are arrows. The views
 * are kept as written in the document's {@code structurizr} field and come back when the
 * document is rendered. Parsed documents carry no positions: layout places the shapes.
 * The full mapping is in {@code docs/formats.md}.
 */
public final class StructurizrLanguage implements DiagramLanguage {

    public static final String ID = "structurizr";

    /**
     * The extension field (on shapes and on the document) holding what the DSL says
     * beyond the drawing.
     */
    public static final String FIELD = "structurizr";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ParseResult parse(String code, ModelLimits limits) {
        limits.checkInput(code, "the code");
        return new Parser(code == null ? "" : code, limits).parse();
    }

    @Override
    public String render(DiagramDocument doc) {
        return new Renderer(doc).render();
    }

    /**
     * An element's text as C4 diagrams show it: the name, the kind and technology in
     * brackets, then the description (not on boundaries, nor on groups and environments,
     * which show their name only).
     */
    static String label(String keyword, String name, String technology, String description, boolean boundary) {
        if (keyword.equals("group") || keyword.equals("enterprise") || keyword.equals("deploymentEnvironment")) {
            return name == null ? "" : name;
        }
        StringBuilder b = new StringBuilder(name == null ? "" : name);
        b.append("\n[").append(Model.KINDS.get(keyword));
        if (technology != null) {
            b.append(": ").append(technology);
        }
        b.append(']');
        if (!boundary && description != null) {
            b.append('\n').append(description);
        }
        return b.toString();
    }

    /** A relationship's text: its description, then its technology in brackets. */
    static String relationshipLabel(String description, String technology) {
        String d = description == null ? "" : description;
        return technology == null ? d : d + (d.isEmpty() ? "" : "\n") + "[" + technology + "]";
    }

}
