package com.autograph.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves forward, to cross expiry and idle limits without waiting. */
public final class MutableClock extends Clock {

    private final boolean ticking;

    private volatile Instant now;

    private volatile Duration offset = Duration.ZERO;

    public MutableClock(Instant start) {
        this(start, false);
    }

    private MutableClock(Instant start, boolean ticking) {
        this.now = start;
        this.ticking = ticking;
    }

    /** Stands still at the current time until moved. */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /**
     * Runs with the system clock, plus whatever {@link #advance} added: for code that
     * also signs or compares with real time elsewhere (signatures checked against the
     * system clock).
     */
    public static MutableClock ticking() {
        return new MutableClock(Instant.now(), true);
    }

    public void advance(Duration duration) {
        if (ticking) {
            offset = offset.plus(duration);
        }
        else {
            now = now.plus(duration);
        }
    }

    @Override
    public Instant instant() {
        return ticking ? Instant.now().plus(offset) : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

}
