package com.autograph.export.render;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Markdown: a heading with the title, the diagram as an image (the SVG in a {@code data:}
 * URI, so the file stands alone) and the note, made safe by {@link Notes#safeMarkdown}.
 * The alt text is the title with Markdown's specials escaped.
 */
final class MarkdownRenderer extends DrawingRenderer {

    MarkdownRenderer(RenderLimits limits) {
        super(ExportFormat.MARKDOWN, limits);
    }

    @Override
    RenderedExport write(Drawing d, RenderInput input, RenderOptions options) {
        String svg = SvgWriter.write(d, input.title(), true);
        String title = title(input);
        StringBuilder md = new StringBuilder(svg.length() * 4 / 3 + 256);
        md.append("# ").append(escape(title)).append("\n\n");
        md.append("![")
            .append(escape(title))
            .append("](data:image/svg+xml;base64,")
            .append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)))
            .append(")\n");
        if (input.note() != null && !input.note().isBlank()) {
            md.append('\n').append(Notes.safeMarkdown(input.note()));
        }
        return sized(md.toString().getBytes(StandardCharsets.UTF_8), d);
    }

    /**
     * One line of plain text as Markdown: every ASCII punctuation escaped, line breaks as
     * spaces.
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                b.append(' ');
            }
            else if (c < 0x20) {
                b.append('\uFFFD');
            }
            else if ("\\`*_{}[]()<>#+-.!|~\"'&:;=/".indexOf(c) >= 0) {
                b.append('\\').append(c);
            }
            else {
                b.append(c);
            }
        }
        return b.toString();
    }

}
