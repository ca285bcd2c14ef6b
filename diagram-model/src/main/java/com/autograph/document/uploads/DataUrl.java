package com.autograph.document.uploads;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import com.autograph.document.LimitExceededException;
import com.autograph.document.formats.FormatException;

/**
 * A base64 {@code data:} URL taken apart: its declared media type and its bytes. The
 * decoded size is computed from the text's length and checked against the limit before
 * anything is decoded, so a URL of megabytes over the limit costs no more memory than the
 * text it already is.
 *
 * @param mediaType the declared type, lower case, without parameters
 * @param bytes the decoded content
 */
public record DataUrl(String mediaType, byte[] bytes) {

    /**
     * Longer than any real media type with its parameters; the comma must come before.
     */
    private static final int MAX_HEADER = 256;

    /**
     * Decodes {@code url}.
     * @param limitName the limit's property name, for the message
     * @throws LimitExceededException when the content would be over {@code maxBytes}
     * @throws FormatException when it is not a base64 data URL
     */
    public static DataUrl decode(String url, long maxBytes, String limitName) {
        if (url.length() < 5 || !url.regionMatches(true, 0, "data:", 0, 5)) {
            throw new FormatException("the picture is not a data: URL");
        }
        int comma = url.indexOf(',', 5);
        if (comma < 0 || comma > MAX_HEADER) {
            throw new FormatException("the picture's data: URL has no media type and data separated by a comma");
        }
        String header = url.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!header.endsWith(";base64")) {
            throw new FormatException("the picture's data: URL is not base64 (" + header + ")");
        }
        String mediaType = header.substring(0, header.indexOf(';')).strip();
        long chars = url.length() - comma - 1L;
        // Every 4 characters are 3 bytes; padding makes it at most 2 fewer.
        long decoded = chars / 4 * 3 + Math.max(0, chars % 4 - 1) - padding(url);
        if (decoded > maxBytes) {
            throw new LimitExceededException(limitName, maxBytes, "a picture is larger than "
                    + com.autograph.document.ModelLimits.bytes(maxBytes) + " (it has " + decoded + " bytes)");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(url.substring(comma + 1).getBytes(StandardCharsets.ISO_8859_1));
            return new DataUrl(mediaType, bytes);
        }
        catch (IllegalArgumentException ex) {
            throw new FormatException("the picture's base64 is damaged (" + ex.getMessage() + ")", ex);
        }
    }

    private static int padding(String url) {
        int n = 0;
        for (int i = url.length() - 1; i >= 0 && n < 2 && url.charAt(i) == '='; i--) {
            n++;
        }
        return n;
    }

    /** The URL for {@code bytes} of {@code mediaType}. */
    public static String encode(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

}
