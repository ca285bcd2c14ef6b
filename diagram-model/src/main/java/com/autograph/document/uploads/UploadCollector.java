package com.autograph.document.uploads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;

/**
 * Gathers what one import moves out of its document, within {@link UploadLimits}: each
 * picture checked (size before decoding, type by its bytes against the type it claims,
 * pixels from its header) and the total of everything kept under the per-file limit.
 * Content seen twice is kept and counted once.
 */
public final class UploadCollector {

    private final UploadLimits limits;

    private final Map<String, Upload> uploads = new LinkedHashMap<>();

    private long total;

    public UploadCollector(UploadLimits limits) {
        this(limits, 0);
    }

    /**
     * A collector for a file that already holds {@code held} bytes of uploads: they count
     * toward {@link UploadLimits#maxBytesPerFile()} too.
     */
    public UploadCollector(UploadLimits limits, long held) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.total = Math.max(0, held);
    }

    /**
     * The picture in {@code dataUrl}; {@code what} names it in messages (e.g. "image file
     * abc").
     * @throws FormatException when it is not a base64 PNG, JPEG, GIF or WebP of the type
     * it claims
     * @throws LimitExceededException when it or the file's uploads together are too large
     */
    public Upload image(String dataUrl, String what) {
        DataUrl url;
        try {
            url = DataUrl.decode(dataUrl, limits.maxImageBytes(), UploadLimits.IMAGE_BYTES);
        }
        catch (FormatException ex) {
            throw new FormatException(what + ": " + ex.getMessage(), ex);
        }
        return add(picture(url.bytes(), url.mediaType(), limits, what));
    }

    /**
     * {@code bytes} as a picture, checked as {@link #image} checks one (size, type by its
     * bytes against {@code claimedType}, pixels from its header) but not yet counted
     * toward the file's total: see {@link #add}.
     * @throws FormatException when they are not a PNG, JPEG, GIF or WebP of the type
     * claimed
     * @throws LimitExceededException when the picture is too large
     */
    public static Upload picture(byte[] bytes, String claimedType, UploadLimits limits, String what) {
        if (bytes.length > limits.maxImageBytes()) {
            throw new LimitExceededException(UploadLimits.IMAGE_BYTES, limits.maxImageBytes(), what + " is larger than "
                    + ModelLimits.bytes(limits.maxImageBytes()) + " (it has " + bytes.length + " bytes)");
        }
        try {
            ImageHeader header = ImageHeader.read(bytes);
            ImageType claimed = ImageType.ofMediaType(claimedType)
                .orElseThrow(() -> new FormatException(
                        "the picture claims to be " + describe(claimedType) + ", which is not PNG, JPEG, GIF or WebP"));
            if (claimed != header.type()) {
                throw new FormatException(
                        "the picture claims to be " + claimed + " but its bytes are " + header.type());
            }
            if (header.pixels() > limits.maxImagePixels()) {
                throw new LimitExceededException(UploadLimits.IMAGE_PIXELS, limits.maxImagePixels(),
                        what + " is " + header.width() + " × " + header.height() + " pixels, more than "
                                + limits.maxImagePixels() + " pixels in all");
            }
            return Upload.image(bytes, header);
        }
        catch (FormatException ex) {
            throw new FormatException(what + ": " + ex.getMessage(), ex);
        }
    }

    /** A text too long for a label, kept whole. */
    public Upload text(String text) {
        return add(Upload.text(text));
    }

    /** Everything gathered, each content once, in the order first seen. */
    public List<Upload> uploads() {
        return new ArrayList<>(uploads.values());
    }

    /**
     * Keeps {@code upload} (once, however often it is added) within the file's total.
     * @throws LimitExceededException when the file's uploads would add up to more than
     * {@link UploadLimits#maxBytesPerFile()}
     */
    public Upload add(Upload upload) {
        Upload seen = uploads.get(upload.key());
        if (seen != null) {
            return seen;
        }
        if (total + upload.bytes().length > limits.maxBytesPerFile()) {
            throw new LimitExceededException(UploadLimits.BYTES_PER_FILE, limits.maxBytesPerFile(),
                    "the file's pictures and long texts add up to more than "
                            + ModelLimits.bytes(limits.maxBytesPerFile()));
        }
        total += upload.bytes().length;
        uploads.put(upload.key(), upload);
        return upload;
    }

    private static String describe(String mediaType) {
        return mediaType == null || mediaType.isEmpty() ? "no media type"
                : "'" + mediaType.replaceAll("[^a-z0-9.+/-]", "?") + "'";
    }

}
