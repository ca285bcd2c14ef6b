package com.autograph.export.render;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every {@link Renderer}, by format: the one entry point of the rendering core.
 * Thread-safe.
 */
public final class Renderers {

    private final Map<ExportFormat, Renderer> byFormat = new EnumMap<>(ExportFormat.class);

    private final RenderLimits limits;

    /** Every format, within {@code limits}. */
    public Renderers(RenderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        for (Renderer r : Catalog.all(limits)) {
            byFormat.put(r.format(), r);
        }
    }

    public RenderLimits limits() {
        return limits;
    }

    /** The renderer of a format; every {@link ExportFormat} has one. */
    public Renderer get(ExportFormat format) {
        Renderer r = byFormat.get(format);
        if (r == null) {
            throw new IllegalStateException("no renderer for " + format);
        }
        return r;
    }

    /**
     * The renderer of a format's URL name.
     * @throws InvalidRenderOptionException naming {@code format} for an unknown one
     */
    public Renderer get(String format) {
        return get(ExportFormat.of(format));
    }

    /** Renders in one call. */
    public RenderedExport render(ExportFormat format, RenderInput input, RenderOptions options) {
        return get(format).render(input, options);
    }

    public List<ExportFormat> formats() {
        return List.copyOf(byFormat.keySet());
    }

}
