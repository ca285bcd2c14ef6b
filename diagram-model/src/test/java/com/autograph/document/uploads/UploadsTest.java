package com.autograph.document.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.formats.FormatException;
import com.autograph.document.formats.excalidraw.ExcalidrawFormat;

class UploadsTest {

    private static final UploadLimits LIMITS = new UploadLimits(64 * 1024, 100 * 1024, 1_000_000);

    private final ExcalidrawFormat excalidraw = new ExcalidrawFormat(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            new ModelLimits(10_000_000, 10_000_000, 1000, 64, 50, 100));

    @Test
    void headersGiveTypeAndSizeOfEachFormat() {
        assertThat(ImageHeader.read(TestImages.encoded("png", 33, 17)))
            .isEqualTo(new ImageHeader(ImageType.PNG, 33, 17));
        assertThat(ImageHeader.read(TestImages.encoded("jpeg", 40, 30)))
            .isEqualTo(new ImageHeader(ImageType.JPEG, 40, 30));
        assertThat(ImageHeader.read(TestImages.encoded("gif", 7, 9))).isEqualTo(new ImageHeader(ImageType.GIF, 7, 9));
        assertThat(ImageHeader.read(TestImages.webp(300, 200))).isEqualTo(new ImageHeader(ImageType.WEBP, 300, 200));
    }

