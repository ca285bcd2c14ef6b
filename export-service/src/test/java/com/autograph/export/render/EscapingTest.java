package com.autograph.export.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.Style;

/**
 * Text from users in every format: labels, ids, titles, font names and notes that try to
 * end an element, open CDATA, add attributes or smuggle {@code javascript:} links come
 * out as text.
 */
class EscapingTest {

    private static final List<String> HOSTILE = List.of("<script>alert(1)</script>", "</svg><script>alert(2)</script>",
            "]]><x onload=\"alert(3)\"/>", "<a href=\"javascript:alert(4)\">click</a>", "x\" onmouseover=\"alert(5)",
            "&amp; &lt; ' \u0001 \uD800 bell");

    private final Renderers renderers = new Renderers(RenderLimits.DEFAULTS);

    private RenderInput hostile() {
        List<Shape> shapes = new java.util.ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            shapes.add(Shape.rectangle("id\"><script>" + i)
                .at(0, i * 100)
                .size(400, 60)
                .text(HOSTILE.get(i))
                .style(Style.builder().fontFamily("Arial\"><script>alert(6)</script>").build())
                .build());
        }
        shapes.add(Shape.icon("icon", "<script>alert(7)</script>").at(500, 0).size(64, 64).build());
        shapes.add(Shape.image("img", "javascript:alert(8)").at(500, 100).size(64, 64).build());
        String note = "# Note <script>alert(9)</script>\n\n<img src=x onerror=alert(10)>\n\n"
                + "[click](javascript:alert(11)) ![p](vbscript:x) <a href=\"javascript:alert(12)\">a</a>\n\n"
                + "<svg onload=alert(13)>\n";
        return new RenderInput(DiagramDocument.of(shapes), "Title </title><script>alert(14)</script>", note);
    }

    @Test
    void svgKeepsEveryHostileLabelAsText() {
        byte[] svg = renderers.render(ExportFormat.SVG, hostile(), RenderOptions.DEFAULTS).bytes();
        Document xml = Outputs.xml(svg);
        assertThat(xml.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(xml.getElementsByTagNameNS("*", "a").getLength()).isZero();
        assertThat(xml.getElementsByTagNameNS("*", "x").getLength()).isZero();
        String shown = String.join("", Outputs.textLines(xml));
        assertThat(shown).contains("<script>alert(1)</script>", "</svg><script>alert(2)</script>",
                "]]><x onload=\"alert(3)\"/>", "javascript:alert(4)", "&amp; &lt; '");
        String text = new String(svg, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("<script", "onload=\"", "onmouseover=\"", "javascript:alert(8)");
        assertThat(xml.getDocumentElement().getElementsByTagNameNS("*", "title").item(0).getTextContent())
            .isEqualTo("Title </title><script>alert(14)</script>");
    }

    @Test
    void htmlShowsHostileTextAndNoteAsText() {
        String html = new String(renderers.render(ExportFormat.HTML, hostile(), RenderOptions.DEFAULTS).bytes(),
                StandardCharsets.UTF_8);
        String lower = html.toLowerCase(Locale.ROOT);
        // Hostile text may appear, escaped; what must not appear is markup made from it.
        assertThat(lower).doesNotContain("<script", "<img src=x", "<svg onload", "href=\"javascript:",
                "href=\"vbscript:", "src=\"vbscript:");
        assertThat(java.util.regex.Pattern.compile("<[a-z][^>]*\\son[a-z]+=").matcher(lower).find())
            .as("no element with an event handler")
            .isFalse();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(10)&gt;");
        assertThat(html).contains("Content-Security-Policy");
    }

    @Test
    void markdownShowsHostileNoteAsTextAndDropsUnsafeLinks() {
        String md = new String(renderers.render(ExportFormat.MARKDOWN, hostile(), RenderOptions.DEFAULTS).bytes(),
                StandardCharsets.UTF_8);
        String lower = md.toLowerCase(Locale.ROOT);
        assertThat(java.util.regex.Pattern.compile("]\\(\\s*(javascript|vbscript):").matcher(lower).find())
            .as("no link to a script")
            .isFalse();
        // Raw HTML comes back backslash-escaped, so a Markdown renderer shows it instead
        // of running it.
        assertThat(md).contains("\\<img src=x onerror=alert(10)\\>").doesNotContain("<script>");
        assertThat(md).startsWith("# Title \\<\\/title\\>\\<script\\>alert\\(14\\)\\<\\/script\\>\n");
        String html = org.commonmark.renderer.html.HtmlRenderer.builder()
            .build()
            .render(org.commonmark.parser.Parser.builder().build().parse(md))
            .toLowerCase(Locale.ROOT);
        assertThat(html).doesNotContain("<script", "<img src=\"x", "<svg onload", "href=\"javascript:",
                "src=\"vbscript:");
    }

    @Test
    void pdfAndPngDrawHostileLabelsAsText() throws Exception {
        RenderedExport pdf = renderers.render(ExportFormat.PDF, hostile(), RenderOptions.DEFAULTS);
        try (PDDocument d = Loader.loadPDF(pdf.bytes())) {
            String text = new PDFTextStripper().getText(d);
            assertThat(text).contains("<script>alert(1)</script>", "]]><x onload=\"alert(3)\"/>");
        }
        RenderedExport png = renderers.render(ExportFormat.PNG, hostile(), RenderOptions.DEFAULTS);
        assertThat(Outputs.png(png.bytes()).getWidth()).isEqualTo(png.width());
    }

    @Test
    void jsonKeepsTheLabelsExactly() {
        String json = new String(renderers.render(ExportFormat.JSON, hostile(), RenderOptions.DEFAULTS).bytes(),
                StandardCharsets.UTF_8);
        assertThat(com.autograph.document.DocumentCodec.read(json).shapes().get(0).text()).contains(HOSTILE.get(0));
    }

}
