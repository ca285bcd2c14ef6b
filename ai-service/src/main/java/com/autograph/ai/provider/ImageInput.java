package com.autograph.ai.provider;

import java.util.Base64;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * A picture for image → diagram, already checked: at most the configured size and one of
 * the formats every provider reads, told by its first bytes (a name or a declared type
 * can lie). The picture itself is never decoded here; the provider reads it.
 */
record ImageInput(byte[] bytes, String mediaType) {

    /** Checks {@code bytes} (already within the size limit) and names their type. */
    static ImageInput of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "image is empty.");
        }
        String type = sniff(bytes);
        if (type == null) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_image",
                    "image must be PNG, JPEG, GIF or WebP (its first bytes are none of them).");
        }
        return new ImageInput(bytes, type);
    }

    /** The media types a declared {@code media_type} may name. */
    static final java.util.Set<String> TYPES = java.util.Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** The longest base64 text (padded) of a picture of at most {@code maxBytes}. */
    static long base64Length(long maxBytes) {
        return (maxBytes + 2) / 3 * 4;
    }

    /**
     * A picture sent as base64 (its encoded length already checked against the limit):
     * decoded, checked like an upload, and of the declared type when one is given.
     */
    static ImageInput ofBase64(String base64, String declaredType, long maxBytes) {
        if (declaredType != null && !TYPES.contains(declaredType.toLowerCase(java.util.Locale.ROOT))) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_image",
                    "media_type must be image/png, image/jpeg, image/gif or image/webp.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        }
        catch (IllegalArgumentException ex) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "image_base64 is not base64 (standard alphabet, padded).");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        ImageInput input = of(bytes);
        if (declaredType != null && !declaredType.equalsIgnoreCase(input.mediaType())) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_image",
                    "media_type says " + declaredType + " but the picture is " + input.mediaType() + ".");
        }
        return input;
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "image_too_large",
                "image is larger than the limit of " + maxBytes + " bytes.");
    }

    String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

}
