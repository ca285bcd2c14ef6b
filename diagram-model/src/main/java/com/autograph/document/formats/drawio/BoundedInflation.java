package com.autograph.document.formats.drawio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;

/**
 * A compressed draw.io page as a stream of its XML bytes: raw DEFLATE inflated, counted
 * and URL-decoded on the fly. The count stops the stream as soon as it passes the limit,
 * so a page that would inflate to gigabytes costs one buffer, not the gigabytes.
 */
final class BoundedInflation {

    private BoundedInflation() {
    }

    /**
     * The page's XML bytes (UTF-8), inflated from {@code deflated}; ends the inflater
     * when closed.
     */
    static InputStream open(byte[] deflated, ModelLimits limits) {
        Inflater inflater = new Inflater(true);
        InputStream inflated = new InflaterInputStream(new ByteArrayInputStream(deflated), inflater, 8192) {
            @Override
            public void close() throws IOException {
                super.close();
                inflater.end();
            }
        };
        return new UrlDecoding(new BufferedInputStream(new Counted(inflated, limits.maxDecompressedBytes()), 8192));
    }

    /** Throws once more than {@code limit} bytes have come through. */
    static final class Counted extends FilterInputStream {

        private final long limit;

        private long count;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // Never ask for more than one byte past the limit: a read ends at most there.
            int n = super.read(b, off, (int) Math.min(len, limit - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new LimitExceededException(ModelLimits.DECOMPRESSED_BYTES, limit,
                        "the draw.io page inflates past " + ModelLimits.bytes(limit));
            }
        }

    }

    /**
     * What {@code encodeURIComponent} wrote, decoded as {@link java.net.URLDecoder} does
     * ({@code +} is a space, {@code %XX} a byte), one byte at a time instead of one
     * string.
     */
    static final class UrlDecoding extends FilterInputStream {

        UrlDecoding(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c == '+') {
                return ' ';
            }
            if (c != '%') {
                return c;
            }
            int hi = Character.digit(in.read(), 16);
            int lo = Character.digit(in.read(), 16);
            if (hi < 0 || lo < 0) {
                throw new FormatException("the compressed page is not URL-encoded XML (a bad % escape)");
            }
            return hi << 4 | lo;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

    }

}
