package com.autograph.diagram.version;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a PUT/PATCH makes versions, apart from the database:
 * {@link VersionRecorder#afterEdit} gathers the facts (did the content change, how many
 * shapes went, when was the newest version made) and asks here.
 *
 * @param autosaveInterval a changed head is kept when the newest version is at least this
 * old
 * @param majorEditShapes deleting this many shapes or more keeps the states before and
 * after at once
 */
record VersionRules(Duration autosaveInterval, int majorEditShapes) {

    /** What an edit keeps. */
    enum Outcome {

        /** Nothing (unchanged content, or a change within the autosave interval). */
        NOTHING,
        /** The state before (unless history has it) and the new head. */
        MAJOR_EDIT,
        /** The new head, now (an explicit save). */
        SAVE,
        /** The new head, if the newest version is old enough ({@link #autosaveDue}). */
        AUTOSAVE_IF_DUE

    }

    static VersionRules of(VersionProperties properties) {
        return new VersionRules(properties.autosaveInterval(), properties.majorEditShapes());
    }

    /**
     * A major edit wins over an explicit save; unchanged content makes nothing unless
     * saved explicitly.
     */
    Outcome afterEdit(boolean changed, int deletedShapes, boolean explicitSave) {
        if (changed && deletedShapes >= majorEditShapes) {
            return Outcome.MAJOR_EDIT;
        }
        if (explicitSave) {
            return Outcome.SAVE;
        }
        return changed ? Outcome.AUTOSAVE_IF_DUE : Outcome.NOTHING;
    }

    /**
     * Due when there is no version yet, or the newest one is at least the interval old at
     * {@code now}.
     */
    boolean autosaveDue(Optional<Instant> newestVersionAt, Instant now) {
        return newestVersionAt.map(at -> !at.isAfter(now.minus(autosaveInterval))).orElse(true);
    }
}
