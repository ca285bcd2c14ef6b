package com.autograph.document.formats.d2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.ParseResult;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;

import tools.jackson.databind.JsonNode;

/**
 * D2 (Terrastruct's diagram language), its core: shapes and their kinds, connections
 * {@code ->}, {@code <-}, {@code <->}, {@code --} with labels and chains
 * {@code a -> b -> c}, containers (nested keys {@code a.b.c} and {@code {}} blocks),
 * labels, {@code icon}, {@code style.*} and {@code direction}. The full reference is
 * {@code docs/formats.md}.
 *
 * <p>
 * Keys are case-insensitive, as in D2: a shape's id is its lower-case key path
 * ({@code cloud.api}), a connection's is D2's own {@code (a -> b)[0]}. What the document
 * has no field for (the D2 shape kind, style fields as written, {@code tooltip},
 * {@code link}, {@code near}, sizes, directions) is kept in the {@code d2} extension, so
 * rendering a parsed document gives code that parses to the same document. Parsed
 * documents carry no positions: {@link #layout} places them in the code's direction.
 */
public final class D2Language implements DiagramLanguage {

    public static final String ID = "d2";

    /** The extension field of documents and shapes. */
    static final String EXT = "d2";

    /** Longest first, so {@code <->} is not read as {@code <-}. */
    static final List<String> OPERATORS = List.of("<->", "->", "<-", "--");

    private static final Map<String, LayoutOptions.Direction> DIRECTIONS = Map.of("down", LayoutOptions.Direction.DOWN,
            "up", LayoutOptions.Direction.UP, "right", LayoutOptions.Direction.RIGHT, "left",
            LayoutOptions.Direction.LEFT);

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
    public String render(DiagramDocument document) {
        return new Renderer(document).render();
    }

    /**
     * The document placed by the automatic layout, flowing the way its {@code direction}
     * says (down when it says nothing, as in D2).
     * @throws com.autograph.document.LimitExceededException when there are more shapes
     * than {@code limits} lets layout place
     */
    public static DiagramDocument layout(DiagramDocument document, ModelLimits limits) {
        JsonNode ext = document.unknownFields().get(EXT);
        String direction = ext != null && ext.path("direction").isString() ? ext.path("direction").stringValue()
                : "down";
        LayoutOptions options = LayoutOptions.defaults()
            .withDirection(DIRECTIONS.getOrDefault(direction, LayoutOptions.Direction.DOWN));
        return besideTheGraph(DiagramLayout.layout(document, options, limits));
    }

    /**
     * Layout leaves free text where it is (on a canvas it is an annotation); in D2 a
     * {@code shape: text} is a node like any other, so what layout did not place goes in
     * a row under the diagram.
     */
    private static DiagramDocument besideTheGraph(DiagramDocument doc) {
        double bottom = 0;
        for (Shape s : doc.shapes()) {
            if (s.hasPosition()) {
                bottom = Math.max(bottom, s.y() + s.height());
            }
        }
        double x = 0;
        List<Shape> shapes = new ArrayList<>(doc.shapes().size());
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector() || s.type() == ShapeType.FREEHAND || s.hasPosition()) {
                shapes.add(s);
                continue;
            }
            String text = s.text().orElse("");
            double width = Math.min(480, Math.max(60, text.length() * 9 + 20));
            shapes.add(s.toBuilder().at(x, bottom + 40).size(width, 30).build());
            x += width + 40;
        }
        return doc.withShapes(shapes);
    }

}
