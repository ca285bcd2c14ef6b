package com.autograph.export.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.TextAlign;

/**
 * Fuzz targets for what clients hand the renderers, in the style of diagram-model's
 * ParserFuzzTest: render options from query strings (the committed seeds in
 * {@code fuzz/render-options.txt}, mutated) and random valid documents with hostile text,
 * extreme geometry and every style value. An input fails when anything but the documented
 * 400/422 exceptions comes out, or when the SVG is not well-formed XML.
 * {@code -Dfuzz.tries}, {@code -Dfuzz.seed} and {@code -Dfuzz.seconds} as there; every
 * run prints its seed.
 */
class RenderFuzzTest {

    private static final int TRIES = Integer.getInteger("fuzz.tries", 3000);

    private static final long SEED = Long.getLong("fuzz.seed", 1616L);

    private static final long BUDGET_NANOS = Long.getLong("fuzz.seconds", 10) * 1_000_000_000L;

    private static final String[] NASTY = { "", " ", "0", "-0", "1", "2", "4", "8", "1e309", "-1e-309", "NaN",
            "Infinity", "0x10", "١", "#", "#fff", "#FFFFFF", "#ffffff00", "white", "transparent", "document", "a4",
            "A4", "letter", "fit", "true", "false", "yes", "no", "TRUE", "2x", "4X", ",", ",,", "a,b", "\u0000",
            "\uD800", "<script>", "%00", "javascript:alert(1)", "x".repeat(300) };

    private static final String[] TEXT = { "", "A", "line\nbreak", "<script>alert(1)</script>", "]]>", "&amp;",
            "\u0001\u0002", "\uD83D\uDE00 emoji", "漢字かな", "مرحبا", "\uD800", "\t tab", "x".repeat(500),
            "word ".repeat(80) };

    private final Renderers renderers = new Renderers(new RenderLimits(2_000_000, 4_096, 500, 20, 200_000));

    @Test
    void renderOptions() throws IOException {
        List<String> seeds = seeds();
        Random random = new Random(SEED);
        run("render-options", random, () -> {
            Map<String, String> params = new HashMap<>();
            for (String pair : seeds.get(random.nextInt(seeds.size())).split("&")) {
                int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                String name = random.nextInt(8) == 0 ? "junk" + random.nextInt(3)
                        : RenderOptions.PARAMETERS.get(random.nextInt(RenderOptions.PARAMETERS.size()));
                params.put(name, mutate(random, params.getOrDefault(name, NASTY[random.nextInt(NASTY.length)])));
            }
            try {
                RenderOptions o = RenderOptions.fromParameters(params);
                assertThat(o.scale()).isIn(1, 2, 4);
                assertThat(o.padding()).isBetween(0.0, RenderOptions.MAX_PADDING);
            }
            catch (InvalidRenderOptionException e) {
                assertThat(RenderOptions.PARAMETERS).as("the option named by %s", e.getMessage()).contains(e.option());
            }
            return params.toString();
        });
    }

    @Test
    void documents() {
        Random random = new Random(SEED * 31);
        run("documents", random, () -> {
            DiagramDocument doc = randomDocument(random);
            if (!DocumentValidator.validate(doc).isEmpty()) {
                return null;
            }
            RenderOptions options = RenderOptions.DEFAULTS.withHandDrawn(random.nextBoolean())
                .withPadding(random.nextInt(50));
            try {
                byte[] svg = renderers.render(ExportFormat.SVG, RenderInput.of(doc), options).bytes();
                Outputs.xml(svg);
                ExportFormat other = random.nextInt(10) == 0 ? ExportFormat.PDF
                        : random.nextInt(5) == 0 ? ExportFormat.PNG : ExportFormat.HTML;
                assertThat(renderers.render(other, RenderInput.of(doc), options).bytes()).isNotEmpty();
            }
            catch (RenderLimitExceededException | InvalidRenderOptionException expected) {
                // documented answers (422, 400)
            }
            return doc.toString();
        });
    }

    private interface Try {

        /** Runs one input; returns its description, or null when it was skipped. */
        String run();

    }

    private static void run(String target, Random random, Try one) {
        long start = System.nanoTime();
        int i = 0;
        int ran = 0;
        for (; i < TRIES && System.nanoTime() - start < BUDGET_NANOS; i++) {
            try {
                if (one.run() != null) {
                    ran++;
                }
            }
            catch (AssertionError | RuntimeException e) {
                throw new AssertionError("fuzz " + target + " failed at try " + (i + 1) + " (replay with -Dfuzz.seed="
                        + SEED + "): " + e, e);
            }
        }
        System.out.printf("fuzz %s: %d tries (%d rendered) in %d ms, seed %d%n", target, i, ran,
                (System.nanoTime() - start) / 1_000_000, SEED);
        assertThat(ran).as("some inputs were valid and tried").isPositive();
    }

