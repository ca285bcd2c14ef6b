package com.autograph.document.fuzz;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed seed, unchanged, through its target under the fuzz rules: the
 * regression half of fuzzing (inputs that once crashed a parser are kept in the corpus
 * and replayed here on every build).
 */
class SeedCorpusTest {

    static Stream<Arguments> seeds() {
        return Arrays.stream(Target.values()).flatMap(t -> t.seeds().stream().map(s -> Arguments.of(t, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seeds")
    void seedIsReadUnderTheFuzzRules(Target target, Target.Seed seed) {
        Harness.check(target, seed.text(), "seed " + seed);
    }

}
