package com.autograph.export.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

/**
 * Renders over a limit are refused with a 422 naming it, before the output is allocated.
 */
class RenderLimitsTest {

    private final Renderers renderers = new Renderers(RenderLimits.DEFAULTS);

    private static RenderInput wide(double width) {
        return RenderInput.of(DiagramDocument.of(List.of(Shape.rectangle("a").at(0, 0).size(width, 100).build())));
    }

    @Test
    void anAbsurdlyLargePngIsRefusedNamingTheLimit() {
        // 4× of 100,000 px: 1.6 GB of raster if it were allocated.
        long before = usedHeap();
        assertThatThrownBy(() -> renderers.render(ExportFormat.PNG, wide(100_000), RenderOptions.DEFAULTS.withScale(4)))
            .isInstanceOfSatisfying(RenderLimitExceededException.class, e -> {
                assertThat(e.status().value()).isEqualTo(422);
                assertThat(e.limit()).isEqualTo(RenderLimits.MAX_SIDE);
                assertThat(e.value()).isEqualTo(16_384);
                assertThat(e.getMessage()).contains("autograph.export.render.max-side");
            });
        assertThat(usedHeap() - before).as("nothing near the raster's size was allocated").isLessThan(200L << 20);
    }

    @Test
    void aPngOverThePixelBudgetIsRefusedEvenWithShortSides() {
        assertThatThrownBy(() -> renderers.render(ExportFormat.PNG,
                RenderInput.of(DiagramDocument.of(List.of(Shape.rectangle("a").at(0, 0).size(4_000, 4_000).build()))),
                RenderOptions.DEFAULTS.withScale(2)))
            .isInstanceOfSatisfying(RenderLimitExceededException.class,
                    e -> assertThat(e.limit()).isEqualTo(RenderLimits.MAX_PIXELS));
        // The same diagram at 1× is within it.
        assertThat(
                renderers
                    .render(ExportFormat.PNG,
                            RenderInput.of(DiagramDocument
                                .of(List.of(Shape.rectangle("a").at(0, 0).size(4_000, 4_000).build()))),
                            RenderOptions.DEFAULTS)
                    .width())
            .isEqualTo(4_034);
    }

    @Test
    void tooManyShapesOrPagesOrCharactersAreRefused() {
        Renderers small = new Renderers(new RenderLimits(40_000_000, 16_384, 10, 3, 50));
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            shapes.add(Shape.rectangle("s" + i).at(i * 10, 0).size(5, 5).build());
        }
        for (ExportFormat f : ExportFormat.values()) {
            assertThatThrownBy(
                    () -> small.render(f, RenderInput.of(DiagramDocument.of(shapes)), RenderOptions.DEFAULTS))
                .as(f.id())
                .isInstanceOfSatisfying(RenderLimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(RenderLimits.MAX_SHAPES));
        }
        assertThatThrownBy(
                () -> small.render(ExportFormat.PDF, wide(10_000), RenderOptions.DEFAULTS.withPage(PageSize.A4, true)))
            .isInstanceOfSatisfying(RenderLimitExceededException.class,
                    e -> assertThat(e.limit()).isEqualTo(RenderLimits.MAX_PAGES));
        assertThatThrownBy(() -> small.render(ExportFormat.SVG,
                new RenderInput(DiagramDocument.empty(), null, "x".repeat(51)), RenderOptions.DEFAULTS))
            .isInstanceOfSatisfying(RenderLimitExceededException.class,
                    e -> assertThat(e.limit()).isEqualTo(RenderLimits.MAX_TEXT_CHARS));
    }

    @Test
    void aHugeDiagramStillFitsOnOnePdfPage() throws Exception {
        RenderedExport pdf = renderers.render(ExportFormat.PDF, wide(1_000_000), RenderOptions.DEFAULTS);
        assertThat(pdf.pages()).isEqualTo(1);
        assertThat(pdf.width()).isLessThanOrEqualTo(14_400);
    }

    @Test
    void aPictureDeclaringGigapixelsIsNotDecoded() throws Exception {
        // A PNG header claiming 100,000 × 100,000 pixels, with no data behind it.
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R' });
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13)
            .putInt(100_000)
            .putInt(100_000)
            .put((byte) 8)
            .put((byte) 6)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0);
        png.write(ihdr.array());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(new byte[] { 'I', 'H', 'D', 'R' });
        crc.update(ihdr.array());
        png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        String src = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png.toByteArray());
        RenderInput bomb = RenderInput
            .of(DiagramDocument.of(List.of(Shape.image("i", src).at(0, 0).size(100, 100).build())));
        assertThat(ImageData.decode(src)).isEmpty();
        for (ExportFormat f : List.of(ExportFormat.SVG, ExportFormat.PNG, ExportFormat.PDF)) {
            assertThat(renderers.render(f, bomb, RenderOptions.DEFAULTS).bytes()).as(f.id()).isNotEmpty();
        }
        assertThat(new String(renderers.render(ExportFormat.SVG, bomb, RenderOptions.DEFAULTS).bytes(),
                java.nio.charset.StandardCharsets.UTF_8))
            .doesNotContain("<image");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

}