    private static String mutate(Random r, String s) {
        return switch (r.nextInt(6)) {
            case 0 -> NASTY[r.nextInt(NASTY.length)];
            case 1 -> s + NASTY[r.nextInt(NASTY.length)];
            case 2 -> s.isEmpty() ? s : s.substring(0, r.nextInt(s.length()));
            case 3 -> s.toUpperCase(java.util.Locale.ROOT);
            case 4 -> s.repeat(1 + r.nextInt(3));
            default -> s.isEmpty() ? "\u0000" : s.substring(0, s.length() - 1) + (char) r.nextInt(0x3000);
        };
    }

    private static DiagramDocument randomDocument(Random r) {
        int n = 1 + r.nextInt(12);
        List<Shape> shapes = new ArrayList<>();
        List<String> containers = new ArrayList<>();
        ShapeType[] types = ShapeType.values();
        for (int i = 0; i < n; i++) {
            ShapeType type = types[r.nextInt(types.length)];
            String id = "s" + i;
            Shape.Builder b = Shape.builder(type, id).at(coord(r), coord(r)).size(size(r), size(r));
            if (r.nextBoolean()) {
                b.text(TEXT[r.nextInt(TEXT.length)]);
            }
            if (r.nextInt(4) == 0) {
                b.rotation(r.nextInt(720) - 360);
            }
            if (r.nextInt(6) == 0) {
                b.hidden(true);
            }
            if (r.nextInt(6) == 0) {
                b.collapsed(true);
            }
            if (!containers.isEmpty() && r.nextInt(3) == 0) {
                b.parentId(containers.get(r.nextInt(containers.size())));
            }
            switch (type) {
                case ICON -> b.icon(TEXT[1 + r.nextInt(TEXT.length - 1)].isBlank() ? "k" : "icon-" + r.nextInt(9));
                case IMAGE ->
                    b.src(r.nextBoolean() ? Fixtures.PNG_DATA_URI : "data:image/png;base64,AAAA" + r.nextInt(99));
                case FREEHAND -> b.points(points(r, 1 + r.nextInt(6)));
                case ARROW, LINE -> {
                    b.remove("x").remove("y").remove("width").remove("height");
                    b.start(end(r, i)).end(end(r, i));
                    b.routing(Routing.values()[r.nextInt(Routing.values().length)]);
                    b.startArrowhead(Arrowhead.values()[r.nextInt(Arrowhead.values().length)]);
                    b.endArrowhead(Arrowhead.values()[r.nextInt(Arrowhead.values().length)]);
                    if (r.nextBoolean()) {
                        b.points(points(r, r.nextInt(4)));
                    }
                }
                default -> {
                }
            }
            if (r.nextBoolean()) {
                b.style(style(r));
            }
            if (type.isContainer()) {
                containers.add(id);
            }
            shapes.add(b.build());
        }
        return DiagramDocument.of(shapes).withBackground(r.nextBoolean() ? "#" + hex(r, 6) : "transparent");
    }

    private static Endpoint end(Random r, int upTo) {
        return upTo > 0 && r.nextBoolean() ? Endpoint.boundTo("s" + r.nextInt(upTo)) : Endpoint.at(coord(r), coord(r));
    }

    private static List<Point> points(Random r, int n) {
        List<Point> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(new Point(coord(r), coord(r)));
        }
        return p;
    }

    private static double coord(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> -r.nextInt(5000);
            case 1 -> r.nextDouble() * 1e-3;
            default -> r.nextInt(3000) + r.nextDouble();
        };
    }

    private static double size(Random r) {
        return r.nextInt(10) == 0 ? 0 : r.nextInt(10) == 0 ? 0.5 : 1 + r.nextInt(600);
    }

    private static Style style(Random r) {
        Style.Builder s = Style.builder();
        if (r.nextBoolean()) {
            s.strokeColor(r.nextBoolean() ? "#" + hex(r, 3) : "#" + hex(r, 8));
        }
        if (r.nextBoolean()) {
            s.fillColor(r.nextInt(4) == 0 ? "transparent" : "#" + hex(r, 6));
        }
        s.fillStyle(FillStyle.values()[r.nextInt(FillStyle.values().length)]);
        s.strokeStyle(StrokeStyle.values()[r.nextInt(StrokeStyle.values().length)]);
        s.strokeWidth(r.nextInt(5) == 0 ? 0 : r.nextDouble() * 20);
        s.opacity(r.nextDouble());
        s.cornerRadius(r.nextInt(100));
        s.fontFamily(
                TEXT[1 + r.nextInt(TEXT.length - 1)].isBlank() ? "Virgil" : r.nextBoolean() ? "Cascadia" : "'x\"<y>");
        s.fontSize(1 + r.nextDouble() * 100);
        s.fontWeight(1 + r.nextInt(1000));
        s.textAlign(TextAlign.values()[r.nextInt(TextAlign.values().length)]);
        s.textColor("#" + hex(r, 6));
        return s.build();
    }

    private static String hex(Random r, int digits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            b.append("0123456789abcdef".charAt(r.nextInt(16)));
        }
        return b.toString();
    }

    private static List<String> seeds() throws IOException {
        try (InputStream in = RenderFuzzTest.class.getResourceAsStream("/fuzz/render-options.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

}
