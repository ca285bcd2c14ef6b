package com.autograph.diagram.upload;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.util.unit.DataSize;

import com.autograph.shared.error.ApiException;

/**
 * Bounds the uploaded bytes that imports and pictures sent for a canvas
 * ({@code POST …/uploads}) read at the same time. Each import is bounded by the limits,
 * their number is not: a 10 MB draw.io file peaks near 200 MB of heap, so two at once in
 * a 320 MB service would end in an OutOfMemoryError for everyone. An import takes its
 * size (in KiB) from a shared budget for as long as it is read, waits up to
 * {@code busyWait} for room, and is otherwise answered 429 with Retry-After: a client's
 * burst must not count as the service failing (a 503 would open the gateway's breaker for
 * all).
 */
public class ImportBudget {

    /**
     * Imports that may wait for room at once; more are answered 429 at once. Each waiting
     * import holds a request thread for up to {@code busyWait}, so an unbounded queue
     * would let one burst take the threads everyone else needs.
     */
    static final int MAX_WAITING = 4;

    private final Semaphore kibibytes;

    private final int capacity;

    private final Duration wait;

    /**
     * @param maxBytesInFlight what everything being read at once may add up to
     * ({@code import.max-bytes-in-flight})
     * @param busyWait how long a request waits for room ({@code import.busy-wait})
     */
    public ImportBudget(DataSize maxBytesInFlight, Duration busyWait) {
        this.capacity = (int) Math.min(Integer.MAX_VALUE, maxBytesInFlight.toKilobytes());
        this.kibibytes = new Semaphore(capacity, true);
        this.wait = busyWait;
    }

    /**
     * Room for {@code bytes} while the returned permit is open; 429 when none frees up in
     * time.
     */
    public Permit reserve(long bytes) throws InterruptedException {
        int cost = (int) Math.min(capacity, Math.max(1, (bytes + 1023) / 1024));
        // The timed form even for "now": the untimed one would jump the queue of waiting
        // imports.
        boolean room = kibibytes.tryAcquire(cost, 0, TimeUnit.MILLISECONDS)
                || (waiting() < MAX_WAITING && kibibytes.tryAcquire(cost, wait.toMillis(), TimeUnit.MILLISECONDS));
        if (!room) {
            throw ApiException.tooManyRequests("imports_busy",
                    "The service is reading as many imports and pictures as its memory allows; try again in a few seconds.",
                    5);
        }
        return () -> kibibytes.release(cost);
    }

    /** Imports waiting for room now (an estimate, as the semaphore's queue length is). */
    int waiting() {
        return kibibytes.getQueueLength();
    }

    /** Released when the import has been read (try-with-resources). */
    public interface Permit extends AutoCloseable {

        @Override
        void close();

    }

}
