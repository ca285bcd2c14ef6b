package com.autograph.document.uploads;

import java.util.Locale;
import java.util.Optional;

/**
 * The raster formats an imported picture may be. SVG is not one of them: it is a document
 * that can carry scripts, event handlers and references to other addresses, so storing
 * one and serving it from our origin would need a sanitiser we would have to trust; a
 * picture that is SVG is refused with a message saying to convert it.
 */
public enum ImageType {

    PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

    private final String mediaType;

    private final String extension;

    ImageType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The type a media type names ({@code image/jpg} is a common spelling of JPEG). */
    public static Optional<ImageType> ofMediaType(String mediaType) {
        String type = mediaType.strip().toLowerCase(Locale.ROOT);
        if ("image/jpg".equals(type) || "image/pjpeg".equals(type)) {
            return Optional.of(JPEG);
        }
        for (ImageType t : values()) {
            if (t.mediaType.equals(type)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

}
