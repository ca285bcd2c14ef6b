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
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * The picture in {@code dataUrl}; {@code what} names it in messages (e.g. "image file
     * abc").
     * @throws FormatException when it is not a base64 PNG, JPEG, GIF or WebP of the type
     * it claims
     * @throws LimitExceededException when it or the file's uploads together are too large
     */
    public Upload image(String dataUrl, String what) {
        try {
            DataUrl url = DataUrl.decode(dataUrl, limits.maxImageBytes(), UploadLimits.IMAGE_BYTES);
            ImageHeader header = ImageHeader.read(url.bytes());
            ImageType claimed = ImageType.ofMediaType(url.mediaType())
                .orElseThrow(() -> new FormatException("the picture claims to be " + describe(url.mediaType())
                        + ", which is not PNG, JPEG, GIF or WebP"));
            if (claimed != header.type()) {
                throw new FormatException(
                        "the picture claims to be " + claimed + " but its bytes are " + header.type());
            }
            if (header.pixels() > limits.maxImagePixels()) {
                throw new LimitExceededException(UploadLimits.IMAGE_PIXELS, limits.maxImagePixels(),
                        what + " is " + header.width() + " × " + header.height() + " pixels, more than "
                                + limits.maxImagePixels() + " pixels in all");
            }
            return add(Upload.image(url.bytes(), header));
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

    private Upload add(Upload upload) {
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
        return mediaType.isEmpty() ? "no media type" : "'" + mediaType.replaceAll("[^a-z0-9.+/-]", "?") + "'";
    }

}
