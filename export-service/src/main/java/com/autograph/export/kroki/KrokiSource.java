package com.autograph.export.kroki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import org.springframework.http.HttpStatus;

import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.shared.error.ApiException;

/**
 * Kroki's encoding of diagram source in a URL: UTF-8, zlib-deflated (Kroki's
 * documentation uses level 9), base64 with the URL-safe alphabet, padding optional.
 * Decoding checks the encoded length before decoding and stops inflating one byte past
 * {@code maxBytes}, so a small URL cannot make the service hold a large source (an
 * inflation bomb costs at most the limit).
 */
final class KrokiSource {

    private KrokiSource() {
    }

    static String decode(String encoded, long maxBytes) {
        // Deflate never makes text more than a few bytes larger, and base64 adds a third.
        long maxEncoded = (maxBytes + 64) * 4 / 3 + 4;
        if (encoded.length() > maxEncoded) {
            throw tooLarge(maxBytes);
        }
        byte[] compressed;
        try {
            compressed = Base64.getUrlDecoder().decode(encoded.strip());
        }
        catch (IllegalArgumentException ex) {
            throw invalid("the source is not base64 with the URL-safe alphabet (- and _ instead of + and /)");
        }
        try {
            return utf8(inflate(compressed, maxBytes, false));
        }
        catch (ZipException notZlib) {
            // Some encoders send raw deflate without the zlib header; Kroki accepts both.
            try {
                return utf8(inflate(compressed, maxBytes, true));
            }
            catch (IOException ex) {
                throw invalid("the source is not deflate-compressed (zlib, as Kroki's documentation describes)");
            }
        }
        catch (IOException ex) {
            throw invalid("the source is not deflate-compressed (zlib, as Kroki's documentation describes)");
        }
    }

    /** Reads at most {@code maxBytes} of a request body; more is 413. */
    static String read(InputStream body, long maxBytes) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return utf8(bytes);
    }

    private static byte[] inflate(byte[] compressed, long maxBytes, boolean raw) throws IOException {
        Inflater inflater = new Inflater(raw);
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), inflater)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        }
        finally {
            inflater.end();
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw invalid("the source is not UTF-8 text");
        }
    }

    private static LimitExceededException tooLarge(long maxBytes) {
        return new LimitExceededException(ModelLimits.INPUT_CHARS, maxBytes,
                "the diagram source is larger than " + ModelLimits.bytes(maxBytes) + " (EXPORT_MAX_SOURCE_BYTES)");
    }

    private static ApiException invalid(String what) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_encoding", "Cannot decode the diagram: " + what + ".");
    }

}
