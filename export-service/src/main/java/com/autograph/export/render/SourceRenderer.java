package com.autograph.export.render;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.formats.drawio.DrawioFormat;
import com.autograph.document.formats.excalidraw.ExcalidrawFormat;

/**
 * The document as text: JSON itself, or converted by the model to a diagram language or
 * tool format.
 */
final class SourceRenderer implements Renderer {

    private final ExportFormat format;

    private final Function<DiagramDocument, String> convert;

    private final RenderLimits limits;

    private SourceRenderer(ExportFormat format, Function<DiagramDocument, String> convert, RenderLimits limits) {
        this.format = format;
        this.convert = convert;
        this.limits = limits;
    }

    static SourceRenderer json(RenderLimits limits) {
        return new SourceRenderer(ExportFormat.JSON, DocumentCodec::write, limits);
    }

    /** A language registered with {@link DiagramLanguages} under the format's id. */
    static SourceRenderer language(ExportFormat format, RenderLimits limits) {
        var language = DiagramLanguages.find(format.id())
            .orElseThrow(() -> new IllegalStateException("diagram-model has no language " + format.id()));
        return new SourceRenderer(format, language::render, limits);
    }

    static SourceRenderer drawio(RenderLimits limits) {
        DrawioFormat drawio = new DrawioFormat();
        return new SourceRenderer(ExportFormat.DRAWIO, drawio::write, limits);
    }

    static SourceRenderer excalidraw(RenderLimits limits) {
        ExcalidrawFormat excalidraw = new ExcalidrawFormat();
        return new SourceRenderer(ExportFormat.EXCALIDRAW, excalidraw::write, limits);
    }

    @Override
    public ExportFormat format() {
        return format;
    }

    @Override
    public RenderedExport render(RenderInput input, RenderOptions options) {
        Scene.checkShapes(input.document(), limits);
        byte[] bytes = convert.apply(input.document()).getBytes(StandardCharsets.UTF_8);
        return new RenderedExport(bytes, format.mediaType(), 0, 0, 1);
    }

}
