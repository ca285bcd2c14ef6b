package com.autograph.export.render;

import com.autograph.document.DiagramDocument;

/**
 * Turns a diagram into one {@link ExportFormat}. Implementations are thread-safe and
 * check every {@link RenderLimits limit} before spending memory on the result.
 */
public interface Renderer {

    ExportFormat format();

    /**
     * @throws RenderLimitExceededException when the result would be over a limit (422)
     * @throws InvalidRenderOptionException when an option does not fit this diagram, e.g.
     * an unknown frame id (400)
     */
    RenderedExport render(RenderInput input, RenderOptions options);

    default RenderedExport render(DiagramDocument document, RenderOptions options) {
        return render(RenderInput.of(document), options);
    }

}