    @Test
    void svgAndOtherBytesAreNotPictures() {
        assertThatThrownBy(() -> ImageHeader.read("\uFEFF <svg onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(FormatException.class)
            .hasMessageContaining("SVG");
        assertThatThrownBy(() -> ImageHeader.read("<?xml version='1.0'?><svg/>".getBytes()))
            .hasMessageContaining("SVG");
        assertThatThrownBy(() -> ImageHeader.read("<html><script>".getBytes())).isInstanceOf(FormatException.class)
            .hasMessageContaining("not a PNG, JPEG, GIF or WebP");
        assertThatThrownBy(() -> ImageHeader.read(new byte[0])).isInstanceOf(FormatException.class);
        // A JPEG that ends before its frame header, and a PNG cut inside IHDR.
        assertThatThrownBy(() -> ImageHeader.read(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }))
            .hasMessageContaining("damaged");
        byte[] png = TestImages.encoded("png", 2, 2);
        assertThatThrownBy(() -> ImageHeader.read(java.util.Arrays.copyOf(png, 20))).hasMessageContaining("damaged");
        assertThatThrownBy(() -> ImageHeader.read(TestImages.pngClaiming(0, 5))).hasMessageContaining("no size");
    }

    @Test
    void sizeIsCheckedBeforeDecoding() {
        // 200 KB of base64 that is not even valid: refused by length alone.
        String huge = "data:image/png;base64," + "!".repeat(200_000);
        assertThatThrownBy(() -> DataUrl.decode(huge, 64 * 1024, UploadLimits.IMAGE_BYTES))
            .isInstanceOf(LimitExceededException.class)
            .extracting(e -> ((LimitExceededException) e).limit())
            .isEqualTo(UploadLimits.IMAGE_BYTES);
        byte[] exact = new byte[1000];
        assertThat(DataUrl.decode(TestImages.dataUrl("image/png", exact), 1000, "x").bytes()).hasSize(1000);
        assertThatThrownBy(() -> DataUrl.decode(TestImages.dataUrl("image/png", exact), 999, "x"))
            .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> DataUrl.decode("data:image/png;base64,@@@@", 1000, "x"))
            .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> DataUrl.decode("data:image/svg+xml,<svg/>", 1000, "x"))
            .hasMessageContaining("not base64");
        assertThatThrownBy(() -> DataUrl.decode("https://example.org/a.png", 1000, "x"))
            .hasMessageContaining("not a data: URL");
    }

    @Test
    void aPictureMustBeTheTypeItClaimsAndNotTooManyPixels() {
        UploadCollector uploads = new UploadCollector(LIMITS);
        byte[] gif = TestImages.encoded("gif", 4, 4);
        assertThatThrownBy(() -> uploads.image(TestImages.dataUrl("image/png", gif), "image file 'a'"))
            .isInstanceOf(FormatException.class)
            .hasMessage("image file 'a': the picture claims to be PNG but its bytes are GIF");
        assertThatThrownBy(() -> uploads.image(TestImages.dataUrl("text/html", gif), "image file 'a'"))
            .hasMessageContaining("claims to be 'text/html'");
        assertThatThrownBy(
                () -> uploads.image(TestImages.dataUrl("image/png", TestImages.pngClaiming(100_000, 100_000)), "b"))
            .isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("100000 × 100000 pixels");
        assertThatThrownBy(() -> uploads
            .image(TestImages.dataUrl("image/png", TestImages.pngClaiming(0xFFFFFFFFL, 0xFFFFFFFFL)), "c"))
            .isInstanceOf(FormatException.class);
        assertThat(uploads.uploads()).isEmpty();
    }

    @Test
    void theFilesUploadsTogetherHaveALimitAndRepeatsCountOnce() {
        UploadCollector uploads = new UploadCollector(new UploadLimits(64 * 1024, 70_000, 1_000_000));
        byte[] a = TestImages.encoded("png", 100, 100);
        Upload first = uploads.image(TestImages.dataUrl("image/png", a), "a");
        assertThat(uploads.image(TestImages.dataUrl("image/png", a), "again")).isSameAs(first);
        uploads.text("x".repeat(60_000));
        assertThatThrownBy(() -> uploads.text("y".repeat(20_000))).isInstanceOf(LimitExceededException.class)
            .extracting(e -> ((LimitExceededException) e).limit())
            .isEqualTo(UploadLimits.BYTES_PER_FILE);
        assertThat(uploads.uploads()).hasSize(2);
        assertThat(first.key()).isEqualTo(Upload.sha256(a)).matches(Upload.KEY);
    }

    @Test
    void excalidrawPicturesAndLongLabelsAreTakenOutAndPutBack() {
        byte[] png = TestImages.encoded("png", 64, 48);
        String longText = "é".repeat(49) + "\uD83D\uDE00" + "z".repeat(40);
        String file = scene(TestImages.dataUrl("image/png", png), longText, true);

        ExcalidrawFormat.Extracted extracted = excalidraw.readExtracting(file, LIMITS);

        assertThat(extracted.uploads()).extracting(Upload::mediaType).containsExactly("image/png", Upload.TEXT);
        Shape image = extracted.document().shape("img").orElseThrow();
        assertThat(image.src()).contains("upload:" + Upload.sha256(png));
        assertThat(image.unknownFields().get("upload").toString()).contains("\"media_type\":\"image/png\"",
                "\"width\":64", "\"height\":48", "\"bytes\":" + png.length);
        Shape label = extracted.document().shape("label").orElseThrow();
        // the label keeps 49 characters: the 50th would be half of the emoji
        assertThat(label.text()).hasValue("é".repeat(49));
        assertThat(UploadReferences.keys(extracted.document())).hasSize(2);
        assertThat(DocumentValidator.validate(extracted.document())).isEmpty();
        assertThat(extracted.document().toString()).doesNotContain("base64").doesNotContain("unused");

        Map<String, byte[]> store = new HashMap<>();
        extracted.uploads().forEach(u -> store.put(u.key(), u.bytes()));
        DiagramDocument inlined = UploadReferences.inline(extracted.document(), store::get);
        String written = excalidraw.write(inlined);
        assertThat(written).contains(Base64.getEncoder().encodeToString(png)).contains(longText);
        DiagramDocument again = excalidraw.readExtracting(written, LIMITS).document();
        assertThat(again.shape("img").orElseThrow().src()).isEqualTo(image.src());
        assertThat(again.shape("label").orElseThrow().text()).isEqualTo(label.text());
        // a reference whose content is missing stays as it is
        assertThat(UploadReferences.inline(extracted.document(), k -> null)).isEqualTo(extracted.document());
        // …and so does one whose content is no picture
        String imageKey = UploadReferences.imageKey(image).orElseThrow();
        assertThat(UploadReferences.inline(extracted.document(), k -> k.equals(imageKey) ? "<svg/>".getBytes() : null)
            .shape("img")
            .orElseThrow()
            .src()).isEqualTo(image.src());
    }

    @Test
    void withoutExtractionPicturesStayInlineAndLongLabelsAreRefused() {
        String file = scene(TestImages.dataUrl("image/png", TestImages.encoded("png", 2, 2)), "short", false);
        assertThat(excalidraw.read(file).shape("img").orElseThrow().src())
            .hasValueSatisfying(s -> s.startsWith("data:"));
        String longOne = scene(TestImages.dataUrl("image/png", TestImages.encoded("png", 2, 2)), "x".repeat(51), false);
        assertThatThrownBy(() -> excalidraw.read(longOne)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aPictureThatIsNotOneRefusesTheImportNamingTheFile() {
        String svg = "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString("<svg onload=alert(1)/>".getBytes());
        assertThatThrownBy(() -> excalidraw.readExtracting(scene(svg, "t", false), LIMITS))
            .isInstanceOf(FormatException.class)
            .hasMessageContaining("image file 'f1'")
            .hasMessageContaining("SVG");
    }

    private static String scene(String dataUrl, String label, boolean unusedFile) {
        String unused = unusedFile ? ",\"unused\":{\"id\":\"unused\",\"mimeType\":\"image/png\",\"dataURL\":\""
                + TestImages.dataUrl("image/png", TestImages.encoded("png", 3, 3)) + "\"}" : "";
        return """
                {"type":"excalidraw","version":2,"elements":[
                 {"id":"img","type":"image","x":0,"y":0,"width":64,"height":48,"fileId":"f1","status":"saved"},
                 {"id":"label","type":"text","x":0,"y":100,"width":10,"height":10,"text":%s}],
                 "files":{"f1":{"id":"f1","mimeType":"image/png","created":1,"dataURL":"%s"}%s}}
                """.formatted(tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(label), dataUrl,
                unused);
    }

}
