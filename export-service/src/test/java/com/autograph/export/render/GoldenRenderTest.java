package com.autograph.export.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

/**
 * The fixture with every shape type and style ({@link Fixtures#everything()}) rendered to
 * each format and read back. The PNGs are compared with the committed ones in
 * {@code src/test/resources/golden/} (a rendering change shows in review as a changed
 * PNG); {@code -Dgolden.update=true} (or {@code GOLDEN_UPDATE=true}) writes them anew.
 */
class GoldenRenderTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    /**
     * Channel difference (of 255) below which two pixels count as the same: anti-aliasing
     * noise.
     */
    private static final int SAME = 48;

    private final Renderers renderers = new Renderers(RenderLimits.DEFAULTS);

    private final DiagramDocument doc = Fixtures.everything();

    private final RenderInput input = new RenderInput(doc, "Every shape",
            "# Notes\n\nSome *emphasis* and a [link](https://example.org).");

    private RenderedExport render(ExportFormat f, RenderOptions o) {
        return renderers.render(f, input, o);
    }

    @Test
    void svgParsesAndShowsEveryLabelIdAndTitle() {
        RenderedExport svg = render(ExportFormat.SVG, RenderOptions.DEFAULTS);
        assertThat(svg.mediaType()).isEqualTo("image/svg+xml");
        Document xml = Outputs.xml(svg.bytes());
        String shown = String.join(" ", Outputs.textLines(xml));
        for (String label : Fixtures.labels()) {
            assertThat(shown).as("label %s", label).contains(label);
        }
        assertThat(shown).contains("Ellipse with a longer label that wraps");
        assertThat(shown).doesNotContain("Never drawn", "Inside collapsed");
        Set<String> ids = new HashSet<>();
        NodeList groups = xml.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("id")) {
                ids.add(g.getAttribute("id"));
                assertThat(g.getFirstChild().getNodeName()).as("%s starts with its title", g.getAttribute("id"))
                    .isIn("title", "#text", "path", "text");
            }
        }
        Set<String> expected = new HashSet<>();
        doc.shapes().forEach(s -> expected.add(s.id()));
        expected.removeAll(Set.of("hidden", "inside-collapsed", "group"));
        expected.add("group");
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(xml.getDocumentElement()
            .getElementsByTagNameNS("http://www.w3.org/2000/svg", "title")
            .item(0)
            .getTextContent()).isEqualTo("Every shape");
        String text = new String(svg.bytes(), StandardCharsets.UTF_8);
        assertThat(text).as("no default attributes")
            .doesNotContain("opacity=\"1\"", "stroke-width=\"1\"", "transform=\"rotate(0");
        assertThat(svg.width())
            .isEqualTo(Integer.parseInt(xml.getDocumentElement().getAttribute("width").split("\\.")[0])
                    + (xml.getDocumentElement().getAttribute("width").contains(".") ? 1 : 0));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4 })
    void pngHasThePixelSizeOfTheScale(int scale) {
        RenderedExport svg = render(ExportFormat.SVG, RenderOptions.DEFAULTS);
        RenderedExport png = render(ExportFormat.PNG, RenderOptions.DEFAULTS.withScale(scale));
        BufferedImage img = Outputs.png(png.bytes());
        Element root = Outputs.xml(svg.bytes()).getDocumentElement();
        assertThat(img.getWidth()).isEqualTo((int) Math.ceil(Double.parseDouble(root.getAttribute("width")) * scale))
            .isEqualTo(png.width());
        assertThat(img.getHeight()).isEqualTo((int) Math.ceil(Double.parseDouble(root.getAttribute("height")) * scale))
            .isEqualTo(png.height());
        assertThat(img.getRGB(0, 0)).as("the document's white background").isEqualTo(0xffffffff);
    }

    @Test
    void pngBackgroundsAreTransparentWhiteOrTheColourAsked() {
        BufferedImage clear = Outputs
            .png(render(ExportFormat.PNG, RenderOptions.DEFAULTS.withBackground(Background.TRANSPARENT)).bytes());
        int w = clear.getWidth() - 1;
        int h = clear.getHeight() - 1;
        for (int[] corner : new int[][] { { 0, 0 }, { w, 0 }, { 0, h }, { w, h } }) {
            assertThat(clear.getRGB(corner[0], corner[1]) >>> 24).as("alpha at %d,%d", corner[0], corner[1]).isZero();
        }
        BufferedImage red = Outputs
            .png(render(ExportFormat.PNG, RenderOptions.DEFAULTS.withBackground(Background.parse("#ff0000"))).bytes());
        assertThat(red.getRGB(w, h)).isEqualTo(0xffff0000);
        BufferedImage dark = Outputs.png(renderers
            .render(ExportFormat.PNG, RenderInput.of(doc.withBackground("#101820")), RenderOptions.DEFAULTS)
            .bytes());
        assertThat(dark.getRGB(0, 0)).isEqualTo(0xff101820);
    }

    @Test
    void pngIsAntiAliased() {
        BufferedImage img = Outputs.png(render(ExportFormat.PNG, RenderOptions.DEFAULTS).bytes());
        Set<Integer> greys = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x++) {
            greys.add(img.getRGB(x, img.getHeight() / 2));
        }
        assertThat(greys).as("edges blend into the background").hasSizeGreaterThan(8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "everything", "everything-hand-drawn" })
    void pngMatchesTheCommittedGolden(String name) throws IOException {
        RenderOptions o = name.endsWith("hand-drawn") ? RenderOptions.DEFAULTS.withHandDrawn(true)
                : RenderOptions.DEFAULTS;
        byte[] png = render(ExportFormat.PNG, o).bytes();
        Path golden = GOLDEN.resolve(name + ".png");
        if (Boolean.getBoolean("golden.update") || "true".equals(System.getenv("GOLDEN_UPDATE"))
                || !Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            Files.write(golden, png);
        }
        double differ = Outputs.differingShare(Outputs.png(Files.readAllBytes(golden)), Outputs.png(png), SAME);
        assertThat(differ).as("share of pixels unlike %s (regenerate with -Dgolden.update=true)", golden)
            .isLessThan(0.002);
    }

    /**
     * Our PNG against the same SVG rasterised a second way: Batik's stock PNG transcoder
     * reading the SVG bytes (its own document loading, user agent, sizing and PNG writer;
     * only the drawing engine is shared). The benchmark compares with an independent
     * engine, rsvg-convert.
     */
    @Test
    void pngAndTheRasterisedSvgDifferByUnderOnePercentOfPixels() throws Exception {
        byte[] svg = render(ExportFormat.SVG, RenderOptions.DEFAULTS).bytes();
        BufferedImage ours = Outputs.png(render(ExportFormat.PNG, RenderOptions.DEFAULTS).bytes());
        FontFace.registerAll();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PNGTranscoder().transcode(new TranscoderInput(new ByteArrayInputStream(svg)), new TranscoderOutput(out));
        BufferedImage theirs = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(Outputs.differingShare(ours, theirs, SAME)).isLessThan(0.01);
    }

    /**
     * The same comparison against an independent engine, librsvg (Debian librsvg2-bin,
     * which bench/export installs), where it is on the machine; it finds the Liberation
     * fonts through fontconfig (Debian fonts-liberation2).
     */
    @Test
    void pngAgreesWithLibrsvgWhereItIsInstalled() throws Exception {
        Path rsvg = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .map(dir -> Path.of(dir, "rsvg-convert"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(rsvg != null, "rsvg-convert is not installed");
        Path dir = Files.createTempDirectory("rsvg");
        try {
            Files.write(dir.resolve("in.svg"), render(ExportFormat.SVG, RenderOptions.DEFAULTS).bytes());
            Process p = new ProcessBuilder(rsvg.toString(), "-o", dir.resolve("out.png").toString(),
                    dir.resolve("in.svg").toString())
                .redirectErrorStream(true)
                .start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
            BufferedImage theirs = Outputs.png(Files.readAllBytes(dir.resolve("out.png")));
            BufferedImage ours = Outputs.png(render(ExportFormat.PNG, RenderOptions.DEFAULTS).bytes());
            assertThat(Outputs.differingShare(ours, theirs, SAME)).isLessThan(0.01);
        }
        finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void handDrawnOutputIsStableBetweenRuns() {
        RenderOptions sketchy = RenderOptions.DEFAULTS.withHandDrawn(true);
        byte[] first = render(ExportFormat.SVG, sketchy).bytes();
        assertThat(render(ExportFormat.SVG, sketchy).bytes()).isEqualTo(first);
        assertThat(new Renderers(RenderLimits.DEFAULTS).render(ExportFormat.SVG, input, sketchy).bytes())
            .isEqualTo(first);
        assertThat(first).isNotEqualTo(render(ExportFormat.SVG, RenderOptions.DEFAULTS).bytes());
    }

    @Test
    void pdfIsOnePageOfVectorsWithEmbeddedFontsAndExtractableText() throws IOException {
        RenderedExport pdf = render(ExportFormat.PDF, RenderOptions.DEFAULTS);
        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
        try (PDDocument d = Loader.loadPDF(pdf.bytes())) {
            assertThat(d.getNumberOfPages()).isEqualTo(1).isEqualTo(pdf.pages());
            String text = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
            for (String label : Fixtures.labels()) {
                assertThat(text).as("label %s", label).contains(label);
            }
            PDPage page = d.getPage(0);
            assertThat(page.getResources().getXObjectNames()).as("one embedded picture, nothing rasterised").hasSize(1);
            int fonts = 0;
            for (COSName name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
                fonts++;
            }
            assertThat(fonts).isGreaterThanOrEqualTo(3); // sans, sans bold, serif bold,
                                                         // mono
            assertThat(d.getDocumentInformation().getTitle()).isEqualTo("Every shape");
        }
    }

    @Test
    void pdfOnA4OrLetterIsOnePageOfThatSize() throws IOException {
        for (PageSize size : List.of(PageSize.A4, PageSize.LETTER)) {
            RenderedExport pdf = render(ExportFormat.PDF, RenderOptions.DEFAULTS.withPage(size, false));
            try (PDDocument d = Loader.loadPDF(pdf.bytes())) {
                assertThat(d.getNumberOfPages()).isEqualTo(1);
                // The fixture is wider than tall: landscape.
                assertThat(d.getPage(0).getMediaBox().getWidth()).isCloseTo(size.longSide(),
                        org.assertj.core.data.Offset.offset(0.5f));
                assertThat(d.getPage(0).getMediaBox().getHeight()).isCloseTo(size.shortSide(),
                        org.assertj.core.data.Offset.offset(0.5f));
            }
        }
    }

    @Test
    void aLargeDiagramTilesOverAsManyPagesAsItNeeds() throws IOException {
        RenderInput large = RenderInput.of(Fixtures.grid(200));
        RenderedExport svg = renderers.render(ExportFormat.SVG, large, RenderOptions.DEFAULTS);
        RenderedExport pdf = renderers.render(ExportFormat.PDF, large,
                RenderOptions.DEFAULTS.withPage(PageSize.A4, true));
        // 100 % is 0.75 pt per px; the page keeps a 36 pt margin each side; taller than
        // wide: portrait.
        int cols = (int) Math.ceil(svg.width() * 0.75 / (PageSize.A4.shortSide() - 72) - 1e-6);
        int rows = (int) Math.ceil(svg.height() * 0.75 / (PageSize.A4.longSide() - 72) - 1e-6);
        assertThat(cols * rows).isGreaterThan(1);
        try (PDDocument d = Loader.loadPDF(pdf.bytes())) {
            assertThat(d.getNumberOfPages()).isEqualTo(cols * rows).isEqualTo(pdf.pages());
            PDFTextStripper stripper = new PDFTextStripper();
            String all = stripper.getText(d);
            assertThat(all).contains("Service 0", "Service 199");
        }
    }

    @Test
    void markdownEmbedsTheImageAndTheNote() {
        RenderedExport md = render(ExportFormat.MARKDOWN, RenderOptions.DEFAULTS);
        String text = new String(md.bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("# Every shape\n");
        Matcher m = Pattern.compile("!\\[Every shape]\\(data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\\)")
            .matcher(text);
        assertThat(m.find()).isTrue();
        Document svg = Outputs.xml(Base64.getDecoder().decode(m.group(1)));
        assertThat(Outputs.textLines(svg)).contains("Rectangle");
        assertThat(text).contains("# Notes", "*emphasis*", "[link](https://example.org)");
    }

    @Test
    void htmlInlinesTheSvgAndRendersTheNote() {
        RenderedExport html = render(ExportFormat.HTML, RenderOptions.DEFAULTS);
        String text = new String(html.bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("<!DOCTYPE html>")
            .contains("<title>Every shape</title>")
            .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
            .doesNotContain("<?xml")
            .contains("<h1>Notes</h1>", "<em>emphasis</em>",
                    "<a rel=\"nofollow\" href=\"https://example.org\">link</a>");
        String svg = text.substring(text.indexOf("<svg"), text.indexOf("</svg>") + 6);
        assertThat(Outputs.textLines(Outputs.xml(svg.getBytes(StandardCharsets.UTF_8)))).contains("Rectangle");
    }

    @Test
    void jsonAndSourceFormatsComeFromTheModel() {
        String json = new String(render(ExportFormat.JSON, RenderOptions.DEFAULTS).bytes(), StandardCharsets.UTF_8);
        assertThat(com.autograph.document.DocumentCodec.read(json)).isEqualTo(doc);
        String mermaid = new String(
                renderers.render(ExportFormat.MERMAID, RenderInput.of(Fixtures.grid(3)), RenderOptions.DEFAULTS)
                    .bytes(),
                StandardCharsets.UTF_8);
        assertThat(mermaid).contains("Service 0", "-->");
        for (ExportFormat f : List.of(ExportFormat.PLANTUML, ExportFormat.ERASER, ExportFormat.DRAWIO,
                ExportFormat.EXCALIDRAW)) {
            assertThat(new String(render(f, RenderOptions.DEFAULTS).bytes(), StandardCharsets.UTF_8)).as(f.id())
                .contains("Rectangle");
        }
    }

    @Test
    void selectedShapesAreCroppedTightly() {
        RenderedExport one = render(ExportFormat.SVG,
                RenderOptions.DEFAULTS.withShapeIds(List.of("rect")).withPadding(0));
        Document xml = Outputs.xml(one.bytes());
        assertThat(Outputs.textLines(xml)).containsExactly("Rectangle");
        // 160 × 70 plus half the 2 px stroke on each side.
        assertThat(xml.getDocumentElement().getAttribute("width")).isEqualTo("162");
        assertThat(xml.getDocumentElement().getAttribute("height")).isEqualTo("72");
        RenderedExport two = render(ExportFormat.SVG, RenderOptions.DEFAULTS.withShapeIds(List.of("rect", "ellipse")));
        assertThat(Outputs.textLines(Outputs.xml(two.bytes()))).contains("Rectangle", "straight")
            .doesNotContain("Diamond");
    }

    @Test
    void aFrameIsRenderedWithWhatIsInsideIt() {
        DiagramDocument framed = DiagramDocument
            .of(List.of(Shape.frame("f", "Payments").at(100, 100).size(300, 200).build(),
                    Shape.rectangle("in").at(120, 140).size(100, 50).text("Inside").parentId("f").build(),
                    Shape.rectangle("out").at(600, 600).size(100, 50).text("Outside").build()));
        RenderedExport svg = renderers.render(ExportFormat.SVG, RenderInput.of(framed),
                RenderOptions.DEFAULTS.withFrameId("f").withPadding(0));
        Document xml = Outputs.xml(svg.bytes());
        assertThat(Outputs.textLines(xml)).containsExactly("Payments", "Inside");
        assertThat(xml.getDocumentElement().getAttribute("width")).isEqualTo("300");
    }

    @Test
    void optionsNamingShapesTheDiagramLacksAreRefusedNamingTheOption() {
        org.assertj.core.api.Assertions
            .assertThatThrownBy(() -> render(ExportFormat.SVG, RenderOptions.DEFAULTS.withFrameId("rect")))
            .isInstanceOfSatisfying(InvalidRenderOptionException.class, e -> assertThat(e.option()).isEqualTo("frame"));
        org.assertj.core.api.Assertions
            .assertThatThrownBy(() -> render(ExportFormat.PNG, RenderOptions.DEFAULTS.withShapeIds(List.of("nope"))))
            .isInstanceOfSatisfying(InvalidRenderOptionException.class,
                    e -> assertThat(e.option()).isEqualTo("shapes"));
    }

}
