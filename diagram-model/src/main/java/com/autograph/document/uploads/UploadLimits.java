package com.autograph.document.uploads;

/**
 * What the pictures and long texts one import moves into object storage may cost.
 *
 * @param maxImageBytes bytes of one picture, decoded
 * @param maxBytesPerFile bytes of every picture and long text of one file together
 * @param maxImagePixels width × height of one picture: whatever later decodes it (a
 * browser, export's renderer) needs about four bytes a pixel
 */
public record UploadLimits(long maxImageBytes, long maxBytesPerFile, long maxImagePixels) {

    public static final String IMAGE_BYTES = "uploads.max-image-bytes";

    public static final String BYTES_PER_FILE = "uploads.max-bytes-per-file";

    public static final String IMAGE_PIXELS = "uploads.max-image-pixels";

    private static final long MIB = 1024 * 1024;

    /** 5 MB a picture, 10 MB a file, 40 megapixels (e.g. 8000 × 5000). */
    public static final UploadLimits DEFAULTS = new UploadLimits(5 * MIB, 10 * MIB, 40_000_000);

    public UploadLimits {
        if (maxImageBytes < 1 || maxBytesPerFile < 1 || maxImagePixels < 1) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
    }

}
