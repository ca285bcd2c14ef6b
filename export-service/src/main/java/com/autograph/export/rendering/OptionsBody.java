package com.autograph.export.rendering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import com.autograph.export.render.RenderOptions;

/**
 * Render options in a JSON body; the same names and rules as the query parameters
 * ({@link RenderOptions#fromParameters}), e.g. {@code {"scale": 2, "background":
 * "transparent"}}.
 */
public record OptionsBody(@Size(max = RenderOptions.MAX_SHAPE_IDS) List<@Size(max = 256) String> shapes,
        @Size(max = 256) String frame, Double padding, @Size(max = 32) String background, Integer scale,
        @Size(max = 16) String page, Boolean tiled, Boolean handDrawn) {

    /**
     * The options; the defaults when {@code body} is null. 400 naming the first wrong
     * one.
     */
    public static RenderOptions toOptions(OptionsBody body) {
        if (body == null) {
            return RenderOptions.DEFAULTS;
        }
        Map<String, String> parameters = new HashMap<>();
        if (body.shapes != null) {
            if (body.shapes.stream().anyMatch(id -> id == null || id.contains(","))) {
                throw new com.autograph.export.render.InvalidRenderOptionException("shapes",
                        "a shape id is a string without commas");
            }
            parameters.put("shapes", String.join(",", body.shapes));
        }
        put(parameters, "frame", body.frame);
        put(parameters, "padding", body.padding);
        put(parameters, "background", body.background);
        put(parameters, "scale", body.scale);
        put(parameters, "page", body.page);
        put(parameters, "tiled", body.tiled);
        put(parameters, "hand_drawn", body.handDrawn);
        return RenderOptions.fromParameters(parameters);
    }

    /**
     * The query parameters' options, in the order {@link RenderOptions#PARAMETERS} names
     * them.
     */
    public static RenderOptions fromQuery(String shapes, String frame, String padding, String background, String scale,
            String page, String tiled, String handDrawn) {
        Map<String, String> parameters = new HashMap<>();
        put(parameters, "shapes", shapes);
        put(parameters, "frame", frame);
        put(parameters, "padding", padding);
        put(parameters, "background", background);
        put(parameters, "scale", scale);
        put(parameters, "page", page);
        put(parameters, "tiled", tiled);
        put(parameters, "hand_drawn", handDrawn);
        return RenderOptions.fromParameters(parameters);
    }

    private static void put(Map<String, String> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
    }
}
