package com.autograph.document.uploads;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a document refers to content kept beside it in object storage. A picture: the image
 * shape's {@code src} is {@code upload:<key>} and its {@code upload} field holds
 * {@code key}, {@code media_type}, {@code width}, {@code height} and {@code bytes}. A
 * text too long for a label: the label holds its beginning and {@code text_upload} holds
 * {@code key}, {@code media_type}, {@code bytes} and {@code chars} of the whole text. The
 * reference names no file, so a copy of the document refers to the same content.
 */
public final class UploadReferences {

    /** The {@code src} scheme of a stored picture. */
    public static final String SCHEME = "upload:";

    /** The shape field describing a stored picture. */
    public static final String IMAGE_FIELD = "upload";

    /** The shape field describing a label's whole text. */
    public static final String TEXT_FIELD = "text_upload";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private UploadReferences() {
    }

    /** Makes {@code image} show the stored picture {@code upload}. */
    public static Shape.Builder image(Shape.Builder image, Upload upload) {
        ObjectNode ref = NODES.objectNode()
            .put("key", upload.key())
            .put("media_type", upload.mediaType())
            .put("width", upload.width())
            .put("height", upload.height())
            .put("bytes", upload.bytes().length);
        return image.src(SCHEME + upload.key()).unknownField(IMAGE_FIELD, ref);
    }

    /**
     * Gives {@code shape} the beginning of {@code text} (at most {@code maxChars}, never
     * half a surrogate pair) as its label and a reference to the whole, stored as
     * {@code upload}.
     */
    public static Shape.Builder longText(Shape.Builder shape, String text, int maxChars, Upload upload) {
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        ObjectNode ref = NODES.objectNode()
            .put("key", upload.key())
            .put("media_type", upload.mediaType())
            .put("bytes", upload.bytes().length)
            .put("chars", text.length());
        return shape.text(text.substring(0, end)).unknownField(TEXT_FIELD, ref);
    }

    /**
     * The keys {@code document} refers to, each once, in shape order; malformed ones left
     * out.
     */
    public static List<String> keys(DiagramDocument document) {
        Set<String> keys = new LinkedHashSet<>();
        for (Shape shape : document.shapes()) {
            imageKey(shape).ifPresent(keys::add);
            textKey(shape).ifPresent(keys::add);
        }
        return new ArrayList<>(keys);
    }

    /**
     * The document with stored content put back in place: pictures as {@code data:} URLs
     * (of the type their bytes are), long labels whole. {@code fetch} answers the content
     * of a key, or null when there is none; such references, and content that is no
     * picture, stay as they are.
     */
    public static DiagramDocument inline(DiagramDocument document, Function<String, byte[]> fetch) {
        List<Shape> shapes = new ArrayList<>(document.shapes().size());
        boolean changed = false;
        for (Shape shape : document.shapes()) {
            Shape.Builder b = null;
            Optional<String> image = imageKey(shape);
            byte[] picture = image.isPresent() ? fetch.apply(image.get()) : null;
            ImageType type = picture != null && shape.type() == ShapeType.IMAGE ? typeOf(picture) : null;
            if (type != null) {
                b = shape.toBuilder().src(DataUrl.encode(type.mediaType(), picture)).remove(IMAGE_FIELD);
            }
            Optional<String> text = textKey(shape);
            byte[] whole = text.isPresent() ? fetch.apply(text.get()) : null;
            if (whole != null) {
                b = (b != null ? b : shape.toBuilder()).text(new String(whole, StandardCharsets.UTF_8))
                    .remove(TEXT_FIELD);
            }
            shapes.add(b == null ? shape : b.build());
            changed |= b != null;
        }
        return changed ? document.withShapes(shapes) : document;
    }

    /** What the bytes are; null when they are no picture (then the reference stays). */
    private static ImageType typeOf(byte[] picture) {
        try {
            return ImageHeader.read(picture).type();
        }
        catch (com.autograph.document.formats.FormatException ex) {
            return null;
        }
    }

    /** The key of a stored picture the shape shows. */
    public static Optional<String> imageKey(Shape shape) {
        String src = shape.src().orElse("");
        String key = src.startsWith(SCHEME) ? src.substring(SCHEME.length()) : null;
        return key != null && Upload.KEY.matcher(key).matches() ? Optional.of(key) : Optional.empty();
    }

    /** The key of the whole text of a shape whose label was too long. */
    public static Optional<String> textKey(Shape shape) {
        JsonNode ref = shape.unknownFields().get(TEXT_FIELD);
        JsonNode key = ref == null ? null : ref.get("key");
        return key != null && key.isString() && Upload.KEY.matcher(key.stringValue()).matches()
                ? Optional.of(key.stringValue()) : Optional.empty();
    }

}
