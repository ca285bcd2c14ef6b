package com.autograph.export.rendering;

import org.springframework.stereotype.Component;

import com.autograph.export.render.ExportFormat;
import com.autograph.export.render.RenderInput;
import com.autograph.export.render.RenderOptions;
import com.autograph.export.render.Renderers;

/**
 * One export: from the cache when it has it, otherwise rendered in a {@link RenderBudget}
 * slot and cached. The result's ETag is the cache key.
 */
@Component
public class Exporter {

    /**
     * The bytes of an export, their Content-Type, the ETag (quoted) and whether the cache
     * had them.
     */
    public record Export(byte[] bytes, String mediaType, String etag, boolean cached) {
    }

    private final Renderers renderers;

    private final RenderCache cache;

    private final RenderBudget budget;

    Exporter(Renderers renderers, RenderCache cache, RenderBudget budget) {
        this.renderers = renderers;
        this.cache = cache;
        this.budget = budget;
    }

    /** The ETag a render of this input would have (quoted), without rendering it. */
    public static String etag(ExportFormat format, RenderInput input, RenderOptions options) {
        return quoted(RenderCache.key(format, input, options));
    }

    /** For a request: waits for a render slot up to the busy wait (then 429). */
    public Export export(ExportFormat format, RenderInput input, RenderOptions options) {
        String key = RenderCache.key(format, input, options);
        return cache.get(key, format)
            .map(bytes -> new Export(bytes, format.mediaType(), quoted(key), true))
            .orElseGet(() -> budget.run(() -> render(key, format, input, options)));
    }

    /** For background work: waits as long as it takes for a render slot. */
    public Export exportInBackground(ExportFormat format, RenderInput input, RenderOptions options)
            throws InterruptedException {
        String key = RenderCache.key(format, input, options);
        var hit = cache.get(key, format);
        if (hit.isPresent()) {
            return new Export(hit.get(), format.mediaType(), quoted(key), true);
        }
        return budget.runWhenFree(() -> render(key, format, input, options));
    }

    private Export render(String key, ExportFormat format, RenderInput input, RenderOptions options) {
        byte[] bytes = renderers.render(format, input, options).bytes();
        cache.put(key, format, bytes);
        return new Export(bytes, format.mediaType(), quoted(key), false);
    }

    private static String quoted(String key) {
        return "\"" + key + "\"";
    }

}
