package com.autograph.diagram.version;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.autograph.diagram.version.VersionRules.Outcome;
import com.autograph.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that decide which edits become versions, with a clock the test moves (no
 * waiting).
 */
class VersionRulesTest {

    private final VersionRules rules = new VersionRules(Duration.ofMinutes(5), 10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));

    @Test
    void theDefaultsAreFiveMinutesAndTenShapes() {
        VersionRules defaults = VersionRules.of(new VersionProperties(Duration.ofMinutes(5), 10, Duration.ofMinutes(15),
                new VersionProperties.Compression(Duration.ofDays(1), 10, 200),
                new VersionProperties.Retention(null, 50)));
        assertThat(defaults).isEqualTo(rules);
    }

    @Test
    void aFirstChangeIsKeptAtOnceThenAChangedHeadOncePerInterval() {
        assertThat(rules.afterEdit(true, 0, false)).isEqualTo(Outcome.AUTOSAVE_IF_DUE);
        assertThat(rules.autosaveDue(Optional.empty(), clock.instant())).as("no version yet").isTrue();

        Instant kept = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        assertThat(rules.autosaveDue(Optional.of(kept), clock.instant())).isFalse();
        clock.advance(Duration.ofMinutes(4).minusMillis(1));
        assertThat(rules.autosaveDue(Optional.of(kept), clock.instant())).as("a millisecond short").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(rules.autosaveDue(Optional.of(kept), clock.instant())).as("exactly the interval").isTrue();
        clock.advance(Duration.ofHours(3));
        assertThat(rules.autosaveDue(Optional.of(kept), clock.instant())).isTrue();
    }

    @Test
    void aVersionFromTheFutureIsNeverDue() {
        // Another instance's clock ahead of ours: no autosave until ours passes it by the
        // interval.
        Clock behind = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
        assertThat(rules.autosaveDue(Optional.of(behind.instant().plusSeconds(30)), behind.instant())).isFalse();
    }

    @Test
    void unchangedContentMakesNothingUnlessSavedExplicitly() {
        assertThat(rules.afterEdit(false, 0, false)).isEqualTo(Outcome.NOTHING);
        assertThat(rules.afterEdit(false, 0, true)).isEqualTo(Outcome.SAVE);
        assertThat(rules.afterEdit(true, 3, true)).isEqualTo(Outcome.SAVE);
    }

    @Test
    void deletingTheThresholdOfShapesOrMoreIsAMajorEditEvenWhenSaved() {
        assertThat(rules.afterEdit(true, 9, false)).isEqualTo(Outcome.AUTOSAVE_IF_DUE);
        assertThat(rules.afterEdit(true, 10, false)).isEqualTo(Outcome.MAJOR_EDIT);
        assertThat(rules.afterEdit(true, 12, true)).isEqualTo(Outcome.MAJOR_EDIT);
        // Deleting counts only for a change (ids gone with nothing else different cannot
        // happen; the count is 0 then).
        assertThat(rules.afterEdit(false, 12, false)).isEqualTo(Outcome.NOTHING);
    }

}
