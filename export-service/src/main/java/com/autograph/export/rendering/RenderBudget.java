package com.autograph.export.rendering;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.autograph.export.ExportProperties;
import com.autograph.shared.error.ApiException;

/**
 * How many renders one instance runs at once ({@code EXPORT_MAX_CONCURRENT_RENDERS}):
 * each may hold a picture of up to the pixel limit, and the heap is sized for that many.
 * A request waits for a slot up to {@code EXPORT_BUSY_WAIT}, then gets 429
 * {@code export_busy} with Retry-After (not 503: a burst of renders is load, not a
 * failure, and must not open the gateway's breaker). Background work (thumbnails, batch
 * jobs) takes a slot only when one is free or waits its turn.
 */
@Component
public class RenderBudget {

    private final Semaphore slots;

    private final long waitMillis;

    RenderBudget(ExportProperties properties) {
        this.slots = new Semaphore(properties.maxConcurrentRenders(), true);
        this.waitMillis = properties.busyWait().toMillis();
    }

    /**
     * Runs {@code render} in a slot, waiting up to the busy wait for one; 429 when none
     * frees.
     */
    public <T> T run(Supplier<T> render) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ApiException.tooManyRequests("export_busy",
                    "Every render slot is busy; retry after Retry-After seconds.", Math.max(1, waitMillis / 1000));
        }
        try {
            return render.get();
        }
        finally {
            slots.release();
        }
    }

    /** Runs {@code render} when a slot is free now; empty (nothing run) otherwise. */
    public <T> Optional<T> runIfFree(Supplier<T> render) {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(render.get());
        }
        finally {
            slots.release();
        }
    }

    /**
     * Runs {@code render} when a slot frees, however long that takes (batch jobs: no
     * request waits).
     */
    public <T> T runWhenFree(Supplier<T> render) throws InterruptedException {
        slots.acquire();
        try {
            return render.get();
        }
        finally {
            slots.release();
        }
    }

}
