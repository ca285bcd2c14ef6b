package com.autograph.export.render;

import java.util.List;

/** Builds one renderer per format. */
final class Catalog {

    private Catalog() {
    }

    static List<Renderer> all(RenderLimits limits) {
        return List.of(new SvgRenderer(limits), new PngRenderer(limits), new PdfRenderer(limits),
                new MarkdownRenderer(limits), new HtmlRenderer(limits), SourceRenderer.json(limits),
                SourceRenderer.language(ExportFormat.MERMAID, limits),
                SourceRenderer.language(ExportFormat.PLANTUML, limits),
                SourceRenderer.language(ExportFormat.ERASER, limits), SourceRenderer.drawio(limits),
                SourceRenderer.excalidraw(limits));
    }

}
