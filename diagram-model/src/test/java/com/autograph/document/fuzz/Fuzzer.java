package com.autograph.document.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs up to {@link FuzzSettings#TRIES} generated inputs through one target, within
 * {@link FuzzSettings#BUDGET}. The inputs follow from the seed alone, so a failure
 * reported with its seed replays exactly; before reporting, the failing input's mutations
 * are cut down to those needed to still fail the same way.
 */
final class Fuzzer {

    private Fuzzer() {
    }

    static void run(Target target) {
        Random random = new Random(FuzzSettings.SEED ^ target.name().hashCode());
        long start = System.nanoTime();
        long stop = start + FuzzSettings.BUDGET.toNanos();
        int i = 0;
        for (; i < FuzzSettings.TRIES && System.nanoTime() < stop; i++) {
            FuzzInput input = FuzzInput.generate(target, random);
            AssertionError failure = failure(input);
            if (failure != null) {
                FuzzInput small = shrink(input, failure);
                throw new AssertionError("fuzz " + target + " failed at try " + (i + 1) + " (replay with -Dfuzz.seed="
                        + FuzzSettings.SEED + "): " + failure(small).getMessage(), failure(small).getCause());
            }
        }
        System.out.printf("fuzz %s: %d tries in %d ms, seed %d (-Dfuzz.seed=%d -Dfuzz.tries=%d to replay)%n", target, i,
                (System.nanoTime() - start) / 1_000_000, FuzzSettings.SEED, FuzzSettings.SEED, i);
    }

    private static AssertionError failure(FuzzInput input) {
        try {
            Harness.check(input);
            return null;
        }
        catch (AssertionError e) {
            return e;
        }
    }

    /**
     * Drops mutations one at a time while the input still fails with the same kind of
     * problem.
     */
    private static FuzzInput shrink(FuzzInput input, AssertionError original) {
        String kind = kind(original);
        FuzzInput best = input;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (int i = 0; i < best.mutations().size(); i++) {
                List<Mutation> fewer = new ArrayList<>(best.mutations());
                fewer.remove(i);
                FuzzInput candidate = FuzzInput.of(best.target(), best.seed(), fewer);
                AssertionError e = failure(candidate);
                if (e != null && kind(e).equals(kind)) {
                    best = candidate;
                    smaller = true;
                    break;
                }
            }
        }
        return best;
    }

    private static String kind(AssertionError e) {
        return e.getCause() != null ? e.getCause().getClass().getName() : e.getMessage().replaceAll(" on .*", "");
    }

}
