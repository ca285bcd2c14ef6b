package com.autograph.export.render;

import java.nio.charset.StandardCharsets;

/** SVG, straight from the {@link Drawing}. */
final class SvgRenderer implements Renderer {

    private final RenderLimits limits;

    SvgRenderer(RenderLimits limits) {
        this.limits = limits;
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.SVG;
    }

    @Override
    public RenderedExport render(RenderInput input, RenderOptions options) {
        Drawing d = DrawingBuilder.build(input, options, limits);
        byte[] svg = SvgWriter.write(d, input.title(), true).getBytes(StandardCharsets.UTF_8);
        return new RenderedExport(svg, format().mediaType(), (int) Math.ceil(d.width()), (int) Math.ceil(d.height()), 1);
    }
}
