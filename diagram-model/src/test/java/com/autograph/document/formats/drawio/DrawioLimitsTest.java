package com.autograph.document.formats.drawio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;

/**
 * Issue #13, finding 1: an 81 KB file whose page inflates to 60 MB used to be inflated
 * into memory (a 32 MB cap checked after each write, with the buffer doubling past it)
 * and crashed a 160 MB service. Every limit of a draw.io import is checked as the input
 * is read.
 */
class DrawioLimitsTest {

    private static final int BOMB_BYTES = 60 << 20;

    /**
     * Raw DEFLATE (no header), as draw.io compresses pages, of {@code head} and then
     * {@code n} bytes 'A'.
     */
    static byte[] deflated(String head, int n) {
        Deflater d = new Deflater(9, true);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            d.setInput(head.getBytes(StandardCharsets.US_ASCII));
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf));
            }
            byte[] a = new byte[1 << 20];
            java.util.Arrays.fill(a, (byte) 'A');
            for (int left = n; left > 0; left -= a.length) {
                d.setInput(a, 0, Math.min(a.length, left));
                while (!d.needsInput()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            }
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        }
        finally {
            d.end();
        }
    }

    /** The issue's reproduction: a page of 60 MB of 'A'. */
    static String pythonBomb() {
        return "<mxfile><diagram name=\"p\">" + Base64.getEncoder().encodeToString(deflated("", BOMB_BYTES))
                + "</diagram></mxfile>";
    }

    /**
     * The same, but the 60 MB are the value of a label in a well-formed start of a page.
     */
    static String xmlBomb() {
        String head = "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" value=\"";
        return "<mxfile><diagram name=\"p\">" + Base64.getEncoder().encodeToString(deflated(head, BOMB_BYTES))
                + "</diagram></mxfile>";
    }

    private static long allocatedWhile(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        r.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void theIssuesBombIsSmallAndIsRefusedWithoutInflatingIt() {
        String file = pythonBomb();
        assertThat(file.length()).isLessThan(100_000);

        long[] allocated = new long[1];
        allocated[0] = allocatedWhile(
                () -> assertThatThrownBy(() -> new DrawioFormat().read(file)).isInstanceOf(FormatException.class)
                    .hasMessageContaining("not well-formed XML"));

        // The parser stops at the first 'A': one buffer was inflated, not 60 MB.
        assertThat(allocated[0]).isLessThan(8L << 20);
    }

    @Test
    void aPageInflatingPastTheLimitIsRefusedNamingItAndOnlyTheLimitIsRead() {
        String file = xmlBomb();
        ModelLimits small = new ModelLimits(10 << 20, 1 << 20, 10_000, 64, 100_000, 5_000);

        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> new DrawioFormat(small).read(file))
            .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                assertThat(e.limit()).isEqualTo("import.max-decompressed-bytes");
                assertThat(e.value()).isEqualTo(1 << 20);
            })
            .hasMessage("The draw.io page inflates past 1 MB (limit import.max-decompressed-bytes)"));

        // What is spent grows with the limit, not with the bomb: 1 MB was inflated (the
        // parser
        // holds it as a growing attribute value, copied as it grows), never the 60 MB.
        assertThat(allocated).isLessThan(16L << 20);
    }

    @Test
    void withTheDefaultLimitTheBombIsRefusedAtTenMegabytes() {
        assertThatThrownBy(() -> new DrawioFormat().read(xmlBomb())).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("inflates past 10 MB (limit import.max-decompressed-bytes)");
    }

    @Test
    void decompressStopsAtTheLimitToo() {
        String payload = Base64.getEncoder().encodeToString(deflated("", BOMB_BYTES));

        assertThatThrownBy(() -> DrawioFormat.decompress(payload)).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("import.max-decompressed-bytes");
    }

    @Test
    void aCompressedPageOfARealFileStillReads() {
        String xml = "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>"
                + "<mxCell id=\"a\" value=\"Caf\u00e9 100% + more\" vertex=\"1\" parent=\"1\">"
                + "<mxGeometry x=\"10\" y=\"20\" width=\"80\" height=\"40\" as=\"geometry\"/></mxCell></root></mxGraphModel>";
        String file = "<mxfile><diagram name=\"p\">" + DrawioFormat.compress(xml) + "</diagram></mxfile>";

        assertThat(new DrawioFormat().read(file).shape("a").orElseThrow().text()).contains("Caf\u00e9 100% + more");
    }

    @Test
    void moreShapesThanTheLimitAreRefused() {
        StringBuilder xml = new StringBuilder("<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>");
        for (int i = 0; i < 11; i++) {
            xml.append("<mxCell id=\"v").append(i).append("\" value=\"x\" vertex=\"1\" parent=\"1\"/>");
        }
        xml.append("</root></mxGraphModel>");
        ModelLimits ten = new ModelLimits(10 << 20, 10 << 20, 10, 64, 100_000, 5_000);

        assertThatThrownBy(() -> new DrawioFormat(ten).read(xml.toString()))
            .isInstanceOfSatisfying(LimitExceededException.class,
                    e -> assertThat(e.limit()).isEqualTo("import.max-shapes"))
            .hasMessage("The input has more than 10 shapes (limit import.max-shapes)");
        assertThat(new ModelLimits(10 << 20, 10 << 20, 11, 64, 100_000, 5_000))
            .satisfies(l -> assertThat(new DrawioFormat(l).read(xml.toString()).shapes()).hasSize(11));
    }

    @Test
    void deepXmlIsRefusedByTheParser() {
        String xml = "<mxGraphModel>" + "<a>".repeat(100) + "</a>".repeat(100) + "</mxGraphModel>";

        assertThatThrownBy(() -> new DrawioFormat().read(xml))
            .isInstanceOfSatisfying(LimitExceededException.class,
                    e -> assertThat(e.limit()).isEqualTo("import.max-depth"))
            .hasMessageContaining("nests deeper than 64");
    }

    @Test
    void aLabelLongerThanTheLimitIsRefused() {
        String xml = "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>"
                + "<mxCell id=\"a\" value=\"" + "x".repeat(100_001)
                + "\" vertex=\"1\" parent=\"1\"/></root></mxGraphModel>";

        assertThatThrownBy(() -> new DrawioFormat().read(xml)).isInstanceOfSatisfying(LimitExceededException.class,
                e -> assertThat(e.limit()).isEqualTo("import.max-text-chars"));
    }

    @Test
    void aFileLongerThanTheInputLimitIsRefusedBeforeParsing() {
        ModelLimits tiny = new ModelLimits(1000, 10 << 20, 10_000, 64, 100_000, 5_000);

        assertThatThrownBy(() -> new DrawioFormat(tiny).read("<mxfile>" + " ".repeat(1000) + "</mxfile>"))
            .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                assertThat(e.limit()).isEqualTo("import.max-input-chars");
                assertThat(e.isInputSize()).isTrue();
            });
    }

}
