package com.autograph.export.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to render. Every value is checked when the options are made; a wrong one is a 400
 * naming it ({@link InvalidRenderOptionException#option()}), with the names of
 * {@link #fromParameters(Map)}.
 *
 * @param shapeIds only these shapes (and connectors between them, and their frames'
 * children), cropped tightly around them; empty for the whole diagram ({@code shapes})
 * @param frameId only this frame and what is inside it, cropped to the frame; null for
 * the whole diagram; not together with shapeIds ({@code frame})
 * @param padding CSS px of room around the drawing, 0–{@value #MAX_PADDING}
 * ({@code padding})
 * @param background what is painted behind the drawing ({@code background})
 * @param scale PNG pixels per CSS px: 1, 2 or 4 ({@code scale})
 * @param pageSize PDF page ({@code page})
 * @param tiled PDF: keep the drawing at 100 % and spread it over as many pages of
 * {@code pageSize} as it needs, instead of shrinking it onto one; needs A4 or Letter
 * ({@code tiled})
 * @param handDrawn sketchy strokes (Rough-style, fixed seed: the same diagram always
 * looks the same) ({@code hand_drawn})
 */
public record RenderOptions(List<String> shapeIds, String frameId, double padding, Background background, int scale,
        PageSize pageSize, boolean tiled, boolean handDrawn) {

    public static final double DEFAULT_PADDING = 16;

    public static final double MAX_PADDING = 1_000;

    /** How many ids one selection may name. */
    public static final int MAX_SHAPE_IDS = 10_000;

    private static final int MAX_ID_LENGTH = 256;

    private static final Set<Integer> SCALES = Set.of(1, 2, 4);

    private static final Pattern FLAG = Pattern.compile("true|false|1|0|yes|no");

    /**
     * The whole diagram, 16 px padding, the document's background, 1×, one page its size.
     */
    public static final RenderOptions DEFAULTS = new RenderOptions(List.of(), null, DEFAULT_PADDING,
            Background.DOCUMENT, 1, PageSize.FIT, false, false);

    /** The parameter names {@link #fromParameters(Map)} reads. */
    public static final List<String> PARAMETERS = List.of("shapes", "frame", "padding", "background", "scale", "page",
            "tiled", "hand_drawn");

    public RenderOptions {
        if (shapeIds == null) {
            shapeIds = List.of();
        }
        if (shapeIds.size() > MAX_SHAPE_IDS) {
            throw new InvalidRenderOptionException("shapes", "at most " + MAX_SHAPE_IDS + " shape ids");
        }
        for (String id : shapeIds) {
            if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
                throw new InvalidRenderOptionException("shapes", "a shape id is 1 to " + MAX_ID_LENGTH + " characters");
            }
        }
        shapeIds = List.copyOf(new LinkedHashSet<>(shapeIds));
        if (frameId != null && (frameId.isEmpty() || frameId.length() > MAX_ID_LENGTH)) {
            throw new InvalidRenderOptionException("frame", "a frame id is 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (frameId != null && !shapeIds.isEmpty()) {
            throw new InvalidRenderOptionException("frame", "give either a frame or shapes, not both");
        }
        if (!Double.isFinite(padding) || padding < 0 || padding > MAX_PADDING) {
            throw new InvalidRenderOptionException("padding", "a number of px from 0 to " + (int) MAX_PADDING);
        }
        if (background == null) {
            background = Background.DOCUMENT;
        }
        if (!SCALES.contains(scale)) {
            throw new InvalidRenderOptionException("scale", "one of 1, 2 or 4");
        }
        if (pageSize == null) {
            pageSize = PageSize.FIT;
        }
        if (tiled && pageSize == PageSize.FIT) {
            throw new InvalidRenderOptionException("tiled", "tiling needs a page size (page=a4 or page=letter)");
        }
    }

    /**
     * Reads options from request parameters (query string or Kroki-style options); absent
     * ones keep their defaults and names not in {@link #PARAMETERS} are ignored, so a
     * caller can mix in its own. {@code shapes} is comma-separated; {@code scale} also
     * accepts {@code 2x}.
     * @throws InvalidRenderOptionException naming the first wrong option
     */
    public static RenderOptions fromParameters(Map<String, String> parameters) {
        String shapes = parameters.get("shapes");
        List<String> ids = new ArrayList<>();
        if (shapes != null && !shapes.isBlank()) {
            if (shapes.length() > MAX_SHAPE_IDS * (MAX_ID_LENGTH + 1)) {
                throw new InvalidRenderOptionException("shapes", "at most " + MAX_SHAPE_IDS + " shape ids");
            }
            for (String id : shapes.split(",", -1)) {
                ids.add(id.trim());
            }
        }
        String frame = parameters.get("frame");
        return new RenderOptions(ids, frame == null || frame.isBlank() ? null : frame.trim(),
                number(parameters.get("padding"), "padding", DEFAULT_PADDING),
                Background.parse(parameters.get("background")), scale(parameters.get("scale")),
                PageSize.parse(parameters.get("page")), flag(parameters.get("tiled"), "tiled"),
                flag(parameters.get("hand_drawn"), "hand_drawn"));
    }

    public RenderOptions withShapeIds(List<String> ids) {
        return new RenderOptions(ids, frameId, padding, background, scale, pageSize, tiled, handDrawn);
    }

    public RenderOptions withFrameId(String id) {
        return new RenderOptions(shapeIds, id, padding, background, scale, pageSize, tiled, handDrawn);
    }

    public RenderOptions withPadding(double px) {
        return new RenderOptions(shapeIds, frameId, px, background, scale, pageSize, tiled, handDrawn);
    }

    public RenderOptions withBackground(Background bg) {
        return new RenderOptions(shapeIds, frameId, padding, bg, scale, pageSize, tiled, handDrawn);
    }

    public RenderOptions withScale(int s) {
        return new RenderOptions(shapeIds, frameId, padding, background, s, pageSize, tiled, handDrawn);
    }

    public RenderOptions withPage(PageSize page, boolean tile) {
        return new RenderOptions(shapeIds, frameId, padding, background, scale, page, tile, handDrawn);
    }

    public RenderOptions withHandDrawn(boolean sketchy) {
        return new RenderOptions(shapeIds, frameId, padding, background, scale, pageSize, tiled, sketchy);
    }

    /** A stable text of every option, for cache keys. */
    public String cacheKey() {
        return "shapes=" + String.join(",", shapeIds) + ";frame=" + (frameId == null ? "" : frameId) + ";padding="
                + padding + ";background=" + background + ";scale=" + scale + ";page=" + pageSize.id() + ";tiled="
                + tiled + ";hand_drawn=" + handDrawn;
    }

    private static double number(String value, String option, double absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Double.parseDouble(value.trim());
        }
        catch (NumberFormatException e) {
            throw new InvalidRenderOptionException(option,
                    "\"" + InvalidRenderOptionException.quoted(value) + "\" is not a number");
        }
    }

    private static int scale(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("x")) {
            v = v.substring(0, v.length() - 1);
        }
        return switch (v) {
            case "1" -> 1;
            case "2" -> 2;
            case "4" -> 4;
            default -> throw new InvalidRenderOptionException("scale", "one of 1, 2 or 4");
        };
    }

    private static boolean flag(String value, String option) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!FLAG.matcher(v).matches()) {
            throw new InvalidRenderOptionException(option, "true or false");
        }
        return v.equals("true") || v.equals("1") || v.equals("yes");
    }
}
