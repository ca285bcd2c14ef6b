package com.autograph.export.render;

import java.nio.charset.StandardCharsets;

/** SVG, straight from the {@link Drawing}. */
final class SvgRenderer extends DrawingRenderer {

    SvgRenderer(RenderLimits limits) {
        super(ExportFormat.SVG, limits);
    }

    @Override
    RenderedExport write(Drawing d, RenderInput input, RenderOptions options) {
        return sized(SvgWriter.write(d, input.title(), true).getBytes(StandardCharsets.UTF_8), d);
    }

}
