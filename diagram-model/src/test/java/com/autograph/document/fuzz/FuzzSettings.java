package com.autograph.document.fuzz;

import java.time.Duration;

/**
 * How long the fuzz targets run, from system properties so a developer can run them
 * longer than CI does: {@code -Dfuzz.tries=100000} (inputs per target),
 * {@code -Dfuzz.seed=…} (replay a run; the seed is printed by every run),
 * {@code -Dfuzz.seconds=10} (time budget per target), {@code -Dfuzz.timeout=2000}
 * (milliseconds one input may take). The defaults keep all six targets together within
 * about a minute of {@code mvn test}, with a fixed seed so the inputs are always the same
 * ones (on a slow machine fewer of them run).
 */
final class FuzzSettings {

    static final int TRIES = Integer.getInteger("fuzz.tries", 3000);

    /**
     * Each target stops after this long even if it has tries left, so CI time stays
     * bounded on a busy machine.
     */
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 10));
    static final long SEED = Long.getLong("fuzz.seed", 1313L);
    static final Duration TIMEOUT = Duration.ofMillis(Long.getLong("fuzz.timeout", 2000));

    /**
     * Heap one input may allocate (garbage included) before it counts as a blow-up: a
     * base for parsing and layout plus a generous share per character, so only a real
     * amplification (a small input allocating without bound) trips it.
     */
    static final long ALLOCATION_BASE = 64L << 20;
    static final long ALLOCATION_PER_CHAR = 4096;

    /**
     * Mutated inputs are cut to this many characters: big enough for deep nesting, small
     * enough to be quick.
     */
    static final int MAX_INPUT = 256 * 1024;

    private FuzzSettings() {
    }

}
