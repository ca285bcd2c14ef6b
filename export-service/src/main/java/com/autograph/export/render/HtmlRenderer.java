package com.autograph.export.render;

import java.nio.charset.StandardCharsets;

/**
 * A standalone HTML page: the SVG inline (no XML declaration) and the note rendered by
 * {@link Notes#html}. A Content-Security-Policy allowing no script, no external resource
 * and no form travels with the page, as a second wall behind the escaping.
 */
final class HtmlRenderer extends DrawingRenderer {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "font-src data:; base-uri 'none'; form-action 'none'";

    HtmlRenderer(RenderLimits limits) {
        super(ExportFormat.HTML, limits);
    }

    @Override
    RenderedExport write(Drawing d, RenderInput input, RenderOptions options) {
        String svg = SvgWriter.write(d, input.title(), false);
        String title = title(input);
        StringBuilder html = new StringBuilder(svg.length() + 2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .append(CSP)
            .append("\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        SvgWriter.escape(title, html);
        html.append(
                "</title>\n<style>body{font-family:'Liberation Sans',Arial,sans-serif;max-width:72rem;margin:2rem auto;"
                        + "padding:0 1rem;color:#1e1e1e}figure{margin:0 0 2rem;overflow:auto}svg{max-width:100%;height:auto}"
                        + "pre{background:#f1f3f5;padding:.75rem;overflow:auto}</style>\n</head>\n<body>\n<h1>");
        SvgWriter.escape(title, html);
        html.append("</h1>\n<figure>\n").append(svg).append("</figure>\n");
        if (input.note() != null && !input.note().isBlank()) {
            html.append("<article>\n").append(Notes.html(input.note())).append("</article>\n");
        }
        html.append("</body>\n</html>\n");
        return sized(html.toString().getBytes(StandardCharsets.UTF_8), d);
    }

}
