package com.autograph.document.uploads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content an import takes out of a document to be stored beside it: a picture or a text
 * too long for a label. {@link #key()} is the SHA-256 of the bytes (lower-case hex), so
 * the same content is stored once however often it is imported.
 *
 * @param key SHA-256 of {@link #bytes()}, 64 lower-case hex digits
 * @param mediaType {@code image/png}, …, or {@link #TEXT} for a long text
 * @param bytes the content
 * @param width pixels across (0 for text)
 * @param height pixels down (0 for text)
 */
public record Upload(String key, String mediaType, byte[] bytes, int width, int height) {

    /** The media type long texts are stored as. */
    public static final String TEXT = "text/plain;charset=utf-8";

    /** What a key looks like; anything else names no upload. */
    public static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    static Upload image(byte[] bytes, ImageHeader header) {
        return new Upload(sha256(bytes), header.type().mediaType(), bytes, header.width(), header.height());
    }

    static Upload text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Upload(sha256(bytes), TEXT, bytes, 0, 0);
    }

    public boolean isImage() {
        return !TEXT.equals(mediaType);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Upload u && u.key.equals(key) && u.mediaType.equals(mediaType);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "Upload[" + key + ", " + mediaType + ", " + bytes.length + " bytes]";
    }

}
