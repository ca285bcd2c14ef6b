package com.autograph.export.render;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.TextAlign;

/** Documents the rendering tests draw. */
final class Fixtures {

    /** A 2 × 2 PNG (red, blue / blue, red) as a data URI. */
    static final String PNG_DATA_URI = pngDataUri();

    private Fixtures() {
    }

    /**
     * Every shape type, fill style, stroke style, arrowhead and routing, with a label on
     * each.
     */
    static DiagramDocument everything() {
        List<Shape> s = new ArrayList<>();
        s.add(Shape.frame("frame", "Frame title")
            .at(0, 40)
            .size(960, 720)
            .style(Style.builder().strokeColor("#1971c2").fillColor("#e7f5ff").build())
            .build());
        s.add(Shape.group("group").build());
        s.add(Shape.rectangle("rect")
            .at(40, 80)
            .size(160, 70)
            .text("Rectangle")
            .parentId("frame")
            .style(Style.builder().fillColor("#ffc9c9").cornerRadius(8).strokeWidth(2).build())
            .build());
        s.add(Shape.ellipse("ellipse")
            .at(260, 80)
            .size(160, 80)
            .text("Ellipse with a longer label that wraps")
            .parentId("frame")
            .style(Style.builder().fillColor("#b2f2bb").fillStyle(FillStyle.HACHURE).build())
            .build());
        s.add(Shape.diamond("diamond")
            .at(480, 70)
            .size(160, 100)
            .text("Diamond")
            .parentId("frame")
            .style(Style.builder()
                .fillColor("#a5d8ff")
                .fillStyle(FillStyle.CROSS_HATCH)
                .strokeStyle(StrokeStyle.DASHED)
                .build())
            .build());
        s.add(Shape.stickyNote("sticky")
            .at(700, 80)
            .size(180, 100)
            .text("Sticky note\nsecond line")
            .parentId("frame")
            .style(Style.builder().textAlign(TextAlign.LEFT).build())
            .build());
        s.add(Shape.text("text", "Plain text, right aligned")
            .at(40, 220)
            .size(240, 30)
            .parentId("group")
            .style(Style.builder()
                .textAlign(TextAlign.RIGHT)
                .fontFamily("Georgia")
                .fontWeight(700)
                .fontSize(18)
                .textColor("#862e9c")
                .build())
            .build());
        s.add(Shape.rectangle("dotted")
            .at(320, 220)
            .size(160, 70)
            .text("Dotted, dots")
            .parentId("group")
            .style(Style.builder()
                .strokeStyle(StrokeStyle.DOTTED)
                .fillColor("#ffec99")
                .fillStyle(FillStyle.PATTERN)
                .opacity(0.6)
                .build())
            .build());
        s.add(Shape.rectangle("rotated")
            .at(540, 220)
            .size(140, 60)
            .text("Rotated 15°")
            .rotation(15)
            .parentId("frame")
            .style(Style.builder().fillColor("#d0bfff80").strokeWidth(4).fontFamily("Cascadia Code").build())
            .build());
        s.add(Shape.rectangle("badge")
            .at(720, 220)
            .size(160, 70)
            .text("With icon badge")
            .icon("postgresql")
            .parentId("frame")
            .build());
        s.add(Shape.icon("icon", "aws-lambda").at(60, 360).size(64, 64).parentId("frame").build());
        s.add(Shape.image("image", PNG_DATA_URI).at(180, 360).size(120, 60).text("Picture").parentId("frame").build());
        s.add(Shape.image("remote", "https://example.org/x.png")
            .at(320, 360)
            .size(120, 60)
            .text("Remote")
            .parentId("frame")
            .build());
        s.add(Shape
            .freehand("freehand",
                    List.of(new Point(460, 380), new Point(490, 350), new Point(520, 400), new Point(560, 360)))
            .parentId("frame")
            .style(Style.builder().strokeColor("#e8590c").build())
            .build());
        s.add(Shape.rectangle("hidden")
            .at(600, 360)
            .size(100, 50)
            .text("Never drawn")
            .hidden(true)
            .parentId("frame")
            .build());
        s.add(Shape.frame("collapsed", "Collapsed frame")
            .at(720, 360)
            .size(200, 150)
            .collapsed(true)
            .parentId("frame")
            .build());
        s.add(Shape.rectangle("inside-collapsed")
            .at(740, 420)
            .size(100, 50)
            .text("Inside collapsed")
            .parentId("collapsed")
            .build());
        // Connectors: every routing, every arrowhead at least once, a label on each.
        Arrowhead[] heads = Arrowhead.values();
        s.add(Shape.arrow("a-straight", "rect", "ellipse").text("straight").build());
        s.add(Shape.arrow("a-elbow", "ellipse", "dotted")
            .routing(Routing.ELBOW)
            .text("elbow")
            .startArrowhead(Arrowhead.CIRCLE)
            .endArrowhead(Arrowhead.TRIANGLE)
            .build());
        s.add(Shape.arrow("a-curved", "diamond", "badge")
            .routing(Routing.CURVED)
            .points(List.of(new Point(700, 200)))
            .text("curved")
            .endArrowhead(Arrowhead.DIAMOND)
            .build());
        s.add(Shape.line("l-line", "sticky", "badge")
            .text("line")
            .style(Style.builder().strokeStyle(StrokeStyle.DASHED).build())
            .build());
        double y = 560;
        for (int i = 0; i < heads.length; i++) {
            double x = 40 + i * 80;
            s.add(Shape.arrow("head-" + heads[i].jsonName(), Endpoint.at(x, y), Endpoint.at(x + 50, y + 60))
                .startArrowhead(heads[i])
                .endArrowhead(heads[i])
                .text(heads[i].jsonName())
                .style(Style.builder().fontSize(11).build())
                .parentId("frame")
                .build());
        }
        DiagramDocument doc = DiagramDocument.of(s).withBackground("#ffffff");
        if (!DocumentValidator.validate(doc).isEmpty()) {
            throw new IllegalStateException("fixture invalid: " + DocumentValidator.validate(doc));
        }
        return doc;
    }

    private static String pngDataUri() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2, 2,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(1, 1, 0xff0000);
        img.setRGB(1, 0, 0x0000ff);
        img.setRGB(0, 1, 0x0000ff);
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", out);
            return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(out.toByteArray());
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every label {@link #everything()} draws. */
    static List<String> labels() {
        List<String> labels = new ArrayList<>(List.of("Frame title", "Rectangle", "Diamond", "Sticky note",
                "second line", "Plain text, right aligned", "Dotted, dots", "Rotated 15°", "With icon badge", "Picture",
                "Remote", "Collapsed frame", "straight", "elbow", "curved", "line", "AWS-LAMBDA".toLowerCase()));
        for (Arrowhead h : Arrowhead.values()) {
            labels.add(h.jsonName());
        }
        return labels;
    }

    /**
     * {@code n} boxes in rows with an arrow from each to the next: the benchmark's
     * diagram.
     */
    static DiagramDocument grid(int n) {
        List<Shape> s = new ArrayList<>();
        int perRow = 10;
        for (int i = 0; i < n; i++) {
            double x = (i % perRow) * 220;
            double y = (i / perRow) * 140;
            s.add(Shape.rectangle("n" + i)
                .at(x, y)
                .size(160, 60)
                .text("Service " + i)
                .style(Style.builder().fillColor("#e7f5ff").cornerRadius(6).build())
                .build());
            if (i > 0) {
                s.add(Shape.arrow("e" + i, "n" + (i - 1), "n" + i).build());
            }
        }
        return DiagramDocument.of(s);
    }

}
