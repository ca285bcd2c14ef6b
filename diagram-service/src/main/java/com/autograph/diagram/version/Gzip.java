package com.autograph.diagram.version;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The gzip form of an old version's canvas (RFC 1952, readable by any gzip tool). */
final class Gzip {

    private Gzip() {
    }

    static byte[] compress(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, text.length() / 8));
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static String inflate(byte[] compressed) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("A compressed version could not be read", ex);
        }
    }

}
