package com.autograph.export.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG for diagrams, written straight from the ARGB raster: RGB when every pixel is opaque
 * (a quarter less to compress), RGBA otherwise, each row filtered "Up" (rows of flat
 * colour become zeros) and deflated at the fastest level. The JDK's writer tries five
 * filters per row and reads every pixel through a colour model, which made encoding three
 * times slower than painting; diagrams gain almost nothing from its smaller files. A
 * large picture is deflated in bands, one per core.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    private static final int UP = 2;

    /** zlib: deflate with a 32 KiB window, fastest level, no preset dictionary. */
    private static final byte[] ZLIB_HEADER = { 0x78, 0x01 };

    private static final long ADLER_BASE = 65521;

    private static final int MAX_BANDS = 4;

    private static final long MIN_BAND_PIXELS = 512 * 1024;

    private PngEncoder() {
    }

    /**
     * @param image a {@link BufferedImage#TYPE_INT_ARGB} raster
     */
    static byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        boolean opaque = isOpaque(px);
        int channels = opaque ? 3 : 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, w * h / 8));
        try {
            out.write(SIGNATURE);
            byte[] header = new byte[13];
            putInt(header, 0, w);
            putInt(header, 4, h);
            header[8] = 8; // bits per channel
            header[9] = (byte) (opaque ? 2 : 6); // truecolour, with alpha or not
            chunk(out, "IHDR", header, header.length);
            ChunkStream idat = new ChunkStream(out);
            idat.write(ZLIB_HEADER);
            int bands = bandsFor(w, h);
            int rowsPerBand = (h + bands - 1) / bands;
            // Bands deflate on their own (each with a fresh window, ending byte-aligned),
            // so both
            // cores work on a large picture; the zlib stream is their concatenation.
            List<Band> done = IntStream.range(0, bands)
                .parallel()
                .mapToObj(b -> deflateRows(px, w, channels, opaque, b * rowsPerBand, Math.min(h, (b + 1) * rowsPerBand),
                        b == bands - 1))
                .toList();
            long adler = 1;
            for (Band band : done) {
                idat.write(band.deflated());
                adler = combineAdler32(adler, band.adler32(), band.length());
            }
            byte[] trailer = new byte[4];
            putInt(trailer, 0, (int) adler);
            idat.write(trailer);
            idat.flushChunk();
            chunk(out, "IEND", new byte[0], 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean isOpaque(int[] px) {
        // One AND over all pixels, without an early exit, so the JIT can vectorise it:
        // diagrams are mostly opaque, and then every pixel is read anyway.
        int all = -1;
        for (int p : px) {
            all &= p;
        }
        return all >>> 24 == 0xff;
    }

    /**
     * One band per core for pictures worth splitting (a band of 512 K pixels at least).
     */
    private static int bandsFor(int w, int h) {
        long pixels = (long) w * h;
        int cores = Runtime.getRuntime().availableProcessors();
        return (int) Math.max(1, Math.min(Math.min(cores, MAX_BANDS), Math.min(h, pixels / MIN_BAND_PIXELS)));
    }

    /**
     * Rows [from, to) filtered "Up" (against the row above, also across bands) and
     * deflated raw.
     */
    private static Band deflateRows(int[] px, int w, int channels, boolean opaque, int from, int to, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        Adler32 adler = new Adler32();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, (to - from) * w / 8));
        try {
            int length = 1 + w * channels;
            // One byte of slack: each pixel is stored as a whole int, the next one
            // overwrites its fourth byte.
            byte[] filtered = new byte[length + 1];
            byte[] buffer = new byte[64 * 1024];
            filtered[0] = UP;
            for (int y = from; y < to; y++) {
                filterUp(px, y * w, y == 0 ? -1 : (y - 1) * w, w, opaque, filtered);
                adler.update(filtered, 0, length);
                deflater.setInput(filtered, 0, length);
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
                }
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                }
                while (n == buffer.length);
            }
        }
        finally {
            deflater.end();
        }
        return new Band(out.toByteArray(), adler.getValue(), (long) (to - from) * (1 + w * channels));
    }

    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.BIG_ENDIAN);

    private static final int HIGH_BITS = 0x80808080;

    /**
     * The row at {@code base} minus the row at {@code above} ({@code -1}: the first row,
     * whose row above is zeros), byte by byte, into {@code filtered} from index 1, as R,
     * G, B (and A unless {@code opaque}). The four byte differences of a pixel are taken
     * at once in one int (no borrow crosses a byte: the high bits are handled apart) and
     * stored as one int, which keeps filtering well below deflating in cost.
     */
    private static void filterUp(int[] px, int base, int above, int w, boolean opaque, byte[] filtered) {
        int k = 1;
        for (int x = 0; x < w; x++) {
            int c = px[base + x];
            int p = above < 0 ? 0 : px[above + x];
            int d = ((c | HIGH_BITS) - (p & ~HIGH_BITS)) ^ ((c ^ ~p) & HIGH_BITS);
            if (opaque) {
                BIG_ENDIAN_INT.set(filtered, k, d << 8);
                k += 3;
            }
            else {
                BIG_ENDIAN_INT.set(filtered, k, Integer.rotateLeft(d, 8));
                k += 4;
            }
        }
    }

    /**
     * The Adler-32 of two byte runs one after the other, from each run's own: with A the
     * sum of the bytes plus one and B the sum of the A after each byte, A = A1 + A2 - 1
     * and B = B1 + B2 + length2 * (A1 - 1), modulo 65521.
     */
    static long combineAdler32(long first, long second, long secondLength) {
        long a1 = first & 0xffff;
        long b1 = first >>> 16;
        long a2 = second & 0xffff;
        long b2 = second >>> 16;
        long a = Math.floorMod(a1 + a2 - 1, ADLER_BASE);
        long b = Math.floorMod(b1 + b2 + Math.floorMod(secondLength, ADLER_BASE) * Math.floorMod(a1 - 1, ADLER_BASE),
                ADLER_BASE);
        return (b << 16) | a;
    }

    private record Band(byte[] deflated, long adler32, long length) {
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] len = new byte[4];
        putInt(len, 0, length);
        out.write(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c);
    }

    /** Cuts the compressed stream into IDAT chunks of up to 256 KiB. */
    private static final class ChunkStream extends OutputStream {

        private final OutputStream out;

        private final byte[] buffer = new byte[256 * 1024];

        private int size;

        ChunkStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (size == buffer.length) {
                flushChunk();
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (size == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        void flushChunk() throws IOException {
            if (size > 0) {
                chunk(out, "IDAT", buffer, size);
                size = 0;
            }
        }

        @Override
        public void close() {
            // the PNG goes on after the compressed data: flushChunk() ends it
        }

    }

}
