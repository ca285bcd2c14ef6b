package com.autograph.document.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seed, the mutations applied to it, and the resulting text: what a failure report
 * shows.
 */
record FuzzInput(Target target, Target.Seed seed, List<Mutation> mutations, String text) {

    private static final int MAX_MUTATIONS = 6;

    static FuzzInput of(Target target, Target.Seed seed, List<Mutation> mutations) {
        return new FuzzInput(target, seed, List.copyOf(mutations), apply(seed.text(), mutations, target.seeds()));
    }

    /**
     * One input drawn from {@code random}: a seed and up to six mutations (none,
     * sometimes, to replay the seed).
     */
    static FuzzInput generate(Target target, Random random) {
        List<Target.Seed> seeds = target.seeds();
        Target.Seed seed = seeds.get(random.nextInt(seeds.size()));
        int count = random.nextInt(MAX_MUTATIONS + 1);
        List<Mutation> mutations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            mutations.add(mutation(target, random));
        }
        return of(target, seed, mutations);
    }

    private static Mutation mutation(Target target, Random r) {
        int pos = r.nextInt(Integer.MAX_VALUE);
        int kinds = target == Target.DRAWIO ? 12 : 10;
        return switch (r.nextInt(kinds)) {
            case 0 -> new Mutation.FlipBit(pos, r.nextInt(16));
            case 1 -> new Mutation.Truncate(pos);
            case 2 -> new Mutation.Delete(pos, 1 + r.nextInt(64));
            case 3, 4 -> new Mutation.Insert(pos, token(target, r));
            case 5 -> new Mutation.Splice(pos, r.nextInt(target.seeds().size()), r.nextInt(Integer.MAX_VALUE),
                    1 + r.nextInt(512));
            case 6 -> new Mutation.Repeat(pos, 1 + r.nextInt(64), 2 + r.nextInt(400));
            case 7 -> new Mutation.Nest(pos, pick(target.nests, r),
                    r.nextBoolean() ? 1 + r.nextInt(64) : 1000 + r.nextInt(19_000));
            case 8 -> new Mutation.Number(pos, pick(Target.HUGE_NUMBERS, r));
            case 9 -> new Mutation.Insert(pos, pick(Target.NASTY, r));
            default -> new Mutation.CompressPage(r.nextInt(Mutation.CompressPage.VARIANTS), pos);
        };
    }

    private static String token(Target target, Random r) {
        return r.nextInt(3) == 0 ? pick(Target.NASTY, r) : pick(target.tokens, r);
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    static String apply(String text, List<Mutation> mutations, List<Target.Seed> seeds) {
        String out = text;
        for (Mutation m : mutations) {
            out = m.apply(out, seeds);
            if (out.length() > FuzzSettings.MAX_INPUT) {
                out = out.substring(0, FuzzSettings.MAX_INPUT);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "seed " + seed + ", mutations " + Harness.escape(mutations.toString(), 1000) + ", " + text.length()
                + " chars: " + Harness.escape(text, 2000);
    }
}
