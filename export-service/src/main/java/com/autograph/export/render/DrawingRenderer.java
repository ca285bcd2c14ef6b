package com.autograph.export.render;

/**
 * The renderers that draw the diagram (SVG, PNG, PDF, Markdown, HTML): each gets the
 * {@link Drawing} built and limit-checked once, and writes its format from it.
 */
abstract class DrawingRenderer implements Renderer {

    private final ExportFormat format;

    final RenderLimits limits;

    DrawingRenderer(ExportFormat format, RenderLimits limits) {
        this.format = format;
        this.limits = limits;
    }

    @Override
    public final ExportFormat format() {
        return format;
    }

    @Override
    public final RenderedExport render(RenderInput input, RenderOptions options) {
        return write(DrawingBuilder.build(input, options, limits), input, options);
    }

    abstract RenderedExport write(Drawing drawing, RenderInput input, RenderOptions options);

    /** An export of this format whose picture is the drawing's size in CSS px. */
    final RenderedExport sized(byte[] bytes, Drawing d) {
        return new RenderedExport(bytes, format.mediaType(), (int) Math.ceil(d.width()), (int) Math.ceil(d.height()),
                1);
    }

    /** The title pages and alt texts use: the file's, or "Diagram". */
    static String title(RenderInput input) {
        return input.title() == null || input.title().isBlank() ? "Diagram" : input.title();
    }

}
