package com.autograph.document.mermaid;

import com.autograph.document.Arrowhead;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.Style;

import tools.jackson.databind.node.ObjectNode;

/**
 * A shape while its diagram is being read: mutable, turned into a {@link Shape} at the
 * end.
 */
final class Draft {

    String id;

    ShapeType type;

    String text;

    String parent;

    String from;

    String to;

    Arrowhead startHead = Arrowhead.NONE;

    Arrowhead endHead;

    Style style = Style.EMPTY;

    /** Icon key of an icon shape (flowchart {@code @{ icon: ... }}), else null. */
    String icon;

    /** Picture of an image shape (flowchart {@code @{ img: ... }}), else null. */
    String src;

    double x;

    double y;

    double width;

    double height;

    /**
     * A freehand path (pie wedges, chart lines and axes) in canvas coordinates; its place
     * is the points, not x, y, width and height.
     */
    java.util.List<com.autograph.document.Point> points;

    private ObjectNode ext;

    Draft(String id, ShapeType type) {
        this.id = id;
        this.type = type;
    }

    static Draft connector(String id, ShapeType type, String from, String to) {
        Draft d = new Draft(id, type);
        d.from = from;
        d.to = to;
        return d;
    }

    boolean isConnector() {
        return type.isConnector();
    }

    /** The shape's {@code mermaid} extension object, created on first use. */
    ObjectNode ext() {
        if (ext == null) {
            ext = Mermaid.NODES.objectNode();
        }
        return ext;
    }

    Shape toShape() {
        Shape.Builder b = Shape.builder(type, id);
        if (isConnector()) {
            b.start(com.autograph.document.Endpoint.boundTo(from)).end(com.autograph.document.Endpoint.boundTo(to));
            if (startHead != Arrowhead.NONE) {
                b.startArrowhead(startHead);
            }
            Arrowhead byDefault = type == ShapeType.ARROW ? Arrowhead.ARROW : Arrowhead.NONE;
            if (endHead != null && endHead != byDefault) {
                b.endArrowhead(endHead);
            }
        }
        else if (points != null) {
            b.points(points);
        }
        else {
            b.at(x, y).size(width, height);
        }
        b.text(text).parentId(parent);
        if (icon != null) {
            b.icon(icon);
        }
        if (src != null) {
            b.src(src);
        }
        if (!style.isEmpty()) {
            b.style(style);
        }
        if (ext != null && !ext.isEmpty()) {
            b.unknownField(Mermaid.EXT, ext);
        }
        return b.build();
    }

}
